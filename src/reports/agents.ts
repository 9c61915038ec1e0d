import type { Db } from '../store/db';
import { mean, median, quantile, share } from './figures';

/** One agent's figures over a period (README "Agent performance"). Times in seconds. */
export interface AgentFigures {
  username: string;
  display_name: string;
  tier: string;
  handled: number;
  first_response_median_s: number;
  first_response_p90_s: number;
  resolution_median_s: number;
  within_sla: number;
  csat_mean: number;
  csat_n: number;
  spot_check_mean: number;
  spot_check_n: number;
}

interface Row {
  agentId: number;
  createdAt: number;
  queuedAt: number;
  firstResponseAt: number | null;
  dueAt: number | null;
  resolvedAt: number | null;
  rating: number | null;
}

/**
 * Per-agent figures for [from, to): tickets the agent resolved in the period (handled), their first
 * response and resolution times, the share answered within the SLA, ratings of those tickets, and the
 * spot checks scored for the agent's conversations drawn in the period.
 */
export function agentFigures(db: Db, range: { from: number; to: number; fromDay: string; toDay: string }): AgentFigures[] {
  const agents = db
    .prepare(`SELECT id, username, display_name AS displayName, tier FROM agents WHERE role != 'admin' OR id IN
                (SELECT agent_id FROM ticket_events WHERE kind = 'resolved' AND created_at >= ? AND created_at < ?) ORDER BY username`)
    .all(range.from, range.to) as { id: number; username: string; displayName: string; tier: string }[];
  // The agent who resolved the ticket is the one who handled it, whoever holds it now.
  const rows = db
    .prepare(
      `SELECT e.agent_id AS agentId, t.created_at AS createdAt, t.queued_at AS queuedAt, t.first_response_at AS firstResponseAt,
              t.first_response_due_at AS dueAt, e.created_at AS resolvedAt, t.rating
         FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
        WHERE e.kind = 'resolved' AND e.created_at >= ? AND e.created_at < ? AND e.agent_id IS NOT NULL`,
    )
    .all(range.from, range.to) as Row[];
  const checks = db
    .prepare(`SELECT agent_id AS agentId, score FROM spot_checks WHERE score IS NOT NULL AND day >= ? AND day <= ?`)
    .all(range.fromDay, range.toDay) as { agentId: number; score: number }[];

  return agents.map((a) => {
      const mine = rows.filter((r) => r.agentId === a.id);
      const answered = mine.filter((r) => r.firstResponseAt !== null);
      const firsts = answered.map((r) => (r.firstResponseAt! - r.queuedAt) / 1000);
      const ratings = mine.flatMap((r) => (r.rating === null ? [] : [r.rating]));
      const scores = checks.filter((c) => c.agentId === a.id).map((c) => c.score);
      return {
        username: a.username,
        display_name: a.displayName,
        tier: a.tier,
        handled: mine.length,
        first_response_median_s: Math.round(median(firsts)),
        first_response_p90_s: Math.round(quantile(firsts, 0.9)),
        resolution_median_s: Math.round(median(mine.map((r) => (r.resolvedAt! - r.createdAt) / 1000))),
        within_sla: share(answered.filter((r) => r.dueAt === null || r.firstResponseAt! <= r.dueAt).length, answered.length),
        csat_mean: mean(ratings),
        csat_n: ratings.length,
        spot_check_mean: mean(scores),
        spot_check_n: scores.length,
      };
  });
}
