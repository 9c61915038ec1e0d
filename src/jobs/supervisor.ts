import { randomUUID } from 'node:crypto';
import cron from 'node-cron';
import { drawSpotChecks } from '../checks/sample';
import type { DeskContext } from '../desk/context';
import { dailyReport, type DailyReport } from '../reports/daily';
import { addDays, dayOf, dayStart } from '../reports/day';
import { pushDailySummary } from '../reports/push';
import { changeShift } from '../shifts/handover';
import { saveDailyReport, storedDailyReport } from '../store/dailyReports';
import { markAbsentOffline } from '../store/presence';
import type { SupervisorPolicy } from '../supervisorPolicy';

/**
 * The day's close (at KEFU_REPORT_TIME): stores yesterday's report, draws yesterday's spot checks, and
 * pushes the summary to the WeCom group robot when KEFU_REPORT_WEBHOOK is set. Safe to run again.
 */
export async function closeDay(ctx: DeskContext, policy: SupervisorPolicy, day?: string): Promise<DailyReport> {
  const at = ctx.now();
  const date = day ?? addDays(dayOf(at, policy.timeZone), -1);
  const report = dailyReport(ctx.db, date, policy.timeZone, at);
  saveDailyReport(ctx.db, date, report, at);
  const seed = policy.spotCheckSeed ?? randomUUID();
  const drawn = drawSpotChecks(ctx.db, { day: date, timeZone: policy.timeZone, size: policy.spotCheckSize, seed, at });
  ctx.log.info({ date, spotChecks: drawn.length }, 'daily report stored');
  if (policy.reportWebhook) await pushDailySummary(ctx.db, report, policy.reportWebhook, ctx.log, at);
  return report;
}

/** Consoles that stopped beating: their agents go offline (and the dashboards hear of it). */
export function sweepPresence(ctx: DeskContext, policy: SupervisorPolicy): number[] {
  const gone = markAbsentOffline(ctx.db, ctx.now() - policy.presenceTimeoutMs);
  if (gone.length) ctx.events.emit('ticket', { ticketId: 0, kind: 'presence' });
  return gone;
}

/**
 * The supervisor's schedules (node-cron): the day's close at KEFU_REPORT_TIME in the service time zone,
 * the shift change every minute, the presence sweep every 15 s. A start after a missed close catches up.
 */
export function startSupervisorJobs(ctx: DeskContext, policy: SupervisorPolicy) {
  const guarded = (name: string, job: () => unknown) => async () => {
    try {
      await job();
    } catch (err) {
      ctx.log.error({ err, job: name }, 'supervisor job failed');
    }
  };
  const { hour, minute } = policy.reportAt;
  const tasks = [
    cron.schedule(`${minute} ${hour} * * *`, guarded('daily-report', () => closeDay(ctx, policy)), {
      name: 'daily-report',
      timezone: policy.timeZone,
      noOverlap: true,
    }),
    cron.schedule('5 * * * * *', guarded('shift-change', () => changeShift(ctx, policy)), { name: 'shift-change', noOverlap: true }),
    cron.schedule('*/15 * * * * *', guarded('presence', () => sweepPresence(ctx, policy)), { name: 'presence', noOverlap: true }),
  ];
  // A close missed while the service was down is made up at start (not on a new install: nothing to report).
  const today = dayOf(ctx.now(), policy.timeZone);
  const yesterday = addDays(today, -1);
  const before = ctx.db.prepare('SELECT 1 FROM messages WHERE created_at < ? LIMIT 1').get(dayStart(today, policy.timeZone));
  if (before && !storedDailyReport(ctx.db, yesterday)) setImmediate(guarded('daily-report', () => closeDay(ctx, policy, yesterday)));
  setImmediate(guarded('shift-change', () => changeShift(ctx, policy)));
  return {
    async stop(): Promise<void> {
      for (const task of tasks) await task.destroy();
    },
  };
}
