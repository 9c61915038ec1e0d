import { supervisors } from '../store/agents';
import { flagBreach, overdueFirstResponses } from '../store/ticketFlow';
import { recordTicketEvent } from '../store/tickets';
import type { DeskContext } from './context';

/** How far a late ticket moves up its queue: above any VIP level's base priority (10 per level). */
export const BREACH_PRIORITY_BOOST = 100;

/** Seconds left until the first response is due (negative when late); null once answered. */
export function firstResponseLeftMs(t: { firstResponseAt: number | null; firstResponseDueAt: number | null }, now: number): number | null {
  if (t.firstResponseAt !== null || t.firstResponseDueAt === null) return null;
  return t.firstResponseDueAt - now;
}

/**
 * Flags tickets whose first response is late: once each, with a ticket event, a higher priority, and a
 * `sla_breached` event that the console shows to supervisors. Returns the flagged ticket ids.
 */
export function flagSlaBreaches(ctx: DeskContext): number[] {
  const at = ctx.now();
  const flagged = ctx.db.transaction(() =>
    overdueFirstResponses(ctx.db, at).filter((t) => {
      if (!flagBreach(ctx.db, t.id, BREACH_PRIORITY_BOOST, at)) return false;
      recordTicketEvent(ctx.db, { ticketId: t.id, kind: 'sla_breached', data: { dueAt: t.firstResponseDueAt, tier: t.tier }, at });
      return true;
    }),
  )();
  if (flagged.length) {
    const notified = supervisors(ctx.db).map((s) => s.username);
    ctx.log.warn({ tickets: flagged.map((t) => t.id), notified }, 'first response SLA breached');
  }
  for (const t of flagged) ctx.events.emit('ticket', { ticketId: t.id, kind: 'sla_breached', tier: t.tier });
  return flagged.map((t) => t.id);
}
