import { signParams } from '../../src/players/signature';
import { getTicket, ticketEvents } from '../../src/store/tickets';
import { playerSays, queuedTicket, signedInAgent, type AgentSession } from '../helpers/desk';
import { postJson, startKefu, type RunningKefu } from '../helpers/kefu';

const SECRET = 'game-secret-0123456789';
const GAME = 'https://game.example.com';
let k: RunningKefu;
let agent: AgentSession;
const clock = Date.now();

beforeAll(async () => {
  k = await startKefu({ KEFU_WEBCHAT_SECRET: SECRET, KEFU_WEBCHAT_ORIGINS: `${GAME}, https://m.game.example.com` }, { now: () => clock });
  agent = await signedInAgent(k.url, k.kefu.db, 'mei', 'supervisor');
});
afterAll(() => k.stop());

function signedLink(params: Record<string, string>, secret = SECRET): Record<string, string> {
  const withTs = { ts: String(clock), ...params };
  return { ...withTs, sig: signParams(withTs, secret) };
}
const enter = (params: Record<string, string>) => postJson(`${k.url}/webchat/api/session`, { params });

describe('the signed web-chat entry', () => {
  it('gives a VIP player from a signed link their own session, profile and VIP queue', async () => {
    const res = await enter(signedLink({ uid: '10086', server: '双子座', role: 'R-778', nickname: '风清扬', vip: '5' }));
    expect(res.status).toBe(200);
    const again = await enter(signedLink({ uid: '10086', server: '双子座', role: 'R-778', nickname: '风清扬', vip: '5' }));
    expect(again.body.sessionId).toBe(res.body.sessionId); // the same player on another device

    await playerSays(k.url, res.body.sessionId, '我的坐骑突然不见了');
    const ticketId = await queuedTicket(k.url, res.body.sessionId);
    expect(getTicket(k.kefu.db, ticketId)).toMatchObject({ tier: 'VIP' });
    const { body } = await agent.get('/api/tickets?status=queued&tier=VIP');
    expect(body.tickets.find((t: { id: number }) => t.id === ticketId)).toMatchObject({
      nickname: '风清扬', server: '双子座', roleId: 'R-778', vipLevel: 5, lastQuestion: '我的坐骑突然不见了',
    });
  });

  it('refuses a forged signature, an expired link and an unsigned one', async () => {
    const forged = signedLink({ uid: '1', vip: '9' }, 'not-the-secret-at-all');
    expect(await enter(forged)).toMatchObject({ status: 401, body: { error: expect.stringMatching(/does not match/) } });
    const tampered = { ...signedLink({ uid: '1', vip: '0' }), vip: '9' };
    expect((await enter(tampered)).status).toBe(401);
    const old = signedLink({ uid: '1', ts: String(clock - 3600_000) });
    expect(await enter(old)).toMatchObject({ status: 401, body: { error: expect.stringMatching(/expired/) } });
    expect(await enter({ uid: '1' })).toMatchObject({ status: 401, body: { error: expect.stringMatching(/unsigned/) } });
  });

  it('lets only the configured game origins call the chat API or frame the chat', async () => {
    const text = { sessionId: 'cors-1', text: '你好' };
    expect((await postJson(`${k.url}/webchat/api/messages`, text, { origin: 'https://evil.example.net' })).status).toBe(403);
    const res = await fetch(`${k.url}/webchat/api/messages`, { method: 'POST', headers: { origin: GAME, 'content-type': 'application/json' }, body: JSON.stringify(text) });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(GAME);
    const page = await fetch(`${k.url}/chat`);
    expect(page.headers.get('content-security-policy')).toBe(`frame-ancestors 'self' ${GAME} https://m.game.example.com`);
  });
});

describe('the profile API and the agents', () => {
  const signedBody = (body: Record<string, unknown>, secret = SECRET) => {
    const withTs = { ...body, ts: clock };
    return { ...withTs, sig: signParams(withTs, secret) };
  };

  it('sets VIP level, server and role for a channel user; the queued ticket moves to the VIP queue', async () => {
    const ticketId = await queuedTicket(k.url, 'linked-player');
    expect(getTicket(k.kefu.db, ticketId)!.tier).toBe('L1');
    const res = await postJson(`${k.url}/api/players/profile`, signedBody({ channel: 'webchat', userId: 'linked-player', vipLevel: 4, server: '天蝎座', roleId: 'R-1' }));
    expect(res).toMatchObject({ status: 200, body: { profile: { vipLevel: 4, server: '天蝎座', roleId: 'R-1' } } });
    expect(getTicket(k.kefu.db, ticketId)).toMatchObject({ tier: 'VIP', priority: 40 });
    const kinds = ticketEvents(k.kefu.db, ticketId).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['profile_changed', 'transferred']));
  });

  it('refuses a request signed with another key, and one for an unknown user without an account', async () => {
    expect((await postJson(`${k.url}/api/players/profile`, signedBody({ channel: 'webchat', userId: 'linked-player', vipLevel: 9 }, 'wrong-secret-wrong-secret'))).status).toBe(401);
    expect((await postJson(`${k.url}/api/players/profile`, signedBody({ channel: 'onebot', userId: '123', vipLevel: 1 }))).status).toBe(404);
  });

  it('records an agent\'s profile edit in the ticket\'s history', async () => {
    const ticketId = await queuedTicket(k.url, 'edited-player');
    const { body } = await agent.get(`/api/tickets/${ticketId}`);
    const res = await agent.post(`/api/players/${body.player.id}/profile`, { ticketId, server: '双子座', notes: '老玩家，脾气急' });
    expect(res).toMatchObject({ status: 200, body: { changed: ['server', 'notes'] } });
    const after = (await agent.get(`/api/tickets/${ticketId}`)).body;
    expect(after.player).toMatchObject({ server: '双子座', notes: '老玩家，脾气急' });
    const event = after.events.find((e: { kind: string }) => e.kind === 'profile_changed');
    expect(event).toMatchObject({ agentId: agent.id, data: { source: 'agent', changes: { server: { from: null, to: '双子座' } } } });
  });
});
