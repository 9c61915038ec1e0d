import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileComplaint } from '../helpers/cases';
import { signedInAgent, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const T0 = Date.parse('2026-11-20T10:00:00+08:00');
let clock = T0;
let k: RunningKefu;
let owner: AgentSession;
let other: AgentSession;

beforeAll(async () => {
  k = await startKefu({}, { now: () => clock });
  owner = await signedInAgent(k.url, k.kefu.db, 'tousu');
  other = await signedInAgent(k.url, k.kefu.db, 'pangren');
});
afterAll(() => k?.stop());

const stage = (who: AgentSession, id: number, body: object) => who.post(`/api/complaints/${id}/stage`, body);

describe('the complaint workflow', () => {
  it('lists what the bot registered, by stage, with its category from the file and a follow-up due in 3 days', async () => {
    const id = await fileComplaint(k.url, 'c1', '客服态度太差了，问了半天不理人');
    const { body } = await owner.get('/api/complaints?stage=受理');
    expect(body.complaints).toEqual([
      expect.objectContaining({ id, category: '客服态度', stage: 'registered', stage_name: '受理', follow_up_due_at: T0 + 3 * 24 * 3600_000 }),
    ]);
    expect((await owner.get('/api/complaints?stage=assessed')).body.complaints).toEqual([]);
    expect((await owner.get('/api/complaints?stage=nope')).status).toBe(400);
  });

  it('moves through 受理 → 判断 → 调查 → 方案 → 实施 → 总结 one stage at a time, each in the history', async () => {
    const id = await fileComplaint(k.url, 'c2', '充值后钻石没到账，客服一直说等等');
    const skip = await stage(owner, id, { stage: '总结', note: '跳过' });
    expect(skip).toMatchObject({ status: 409, body: { code: 'stage_skipped' } });
    expect((await stage(owner, id, { stage: 'assessed', valid: true })).body.code).toBe('stage_incomplete');
    expect((await stage(owner, id, { stage: 'assessed', valid: true, severity: 'high', category: '不存在' })).body.code).toBe('unknown_category');

    clock = T0 + 3600_000;
    expect((await stage(owner, id, { stage: '判断', valid: true, severity: 'high', category: '充值消费' })).status).toBe(200);
    // the first agent to move it owns it: another agent may not move it on
    expect((await stage(other, id, { stage: '调查', note: '查订单' })).body.code).toBe('held_by_other');
    await stage(owner, id, { stage: '调查', note: '订单 20261120xxxx 已支付，发货失败' });
    await stage(owner, id, { stage: '方案', note: '补发钻石并赠送补偿礼包' });
    await stage(owner, id, { stage: '实施', note: '已补发 648 钻石 + 补偿礼包' });
    clock = T0 + 10 * 3600_000; // (a console login lasts 12 h)
    const done = await stage(owner, id, { stage: '总结', note: '支付回调失败未告警，已加监控' });
    expect(done.body.complaint).toMatchObject({ stage: 'summarized', valid: true, category: '充值消费', owner_name: 'tousu', lesson: '支付回调失败未告警，已加监控' });
    expect(done.body.history.map((e: { fromStage: string; toStage: string }) => `${e.fromStage}>${e.toStage}`)).toEqual([
      'registered>assessed', 'assessed>investigating', 'investigating>proposed', 'proposed>implemented', 'implemented>summarized',
    ]);
    expect((await stage(owner, id, { stage: '总结', note: 'again' })).status).toBe(409);
  });

  it('closes a complaint judged not valid at 判断 straight to 总结', async () => {
    const id = await fileComplaint(k.url, 'c3', '为什么我开挂被封号了');
    await stage(owner, id, { stage: 'assessed', valid: false, severity: 'low', category: '封号处罚' });
    const closed = await stage(owner, id, { stage: 'summarized', note: '核实使用外挂，处罚无误' });
    expect(closed.body.complaint).toMatchObject({ stage: 'summarized', valid: false });
  });

  it('counts them in the 《顾客投诉分类统计表》 in the API, as CSV, and from `kefu report complaints --json`', async () => {
    const stats = (await owner.get('/api/reports/complaints?month=2026-11')).body;
    const pay = stats.rows.find((r: { category: string }) => r.category === '充值消费');
    expect(pay).toMatchObject({ month: '2026-11', total: 1, valid: 1, closed: 1, avgHoursToClose: 10 });
    expect(stats.totals).toMatchObject({ total: 3, valid: 1, invalid: 1, unassessed: 1, closed: 2 });
    const csv = await (await fetch(`${k.url}/api/reports/complaints?month=2026-11&format=csv`, { headers: { cookie: owner.cookie } })).text();
    expect(csv).toContain('月份,投诉类别,投诉数,有效,无效,未判断,已结案,平均结案时长(小时)');
    expect((await owner.get('/api/reports/complaints?month=2026-13')).status).toBe(400);

    const { stdout } = await run(process.execPath, ['-r', 'tsx/cjs', 'src/cli.ts', 'report', 'complaints', '--month', '2026-11', '--json'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, KEFU_DATA_DIR: k.dataDir },
    });
    expect(JSON.parse(stdout).totals).toEqual(stats.totals);
  });
});
