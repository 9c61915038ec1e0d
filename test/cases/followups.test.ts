import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { alertOverdueFollowups } from '../../src/cases/followups';
import { takeIn } from '../../src/cases/intake';
import { fileComplaint } from '../helpers/cases';
import { playerSees, signedInAgent, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const DAY = 24 * 3600_000;
let clock = Date.now();
let k: RunningKefu;
let agent: AgentSession;

beforeAll(async () => {
  k = await startKefu({}, { now: () => clock });
  agent = await signedInAgent(k.url, k.kefu.db, 'huifang');
});
afterAll(() => k?.stop());

const kefu = (...args: string[]) => run(process.execPath, ['-r', 'tsx/cjs', 'src/cli.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, KEFU_DATA_DIR: k.dataDir } });

describe('follow-ups (回访)', () => {
  it('gives every complaint a follow-up due within 3 days, listed by `kefu followups --due --json`', async () => {
    const complaint = await fileComplaint(k.url, 'f1', '活动奖励一直没发，客服也不回复');
    const { stdout } = await kefu('followups', '--due', '--json');
    const { followups } = JSON.parse(stdout);
    expect(followups).toEqual([expect.objectContaining({ complaint, due_at: clock + 3 * DAY, status: 'open', overdue: false })]);
  });

  it('sends the scripted follow-up in the player’s channel and records the outcome', async () => {
    takeIn(k.kefu.cases);
    const [task] = (await agent.get('/api/followups?due')).body.followups;
    const preview = await agent.get(`/api/followups/${task.id}?script=complaint.apology`);
    expect(preview.body.text).toMatch(/^玩家您好，我是客服huifang。再次为之前的客服态度问题给您带来的不便致歉（投诉编号 #\d+）/);
    const sent = await agent.post(`/api/followups/${task.id}/send`, { text: preview.body.text });
    expect(sent.status).toBe(200);
    expect((await playerSees(k.url, 'f1')).at(-1)!.text).toBe(preview.body.text);

    const done = await agent.post(`/api/followups/${task.id}/complete`, { outcome: 'satisfied', note: '玩家表示满意' });
    expect(done.body.followup).toMatchObject({ status: 'done', outcome: 'satisfied', contact: 'channel', agent: 'huifang' });
    const complaint = (await agent.get(`/api/complaints/${task.complaint}`)).body.complaint;
    expect(complaint.followed_up_at).toBe(clock);
    expect((await agent.post(`/api/followups/${task.id}/complete`, { outcome: 'satisfied' })).status).toBe(409);
  });

  it('needs the contact recorded when the follow-up was not sent in the channel', async () => {
    await fileComplaint(k.url, 'f2', '封号封错了');
    takeIn(k.kefu.cases);
    const task = (await agent.get('/api/followups?due')).body.followups.find((f: { status: string }) => f.status === 'open');
    expect((await agent.post(`/api/followups/${task.id}/complete`, { outcome: 'unreachable' })).body.code).toBe('contact_required');
    const done = await agent.post(`/api/followups/${task.id}/complete`, { outcome: 'unreachable', contact: 'phone', note: '电话未接通' });
    expect(done.body.followup).toMatchObject({ outcome: 'unreachable', contact: 'phone' });
  });

  it('alerts supervisors once when a follow-up is overdue', async () => {
    await fileComplaint(k.url, 'f3', '匹配太慢了');
    takeIn(k.kefu.cases);
    expect(alertOverdueFollowups(k.kefu.cases)).toEqual([]);
    clock += 3 * DAY + 60_000;
    const [overdue] = alertOverdueFollowups(k.kefu.cases);
    expect(overdue).toBeDefined();
    expect(alertOverdueFollowups(k.kefu.cases)).toEqual([]);
    const supervisor = await signedInAgent(k.url, k.kefu.db, 'zhuguan', 'supervisor');
    const alerts = (await supervisor.get('/api/alerts?unseen')).body.alerts;
    expect(alerts).toEqual([expect.objectContaining({ kind: 'followup_overdue', data: expect.objectContaining({ followupId: overdue }) })]);
    const late = (await supervisor.get('/api/followups?due')).body.followups.find((f: { id: number }) => f.id === overdue);
    expect(late.overdue).toBe(true);
  });
});
