// /metrics after a scripted day on the desk: every series agrees with the database (issue #17 finding 8).
import { createHmac } from 'node:crypto';
import { flagSlaBreaches } from '../../src/desk/sla';
import { postJson, startKefu, type RunningKefu } from '../helpers/kefu';
import { playerSays, signedInAgent } from '../helpers/desk';

const MIN = 60_000;
const SECRET = 'metrics-secret';
let clock = Date.UTC(2026, 2, 2, 1, 0); // 09:00 in Shanghai

/** Prometheus text → { 'name{a="b"}': value } (labels in the order prom-client writes them). */
function parse(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) series.set(m[1], Number(m[2]));
  }
  return series;
}

async function scriptedDay(k: RunningKefu) {
  const web = (session: string, text: string) => playerSays(k.url, session, text);
  const onebot = (o: object) => {
    const body = JSON.stringify({ time: 1700000000, self_id: 10001000, font: 0, ...o });
    const signature = `sha1=${createHmac('sha1', SECRET).update(body).digest('hex')}`;
    return fetch(`${k.url}/onebot`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature }, body });
  };
  await web('day-1', '忘记密码怎么办');
  const resend = { sessionId: 'day-1', text: '怎么改名', clientMessageId: 'c-1' };
  await postJson(`${k.url}/webchat/api/messages`, resend);
  await postJson(`${k.url}/webchat/api/messages`, resend); // a resend: answered from the store
  await web('day-2', '转人工');
  await web('day-3', '我要投诉');
  await web('day-3', '客服态度太差了，半天不回');
  await web('day-4', '今天天气怎么样');
  await web('day-4', '提交bug');
  for (const field of ['一区', '小明', '安卓', '登录后闪退']) await web('day-4', field);
  for (let i = 1; i <= 3; i++) {
    await onebot({ post_type: 'message', message_type: 'private', sub_type: 'friend', message_id: i, user_id: 7654321, message: i === 3 ? '转人工' : '怎么充值', sender: { nickname: 'q' } });
    await onebot({ post_type: 'meta_event', meta_event_type: 'heartbeat', interval: 30000, status: { online: true, good: true } });
  }

  clock += 3 * MIN;
  const agent = await signedInAgent(k.url, k.kefu.db, 'xiaowang', 'agent', 'L1');
  const ticketOf = (session: string) =>
    (k.kefu.db.prepare(`SELECT t.id FROM tickets t JOIN players p ON p.id = t.player_id WHERE p.user_id = ?`).get(session) as { id: number }).id;
  const day2 = ticketOf('day-2');
  await agent.post(`/api/tickets/${day2}/claim`);
  await agent.post(`/api/tickets/${day2}/reply`, { text: '您好，请问遇到什么问题？' });
  await agent.post(`/api/tickets/${day2}/resolve`);
  await web('day-2', '还是不行'); // reopens the ticket: not a new one
  clock += 10 * MIN;
  flagSlaBreaches(k.kefu.desk); // the complaint (L2) and the QQ player's ticket (L1) were never answered
}

it('agrees with the database on every series after a scripted day', async () => {
  const k = await startKefu({ KEFU_ONEBOT_SECRET: SECRET }, { now: () => clock });
  try {
    await scriptedDay(k);
    const text = await (await fetch(`${k.url}/metrics`)).text();
    const metrics = parse(text);
    const rows = <T>(sql: string) => k.kefu.db.prepare(sql).all() as T[];
    const value = (name: string) => metrics.get(name) ?? 0;

    const stored = rows<{ channel: string; direction: string; n: number }>(
      'SELECT channel, direction, COUNT(*) AS n FROM messages WHERE internal = 0 GROUP BY channel, direction',
    );
    expect(stored.length).toBe(4); // web chat and QQ, both directions
    for (const r of stored) expect([r.channel, r.direction, value(`kefu_messages_total{channel="${r.channel}",direction="${r.direction}"}`)]).toEqual([r.channel, r.direction, r.n]);
    expect(value('kefu_duplicate_messages_total{channel="webchat"}')).toBe(1);

    const decided = rows<{ kind: string; n: number }>(
      "SELECT json_extract(decision, '$.kind') AS kind, COUNT(*) AS n FROM messages WHERE decision IS NOT NULL GROUP BY json_extract(decision, '$.kind')",
    );
    expect(decided.map((d) => d.kind)).toEqual(expect.arrayContaining(['answer', 'action:handoff', 'action:complaint', 'action:bug_report', 'reopen']));
    for (const d of decided) expect([d.kind, value(`kefu_decisions_total{kind="${d.kind}"}`)]).toEqual([d.kind, d.n]);

    for (const r of stored.filter((s) => s.direction === 'in')) {
      expect(value(`kefu_pipeline_seconds_count{channel="${r.channel}"}`)).toBe(r.n);
    }

    const tickets = rows<{ tier: string; n: number }>('SELECT tier, COUNT(*) AS n FROM tickets GROUP BY tier');
    expect(tickets.reduce((s, t) => s + t.n, 0)).toBe(3); // 转人工 on each channel, the complaint
    for (const t of tickets) expect([t.tier, value(`kefu_tickets_created_total{tier="${t.tier}"}`)]).toEqual([t.tier, t.n]);
    const events = rows<{ kind: string; n: number }>('SELECT kind, COUNT(*) AS n FROM ticket_events GROUP BY kind');
    for (const e of events) expect([e.kind, value(`kefu_ticket_events_total{kind="${e.kind}"}`)]).toEqual([e.kind, e.n]);

    const breaches = rows<{ tier: string; n: number }>('SELECT tier, COUNT(*) AS n FROM tickets WHERE sla_breached_at IS NOT NULL GROUP BY tier');
    expect(breaches.length).toBe(2);
    for (const b of breaches) expect([b.tier, value(`kefu_sla_breaches_total{tier="${b.tier}"}`)]).toEqual([b.tier, b.n]);

    const queued = rows<{ tier: string; n: number; oldest: number }>("SELECT tier, COUNT(*) AS n, MIN(queued_at) AS oldest FROM tickets WHERE status = 'queued' GROUP BY tier");
    for (const tier of ['L1', 'L2', 'VIP']) {
      const q = queued.find((r) => r.tier === tier);
      expect([tier, value(`kefu_queue_length{tier="${tier}"}`)]).toEqual([tier, q?.n ?? 0]);
      expect([tier, value(`kefu_queue_oldest_wait_seconds{tier="${tier}"}`)]).toEqual([tier, q ? (clock - q.oldest) / 1000 : 0]);
    }

    // Group commit: every stored message went through the commit group (web chat and OneBot both do), and
    // nothing of this day failed; the counts are the group's own.
    const group = k.kefu.pipeline.commits.stats();
    expect(value('kefu_store_group_works_total')).toBe(group.works);
    expect(value('kefu_store_group_works_total')).toBeGreaterThanOrEqual(stored.filter((r) => r.direction === 'in').reduce((s, r) => s + r.n, 0));
    expect(value('kefu_store_group_commits_total')).toBe(group.commits);
    expect(value('kefu_store_group_commits_total')).toBeGreaterThan(0);
    expect(value('kefu_store_group_rolled_back_total')).toBe(0);
    expect(value('kefu_store_group_batches_retried_total')).toBe(0);

    const outbox = rows<{ status: string; n: number }>("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status");
    for (const status of ['pending', 'sending', 'failed']) {
      expect([status, value(`kefu_outbox_messages{status="${status}"}`)]).toEqual([status, outbox.find((o) => o.status === status)?.n ?? 0]);
    }

    expect(value('kefu_channel_heartbeats_total{channel="onebot"}')).toBe(3);
    expect(value('kefu_channel_up{channel="onebot"}')).toBe(1);
    expect(value('kefu_channel_up{channel="webchat"}')).toBe(1);
    expect(text).toContain('# TYPE kefu_llm_calls_total counter'); // src/llm's series are served too (0 without an LLM)
  } finally {
    await k.stop();
  }
}, 120_000); // some 30 requests: slow only on a crowded machine
