import { autoAssign } from '../../src/desk/assign';
import { BREACH_PRIORITY_BOOST, flagSlaBreaches } from '../../src/desk/sla';
import { deskHousekeeping } from '../../src/jobs/desk';
import { updatePlayerProfile } from '../../src/store/players';
import { getTicket, ticketEvents } from '../../src/store/tickets';
import { addAgent, login, playerSays, queuedTicket, signedInAgent } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

const MIN = 60_000;
// 2024-05-01 10:00 in Asia/Shanghai
const TEN_AM = Date.UTC(2024, 4, 1, 2, 0);

let k: RunningKefu | undefined;
let clock = TEN_AM;
afterEach(async () => {
  await k?.stop();
  k = undefined;
  clock = TEN_AM;
});
const start = async (env: Record<string, string> = {}) => (k = await startKefu(env, { now: () => clock }));

describe('first response SLA', () => {
  it('is due 5 minutes after queueing, and a late ticket is flagged once with a higher priority', async () => {
    const { url, kefu } = await start();
    const events: string[] = [];
    kefu.events.on('ticket', (e) => events.push(e.kind));
    const id = await queuedTicket(url, 'sla-player-1');
    expect(getTicket(kefu.db, id)!.firstResponseDueAt).toBe(TEN_AM + 5 * MIN);

    clock += 4 * MIN;
    expect(flagSlaBreaches(kefu.desk)).toEqual([]);
    clock += 2 * MIN;
    expect(flagSlaBreaches(kefu.desk)).toEqual([id]);
    expect(flagSlaBreaches(kefu.desk)).toEqual([]);
    expect(getTicket(kefu.db, id)!.priority).toBe(BREACH_PRIORITY_BOOST);
    expect(ticketEvents(kefu.db, id).map((e) => e.kind)).toContain('sla_breached');
    expect(events).toContain('sla_breached');
  });

  it('uses the tier own deadline (VIP players are queued in VIP)', async () => {
    const { url, kefu } = await start({ KEFU_FIRST_RESPONSE_MINUTES_VIP: '2' });
    await playerSays(url, 'vip-player', '你好');
    const player = kefu.db.prepare(`SELECT id FROM players WHERE user_id = 'vip-player'`).get() as { id: number };
    updatePlayerProfile(kefu.db, player.id, { vipLevel: 5 });
    const id = await queuedTicket(url, 'vip-player');
    expect(getTicket(kefu.db, id)).toMatchObject({ tier: 'VIP', priority: 50, firstResponseDueAt: TEN_AM + 2 * MIN });
  });

  it('records the first response, and a first response in time is never flagged', async () => {
    const { url, kefu } = await start();
    const agent = await signedInAgent(url, kefu.db, 'sla-agent');
    const id = await queuedTicket(url, 'sla-player-2');
    await agent.post(`/api/tickets/${id}/claim`);
    clock += 3 * MIN;
    await agent.post(`/api/tickets/${id}/reply`, { text: '您好' });
    clock += 10 * MIN;
    expect(flagSlaBreaches(kefu.desk)).toEqual([]);
    expect(getTicket(kefu.db, id)!.firstResponseAt).toBe(TEN_AM + 3 * MIN);
  });
});

describe('service hours', () => {
  it('tells a player outside service hours when people are back, and starts the SLA clock then', async () => {
    clock = Date.UTC(2024, 4, 1, 15, 30); // 23:30 in Shanghai
    const { url, kefu } = await start({ KEFU_SERVICE_HOURS: '09:00-22:00' });
    const [reply] = await playerSays(url, 'night-player', '转人工');
    expect(reply).toMatch(/^现在是非服务时间（人工客服服务时间 09:00-22:00）。您的工单 #\d+ 已保留，客服将于 09:00 上线/);
    const id = Number(/#(\d+)/.exec(reply)![1]);
    expect(getTicket(kefu.db, id)).toMatchObject({ status: 'queued', firstResponseDueAt: Date.UTC(2024, 4, 2, 1, 0) + 5 * MIN });
  });

  it('tells a queued player their position and estimated wait during service hours', async () => {
    const { url } = await start({ KEFU_SERVICE_HOURS: '09:00-22:00' });
    await queuedTicket(url, 'day-player-1');
    const [reply] = await playerSays(url, 'day-player-2', '转人工');
    expect(reply).toMatch(/您前面还有 1 位，预计等待约 6 分钟/);
  });
});

describe('auto-assignment and closing', () => {
  it('hands queued tickets round robin to online agents, up to their capacity', async () => {
    const { url, kefu } = await start({ KEFU_AUTO_ASSIGN: 'on' });
    const a = await login(url, 'auto-a', await addAgent(kefu.db, 'auto-a'));
    const b = await login(url, 'auto-b', await addAgent(kefu.db, 'auto-b'));
    kefu.db.prepare('UPDATE agents SET capacity = 1').run();
    const ids = [await queuedTicket(url, 'auto-player-1'), await queuedTicket(url, 'auto-player-2'), await queuedTicket(url, 'auto-player-3')];
    autoAssign(kefu.desk);
    const holders = ids.map((id) => getTicket(kefu.db, id)!.agentId);
    expect(holders.slice(0, 2).sort()).toEqual([a.id, b.id].sort());
    expect(getTicket(kefu.db, ids[2])).toMatchObject({ status: 'queued', agentId: null });
  });

  it('closes a resolved ticket once the reopen window has passed', async () => {
    const { url, kefu } = await start({ KEFU_REOPEN_MINUTES: '30' });
    const agent = await signedInAgent(url, kefu.db, 'closer');
    const id = await queuedTicket(url, 'close-player');
    await agent.post(`/api/tickets/${id}/claim`);
    await agent.post(`/api/tickets/${id}/resolve`);
    clock += 31 * MIN;
    deskHousekeeping(kefu.desk);
    expect(getTicket(kefu.db, id)!.status).toBe('closed');
    const [reply] = await playerSays(url, 'close-player', '转人工');
    expect(reply).toContain(`#${id + 1}`);
  });
});
