// The Official Account door end to end: the real Kefu on 127.0.0.1:0, a real SQLite file, a loopback WeChat API.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertMessage } from '../../../src/store/messages';
import { enqueueOutbound } from '../../../src/store/outbox';
import { startFakeWechatApi, type FakeWechatApi } from '../../fakes/wechat-api';
import { SAMPLE_FAQ, startKefu, tempDir, type RunningKefu } from '../../helpers/kefu';
import { eventPush, MP, mpEnv, OPENID, postPush, postRaw, textPush } from './mpClient';

let api: FakeWechatApi;
let k: RunningKefu;
beforeEach(async () => {
  api = await startFakeWechatApi(MP.appId, MP.secret);
  k = await startKefu(mpEnv(api.url));
});
afterEach(async () => {
  await k.stop();
  await api.close();
});

const count = (sql: string) => (k.kefu.db.prepare(sql).get() as { n: number }).n;
const inbound = () => count(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'`);
const answer = () => k.kefu.matcher().entry('account.password-reset')!.answer!.trim();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WeChat official account webhook', () => {
  it('answers URL verification with echostr as received, and 401 to a bad signature', async () => {
    const ok = await fetch(`${k.url}/wechat/mp?signature=76480565cbe296026c53aaacd1ad523a1ddba24f&timestamp=1409304348&nonce=xxxxxx&echostr=5927782489442352469`);
    expect([ok.status, await ok.text()]).toEqual([200, '5927782489442352469']);
    const bad = await fetch(`${k.url}/wechat/mp?signature=0000&timestamp=1409304348&nonce=xxxxxx&echostr=1`);
    expect(bad.status).toBe(401);
  });

  it('answers an FAQ question with a passive text reply (plain mode)', async () => {
    const res = await postPush(k.url, textPush('忘记密码怎么办'));
    expect(res.reply).toMatchObject({ ToUserName: OPENID, FromUserName: MP.gh, MsgType: 'text', Content: answer() });
  });

  it.each(['safe', 'compatible'] as const)('round-trips an encrypted question and answer (%s mode)', async (mode) => {
    const res = await postPush(k.url, textPush('忘记密码怎么办'), mode);
    expect(res.body).toContain('<Encrypt>');
    expect(res.body).not.toContain('忘记密码');
    expect(res.reply).toMatchObject({ ToUserName: OPENID, FromUserName: MP.gh, Content: answer() });
  });

  it('answers WeChat retries once: three concurrent deliveries and one after a restart', async () => {
    const push = textPush('转人工', '4363689963896700987');
    const replies = await Promise.all([1, 2, 3].map(() => postPush(k.url, push, 'safe')));
    expect(new Set(replies.map((r) => r.reply!.Content)).size).toBe(1);
    expect(replies[0].reply!.Content).toContain('工单');
    const dataDir = k.dataDir;
    await k.kefu.stop();
    k = await startKefu({ ...mpEnv(api.url), KEFU_DATA_DIR: dataDir });
    const again = await postPush(k.url, push, 'safe');
    expect(again.reply!.Content).toBe(replies[0].reply!.Content);
    expect(inbound()).toBe(1);
    expect(count(`SELECT COUNT(*) AS n FROM tickets`)).toBe(1);
    expect(count(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'out'`)).toBe(1);
  });

  it('keeps MsgIds of different players apart (they collide, protocols.md §1.3)', async () => {
    await postPush(k.url, textPush('忘记密码怎么办', '1000'));
    const other = await postPush(k.url, textPush('忘记密码怎么办', '1000', 'oOtherPlayer000000000000001'));
    expect(other.reply!.Content).toBe(answer());
    expect(inbound()).toBe(2);
  });

  it.each([
    ['a bad signature', () => postRaw(k.url, textPush('hi'), 'f'.repeat(40)), 401],
    ['malformed XML', () => postRaw(k.url, '<xml><Content>hi</xml>'), 400],
    ['an entity-expansion bomb', () => postRaw(k.url, `<!DOCTYPE x [<!ENTITY a "${'a'.repeat(100)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>`), 400],
    ['an external entity', () => postRaw(k.url, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>'), 400],
    ['a 2 MB body', () => postRaw(k.url, 'a'.repeat(2 * 1024 * 1024)), 413],
    ['missing fields', () => postRaw(k.url, '<xml><Content>hi</Content></xml>'), 400],
    ['a message for another appid', async () => (await postPush(k.url, textPush('hi'), 'safe', 'wx0000000000000000')), 400],
  ])('rejects %s and stores nothing', async (_name, send, status) => {
    expect((await send()).status).toBe(status);
    expect(inbound()).toBe(0);
    expect((await postPush(k.url, textPush('忘记密码怎么办'))).reply!.Content).toBe(answer());
  });

  it('rejects a bad msg_signature in safe mode', async () => {
    const q = new URLSearchParams({ signature: '76480565cbe296026c53aaacd1ad523a1ddba24f', timestamp: '1409304348', nonce: 'xxxxxx', encrypt_type: 'aes', msg_signature: '0'.repeat(40) });
    const res = await fetch(`${k.url}/wechat/mp?${q}`, { method: 'POST', body: '<xml><Encrypt><![CDATA[abcd]]></Encrypt></xml>' });
    expect(res.status).toBe(401);
    expect(inbound()).toBe(0);
  });

  it('stores an unknown message type and answers politely', async () => {
    const xml = textPush('x').replace('<MsgType><![CDATA[text]]></MsgType>', '<MsgType><![CDATA[location]]></MsgType>');
    const res = await postPush(k.url, xml);
    expect(res.reply!.Content).toBe('请用文字描述您遇到的问题～');
    expect(inbound()).toBe(1);
  });

  it('welcomes a new follower with faq/welcome.yaml', async () => {
    const res = await postPush(k.url, eventPush('subscribe'), 'safe');
    expect(res.reply!.Content).toContain('欢迎关注');
  });

  it('answers menu clicks from faq/menu.yaml: an FAQ entry, and a question that hands off', async () => {
    expect((await postPush(k.url, eventPush('CLICK', 'FAQ_PASSWORD'))).reply!.Content).toBe(answer());
    expect((await postPush(k.url, eventPush('CLICK', 'CONTACT_HUMAN'))).reply!.Content).toContain('工单');
    expect((await postPush(k.url, eventPush('CLICK', 'NO_SUCH_KEY'))).body).toBe('success');
  });

  it('answers "success" and sends through the customer-service API when the answer is too long to go inline', async () => {
    await k.stop();
    const faq = tempDir();
    cpSync(SAMPLE_FAQ, faq, { recursive: true });
    writeFileSync(join(faq, 'long.yaml'), `- id: test.long-answer\n  questions: [长回答测试]\n  answer: "${'很长的回答。'.repeat(200)}"\n`);
    k = await startKefu({ ...mpEnv(api.url), KEFU_FAQ_DIR: faq });
    const res = await postPush(k.url, textPush('长回答测试'));
    expect(res.body).toBe('success');
    for (let i = 0; i < 50 && !api.sent.length; i++) await sleep(20);
    expect(api.sent).toEqual([{ touser: OPENID, msgtype: 'text', text: { content: expect.stringContaining('很长的回答') } }]);
  });

  it("records WeChat's 45015 refusal of an agent reply on the message, and shows 40164 in /healthz", async () => {
    await postPush(k.url, textPush('转人工'));
    api.failNext(45015);
    const conv = k.kefu.db.prepare(`SELECT id, address FROM conversations`).get() as { id: number; address: string };
    const messageId = insertMessage(k.kefu.db, { conversationId: conv.id, direction: 'out', sender: 'agent', channel: 'wechat-mp', account: MP.gh, kind: 'text', text: '您好，我是客服', createdAt: Date.now() });
    enqueueOutbound(k.kefu.db, { messageId, address: JSON.parse(conv.address), status: 'pending', at: Date.now() });
    k.kefu.events.emit('queued');
    const status = () => k.kefu.db.prepare('SELECT status, last_error AS error FROM outbox WHERE message_id = ?').get(messageId) as { status: string; error: string };
    for (let i = 0; i < 100 && status().status !== 'failed'; i++) await sleep(20);
    expect(status()).toEqual({ status: 'failed', error: expect.stringContaining('48 小时') });

    await postPush(k.url, textPush('还在吗')); // reopens the window
    api.tokenError = 40164;
    api.revokeTokens();
    await k.kefu.channels.get('wechat-mp')!.send(JSON.parse(conv.address), { text: 'again' });
    const health = await (await fetch(`${k.url}/healthz`)).json();
    expect(health.channels['wechat-mp']).toEqual({ ok: false, detail: expect.stringContaining('40164') });
  });
});
