import { closeDay, sweepPresence } from '../../src/jobs/supervisor';
import { storedDailyReport } from '../../src/store/dailyReports';
import { flagSlaBreaches } from '../../src/desk/sla';
import { playerSays, queuedTicket, signedInAgent } from '../helpers/desk';
import { startFakeRobot, type FakeRobot } from '../fakes/wecom-robot';
import { startKefu, type RunningKefu } from '../helpers/kefu';

let clock = Date.UTC(2026, 10, 20, 3, 0); // 2026-11-20 11:00 in Asia/Shanghai
let k: RunningKefu;
let robot: FakeRobot;

beforeAll(async () => {
  robot = await startFakeRobot();
  k = await startKefu({ KEFU_REPORT_WEBHOOK: robot.url }, { now: () => clock });
});
afterAll(async () => {
  await k?.stop();
  await robot?.close();
});

it('the day\'s close stores the report and pushes its summary to the WeCom group robot once', async () => {
  await playerSays(k.url, 'p1', '忘记密码怎么办');
  await queuedTicket(k.url, 'p2');
  clock = Date.UTC(2026, 10, 20, 16, 5); // 00:05 the next day
  robot.failWith = 93000;
  await closeDay(k.kefu.desk, k.config.supervisor);
  expect(robot.received).toHaveLength(0);
  expect(storedDailyReport(k.kefu.db, '2026-11-20')).toMatchObject({ pushedAt: null, body: { tickets: { created: 1 } } });

  robot.failWith = null; // the next run retries the push that failed
  await closeDay(k.kefu.desk, k.config.supervisor);
  await closeDay(k.kefu.desk, k.config.supervisor);
  expect(robot.received).toHaveLength(1);
  expect(robot.received[0].msgtype).toBe('markdown');
  const text = robot.received[0].markdown!.content;
  expect(text).toContain('## 客服日报 2026-11-20');
  expect(text).toContain('消息 收 <font color="info">2</font>');
  expect(text).toContain('解答 1');
  expect(text).toContain('转人工 1');
  expect(storedDailyReport(k.kefu.db, '2026-11-20')!.pushedAt).toBe(clock);
});

it('the dashboard shows breaches from before the supervisor logged in, and an agent whose console went quiet goes offline', async () => {
  const breached = await queuedTicket(k.url, 'p3');
  clock += 6 * 60_000;
  expect(flagSlaBreaches(k.kefu.desk)).toContain(breached);

  const agent = await signedInAgent(k.url, k.kefu.db, 'xiaowang');
  expect((await agent.post('/api/presence')).body).toEqual({ online: true });
  const boss = await signedInAgent(k.url, k.kefu.db, 'zhuguan', 'supervisor');
  const dash = await boss.get('/api/dashboard');
  expect(dash.body.sla.breaching.map((t: { id: number }) => t.id)).toContain(breached);
  expect(dash.body.queues.find((q: { tier: string }) => q.tier === 'L1').length).toBe(2);
  expect(dash.body.agents.find((a: { username: string }) => a.username === 'xiaowang')).toMatchObject({ online: true, load: 0, capacity: 5 });

  clock += 60_000;
  expect(sweepPresence(k.kefu.desk, k.config.supervisor)).toEqual([]); // a minute is within the timeout
  clock += 60_000;
  expect(sweepPresence(k.kefu.desk, k.config.supervisor)).toEqual([agent.id]);
  const after = await boss.get('/api/dashboard');
  expect(after.body.agents.find((a: { username: string }) => a.username === 'xiaowang').online).toBe(false);
  expect((await agent.get('/api/dashboard')).status).toBe(403);
});
