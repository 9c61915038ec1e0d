// OneBot over the reverse WebSocket end to end: a loopback NapCat (test/fakes/onebot.ts) dials the real Kefu.
import { WebSocket } from 'ws';
import { enqueueOutbound } from '../../../src/store/outbox';
import { insertMessage } from '../../../src/store/messages';
import { FakeOnebot } from '../../fakes/onebot';
import { startKefu, type RunningKefu } from '../../helpers/kefu';
import { sleep, until } from '../../helpers/wait';

const TOKEN = 'napcat-token';
let k: RunningKefu;
let bot: FakeOnebot;
const wsUrl = () => `${k.url.replace('http', 'ws')}/onebot/ws`;
const answer = () => k.kefu.matcher().entry('account.password-reset')!.answer!.trim();
const text = (t: string) => [{ type: 'text', data: { text: t } }];
const count = (sql: string) => (k.kefu.db.prepare(sql).get() as { n: number }).n;

beforeEach(async () => {
  k = await startKefu({ KEFU_ONEBOT_ACCESS_TOKEN: TOKEN });
  bot = new FakeOnebot('10001000');
});
afterEach(async () => {
  await bot.close();
  await k.stop();
});

describe('OneBot reverse WebSocket', () => {
  it('answers private messages in both message formats', async () => {
    await bot.connect(wsUrl(), TOKEN);
    bot.privateMessage('12345678', '忘记密码怎么办', 1, 'string');
    bot.privateMessage('12345679', '忘记密码怎么办', 2, 'array');
    await until(() => bot.actions.length === 2);
    expect(bot.actions.map((a) => [a.action, a.params])).toEqual([
      ['send_private_msg', { user_id: 12345678, message: text(answer()) }],
      ['send_private_msg', { user_id: 12345679, message: text(answer()) }],
    ]);
    await until(() => count(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'`) === 2);
    expect(count(`SELECT COUNT(*) AS n FROM outbox WHERE status != 'sent'`)).toBe(0);
  });

  it('answers in a group only when @-mentioned, quoting the message and @-ing the player', async () => {
    await bot.connect(wsUrl(), TOKEN);
    bot.groupMessage('987654', '12345678', '忘记密码怎么办', 10, 'string', false);
    bot.groupMessage('987654', '12345678', '忘记密码怎么办', 11, 'array');
    bot.groupMessage('987654', '12345679', '忘记密码怎么办', 12, 'string');
    await until(() => bot.actions.length === 2);
    await sleep(100);
    const quoted = (id: string, qq: string) => [{ type: 'reply', data: { id } }, { type: 'at', data: { qq } }, ...text(` ${answer()}`)];
    expect(bot.actions.map((a) => [a.action, a.params])).toEqual([
      ['send_group_msg', { group_id: 987654, message: quoted('11', '12345678') }],
      ['send_group_msg', { group_id: 987654, message: quoted('12', '12345679') }],
    ]);
    expect(count(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'`)).toBe(2);
  });

  it("accepts go-cqhttp's `Token` authorization", async () => {
    await bot.connect(wsUrl(), TOKEN, 'Token');
    bot.privateMessage('12345678', '忘记密码怎么办', 1);
    await until(() => bot.actions.length === 1);
    expect(bot.actions[0].action).toBe('send_private_msg');
  });

  it('accepts ?access_token= beside the empty `Bearer ` NapCat sends without a token', async () => {
    const ws = new WebSocket(`${wsUrl()}?access_token=${TOKEN}`, { headers: { authorization: 'Bearer ' } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
  });

  it('refuses a wrong or missing token with 401 before the upgrade', async () => {
    for (const headers of [{ authorization: 'Bearer wrong' }, {}]) {
      const ws = new WebSocket(wsUrl(), { headers });
      const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode!)).once('open', () => resolve(101)));
      expect(status).toBe(401);
    }
    expect(k.kefu.channels.get('onebot')!.health!()).toEqual({ ok: true, detail: 'no QQ bot connected yet' });
  });

  it("answers a reconnect's replay once", async () => {
    await bot.connect(wsUrl(), TOKEN);
    bot.privateMessage('12345678', '忘记密码怎么办', 5);
    await until(() => bot.actions.length === 1);
    bot.drop();
    await sleep(50);
    await bot.connect(wsUrl(), TOKEN);
    bot.privateMessage('12345678', '忘记密码怎么办', 5); // replayed after the reconnect
    bot.privateMessage('12345678', '转人工', 6);
    await until(() => bot.actions.length >= 2);
    await sleep(200);
    expect(bot.actions.map((a) => a.params.message[0].data.text)).toEqual([answer(), expect.any(String)]);
    expect(count(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'`)).toBe(2);
  });

  it('takes a message_id reused later, for another message, as a new message', async () => {
    await bot.connect(wsUrl(), TOKEN);
    const message = (time: number, text: string) => ({
      post_type: 'message', message_type: 'private', sub_type: 'friend', message_id: 77, user_id: 12345678, message: text, time,
    });
    bot.push(message(1_700_000_000, '忘记密码怎么办'));
    await until(() => bot.actions.length === 1);
    bot.push(message(1_710_000_000, '转人工')); // months later, the same int32 id
    await until(() => bot.actions.length === 2);
    expect(count(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'`)).toBe(2);
  });

  it("delivers an agent's reply through the outbox over the bot's socket", async () => {
    await bot.connect(wsUrl(), TOKEN);
    bot.groupMessage('987654', '12345678', '忘记密码怎么办', 20);
    await until(() => bot.actions.length === 1);
    const conversation = k.kefu.db.prepare('SELECT id, address FROM conversations').get() as { id: number; address: string };
    const messageId = insertMessage(k.kefu.db, {
      conversationId: conversation.id, direction: 'out', sender: 'agent', channel: 'onebot', account: '10001000', kind: 'text', text: '您好，我是客服小王 [工号 7]', createdAt: Date.now(),
    });
    enqueueOutbound(k.kefu.db, { messageId, address: JSON.parse(conversation.address), status: 'pending', at: Date.now() });
    k.kefu.events.emit('queued');
    await until(() => bot.actions.length === 2);
    expect(bot.actions[1].params).toEqual({
      group_id: 987654,
      message: [{ type: 'reply', data: { id: '20' } }, { type: 'at', data: { qq: '12345678' } }, ...text(' 您好，我是客服小王 [工号 7]')],
    });
    await until(() => count(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'`) === 2);
    expect(count(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent'`)).toBe(2);
  });

  it('records a refused send on the message for the agent to see', async () => {
    bot.answer = 'failed';
    await bot.connect(wsUrl(), TOKEN);
    bot.privateMessage('12345678', '忘记密码怎么办', 1);
    await until(() => bot.actions.length === 1);
    const conversation = k.kefu.db.prepare('SELECT id, address FROM conversations').get() as { id: number; address: string };
    const messageId = insertMessage(k.kefu.db, {
      conversationId: conversation.id, direction: 'out', sender: 'agent', channel: 'onebot', account: '10001000', kind: 'text', text: 'hi', createdAt: Date.now(),
    });
    enqueueOutbound(k.kefu.db, { messageId, address: JSON.parse(conversation.address), status: 'pending', at: Date.now() });
    k.kefu.events.emit('queued');
    const outbox = () => k.kefu.db.prepare('SELECT status, last_error AS error FROM outbox WHERE message_id = ?').get(messageId);
    await until(() => (outbox() as { status: string }).status === 'failed');
    expect(outbox()).toEqual({ status: 'failed', error: 'send_private_msg 失败：retcode 100 bot muted' });
  });

  it('ignores malformed frames, bad CQ codes and unknown post types, and keeps serving', async () => {
    await bot.connect(wsUrl(), TOKEN);
    bot.sendRaw('{not json');
    bot.sendRaw('42');
    bot.push({ post_type: 'mystery' });
    bot.push({ post_type: 'message', message_type: 'private', message_id: 3, user_id: 12345678, message: [{ data: {} }] });
    bot.privateMessage('12345678', '[CQ:face,id=1 忘记密码怎么办', 4);
    bot.privateMessage('12345678', '忘记密码怎么办', 5);
    await until(() => bot.actions.length === 2);
    expect(bot.connected).toBe(true);
    expect(bot.actions[1].params.message).toEqual(text(answer()));
  });

  it('closes the socket on a frame over 1 MiB (1009)', async () => {
    await bot.connect(wsUrl(), TOKEN);
    const closed = new Promise<number>((resolve) => (bot as any).ws.once('close', (code: number) => resolve(code)));
    bot.privateMessage('12345678', 'x'.repeat(1024 * 1024 + 1), 1);
    expect(await closed).toBe(1009);
    expect(count(`SELECT COUNT(*) AS n FROM messages`)).toBe(0);
  });

  it('keeps several bot accounts apart, each answering over its own socket', async () => {
    const other = new FakeOnebot('20002000');
    await bot.connect(wsUrl(), TOKEN);
    await other.connect(wsUrl(), TOKEN);
    bot.privateMessage('12345678', '忘记密码怎么办', 1);
    other.privateMessage('12345678', '忘记密码怎么办', 1); // same message_id on another account: not a duplicate
    await until(() => bot.actions.length === 1 && other.actions.length === 1);
    const players = k.kefu.db.prepare('SELECT account, user_id AS userId FROM players ORDER BY account').all();
    expect(players).toEqual([{ account: '10001000', userId: '12345678' }, { account: '20002000', userId: '12345678' }]);
    await other.close();
  });

  it('reports a bot offline in /healthz after three missed heartbeats, and back online', async () => {
    await bot.connect(wsUrl(), TOKEN);
    bot.heartbeat(100);
    const health = async () => ((await (await fetch(`${k.url}/healthz`)).json()) as any).channels.onebot;
    await until(() => k.kefu.channels.get('onebot')!.health!().detail === '10001000 在线');
    expect(await health()).toEqual({ ok: true, detail: '10001000 在线' });
    await sleep(400);
    expect(await health()).toEqual({ ok: false, detail: '10001000 离线：连续 3 次没有心跳（间隔 0.1 秒）' });
    bot.heartbeat(15000);
    await sleep(50);
    expect((await health()).ok).toBe(true);
    bot.push({ post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'disable' });
    await sleep(50);
    expect(await health()).toEqual({ ok: false, detail: '10001000 离线：OneBot 已停用（lifecycle disable）' });
  });
});
