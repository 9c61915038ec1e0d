// Finding 4 of issue 17: at SIGTERM the outbox takes no new work, sends under way finish, and a restart
// sends what was left exactly once; a long poll gets a clean empty answer instead of a cut connection.
import { openConversation } from '../../src/store/conversations';
import { openStore } from '../../src/store/db';
import { insertMessage } from '../../src/store/messages';
import { enqueueOutbound } from '../../src/store/outbox';
import { upsertPlayer } from '../../src/store/players';
import { startFakeQqApi, type FakeQqApi } from '../fakes/qq-api';
import { startChild, type ChildKefu } from '../helpers/child';
import { startKefu, tempDir } from '../helpers/kefu';
import { until } from '../helpers/wait';
import { APP } from '../adapters/qq-official/callbacks';

jest.setTimeout(180_000); // real processes on a machine shared by many builds

const children: ChildKefu[] = [];
afterAll(() => children.forEach((c) => c.alive() && c.child.kill('SIGKILL'))); // even when an expectation failed

it('a waiting long poll gets a clean empty answer at shutdown', async () => {
  const k = await startKefu();
  await fetch(`${k.url}/webchat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: 'poller-1', text: '你好' }) });
  const poll = fetch(`${k.url}/webchat/api/messages?sessionId=poller-1&after=999999`);
  await new Promise((r) => setTimeout(r, 300)); // the poll is waiting
  await k.stop();
  const res = await poll;
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ messages: [] });
});

describe('SIGTERM with a backlog and a slow vendor', () => {
  let api: FakeQqApi;
  beforeAll(async () => {
    api = await startFakeQqApi(APP.id, APP.secret);
  });
  afterAll(() => api.close());

  /** `n` agent replies to QQ players waiting in the outbox, each to its own player message. */
  function seedBacklog(dataDir: string, n: number): void {
    const db = openStore(dataDir);
    const at = Date.now();
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const address = { channel: 'qq-official' as const, account: APP.id, userId: `PLAYER${i}`, replyContext: { scope: 'c2c', msgId: `m${i}`, sentAt: at } };
        const player = upsertPlayer(db, { channel: 'qq-official', account: APP.id, userId: address.userId, language: 'zh', at });
        const conversation = openConversation(db, player.id, address, at);
        const messageId = insertMessage(db, { conversationId: conversation.id, direction: 'out', sender: 'agent', channel: 'qq-official', account: APP.id, kind: 'text', text: `回复 ${i}`, createdAt: at });
        enqueueOutbound(db, { messageId, address, status: 'pending', at });
      }
    })();
    db.close();
  }

  it('sends nothing twice across the restart, and every reply once', async () => {
    const N = 200;
    const dataDir = tempDir();
    seedBacklog(dataDir, N);
    const env = { KEFU_QQ_APPID: APP.id, KEFU_QQ_SECRET: APP.secret, KEFU_QQ_API_BASE: api.url, KEFU_QQ_AUTH_BASE: api.url, KEFU_DATA_DIR: dataDir };
    api.delayMs = 1500; // each answer takes 1.5 s: the backlog would take 15 s to drain
    const first = await startChild(env);
    children.push(first);
    await until(() => api.sent.length > 0, 60_000);
    first.child.kill('SIGTERM');
    // A supervisor (systemd, Kubernetes) waits a while, then kills: here 8 s.
    const killer = setTimeout(() => first.child.kill('SIGKILL'), 8000);
    const code = await first.exited;
    clearTimeout(killer);
    expect(code).toBe(0); // it stopped in time by itself
    expect(api.sent.length).toBeLessThan(N); // it stopped taking work: most of the backlog is still waiting

    api.delayMs = 0;
    const second = await startChild(env);
    children.push(second);
    await until(() => api.sent.length + api.refused.length >= N, 60_000);
    await second.stop();
    const sentTo = api.sent.map((s) => s.body.msg_id);
    expect(new Set(sentTo).size).toBe(N); // every reply delivered…
    expect(sentTo).toHaveLength(N); // …once
    expect(api.refused).toEqual([]); // and none even tried again with its msg_seq
  });
});
