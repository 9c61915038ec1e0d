import { takeIn } from '../../src/cases/intake';
import { getTicket } from '../../src/store/tickets';
import { reportBug } from '../helpers/cases';
import { playerSees, signedInAgent, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

const T0 = Date.parse('2026-12-01T20:00:00+08:00');
let clock = T0;
let k: RunningKefu;
let agent: AgentSession;
let supervisor: AgentSession;

beforeAll(async () => {
  k = await startKefu({}, { now: () => clock });
  agent = await signedInAgent(k.url, k.kefu.db, 'xiaoli');
  supervisor = await signedInAgent(k.url, k.kefu.db, 'zhuguan', 'supervisor');
});
afterAll(() => k?.stop());

const CRASHES = [
  '进副本就闪退', '一打开背包游戏就闪退了', '刚才闪退了三次', '游戏崩溃了，进不了副本', '副本里突然闪退',
  '闪退！！！', '打boss的时候崩溃', '更新后一直闪退', '组队进副本闪退', '游戏闪退回桌面',
];

describe('the bug board', () => {
  it('groups ten players reporting one crash on one server within an hour into one incident', async () => {
    for (const [i, text] of CRASHES.entries()) {
      clock = T0 + i * 5 * 60_000; // one every five minutes: 45 minutes in all
      await reportBug(k.url, `crash-${i}`, { server: i % 2 ? 'S1' : 's1服', description: text });
    }
    clock = T0 + 50 * 60_000;
    await reportBug(k.url, 'other-server', { server: 'S2', description: '进副本就闪退' });
    await reportBug(k.url, 'other-problem', { server: 'S1', description: '商城的图标显示错位' });
    takeIn(k.kefu.cases);

    const { body } = await agent.get('/api/incidents');
    const crash = body.incidents.find((i: { reports: number }) => i.reports === 10);
    expect(crash).toMatchObject({ players: 10, severity: 'major', status: 'new' });
    expect(body.incidents).toHaveLength(3);
    const bugs = (await agent.get(`/api/bugs?incident=${crash.id}`)).body.bugs;
    expect(bugs).toHaveLength(10);
    expect(bugs[0]).toMatchObject({ incident: crash.id, status: 'new', severity: 'major' });
  });

  it('filters reports by server, device, severity, status and date', async () => {
    expect((await agent.get('/api/bugs?server=S2')).body.bugs).toHaveLength(1);
    expect((await agent.get('/api/bugs?device=iPhone')).body.bugs).toHaveLength(12);
    expect((await agent.get('/api/bugs?severity=minor')).body.bugs.map((b: { description: string }) => b.description)).toEqual(['商城的图标显示错位']);
    expect((await agent.get('/api/bugs?status=fixed')).body.bugs).toHaveLength(0);
    expect((await agent.get('/api/bugs?from=2026-12-03')).body.bugs).toHaveLength(0);
    expect((await agent.get('/api/bugs?status=done')).status).toBe(400);
    expect((await fetch(`${k.url}/api/bugs`)).status).toBe(401);
  });

  it('merges an incident into another and splits reports back out', async () => {
    const incidents = (await agent.get('/api/incidents')).body.incidents;
    const s2 = incidents.find((i: { server: string }) => i.server === 'S2');
    const crash = incidents.find((i: { reports: number }) => i.reports === 10);
    const merged = await agent.post(`/api/incidents/${crash.id}/merge`, { from: [s2.id] });
    expect(merged.body.incident).toMatchObject({ reports: 11, players: 11 });
    expect((await agent.get('/api/incidents')).body.incidents).toHaveLength(2);

    const moved = (await agent.get(`/api/bugs?server=S2`)).body.bugs.map((b: { id: number }) => b.id);
    const split = await agent.post(`/api/incidents/${crash.id}/split`, { reports: moved });
    expect(split.body.incident).toMatchObject({ reports: 1, server: crash.server });
    const history = (await agent.get(`/api/incidents/${crash.id}`)).body.history.map((e: { kind: string }) => e.kind);
    expect(history).toEqual(['merged', 'split']);
    expect((await agent.post(`/api/incidents/${crash.id}/merge`, { from: [crash.id] })).status).toBe(400);
  });

  it('tells every reporter in their channel when the incident is fixed, and says who could not be reached', async () => {
    const crash = (await agent.get('/api/incidents')).body.incidents.find((i: { reports: number }) => i.reports === 10);
    expect((await agent.post(`/api/incidents/${crash.id}/status`, { status: 'sent' })).status).toBe(200);
    const fixed = await agent.post(`/api/incidents/${crash.id}/status`, { status: 'fixed', note: '1.2.3 热更修复' });
    expect(fixed.body.told).toHaveLength(10);
    expect(fixed.body.unreachable).toEqual([]);
    expect((await agent.get('/api/bugs?status=fixed')).body.bugs).toHaveLength(10);
    const seen = await playerSees(k.url, 'crash-3');
    expect(seen.at(-1)!.text).toContain('已经修复');
  });

  it('exports the board as CSV and JSON', async () => {
    const csv = await fetch(`${k.url}/api/bugs/export?format=csv&server=S2`, { headers: { cookie: agent.cookie } });
    const text = await csv.text();
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(text.split('\n')[0]).toContain('id,incident,severity,status,server,device');
    expect(text).toContain('进副本就闪退');
    const json = await agent.get('/api/bugs/export?format=json&severity=minor');
    expect(json.body.bugs).toHaveLength(1);
  });

  it('alerts supervisors at once for a critical report', async () => {
    await reportBug(k.url, 'paid', { server: 'S3', description: '充值了648没到账' });
    await new Promise((r) => setTimeout(r, 50)); // the intake runs right after the message is handled
    const alerts = (await supervisor.get('/api/alerts?unseen')).body.alerts;
    expect(alerts[0]).toMatchObject({ kind: 'critical_bug' });
    expect(alerts[0].text).toContain('充值了648没到账');
    expect((await agent.get('/api/alerts')).status).toBe(403);
  });

  it('makes a report that asks for compensation a ticket too, with one number for the player', async () => {
    const reply = await reportBug(k.url, 'wants-comp', { server: 'S1', description: '副本掉线了，东西没拿到，要求补偿' });
    const numbers = reply.match(/#\d+/g) ?? [];
    expect(numbers).toHaveLength(1);
    const bug = (await agent.get('/api/bugs')).body.bugs.find((b: { description: string }) => b.description.includes('要求补偿'));
    expect(`#${bug.ticket}`).toBe(numbers[0]);
    expect(getTicket(k.kefu.db, bug.ticket)).toMatchObject({ reason: 'bug_report', status: 'queued' });
  });
});
