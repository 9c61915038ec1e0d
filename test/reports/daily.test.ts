import { claimTicket } from '../../src/desk/claim';
import { replyToTicket } from '../../src/desk/reply';
import { resolveTicket } from '../../src/desk/resolve';
import { getAgent } from '../../src/store/agents';
import { kefuCli } from '../helpers/cli';
import { playerSays, signedInAgent, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

// 2026-11-20 10:00 in Asia/Shanghai; the day before is 2026-11-19.
const DAY_START = Date.UTC(2026, 10, 19, 16, 0);
let clock = DAY_START + 10 * 3600_000;
const tick = (seconds: number) => (clock += seconds * 1000);

let k: RunningKefu;
let agent: AgentSession;
let messagesIn = 0;
let messagesOut = 0;
let bugSeverity = '';
let firstReplyS = 0;

/** The player writes; every message and every reply it gets back is counted as the day's traffic. */
async function say(session: string, text: string): Promise<string[]> {
  const replies = await playerSays(k.url, session, text);
  messagesIn += 1;
  messagesOut += replies.length;
  tick(5);
  return replies;
}
const ticketIn = (replies: string[]) => Number(/#(\d+)/.exec(replies.join('\n'))![1]);

beforeAll(async () => {
  k = await startKefu({}, { now: () => clock });
  agent = await signedInAgent(k.url, k.kefu.db, 'xiaowang');
  const l2 = await signedInAgent(k.url, k.kefu.db, 'laoli', 'agent', 'L2'); // complaints go to L2

  // Yesterday: one answered question that today's report must not count.
  clock -= 24 * 3600_000;
  await playerSays(k.url, 'p0', '忘记密码怎么办');
  clock += 24 * 3600_000;

  await say('p1', '忘记密码怎么办');
  await say('p1', '怎么修改密码');
  await say('p2', '那个东西还是不行');
  const t1Queued = clock;
  const t1 = ticketIn(await say('p2', '转人工'));
  await say('p3', '我要报bug');
  await say('p3', 'S1 服');
  await say('p3', '剑心');
  await say('p3', 'iPhone 15');
  const bugReply = (await say('p3', '进副本就闪退，完全进不去')).join('\n');
  const severity = { 紧急: 'critical', 严重: 'major', 一般: 'minor' }[/紧急|严重|一般/.exec(bugReply)![0] as '紧急'];
  bugSeverity = severity;
  await say('p4', '我要投诉');
  await say('p4', '客服态度太差了，一直不回复');
  const t2 = (k.kefu.db.prepare('SELECT MAX(id) AS id FROM tickets').get() as { id: number }).id;

  // T1 answered within a minute of being queued, T2 after more than 6 minutes (the SLA is 5).
  const desk = k.kefu.desk;
  const me = getAgent(k.kefu.db, agent.id)!;
  tick(20);
  claimTicket(desk, t1, me);
  firstReplyS = (clock - t1Queued) / 1000;
  expect((await agent.post(`/api/tickets/${t1}/reply`, { text: '您好，我来帮您看看' })).status).toBe(200);
  resolveTicket(desk, t1, me);
  messagesOut += 2; // the reply and the request for a rating
  await say('p2', '5');
  tick(6 * 60);
  const laoli = getAgent(k.kefu.db, l2.id)!;
  claimTicket(desk, t2, laoli);
  replyToTicket(desk, t2, laoli, '抱歉让您久等了');
  resolveTicket(desk, t2, laoli);
  messagesOut += 2;
  await say('p4', '2');

  await say('p5', '转人工'); // still open at the end of the day
}, 60_000);
afterAll(() => k?.stop());

it('`kefu report daily --date D --json` prints one JSON object whose counts agree with what happened that day', async () => {
  const run = await kefuCli(['report', 'daily', '--date', '2026-11-20', '--json'], { KEFU_DATA_DIR: k.dataDir });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const report = JSON.parse(lines[0]);
  expect(report).toMatchObject({
    date: '2026-11-20',
    messages: { in: messagesIn, out: messagesOut },
    conversations: { total: 5, by_channel: { webchat: 5 } },
    bot: { answered: 2, clarified: 0, unknown: 1, handed_off: 3, deflection: 0.4 },
    top_faq: [
      { entry: 'account.change-password', count: 1 },
      { entry: 'account.password-reset', count: 1 },
    ],
    top_gaps: [{ text: '那个东西还是不行', count: 1 }],
    tickets: { created: 3, resolved: 2, open: 1 },
    // Read days later, the open ticket is past its deadline too: 1 of 3 first replies in time.
    first_response: { n: 2, median_s: firstReplyS, within_sla: 0.333 },
    csat: { n: 2, mean: 3.5, distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 } },
    agents: [
      { username: 'laoli', handled: 1, csat_mean: 2 },
      { username: 'xiaowang', handled: 1, first_response_median_s: firstReplyS, csat_mean: 5 },
    ],
  });
  expect(report.first_response.p90_s).toBeGreaterThanOrEqual(360);
  expect(report.agents[0].first_response_median_s).toBe(report.first_response.p90_s);
  // The severity the bot told the player, and no other.
  expect(report.bugs).toEqual({ critical: 0, major: 0, minor: 0, [bugSeverity]: 1 });
  expect(Object.values(report.complaints).reduce((a: number, n) => a + (n as number), 0)).toBe(1);
});

it('the API serves the same report, its CSV export and the agents\' figures', async () => {
  const sup = await signedInAgent(k.url, k.kefu.db, 'zhuguan', 'supervisor');
  const report = await sup.get('/api/reports/daily?date=2026-11-20');
  expect(report.body.tickets).toEqual({ created: 3, resolved: 2, open: 1 });
  expect(report.body.first_response.within_sla).toBe(0.5); // at the service's clock the open ticket is not due yet
  const before = await sup.get('/api/reports/daily?date=2026-11-19'); // the day before: only its own question
  expect(before.body).toMatchObject({ messages: { in: 1 }, bot: { answered: 1 }, tickets: { created: 0 } });
  const csv = await fetch(`${k.url}/api/reports/daily.csv?date=2026-11-20`, { headers: { cookie: sup.cookie } });
  expect(csv.headers.get('content-type')).toContain('text/csv');
  const text = await csv.text();
  expect(text).toContain('tickets,created,3');
  expect(text).toContain(`\nxiaowang,1,${firstReplyS},`);
  const agents = await sup.get('/api/reports/agents?from=2026-11-20&to=2026-11-20');
  expect(agents.body.agents.find((a: { username: string }) => a.username === 'xiaowang')).toMatchObject({ handled: 1, csat_n: 1, within_sla: 1 });
  expect(agents.body.agents.find((a: { username: string }) => a.username === 'laoli')).toMatchObject({ handled: 1, csat_n: 1, within_sla: 0 });
  expect((await agent.get('/api/reports/daily')).status).toBe(403); // agents do not see the floor's figures
  expect((await sup.get('/api/reports/daily?date=2026-02-30')).body).toEqual({ error: 'date: must be a date YYYY-MM-DD' });
});

it('search finds conversations by text, ticket number and status', async () => {
  const byText = await agent.get(`/api/search?q=${encodeURIComponent('闪退')}`);
  expect(byText.body.results).toHaveLength(1);
  expect(byText.body.results[0].excerpt).toContain('闪退');
  const open = await agent.get('/api/search?status=queued');
  expect(open.body.results).toHaveLength(1);
  const ticketId = open.body.results[0].ticketId;
  expect((await agent.get(`/api/search?ticket=${ticketId}`)).body.results.map((r: { ticketId: number }) => r.ticketId)).toEqual([ticketId]);
  const botOnly = await agent.get('/api/search?status=bot&from=2026-11-20&to=2026-11-20');
  expect(botOnly.body.results).toHaveLength(2); // p1 and p3 never needed a person
  expect((await agent.get('/api/search?from=2026-99-01')).status).toBe(400);
});
