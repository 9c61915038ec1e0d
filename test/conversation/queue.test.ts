import { getConversation } from '../../src/store/conversations';
import { getTicket } from '../../src/store/tickets';
import { playerSays, queuedTicket, signedInAgent, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

let k: RunningKefu;
let agent: AgentSession;
beforeAll(async () => {
  k = await startKefu();
  agent = await signedInAgent(k.url, k.kefu.db, 'lin', 'supervisor');
});
afterAll(() => k.stop());

describe('a player waiting in the queue', () => {
  it('gets the FAQ answer, stays queued, and the agent sees the exchange in the ticket', async () => {
    const ticketId = await queuedTicket(k.url, 'waiting-1');
    const replies = await playerSays(k.url, 'waiting-1', '充值没到账怎么办');
    expect(replies[0]).toMatch(/^充值一般在 1–5 分钟内到账/);
    expect(replies[1]).toContain(`工单 #${ticketId}`);
    expect(getTicket(k.kefu.db, ticketId)!.status).toBe('queued');

    const { body } = await agent.get(`/api/tickets/${ticketId}`);
    const texts = body.messages.map((m: { sender: string; text: string }) => `${m.sender}: ${m.text.split('\n')[0]}`);
    expect(texts).toEqual(expect.arrayContaining(['player: 充值没到账怎么办', expect.stringMatching(/^bot: 充值一般在/)]));
    expect(body.events.map((e: { kind: string }) => e.kind)).toContain('bot_answered');
  });

  it('gets a reply to thanks, a greeting with where the ticket stands, and the queue message for anything else', async () => {
    const ticketId = await queuedTicket(k.url, 'waiting-2');
    const standing = expect.stringContaining(`工单 #${ticketId} 正在排队`);
    expect(await playerSays(k.url, 'waiting-2', '谢谢')).toEqual([expect.stringMatching(/^不客气/)]);
    expect(await playerSays(k.url, 'waiting-2', '你好')).toEqual([expect.stringMatching(/^您好！/), standing]);
    // Urging: where the ticket stands, after a greeting's reply at most; never an FAQ answer.
    const urged = await playerSays(k.url, 'waiting-2', '麻烦快点');
    expect(urged.at(-1)).toEqual(standing);
    expect(urged.slice(0, -1)).toEqual(urged.length === 2 ? [expect.stringMatching(/^您好！/)] : []);
  });
});

describe('one number for one problem', () => {
  it('registers a complaint made while queued under the same ticket, and says what happens next', async () => {
    const ticketId = await queuedTicket(k.url, 'complainer');
    const [ask] = await playerSays(k.url, 'complainer', '我要投诉');
    expect(ask).toMatch(/请详细说明您要投诉的内容/);
    const replies = await playerSays(k.url, 'complainer', '客服一直不回复，排了半小时');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(`#${ticketId}`);
    expect(replies[0]).toMatch(/专员会在这里回复您/);
    expect(replies.join('').match(/#\d+/g)!.every((n) => n === `#${ticketId}`)).toBe(true);
    const complaint = k.kefu.db.prepare('SELECT ticket_id AS ticketId FROM complaints ORDER BY id DESC LIMIT 1').get() as { ticketId: number };
    expect(complaint.ticketId).toBe(ticketId);
    const ticket = getTicket(k.kefu.db, ticketId)!;
    expect(getConversation(k.kefu.db, ticket.conversationId)).toMatchObject({ state: 'queued', ticketId });
    expect(k.kefu.db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE conversation_id = ?').get(ticket.conversationId)).toEqual({ n: 1 });
  });

  it('tells a player who complains first and then asks for a person the same number', async () => {
    await playerSays(k.url, 'complainer-2', '我要投诉');
    const [logged] = await playerSays(k.url, 'complainer-2', '活动奖励没发');
    const number = /#(\d+)/.exec(logged)![1];
    const [queued] = await playerSays(k.url, 'complainer-2', '转人工');
    expect(queued.match(/#\d+/g)).toEqual([`#${number}`]);
  });
});
