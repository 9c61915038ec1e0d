import { autoAssign } from '../desk/assign';
import { updateConversation, type DeskContext } from '../desk/context';
import { insertSheet, latestSheet, ticketsHeldOffShift, unresolvedTickets, type HandoverSheet } from '../store/handover';
import { requeue } from '../store/ticketFlow';
import { getTicket, recordTicketEvent, type Tier } from '../store/tickets';
import { shiftAt, shiftBefore, type Shift } from './schedule';

/** The rota (KEFU_SHIFTS) in the service time zone. */
export interface ShiftPolicy {
  shifts: Shift[];
  timeZone: string;
}

/** The sheet as it stands now: every unresolved ticket, labelled with the shift on duty (or the one named). */
export function liveSheet(ctx: Pick<DeskContext, 'db' | 'now'>, policy: ShiftPolicy, shift?: string): HandoverSheet {
  const at = ctx.now();
  return { shift: shift ?? shiftAt(policy.shifts, at, policy.timeZone)?.name ?? '', generated_at: at, tickets: unresolvedTickets(ctx.db) };
}

/** `kefu handover --shift X`: the sheet X handed over last, or the live one labelled X when it has none yet. */
export function sheetFor(ctx: Pick<DeskContext, 'db' | 'now'>, policy: ShiftPolicy, shift?: string): HandoverSheet {
  return (shift && latestSheet(ctx.db, shift)) || liveSheet(ctx, policy, shift);
}

/**
 * The shift-change job (every minute): once a shift has ended, its sheet is written with every unresolved
 * ticket and who held it; then every open ticket held by an agent who is off shift goes back to its tier's
 * queue (and to an online agent when auto-assignment is on), so no ticket waits on someone who went home.
 */
export function changeShift(ctx: DeskContext, policy: ShiftPolicy): { sheetId?: number; returned: number[] } {
  const at = ctx.now();
  const current = shiftAt(policy.shifts, at, policy.timeZone);
  const outgoing = current && shiftBefore(policy.shifts, current, policy.timeZone);
  const result = ctx.db
    .transaction(() => {
      const sheetId =
        current && outgoing
          ? insertSheet(ctx.db, { shift: outgoing.name, nextShift: current.name, endedAt: current.startsAt, tickets: unresolvedTickets(ctx.db), at })
          : undefined;
      const returned: number[] = [];
      for (const t of ticketsHeldOffShift(ctx.db, current?.name ?? null)) {
        if (!requeue(ctx.db, t.id, t.tier as Tier, at)) continue;
        recordTicketEvent(ctx.db, { ticketId: t.id, agentId: t.agentId, kind: 'returned', data: { reason: 'off_shift', shift: current?.name ?? null }, at });
        updateConversation(ctx.db, getTicket(ctx.db, t.id)!, at, (c) => (c.state = 'queued'));
        returned.push(t.id);
      }
      return { sheetId, returned };
    })
    .immediate();
  if (result.sheetId) ctx.events.emit('ticket', { ticketId: 0, kind: 'handover' });
  for (const ticketId of result.returned) ctx.events.emit('ticket', { ticketId, kind: 'returned' });
  if (result.returned.length) autoAssign(ctx);
  return result;
}
