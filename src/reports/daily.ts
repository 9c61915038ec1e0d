import type { Db } from '../store/db';
import { agentFigures, type AgentFigures } from './agents';
import { dayRange } from './day';
import { mean, median, quantile, share } from './figures';

/** 每日工作报表: the contract of `kefu report daily --json` (README "Daily report"); more fields are welcome. */
export interface DailyReport {
  date: string;
  time_zone: string;
  messages: { in: number; out: number; by_channel: Record<string, { in: number; out: number }> };
  conversations: { total: number; by_channel: Record<string, number> };
  bot: { answered: number; clarified: number; unknown: number; handed_off: number; deflection: number };
  top_faq: { entry: string; count: number }[];
  top_gaps: { text: string; count: number }[];
  tickets: { created: number; resolved: number; open: number };
  first_response: { n: number; median_s: number; p90_s: number; within_sla: number };
  csat: { n: number; mean: number; distribution: Record<'1' | '2' | '3' | '4' | '5', number> };
  bugs: { critical: number; major: number; minor: number };
  complaints: Record<string, number>;
  agents: AgentFigures[];
}

type Counted<K extends string> = { [key in K]: string } & { n: number };

/** Builds the report of one day in the zone from what the store recorded. Reads only. */
export function dailyReport(db: Db, date: string, timeZone: string, now: number): DailyReport {
  const { from, to } = dayRange(date, timeZone);
  const all = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(from, to, ...args) as T[];
  const one = <T>(sql: string) => db.prepare(sql).get(from, to) as T;

  // Notes are internal: they are not messages anyone exchanged.
  const byChannel = all<{ channel: string; direction: 'in' | 'out'; n: number }>(
    `SELECT channel, direction, COUNT(*) AS n FROM messages WHERE created_at >= ? AND created_at < ? AND internal = 0 GROUP BY channel, direction`,
  );
  const messages = { in: 0, out: 0, by_channel: {} as Record<string, { in: number; out: number }> };
  for (const r of byChannel) {
    messages[r.direction] += r.n;
    (messages.by_channel[r.channel] ??= { in: 0, out: 0 })[r.direction] = r.n;
  }

  const convs = all<Counted<'channel'>>(
    `SELECT p.channel, COUNT(*) AS n FROM conversations c JOIN players p ON p.id = c.player_id
      WHERE c.created_at >= ? AND c.created_at < ? GROUP BY p.channel`,
  );
  const conversations = { total: convs.reduce((a, r) => a + r.n, 0), by_channel: Object.fromEntries(convs.map((r) => [r.channel, r.n])) };

  // The matcher's decision is kept on each inbound message (pipeline): answer, clarify, none, action:…, choice.
  const decisions = all<Counted<'decided'>>(
    `SELECT json_extract(decision, '$.kind') AS decided, COUNT(*) AS n FROM messages
      WHERE created_at >= ? AND created_at < ? AND direction = 'in' AND decision IS NOT NULL GROUP BY decided`,
  );
  const decided = (...kinds: string[]) => decisions.filter((d) => kinds.includes(d.decided)).reduce((a, d) => a + d.n, 0);
  const ticketsCreated = one<{ n: number }>('SELECT COUNT(*) AS n FROM tickets WHERE created_at >= ? AND created_at < ?').n;
  const convsWithTicket = one<{ n: number }>(
    `SELECT COUNT(DISTINCT t.conversation_id) AS n FROM tickets t JOIN conversations c ON c.id = t.conversation_id
      WHERE c.created_at >= ? AND c.created_at < ?`,
  ).n;

  const topFaq = all<Counted<'entry'>>(
    `SELECT json_extract(decision, '$.entryId') AS entry, COUNT(*) AS n FROM messages
      WHERE created_at >= ? AND created_at < ? AND direction = 'in' AND json_extract(decision, '$.kind') IN ('answer', 'choice')
      GROUP BY entry ORDER BY n DESC, entry LIMIT 10`,
  );
  const topGaps = all<Counted<'text'>>(
    `SELECT MIN(text) AS text, COUNT(*) AS n FROM messages
      WHERE created_at >= ? AND created_at < ? AND direction = 'in' AND json_extract(decision, '$.kind') = 'none' AND text != ''
      GROUP BY lower(trim(text)) ORDER BY n DESC, text LIMIT 10`,
  );

  const resolved = one<{ n: number }>(`SELECT COUNT(*) AS n FROM ticket_events WHERE kind = 'resolved' AND created_at >= ? AND created_at < ?`).n;
  // Still open at the day's end: created by then, and neither resolved nor closed by then.
  const open = db
    .prepare(
      `SELECT COUNT(*) AS n FROM tickets WHERE created_at < @to
         AND (status IN ('queued', 'assigned', 'waiting_player') OR COALESCE(resolved_at, closed_at) >= @to)`,
    )
    .get({ to }) as { n: number };

  const firsts = all<{ queuedAt: number; at: number | null; dueAt: number | null }>(
    `SELECT queued_at AS queuedAt, first_response_at AS at, first_response_due_at AS dueAt FROM tickets
      WHERE created_at >= ? AND created_at < ? AND (first_response_at IS NOT NULL OR first_response_due_at < ?)`,
    Math.min(to, now),
  );
  const answered = firsts.filter((f) => f.at !== null);
  const seconds = answered.map((f) => (f.at! - f.queuedAt) / 1000);
  // A ticket still unanswered after its deadline counts against the SLA share.
  const inTime = firsts.filter((f) => f.at !== null && (f.dueAt === null || f.at <= f.dueAt)).length;

  const ratings = all<{ rating: number }>(
    `SELECT CAST(json_extract(data, '$.rating') AS INTEGER) AS rating FROM ticket_events WHERE kind = 'rated' AND created_at >= ? AND created_at < ?`,
  ).map((r) => r.rating);
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const r of ratings) distribution[String(r) as keyof typeof distribution] += 1;

  const bugs = { critical: 0, major: 0, minor: 0 };
  for (const r of all<Counted<'severity'>>(`SELECT severity, COUNT(*) AS n FROM bug_reports WHERE created_at >= ? AND created_at < ? GROUP BY severity`)) {
    bugs[r.severity as keyof typeof bugs] = r.n;
  }
  const complaints = Object.fromEntries(
    all<Counted<'category'>>(`SELECT category, COUNT(*) AS n FROM complaints WHERE created_at >= ? AND created_at < ? GROUP BY category ORDER BY n DESC`).map(
      (r) => [r.category, r.n],
    ),
  );

  return {
    date,
    time_zone: timeZone,
    messages,
    conversations,
    bot: {
      answered: decided('answer', 'choice'),
      clarified: decided('clarify'),
      unknown: decided('none'),
      handed_off: ticketsCreated,
      // Deflection: conversations the bot closed without a person.
      deflection: share(conversations.total - convsWithTicket, conversations.total),
    },
    top_faq: topFaq.map((r) => ({ entry: r.entry, count: r.n })),
    top_gaps: topGaps.map((r) => ({ text: r.text, count: r.n })),
    tickets: { created: ticketsCreated, resolved, open: open.n },
    first_response: {
      n: answered.length,
      median_s: Math.round(median(seconds)),
      p90_s: Math.round(quantile(seconds, 0.9)),
      within_sla: share(inTime, firsts.length),
    },
    csat: { n: ratings.length, mean: mean(ratings), distribution },
    bugs,
    complaints,
    agents: agentFigures(db, { from, to, fromDay: date, toDay: date }).filter((a) => a.handled > 0 || a.spot_check_n > 0),
  };
}
