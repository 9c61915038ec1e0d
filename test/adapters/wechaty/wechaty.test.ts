// Personal WeChat through wechaty with wechaty-puppet-mock (protocols.md §5), inside the real Kefu.
import type { mock as Mock } from 'wechaty-puppet-mock';
import type { WechatyChannel } from '../../../adapters/wechaty';
import { insertMessage } from '../../../src/store/messages';
import { enqueueOutbound } from '../../../src/store/outbox';
import { startKefu, type RunningKefu } from '../../helpers/kefu';

let k: RunningKefu;
let mocker: Mock.Mocker;
let botUser: Mock.ContactMock;
let player: Mock.ContactMock;
let heard: string[];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await sleep(20);
}

beforeEach(async () => {
  k = await startKefu({ KEFU_WECHATY_PUPPET: 'wechaty-puppet-mock' });
  const channel = k.kefu.channels.get('wechaty') as WechatyChannel;
  mocker = (channel.bot.puppet as unknown as { mocker: Mock.Mocker }).mocker;
  [botUser, player] = mocker.createContacts(2);
  mocker.login(botUser);
  await until(() => channel.health!().ok);
  heard = [];
  player.on('message', (m) => void (m.talker().id === botUser.id && heard.push(m.text() ?? '')));
});
afterEach(() => k.stop());

const answer = () => k.kefu.matcher().entry('account.password-reset')!.answer!.trim();

describe('wechaty', () => {
  it('answers an FAQ question in a private chat, hands off, and delivers the agent reply', async () => {
    player.say('忘记密码怎么办').to(botUser);
    await until(() => heard.length === 1);
    expect(heard).toEqual([answer()]);

    player.say('转人工').to(botUser);
    await until(() => heard.length === 2);
    expect(heard[1]).toContain('工单');

    // An agent's reply, stored the way the desk stores it, delivered by the outbox worker through Channel.send.
    const conv = k.kefu.db.prepare(`SELECT id, address FROM conversations`).get() as { id: number; address: string };
    const messageId = insertMessage(k.kefu.db, { conversationId: conv.id, direction: 'out', sender: 'agent', channel: 'wechaty', account: botUser.id, kind: 'text', text: '您好，我是客服小王', createdAt: Date.now() });
    enqueueOutbound(k.kefu.db, { messageId, address: JSON.parse(conv.address), status: 'pending', at: Date.now() });
    k.kefu.events.emit('queued');
    await until(() => heard.length === 3);
    expect(heard[2]).toBe('您好，我是客服小王');
    expect(k.kefu.db.prepare(`SELECT status FROM outbox WHERE message_id = ?`).get(messageId)).toEqual({ status: 'sent' });
  });

  it('answers in a room only when @-mentioned', async () => {
    const room = mocker.createRoom({ memberIdList: [botUser.id, player.id] });
    const inRoom: string[] = [];
    room.on('message', (m) => void (m.talker().id === botUser.id && inRoom.push(m.text() ?? '')));
    player.say('忘记密码怎么办').to(room);
    await sleep(150);
    expect(inRoom).toEqual([]);
    player.say(`@${botUser.payload.name} 忘记密码怎么办`, [botUser]).to(room);
    await until(() => inRoom.length === 1);
    expect(inRoom).toEqual([answer()]);
  });

  it('stores nothing for its own messages and stays healthy', async () => {
    botUser.say('自己发的消息').to(player);
    await sleep(150);
    expect(k.kefu.db.prepare(`SELECT COUNT(*) AS n FROM messages`).get()).toEqual({ n: 0 });
    expect(k.kefu.channels.get('wechaty')!.health!()).toEqual({ ok: true });
  });

  it('shows a logout, and a ban, in health() for admins', async () => {
    const channel = k.kefu.channels.get('wechaty') as WechatyChannel;
    await channel.bot.puppet.logout('账号被限制登录 (risk control)');
    await until(() => !channel.health!().ok);
    expect(channel.health!()).toEqual({ ok: false, detail: expect.stringContaining('banned or restricted') });
  });
});
