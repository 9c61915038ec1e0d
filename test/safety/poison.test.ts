// Finding 1 of issue 17: a reply that throws inside a channel's send (a QQ openid holding a lone UTF-16
// surrogate) once ended the process, and every restart retried it and ended again. The real service runs
// in its own process here, so an unhandled rejection would end it and fail the test.
import { openStore } from '../../src/store/db';
import { insertMessage } from '../../src/store/messages';
import { enqueueOutbound } from '../../src/store/outbox';
import { startFakeQqApi, type FakeQqApi } from '../fakes/qq-api';
import { startChild, type ChildKefu } from '../helpers/child';
import { tempDir } from '../helpers/tmp';
import { poll, until } from '../helpers/wait';
import { APP, callback } from '../adapters/qq-official/callbacks';

jest.setTimeout(120_000); // real services (and processes) on a machine shared by many builds

const HOSTILE_OPENID = 'E4F4AEA3\ud800325'; // a lone high surrogate
let api: FakeQqApi;
let service: ChildKefu | undefined;
const dataDir = tempDir();
const env = () => ({ KEFU_QQ_APPID: APP.id, KEFU_QQ_SECRET: APP.secret, KEFU_QQ_API_BASE: api.url, KEFU_QQ_AUTH_BASE: api.url, KEFU_DATA_DIR: dataDir });
const c2c = (id: string, openid: string, content: string) => ({
  op: 0, s: 1, t: 'C2C_MESSAGE_CREATE', id: `C2C_MESSAGE_CREATE:${id}`,
  d: { id, author: { user_openid: openid }, content, timestamp: new Date().toISOString(), attachments: [] },
});

beforeAll(async () => {
  api = await startFakeQqApi(APP.id, APP.secret);
});
afterAll(async () => {
  if (service?.alive()) service.child.kill('SIGKILL');
  await api.close();
});

/** A reply to the first conversation left in the outbox with the given address text, status and counts. */
function leaveReply(address: string, status: 'pending' | 'sending', interruptions = 0): number {
  const db = openStore(dataDir);
  try {
    const c = db.prepare('SELECT id FROM conversations ORDER BY id LIMIT 1').get() as { id: number };
    const at = Date.now();
    const messageId = insertMessage(db, { conversationId: c.id, direction: 'out', sender: 'agent', channel: 'qq-official', account: APP.id, kind: 'text', text: '您好', createdAt: at });
    enqueueOutbound(db, { messageId, address: { channel: 'qq-official', account: APP.id, userId: 'x' }, status: 'pending', at });
    db.prepare('UPDATE outbox SET address = ?, status = ?, interruptions = ? WHERE message_id = ?').run(address, status, interruptions, messageId);
    return messageId;
  } finally {
    db.close();
  }
}

function outboxRow(messageId: number): { status: string; error: string | null } {
  const db = openStore(dataDir);
  try {
    return db.prepare('SELECT status, last_error AS error FROM outbox WHERE message_id = ?').get(messageId) as { status: string; error: string | null };
  } finally {
    db.close();
  }
}

describe('a poison reply', () => {
  it('a hostile openid is cleaned where it enters: the player is answered and the service stays up', async () => {
    service = await startChild(env());
    const res = await callback(service.url, c2c('m1', HOSTILE_OPENID, '忘记密码怎么办'));
    expect(await res.json()).toEqual({ op: 12, d: 0 });
    await until(() => api.sent.length === 1, 30_000);
    expect(api.sent.map((s) => s.path)).toEqual([`/v2/users/${encodeURIComponent('E4F4AEA3\uFFFD325')}/messages`]);
    expect(service.alive()).toBe(true);
  });

  it('a reply that cannot be sent ends as failed, the others still go out, and the service stays up', async () => {
    const messageId = leaveReply('{"channel":"qq-official", damaged', 'pending');
    const row = await poll(async () => outboxRow(messageId), (r) => r.status === 'failed', 30_000);
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/地址无法读取/);
    await callback(service!.url, c2c('m2', 'PLAYER2', '忘记密码怎么办'));
    await until(() => api.sent.length === 2, 30_000);
    expect(api.sent[1].path).toBe('/v2/users/PLAYER2/messages');
    expect(service!.alive()).toBe(true);
  });

  it('a restart does not retry forever a reply that was being sent each time the process died', async () => {
    expect(await service!.stop()).toBe(0);
    const address = JSON.stringify({ channel: 'qq-official', account: APP.id, userId: 'PLAYER3', replyContext: { scope: 'c2c', msgId: 'm3', sentAt: Date.now() } });
    const messageId = leaveReply(address, 'sending', 2); // the process died twice while sending it
    service = await startChild(env());
    const row = await poll(async () => outboxRow(messageId), (r) => r.status === 'failed', 30_000);
    expect(row).toEqual({ status: 'failed', error: expect.stringMatching(/中断了 3 次/) });
    expect(api.sent.map((s) => s.path)).not.toContain('/v2/users/PLAYER3/messages');
    // …and the restarted service still answers players.
    await callback(service.url, c2c('m4', 'PLAYER4', '忘记密码怎么办'));
    await until(() => api.sent.length === 3, 30_000);
    expect(api.sent[2].path).toBe('/v2/users/PLAYER4/messages');
    expect(service.alive()).toBe(true);
  });
});
