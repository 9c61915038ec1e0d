// The QQ official bot end to end: signed callbacks into the real Kefu, replies through a loopback QQ API.
import { sign } from 'node:crypto';
import { enqueueOutbound } from '../../../src/store/outbox';
import { insertMessage } from '../../../src/store/messages';
import { startFakeQqApi, type FakeQqApi } from '../../fakes/qq-api';
import { startKefu, tempDir, type RunningKefu } from '../../helpers/kefu';
import { sleep, until } from '../../helpers/wait';
import { APP, c2c, callback as postCallback, GROUP, groupAt, keys, PLAYER } from './callbacks';

let api: FakeQqApi;
let k: RunningKefu;
const env = () => ({ KEFU_QQ_APPID: APP.id, KEFU_QQ_SECRET: APP.secret, KEFU_QQ_API_BASE: api.url, KEFU_QQ_AUTH_BASE: api.url });
beforeEach(async () => {
  api = await startFakeQqApi(APP.id, APP.secret);
  k = await startKefu(env());
});
afterEach(async () => {
  await k.stop();
  await api.close();
});

const callback = (payload: object, signature?: string) => postCallback(k.url, payload, signature);
const answer = () => k.kefu.matcher().entry('account.password-reset')!.answer!.trim();
const outbox = () => k.kefu.db.prepare('SELECT status, last_error AS error FROM outbox ORDER BY id').all() as { status: string; error: string | null }[];

/** What the desk does for an agent's reply: store it, put it in the outbox, wake the worker. */
function agentReply(text: string): number {
  const c = k.kefu.db.prepare('SELECT id, address FROM conversations ORDER BY id DESC').get() as { id: number; address: string };
  const messageId = insertMessage(k.kefu.db, { conversationId: c.id, direction: 'out', sender: 'agent', channel: 'qq-official', account: APP.id, kind: 'text', text, createdAt: Date.now() });
  enqueueOutbound(k.kefu.db, { messageId, address: JSON.parse(c.address), status: 'pending', at: Date.now() });
  k.kefu.events.emit('queued');
  return messageId;
}

describe('QQ official bot webhook', () => {
  it('answers op 13 with the signed plain_token (official vector)', async () => {
    const res = await callback({ op: 13, d: { plain_token: 'Arq0D5A61EgUu4OxUvOp', event_ts: '1725442341' } });
    expect(await res.json()).toEqual({
      plain_token: 'Arq0D5A61EgUu4OxUvOp',
      signature: '87befc99c42c651b3aac0278e71ada338433ae26fcb24307bdc5ad38c1adc2d01bcfcadc0842edac85e85205028a1132afe09280305f13aa6909ffc2d652c706',
    });
  });

  it('refuses a bad signature with 401, op 13 included, and stores nothing', async () => {
    expect((await callback({ op: 13, d: { plain_token: 'x', event_ts: '1' } }, '0'.repeat(128))).status).toBe(401);
    expect((await callback(c2c('m1', '忘记密码怎么办'), 'ab'.repeat(64))).status).toBe(401);
    expect(k.kefu.db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('acknowledges a private message with op 12 and replies through the API with msg_id and msg_seq 1', async () => {
    const res = await callback(c2c('m1', '忘记密码怎么办'));
    expect(await res.json()).toEqual({ op: 12, d: 0 });
    await until(() => api.sent.length === 1);
    expect(api.sent).toEqual([
      { path: `/v2/users/${PLAYER}/messages`, authorization: 'QQBot QQ_TOKEN_1', body: { content: answer(), msg_type: 0, msg_id: 'm1', msg_seq: 1 } },
    ]);
  });

  it('answers an @ in a group in the group, the leading space trimmed', async () => {
    await callback(groupAt('g1', ' 忘记密码怎么办'));
    await until(() => api.sent.length === 1);
    expect(api.sent[0]).toMatchObject({ path: `/v2/groups/${GROUP}/messages`, body: { content: answer(), msg_id: 'g1', msg_seq: 1 } });
  });

  it('stores and answers a message pushed twice once (dedupe on d.id)', async () => {
    await callback(c2c('m1', '忘记密码怎么办'));
    expect(await (await callback(c2c('m1', '忘记密码怎么办'))).json()).toEqual({ op: 12, d: 0 });
    await until(() => api.sent.length === 1);
    await sleep(150);
    expect(api.sent).toHaveLength(1);
    expect(k.kefu.db.prepare(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'`).get()).toEqual({ n: 1 });
  });

  it("numbers an agent's replies msg_seq 2, 3… and refuses the sixth with a clear reason", async () => {
    await callback(c2c('m1', '忘记密码怎么办'));
    await until(() => api.sent.length === 1);
    const address = JSON.parse((k.kefu.db.prepare('SELECT address FROM conversations').get() as { address: string }).address);
    expect(k.kefu.channels.get('qq-official')!.reachability!(address)).toMatchObject({ reachable: true, remaining: 4 });
    for (const n of [2, 3, 4, 5]) agentReply(`第 ${n} 条`);
    await until(() => api.sent.length === 5);
    expect(api.sent.map((s) => [s.body.content, s.body.msg_seq])).toEqual([[answer(), 1], ['第 2 条', 2], ['第 3 条', 3], ['第 4 条', 4], ['第 5 条', 5]]);
    expect(k.kefu.channels.get('qq-official')!.reachability!(address)).toMatchObject({ reachable: false, remaining: 0 });
    agentReply('第 6 条');
    await until(() => outbox().at(-1)!.status === 'failed');
    expect(outbox().at(-1)!.error).toMatch(/已回复 5 次/);
    expect(api.sent).toHaveLength(5);
  });

  it('refuses to reply outside the passive window: 60 minutes in private, 5 in a group', async () => {
    await callback(c2c('old', '忘记密码怎么办', new Date(Date.now() - 61 * 60_000)));
    await callback(groupAt('oldg', ' 忘记密码怎么办', new Date(Date.now() - 6 * 60_000)));
    await until(() => outbox().length === 2 && outbox().every((o) => o.status === 'failed'));
    expect(outbox().map((o) => o.error)).toEqual([expect.stringMatching(/私聊消息 60 分钟内/), expect.stringMatching(/群聊消息 5 分钟内/)]);
    expect(api.sent).toEqual([]);
  });

  it('keeps the access token across a restart and renews it once when refused', async () => {
    const dataDir = tempDir();
    await k.stop();
    k = await startKefu({ ...env(), KEFU_DATA_DIR: dataDir });
    await callback(c2c('m1', '忘记密码怎么办'));
    await until(() => api.sent.length === 1);
    const row = k.kefu.db.prepare("SELECT expires_at AS expiresAt FROM vendor_state WHERE key LIKE 'qq-official:%'").get() as { expiresAt: number };
    expect(Math.abs(row.expiresAt - (Date.now() + 7200_000))).toBeLessThan(60_000); // expires_in "7200" read as a number
    await k.stop();
    k = await startKefu({ ...env(), KEFU_DATA_DIR: dataDir });
    await callback(c2c('m2', '忘记密码怎么办'));
    await until(() => api.sent.length === 2);
    expect(api.tokenFetches).toBe(1);
    api.revoke();
    await callback(c2c('m3', '忘记密码怎么办'));
    await until(() => api.sent.length === 3);
    expect([api.tokenFetches, api.sent[2].authorization]).toEqual([2, 'QQBot QQ_TOKEN_2']);
  });

  it('acknowledges other events with op 12 and stores nothing', async () => {
    const friendAdd = { op: 0, s: 3, t: 'FRIEND_ADD', id: 'FRIEND_ADD:1', d: { openid: PLAYER, timestamp: 1700000000 } };
    expect(await (await callback(friendAdd)).json()).toEqual({ op: 12, d: 0 });
    expect(await (await callback({ op: 0, t: 'C2C_MESSAGE_CREATE', d: { id: 'm1', author: {} } })).json()).toEqual({ op: 12, d: 0 });
    expect(k.kefu.db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('asks for a retry with d:1 when the message cannot be stored, and answers the retry', async () => {
    k.kefu.db.exec(`CREATE TEMP TRIGGER disk_full BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    expect(await (await callback(c2c('m1', '忘记密码怎么办'))).json()).toEqual({ op: 12, d: 1 });
    expect(k.kefu.db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 0 });
    k.kefu.db.exec('DROP TRIGGER disk_full');
    expect(await (await callback(c2c('m1', '忘记密码怎么办'))).json()).toEqual({ op: 12, d: 0 });
    await until(() => api.sent.length === 1);
    expect(api.sent[0].body).toMatchObject({ content: answer(), msg_id: 'm1', msg_seq: 1 });
  });

  it('refuses malformed JSON with 400 and a huge body with 413', async () => {
    const res = await fetch(`${k.url}/qq/webhook`, { method: 'POST', body: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    const ts = String(Math.floor(Date.now() / 1000));
    const bad = '{"op":0,';
    const sig = sign(null, Buffer.from(ts + bad), keys.privateKey).toString('hex');
    const res2 = await fetch(`${k.url}/qq/webhook`, { method: 'POST', headers: { 'x-signature-ed25519': sig, 'x-signature-timestamp': ts }, body: bad });
    expect(res2.status).toBe(400);
  });
});
