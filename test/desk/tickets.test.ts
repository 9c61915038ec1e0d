import { getTicket, ticketEvents } from '../../src/store/tickets';
import { playerSays, playerSees, queuedTicket, signedInAgent, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

let k: RunningKefu;
let wang: AgentSession;
beforeAll(async () => {
  k = await startKefu();
  wang = await signedInAgent(k.url, k.kefu.db, 'wang');
});
afterAll(() => k.stop());

const ticket = (id: number) => getTicket(k.kefu.db, id)!;

describe('a ticket from queue to rating', () => {
  it('lists the queued ticket, claims it and answers the player in their web chat', async () => {
    const id = await queuedTicket(k.url, 'flow-player-1');
    const list = await wang.get('/api/tickets?status=queued&tier=L1');
    expect(list.status).toBe(200);
    expect(list.body.tickets).toContainEqual(expect.objectContaining({ id, status: 'queued', tier: 'L1', priority: 0 }));

    expect((await wang.post(`/api/tickets/${id}/claim`)).status).toBe(200);
    expect(ticket(id)).toMatchObject({ status: 'assigned', agentId: wang.id });

    const reply = await wang.post(`/api/tickets/${id}/reply`, { text: '您好，我是客服小王，请问遇到什么问题？' });
    expect(reply.status).toBe(200);
    expect(ticket(id).status).toBe('waiting_player');
    expect(ticket(id).firstResponseAt).not.toBeNull();
    expect(await playerSees(k.url, 'flow-player-1')).toContainEqual(
      expect.objectContaining({ from: 'agent', text: '您好，我是客服小王，请问遇到什么问题？' }),
    );
  });

  it('shows the player the agent is with them: their message turns the ticket back to the agent, without a bot reply', async () => {
    const id = await queuedTicket(k.url, 'flow-player-2');
    await wang.post(`/api/tickets/${id}/claim`);
    await wang.post(`/api/tickets/${id}/reply`, { text: '请提供角色ID' });
    expect(await playerSays(k.url, 'flow-player-2', '123456')).toEqual([]);
    expect(ticket(id).status).toBe('assigned');
    const detail = await wang.get(`/api/tickets/${id}`);
    expect(detail.body.messages.map((m: { text: string }) => m.text)).toEqual(expect.arrayContaining(['转人工', '请提供角色ID', '123456']));
    expect(detail.body.player).toMatchObject({ channel: 'webchat', vipLevel: 0 });
    expect(detail.body.messages.find((m: { text: string }) => m.text === '请提供角色ID').delivery).toMatch(/pending|sending|sent/);
  });

  it('keeps internal notes from the player', async () => {
    const id = await queuedTicket(k.url, 'flow-player-3');
    expect((await wang.post(`/api/tickets/${id}/note`, { text: '疑似外挂，先别回复' })).status).toBe(200);
    const texts = (await playerSees(k.url, 'flow-player-3')).map((m) => m.text);
    expect(texts).not.toContain('疑似外挂，先别回复');
    const detail = await wang.get(`/api/tickets/${id}`);
    expect(detail.body.messages).toContainEqual(expect.objectContaining({ text: '疑似外挂，先别回复', internal: true }));
  });

  it('resolves: the player is asked for 1-5, and their answer is stored on the ticket', async () => {
    const id = await queuedTicket(k.url, 'flow-player-4');
    await wang.post(`/api/tickets/${id}/claim`);
    await wang.post(`/api/tickets/${id}/reply`, { text: '已为您处理好了' });
    const resolved = await wang.post(`/api/tickets/${id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(ticket(id)).toMatchObject({ status: 'resolved' });
    expect(ticket(id).resolvedAt).not.toBeNull();
    expect((await playerSees(k.url, 'flow-player-4')).at(-1)!.text).toContain('请为本次服务打分');
    expect(await playerSays(k.url, 'flow-player-4', '5')).toEqual(['感谢您的评价！祝您游戏愉快～']);
    expect(ticket(id).rating).toBe(5);
  });

  it('asks a player who writes Traditional for the rating in Traditional', async () => {
    const [queued] = await playerSays(k.url, 'flow-player-tw', '轉人工，我的帳號被盜了');
    const id = Number(/#(\d+)/.exec(queued)![1]);
    expect(queued).toContain('已為您轉接人工客服');
    await wang.post(`/api/tickets/${id}/claim`);
    await wang.post(`/api/tickets/${id}/resolve`);
    expect((await playerSees(k.url, 'flow-player-tw')).at(-1)!.text).toContain('請為本次服務打分');
    expect(await playerSays(k.url, 'flow-player-tw', '5')).toEqual(['感謝您的評價！祝您遊戲愉快～']);
  });

  it('reopens a resolved ticket to its agent when the player writes again within the window', async () => {
    const id = await queuedTicket(k.url, 'flow-player-5');
    await wang.post(`/api/tickets/${id}/claim`);
    await wang.post(`/api/tickets/${id}/resolve`);
    const replies = await playerSays(k.url, 'flow-player-5', '还是登不上去');
    expect(replies).toEqual([`已为您重新打开工单 #${id}，客服会继续跟进，请稍候。`]);
    expect(ticket(id)).toMatchObject({ status: 'assigned', agentId: wang.id, resolvedAt: null });
    expect(ticketEvents(k.kefu.db, id).map((e) => e.kind)).toContain('reopened');
  });

  it('transfers to another tier with a note, and to a named agent', async () => {
    const li = await signedInAgent(k.url, k.kefu.db, 'li', 'agent', 'L2');
    const id = await queuedTicket(k.url, 'flow-player-6');
    await wang.post(`/api/tickets/${id}/claim`);
    const toTier = await wang.post(`/api/tickets/${id}/transfer`, { tier: 'L2', note: '充值问题，需二线核实' });
    expect(toTier.status).toBe(200);
    expect(ticket(id)).toMatchObject({ status: 'queued', tier: 'L2', agentId: null });
    expect((await li.post(`/api/tickets/${id}/claim`)).status).toBe(200);
    expect((await li.post(`/api/tickets/${id}/transfer`, { agentId: wang.id })).status).toBe(200);
    expect(ticket(id)).toMatchObject({ status: 'assigned', agentId: wang.id });
    const kinds = ticketEvents(k.kefu.db, id).map((e) => [e.kind, e.agentId]);
    expect(kinds).toEqual(expect.arrayContaining([['transferred', wang.id], ['claimed', li.id], ['transferred', li.id]]));
    const detail = await wang.get(`/api/tickets/${id}`);
    expect(detail.body.messages).toContainEqual(expect.objectContaining({ internal: true, text: '→ L2：充值问题，需二线核实' }));
  });

  it('fills canned replies for the ticket and finds them by keyword', async () => {
    const id = await queuedTicket(k.url, 'flow-player-7');
    const res = await wang.get(`/api/canned?q=${encodeURIComponent('正在核实')}&ticketId=${id}`);
    expect(res.status).toBe(200);
    expect(res.body.canned.map((c: { id: string }) => c.id)).toEqual(['checking']);
    expect(res.body.canned[0].rendered).toBe(`收到，正在为您核实工单 #${id} 的情况，请稍等 1-2 分钟，不要离开哦。`);
  });
});

describe('bad input', () => {
  it('refuses a reply to a ticket someone else holds with 409', async () => {
    const zhao = await signedInAgent(k.url, k.kefu.db, 'zhao');
    const id = await queuedTicket(k.url, 'bad-player-1');
    await wang.post(`/api/tickets/${id}/claim`);
    const res = await zhao.post(`/api/tickets/${id}/reply`, { text: '我来回复' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'held_by_other' });
    expect((await zhao.post(`/api/tickets/${id}/claim`)).status).toBe(409);
  });

  it('refuses a reply to a queued ticket until it is claimed', async () => {
    const id = await queuedTicket(k.url, 'bad-player-2');
    const res = await wang.post(`/api/tickets/${id}/reply`, { text: '你好' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_claimed');
  });

  it('explains that a resolved ticket cannot be answered', async () => {
    const id = await queuedTicket(k.url, 'bad-player-3');
    await wang.post(`/api/tickets/${id}/claim`);
    await wang.post(`/api/tickets/${id}/resolve`);
    const res = await wang.post(`/api/tickets/${id}/reply`, { text: '补充一句' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ code: 'ticket_resolved', error: `ticket ${id} is resolved; it reopens when the player writes again` });
  });

  it('refuses a 100 KB reply with 413 and stores nothing', async () => {
    const id = await queuedTicket(k.url, 'bad-player-4');
    await wang.post(`/api/tickets/${id}/claim`);
    const before = k.kefu.db.prepare('SELECT COUNT(*) AS n FROM messages').get();
    const res = await wang.post(`/api/tickets/${id}/reply`, { text: '长'.repeat(100 * 1024 / 3 + 10) });
    expect(res.status).toBe(413);
    expect(k.kefu.db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual(before);
  });

  it('answers 404 for an unknown ticket and 400 for an empty reply', async () => {
    expect((await wang.get('/api/tickets/999999')).status).toBe(404);
    expect((await wang.post('/api/tickets/999999/claim')).status).toBe(404);
    expect((await wang.post('/api/tickets/999999/reply', { text: 'hi' })).status).toBe(404);
    const id = await queuedTicket(k.url, 'bad-player-5');
    await wang.post(`/api/tickets/${id}/claim`);
    const empty = await wang.post(`/api/tickets/${id}/reply`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/text is required/);
  });
});
