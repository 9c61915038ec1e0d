// An agent's reply reaching a QQ player end to end: the player asks for a person through a loopback NapCat,
// an agent logs in to the desk over HTTP, claims the ticket and answers; the bot is asked to send it.
import { FakeOnebot } from '../../fakes/onebot';
import { signedInAgent, type AgentSession } from '../../helpers/desk';
import { startKefu, type RunningKefu } from '../../helpers/kefu';
import { poll, until } from '../../helpers/wait';

const TOKEN = 'napcat-token';
const REPLY = '您好，我是客服小王 [工号 7]，您的问题已处理';
let k: RunningKefu;
let bot: FakeOnebot;
let agent: AgentSession;
const wsUrl = () => `${k.url.replace('http', 'ws')}/onebot/ws`;
const text = (t: string) => [{ type: 'text', data: { text: t } }];

beforeEach(async () => {
  k = await startKefu({ KEFU_ONEBOT_ACCESS_TOKEN: TOKEN });
  bot = new FakeOnebot('10001000');
  await bot.connect(wsUrl(), TOKEN);
  agent = await signedInAgent(k.url, k.kefu.db, 'xiaowang');
});
afterEach(async () => {
  await bot.close();
  await k.stop();
});

/** The ticket number the bot told the player (its last answer). */
function ticketToldToPlayer(): number {
  const told = bot.actions.at(-1)!.params.message.map((s: { data: { text?: string } }) => s.data.text ?? '').join('');
  return Number(/#(\d+)/.exec(told)![1]);
}
const view = async (id: number) => (await agent.get(`/api/tickets/${id}`)).body;
const lastAgentMessage = async (id: number) => (await view(id)).messages.filter((m: { sender: string }) => m.sender === 'agent').at(-1);

async function claimAndReply(ticketId: number): Promise<void> {
  expect((await agent.post(`/api/tickets/${ticketId}/claim`)).status).toBe(200);
  expect((await agent.post(`/api/tickets/${ticketId}/reply`, { text: REPLY })).status).toBe(200);
}

describe("OneBot: an agent's reply from the desk", () => {
  it('reaches the player in private chat', async () => {
    bot.privateMessage('12345678', '转人工', 1);
    await until(() => bot.actions.length === 1);
    const ticketId = ticketToldToPlayer();
    expect((await view(ticketId)).reachability).toEqual({ reachable: true });
    await claimAndReply(ticketId);
    await until(() => bot.actions.length === 2);
    expect(bot.actions[1]).toMatchObject({ action: 'send_private_msg', params: { user_id: 12345678, message: text(REPLY) } });
    const shown = await poll(() => lastAgentMessage(ticketId), (m) => m?.delivery === 'sent');
    expect(shown).toMatchObject({ text: REPLY, delivery: 'sent', deliveryError: null });
  });

  it('reaches the player in the group, quoting their last message and @-ing them', async () => {
    bot.groupMessage('987654', '12345678', '转人工', 30, 'array');
    await until(() => bot.actions.length === 1);
    await claimAndReply(ticketToldToPlayer());
    await until(() => bot.actions.length === 2);
    expect(bot.actions[1]).toMatchObject({
      action: 'send_group_msg',
      params: { group_id: 987654, message: [{ type: 'reply', data: { id: '30' } }, { type: 'at', data: { qq: '12345678' } }, ...text(` ${REPLY}`)] },
    });
  });

  it('waits in the outbox while the bot is disconnected, tells the agent why, and goes out when it is back', async () => {
    bot.privateMessage('12345678', '转人工', 1);
    await until(() => bot.actions.length === 1);
    const ticketId = ticketToldToPlayer();
    bot.drop();
    await until(() => k.kefu.channels.get('onebot')!.health!().detail === '10001000 未连接');
    expect((await view(ticketId)).reachability).toEqual({ reachable: false, reason: 'QQ 机器人 10001000 没有 WebSocket 连接：回复会在它连上后发出' });
    await claimAndReply(ticketId);
    const shown = await poll(() => lastAgentMessage(ticketId), (m) => Boolean(m?.deliveryError));
    expect(shown).toMatchObject({ text: REPLY, delivery: 'pending', deliveryError: 'QQ 机器人 10001000 没有连接（OneBot WebSocket 未连上）' });

    const back = new FakeOnebot('10001000');
    await back.connect(wsUrl(), TOKEN);
    await until(() => back.actions.length === 1, 15_000); // the outbox retries with backoff (2 s, then 4 s)
    expect(back.actions[0]).toMatchObject({ action: 'send_private_msg', params: { user_id: 12345678, message: text(REPLY) } });
    await back.close();
  });
});
