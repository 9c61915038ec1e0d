import { TIERS } from '../store/agents';
import type { Db } from '../store/db';
import { dailyReport } from './daily';
import { dayOf } from './day';

/** Tickets whose first response falls due this soon count as "about to breach". */
export const SOON_MS = 2 * 60_000;

interface SlaRow {
  id: number;
  tier: string;
  status: string;
  agentName: string | null;
  nickname: string | null;
  dueAt: number;
  breachedAt: number | null;
}

/**
 * The supervisor's live view: each tier's queue, first responses late or about to be (however long ago
 * they fell late, so breaches before the supervisor logged in show too), who is online with their load,
 * and today's figures so far.
 */
export function dashboard(db: Db, now: number, timeZone: string) {
  const queues = TIERS.map((tier) => {
    const q = db
      .prepare(`SELECT COUNT(*) AS length, MIN(queued_at) AS oldest FROM tickets WHERE status = 'queued' AND tier = ?`)
      .get(tier) as { length: number; oldest: number | null };
    return { tier, length: q.length, oldest_wait_s: q.oldest === null ? 0 : Math.max(0, Math.round((now - q.oldest) / 1000)) };
  });

  const sla = db
    .prepare(
      `SELECT t.id, t.tier, t.status, a.display_name AS agentName, p.nickname, t.first_response_due_at AS dueAt,
              t.sla_breached_at AS breachedAt
         FROM tickets t JOIN players p ON p.id = t.player_id LEFT JOIN agents a ON a.id = t.agent_id
        WHERE t.first_response_at IS NULL AND t.first_response_due_at IS NOT NULL AND t.first_response_due_at < ?
          AND t.status IN ('queued', 'assigned')
        ORDER BY t.first_response_due_at LIMIT 200`,
    )
    .all(now + SOON_MS) as SlaRow[];
  const asItem = (r: SlaRow) => ({
    id: r.id,
    tier: r.tier,
    status: r.status,
    agent: r.agentName,
    player: r.nickname,
    due_at: r.dueAt,
    left_s: Math.round((r.dueAt - now) / 1000),
  });

  const agents = db
    .prepare(
      `SELECT a.id, a.username, a.display_name AS displayName, a.role, a.tier, a.online, a.capacity,
              (SELECT COUNT(*) FROM tickets t WHERE t.agent_id = a.id AND t.status IN ('assigned', 'waiting_player')) AS load,
              (SELECT shift FROM agent_shifts s WHERE s.agent_id = a.id) AS shift
         FROM agents a WHERE a.active = 1 ORDER BY a.online DESC, a.tier, a.username`,
    )
    .all() as { id: number; username: string; displayName: string; role: string; tier: string; online: number; capacity: number; load: number; shift: string | null }[];

  const today = dailyReport(db, dayOf(now, timeZone), timeZone, now);
  return {
    now,
    queues,
    sla: { breaching: sla.filter((r) => r.dueAt <= now).map(asItem), soon: sla.filter((r) => r.dueAt > now).map(asItem) },
    agents: agents.map((a) => ({ ...a, online: Boolean(a.online) })),
    online: agents.filter((a) => a.online).length,
    today: {
      date: today.date,
      messages: { in: today.messages.in, out: today.messages.out },
      conversations: today.conversations.total,
      bot: today.bot,
      handoffs: today.bot.handed_off,
      tickets: today.tickets,
      csat: { n: today.csat.n, mean: today.csat.mean },
    },
  };
}
