import cron from 'node-cron';
import { autoAssign } from '../desk/assign';
import type { DeskContext } from '../desk/context';
import { flagSlaBreaches } from '../desk/sla';
import { markOfflineWithoutSession } from '../store/agents';
import { purgeExpiredSessions } from '../store/sessions';
import { closeResolvedBefore } from '../store/ticketFlow';
import { recordTicketEvent } from '../store/tickets';

/**
 * Closes resolved tickets once they can no longer reopen, ends expired logins, and marks agents without a
 * live login offline (so auto-assignment skips them).
 */
export function deskHousekeeping(ctx: DeskContext): void {
  const at = ctx.now();
  const closed = ctx.db.transaction(() => {
    const ids = closeResolvedBefore(ctx.db, at - (ctx.policy.reopenMs ?? 0), at);
    for (const ticketId of ids) recordTicketEvent(ctx.db, { ticketId, kind: 'closed', at });
    purgeExpiredSessions(ctx.db, at);
    markOfflineWithoutSession(ctx.db, at);
    return ids;
  })();
  for (const ticketId of closed) ctx.events.emit('ticket', { ticketId, kind: 'closed' });
}

/**
 * The desk's schedules (node-cron): the SLA watch and auto-assignment every 15 s, housekeeping every
 * minute. A new ticket also triggers auto-assignment at once.
 */
export function startDeskJobs(ctx: DeskContext) {
  const guarded = (name: string, job: () => unknown) => () => {
    try {
      job();
    } catch (err) {
      ctx.log.error({ err, job: name }, 'desk job failed');
    }
  };
  const tasks = [
    cron.schedule('*/15 * * * * *', guarded('sla', () => flagSlaBreaches(ctx)), { name: 'desk-sla', noOverlap: true }),
    cron.schedule('*/15 * * * * *', guarded('assign', () => autoAssign(ctx)), { name: 'desk-assign', noOverlap: true }),
    cron.schedule('0 * * * * *', guarded('housekeeping', () => deskHousekeeping(ctx)), { name: 'desk-housekeeping', noOverlap: true }),
  ];
  const onTicket = (e: { kind: string }) => {
    if (e.kind === 'created' || e.kind === 'transferred') setImmediate(guarded('assign', () => autoAssign(ctx)));
  };
  ctx.events.on('ticket', onTicket);
  return {
    async stop(): Promise<void> {
      ctx.events.off('ticket', onTicket);
      for (const task of tasks) await task.destroy();
    },
  };
}
