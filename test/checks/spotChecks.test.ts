import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawSpotChecks } from '../../src/checks/sample';
import { loadScorecard } from '../../src/checks/scorecard';
import { claimTicket } from '../../src/desk/claim';
import { replyToTicket } from '../../src/desk/reply';
import { resolveTicket } from '../../src/desk/resolve';
import { getAgent } from '../../src/store/agents';
import { openStore } from '../../src/store/db';
import { listSpotChecks } from '../../src/store/spotChecks';
import { queuedTicket, signedInAgent, type AgentSession } from '../helpers/desk';
import { startKefu, tempDir, type RunningKefu } from '../helpers/kefu';

const DAY = '2026-11-20';
let clock = Date.UTC(2026, 10, 20, 3, 0); // 11:00 in Asia/Shanghai
let k: RunningKefu;
let boss: AgentSession;
let a: AgentSession;
let b: AgentSession;
const draw = (db = k.kefu.db, seed = 'audit-1', size = 2, day = DAY) => drawSpotChecks(db, { day, timeZone: 'Asia/Shanghai', size, seed, at: clock });

beforeAll(async () => {
  k = await startKefu({}, { now: () => clock });
  boss = await signedInAgent(k.url, k.kefu.db, 'zhuguan', 'supervisor');
  a = await signedInAgent(k.url, k.kefu.db, 'xiaoa');
  b = await signedInAgent(k.url, k.kefu.db, 'xiaob');
  // xiaoa resolves 5 conversations that day, xiaob 3.
  for (const [agent, n] of [[a, 5], [b, 3]] as const) {
    const me = getAgent(k.kefu.db, agent.id)!;
    for (let i = 0; i < n; i++) {
      const id = await queuedTicket(k.url, `p-${agent.id}-${i}`);
      clock += 10_000;
      claimTicket(k.kefu.desk, id, me);
      replyToTicket(k.kefu.desk, id, me, '您好，已为您处理');
      resolveTicket(k.kefu.desk, id, me);
    }
  }
});
afterAll(() => k?.stop());

it('draws the same sample from the same seed, and another sample from other seeds', async () => {
  const copies = ['audit-1', 'audit-1', 'audit-2', 'audit-3', 'audit-4'].map((seed) => {
    const dir = tempDir();
    k.kefu.db.exec(`VACUUM INTO '${join(dir, 'kefu.db')}'`);
    const db = openStore(dir);
    const drawn = draw(db, seed).map((d) => d.ticketId);
    db.close();
    return drawn;
  });
  expect(copies[0]).toHaveLength(4); // 2 per agent
  expect(copies[1]).toEqual(copies[0]);
  expect(copies.slice(2).some((c) => JSON.stringify(c) !== JSON.stringify(copies[0]))).toBe(true);
});

it('never draws a conversation twice: a second draw tops up, and a bigger one takes only new conversations', () => {
  const first = draw();
  expect(first).toHaveLength(4);
  expect(draw()).toEqual([]);
  const more = draw(k.kefu.db, 'audit-9', 4);
  expect(more.filter((d) => d.agentId === a.id)).toHaveLength(2);
  expect(more.filter((d) => d.agentId === b.id)).toHaveLength(1); // only 3 to draw from
  const all = listSpotChecks(k.kefu.db, { day: DAY });
  expect(new Set(all.map((c) => c.conversationId)).size).toBe(all.length);
  expect(draw(k.kefu.db, 'audit-9', 10, '2026-11-21')).toEqual([]);
});

it('supervisors score on the scorecard with a comment; agents see their own checks; the scores reach the agent figures', async () => {
  const list = await boss.get(`/api/checks?day=${DAY}&agent=${a.id}`);
  expect(list.body.scorecard.map((c: { name: string }) => c.name)).toEqual(['问候与礼貌用语', '规范用语', '响应时间', '问题解决', '信息准确', '结束语']);
  const [c1, c2] = list.body.checks;
  const full = { greeting: 15, phrasing: 15, response_time: 15, solved: 25, accuracy: 20, closing: 10 };
  expect((await boss.post(`/api/checks/${c1.id}/score`, { scores: full, comment: '很规范' })).body.check).toMatchObject({ score: 100, comment: '很规范', scoredBy: 'zhuguan' });
  expect((await boss.post(`/api/checks/${c2.id}/score`, { scores: { ...full, solved: 5, closing: 0 } })).body.check.score).toBe(70);
  const bad = await boss.post(`/api/checks/${c2.id}/score`, { scores: { ...full, solved: 30, extra: 1 } });
  expect(bad.status).toBe(400);
  expect(bad.body.error).toBe('solved: must be between 0 and 25; extra: not on the scorecard');
  expect((await a.post(`/api/checks/${c1.id}/score`, { scores: full })).status).toBe(403);

  const mine = await a.get('/api/checks');
  expect(mine.body.checks.every((c: { agentId: number }) => c.agentId === a.id)).toBe(true);
  expect((await a.get(`/api/checks/${c1.id}`)).body.check.comment).toBe('很规范');
  expect((await b.get(`/api/checks/${c1.id}`)).status).toBe(404);

  const figures = await boss.get(`/api/reports/agents?from=${DAY}&to=${DAY}`);
  expect(figures.body.agents.find((x: { username: string }) => x.username === 'xiaoa')).toMatchObject({ handled: 5, spot_check_mean: 85, spot_check_n: 2 });
  const daily = await boss.get(`/api/reports/daily?date=${DAY}`);
  expect(daily.body.agents.find((x: { username: string }) => x.username === 'xiaoa')).toMatchObject({ spot_check_mean: 85 });
});

it('a broken scorecard file is reported with file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-scorecard-'));
  writeFileSync(join(dir, 'scorecard.yaml'), '- id: greeting\n  name: 问候\n  points: 10\n- id: Bad Id\n  name: 结束语\n  points: 0\n');
  expect(() => loadScorecard(dir)).toThrow(/scorecard\.yaml:4: criterion 2: id: id must be \[a-z0-9_-\]\+\n.*scorecard\.yaml:4: criterion 2: points/);
  expect(loadScorecard(tmpdir() + '/no-such-folder').length).toBe(6);
});
