import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syncAnnouncementFile } from '../../src/cases/announcements';
import { listTickets } from '../../src/store/tickets';
import { playerSays, signedInAgent, type AgentSession } from '../helpers/desk';
import { SAMPLE_FAQ, startKefu, tempDir, type RunningKefu } from '../helpers/kefu';

const HOUR = 3600_000;
let clock = Date.parse('2026-12-02T08:00:00+08:00');
let k: RunningKefu;
let supervisor: AgentSession;
let agent: AgentSession;
const faqDir = tempDir();

beforeAll(async () => {
  cpSync(SAMPLE_FAQ, faqDir, { recursive: true });
  k = await startKefu({ KEFU_FAQ_DIR: faqDir }, { now: () => clock });
  supervisor = await signedInAgent(k.url, k.kefu.db, 'zhuguan', 'supervisor');
  agent = await signedInAgent(k.url, k.kefu.db, 'xiaozhang');
});
afterAll(() => k?.stop());

const DOWN = { title: 'S1 服务器紧急维护', text: '服务器维护中，预计 10:00 开服，维护补偿将通过邮件发放。', keywords: ['维护', '开服', '进不去'] };

describe('announcements (incident mode)', () => {
  it('only supervisors and admins publish, with the CSRF token, and a body that names what it answers', async () => {
    expect((await agent.post('/api/announcements', DOWN)).status).toBe(403);
    expect((await supervisor.post('/api/announcements', DOWN, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await supervisor.post('/api/announcements', { title: 't', text: 'x' })).status).toBe(400);
  });

  it('answers matching questions with the announcement first and opens no ticket, until its end time', async () => {
    const created = await supervisor.post('/api/announcements', { ...DOWN, endsAt: clock + 2 * HOUR });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(Number), title: DOWN.title });
    expect((await agent.get('/api/announcements')).body.announcements).toEqual([expect.objectContaining({ id: created.body.id })]);

    for (let i = 0; i < 3; i++) {
      const replies = await playerSays(k.url, 'down-1', i === 0 ? '服务器什么时候维护完' : '还是进不去啊');
      expect(replies).toEqual([`【公告】${DOWN.title}\n${DOWN.text}`]);
    }
    expect(listTickets(k.kefu.db, { status: 'queued' })).toEqual([]);
    const banner = await (await fetch(`${k.url}/webchat/api/announcements`)).json();
    expect(banner.announcements).toEqual([expect.objectContaining({ title: DOWN.title })]);

    clock += 2 * HOUR + 1;
    const after = await playerSays(k.url, 'down-2', '什么时候维护');
    expect(after.join('')).not.toContain('【公告】');
    expect(after.join('')).toContain('例行维护');
    expect((await fetch(`${k.url}/webchat/api/announcements`).then((r) => r.json())).announcements).toEqual([]);
  });

  it('ends one at once with DELETE', async () => {
    const supervisorNow = await signedInAgent(k.url, k.kefu.db, 'zhuguan2', 'supervisor');
    const { body } = await supervisorNow.post('/api/announcements', { title: '充值延迟', text: '充值到账有延迟，请耐心等待。', keywords: ['充值'] });
    expect((await playerSays(k.url, 'pay-1', '充值没到账'))[0]).toContain('充值延迟');
    const res = await fetch(`${k.url}/api/announcements/${body.id}`, { method: 'DELETE', headers: { cookie: supervisorNow.cookie, 'x-csrf-token': supervisorNow.csrf } });
    expect(res.status).toBe(200);
    expect((await playerSays(k.url, 'pay-2', '充值没到账'))[0]).not.toContain('充值延迟');
    expect((await fetch(`${k.url}/api/announcements/${body.id}`, { method: 'DELETE', headers: { cookie: supervisorNow.cookie, 'x-csrf-token': supervisorNow.csrf } })).status).toBe(409);
  });

  it('reads announcements.yaml in the FAQ folder, and reports a broken one without changing anything', async () => {
    writeFileSync(
      join(faqDir, 'announcements.yaml'),
      `- id: s2-merge\n  title: S2 合服公告\n  text: S2 与 S3 于本周四合服。\n  keywords: [合服]\n  ends: ${new Date(clock + HOUR).toISOString()}\n`,
    );
    syncAnnouncementFile(k.kefu.cases);
    expect((await playerSays(k.url, 'merge-1', '什么时候合服'))[0]).toBe('【公告】S2 合服公告\nS2 与 S3 于本周四合服。');
    writeFileSync(join(faqDir, 'announcements.yaml'), '- id: Bad Id\n  title: x\n');
    syncAnnouncementFile(k.kefu.cases);
    expect((await playerSays(k.url, 'merge-2', '合服是哪天'))[0]).toContain('S2 合服公告');
    writeFileSync(join(faqDir, 'announcements.yaml'), '[]\n');
    syncAnnouncementFile(k.kefu.cases);
    expect((await playerSays(k.url, 'merge-3', '合服是哪天'))[0]).not.toContain('S2 合服公告');
  });
});

describe('pushing an announcement', () => {
  it('sends it to the players who wrote in the last N hours, within their channel rules', async () => {
    const supervisorNow = await signedInAgent(k.url, k.kefu.db, 'zhuguan3', 'supervisor');
    await playerSays(k.url, 'recent-1', '你好');
    clock += 3 * HOUR;
    await playerSays(k.url, 'recent-2', '你好');
    const { body } = await supervisorNow.post('/api/announcements', { title: '停服补偿', text: '补偿已发放到邮箱。', keywords: ['补偿'], pushHours: 1 });
    expect(body.push).toEqual({ sent: 1, unreachable: 0 });
    const seen = await fetch(`${k.url}/webchat/api/messages?sessionId=recent-2`).then((r) => r.json());
    expect(seen.messages.at(-1).text).toBe('【公告】停服补偿\n补偿已发放到邮箱。');
    const notSeen = await fetch(`${k.url}/webchat/api/messages?sessionId=recent-1`).then((r) => r.json());
    expect(notSeen.messages.at(-1).text).not.toContain('停服补偿');
  });
});
