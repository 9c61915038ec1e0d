// An agent's reply reaching a QQ official-bot player end to end: signed callbacks in, an agent on the desk
// over HTTP, the passive reply out through the loopback QQ API, and the passive window shown to the agent.
import { startFakeQqApi, type FakeQqApi } from '../../fakes/qq-api';
import { signedInAgent, type AgentSession } from '../../helpers/desk';
import { startKefu, type RunningKefu } from '../../helpers/kefu';
import { poll, until } from '../../helpers/wait';
import { APP, c2c, callback, GROUP, groupAt, PLAYER } from './callbacks';

const MINUTE = 60_000;
let api: FakeQqApi;
let k: RunningKefu;
let agent: AgentSession;
// Kefu's clock runs `skew` ms ahead of the real one: how a test lets an hour pass.
let skew = 0;
const now = () => Date.now() + skew;

beforeEach(async () => {
  skew = 0;
  api = await startFakeQqApi(APP.id, APP.secret);
  k = await startKefu({ KEFU_QQ_APPID: APP.id, KEFU_QQ_SECRET: APP.secret, KEFU_QQ_API_BASE: api.url, KEFU_QQ_AUTH_BASE: api.url }, { now });
  agent = await signedInAgent(k.url, k.kefu.db, 'xiaowang');
});
afterEach(async () => {
  await k.stop();
  await api.close();
});

/** The player asks for a person; returns the ticket number the bot told them. */
async function playerAsksForAPerson(payload: object): Promise<number> {
  const sentBefore = api.sent.length;
  expect((await callback(k.url, payload)).status).toBe(200);
  await until(() => api.sent.length === sentBefore + 1);
  return Number(/#(\d+)/.exec(api.sent.at(-1)!.body.content)![1]);
}
const view = async (id: number) => (await agent.get(`/api/tickets/${id}`)).body;
const lastAgentMessage = async (id: number) => (await view(id)).messages.filter((m: { sender: string }) => m.sender === 'agent').at(-1);
async function claimAndReply(ticketId: number, text: string): Promise<void> {
  expect((await agent.post(`/api/tickets/${ticketId}/claim`)).status).toBe(200);
  expect((await agent.post(`/api/tickets/${ticketId}/reply`, { text })).status).toBe(200);
}

describe("QQ official bot: an agent's reply from the desk", () => {
  it('goes out as a passive reply to the player’s message, msg_seq after the bot’s own answer', async () => {
    const sentAt = new Date();
    const ticketId = await playerAsksForAPerson(c2c('m1', '转人工', sentAt));
    expect((await view(ticketId)).reachability).toEqual({ reachable: true, until: sentAt.getTime() + 60 * MINUTE, remaining: 4 });
    await claimAndReply(ticketId, '您好，我是客服小王，已为您查询');
    await until(() => api.sent.length === 2);
    expect(api.sent[1]).toEqual({
      path: `/v2/users/${PLAYER}/messages`,
      authorization: 'QQBot QQ_TOKEN_1',
      body: { content: '您好，我是客服小王，已为您查询', msg_type: 0, msg_id: 'm1', msg_seq: 2 },
    });
    expect(await poll(() => lastAgentMessage(ticketId), (m) => m?.delivery === 'sent')).toMatchObject({ delivery: 'sent', deliveryError: null });
    expect((await view(ticketId)).reachability).toMatchObject({ reachable: true, remaining: 3 });
  });

  it('goes to the group within its 5 minutes', async () => {
    const sentAt = new Date();
    const ticketId = await playerAsksForAPerson(groupAt('g1', ' 转人工', sentAt));
    expect((await view(ticketId)).reachability).toEqual({ reachable: true, until: sentAt.getTime() + 5 * MINUTE, remaining: 4 });
    await claimAndReply(ticketId, '收到，马上为您处理');
    await until(() => api.sent.length === 2);
    expect(api.sent[1]).toMatchObject({ path: `/v2/groups/${GROUP}/messages`, body: { content: '收到，马上为您处理', msg_id: 'g1', msg_seq: 2 } });
  });

  it('shows the agent why the window has closed, fails a reply with that reason, and opens again when the player writes', async () => {
    const ticketId = await playerAsksForAPerson(c2c('m1', '转人工'));
    skew = 61 * MINUTE;
    const closed = (await view(ticketId)).reachability;
    expect(closed).toMatchObject({ reachable: false, reason: '回复窗口已过：QQ 只允许在私聊消息 60 分钟内回复，请等玩家再发消息' });

    await claimAndReply(ticketId, '抱歉久等了');
    const failed = await poll(() => lastAgentMessage(ticketId), (m) => m?.delivery === 'failed');
    expect(failed).toMatchObject({ text: '抱歉久等了', delivery: 'failed', deliveryError: closed.reason });
    expect(api.sent).toHaveLength(1);

    await callback(k.url, c2c('m2', '还在吗', new Date(now())), undefined, now());
    expect((await view(ticketId)).reachability).toMatchObject({ reachable: true, remaining: 5 });
    expect((await agent.post(`/api/tickets/${ticketId}/reply`, { text: '在的，您的问题已处理' })).status).toBe(200);
    await until(() => api.sent.length === 2);
    expect(api.sent[1].body).toEqual({ content: '在的，您的问题已处理', msg_type: 0, msg_id: 'm2', msg_seq: 1 });
  });
});
