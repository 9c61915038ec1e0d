import { z } from 'zod';
import type { DeskContext } from '../../../desk/context';
import { agentFigures } from '../../../reports/agents';
import { dailyReportCsv } from '../../../reports/csv';
import { dailyReport, type DailyReport } from '../../../reports/daily';
import { dashboard } from '../../../reports/dashboard';
import { addDays, dayOf, dayRange, isDay } from '../../../reports/day';
import type { SupervisorPolicy } from '../../../supervisorPolicy';
import { MANAGERS, type apiRoutes } from '../guard';
import { readQuery } from './query';

const day = z.string().refine(isDay, 'must be a date YYYY-MM-DD');
const dailyQuery = z.object({ date: day.optional() });
const trendQuery = z.object({ to: day.optional(), days: z.coerce.number().int().min(2).max(31).default(7) });
const periodQuery = z.object({ from: day.optional(), to: day.optional() });

export interface ReportRouteDeps extends DeskContext {
  supervisor: SupervisorPolicy;
}

/** The day as the store has it now (the stored copy is the job's snapshot for the webhook and history). */
function reportOf(deps: ReportRouteDeps, date: string): DailyReport {
  return dailyReport(deps.db, date, deps.supervisor.timeZone, deps.now());
}

/** The supervisor's read models over HTTP: the live dashboard, the daily report (JSON, CSV, trend), agent figures. */
export function reportRoutes(api: ReturnType<typeof apiRoutes>, deps: ReportRouteDeps): void {
  const today = () => dayOf(deps.now(), deps.supervisor.timeZone);

  api.route('get', '/api/dashboard', MANAGERS, (ctx) => {
    ctx.body = dashboard(deps.db, deps.now(), deps.supervisor.timeZone);
  });

  api.route('get', '/api/reports/daily', MANAGERS, (ctx) => {
    const { date = today() } = readQuery(ctx, dailyQuery);
    ctx.body = reportOf(deps, date);
  });

  api.route('get', '/api/reports/daily.csv', MANAGERS, (ctx) => {
    const { date = today() } = readQuery(ctx, dailyQuery);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('content-disposition', `attachment; filename="kefu-daily-${date}.csv"`);
    ctx.body = dailyReportCsv(reportOf(deps, date));
  });

  // The week (7) or month (30) up to a day: one point per day for the report page's trend chart.
  api.route('get', '/api/reports/trend', MANAGERS, (ctx) => {
    const q = readQuery(ctx, trendQuery);
    const to = q.to ?? today();
    const days = Array.from({ length: q.days }, (_, i) => addDays(to, i - q.days + 1));
    ctx.body = {
      days: days.map((date) => {
        const r = reportOf(deps, date);
        return {
          date,
          messages_in: r.messages.in,
          conversations: r.conversations.total,
          tickets_created: r.tickets.created,
          tickets_resolved: r.tickets.resolved,
          deflection: r.bot.deflection,
          within_sla: r.first_response.within_sla,
          csat_mean: r.csat.mean,
        };
      }),
    };
  });

  api.route('get', '/api/reports/agents', MANAGERS, (ctx) => {
    const q = readQuery(ctx, periodQuery);
    const to = q.to ?? today();
    const from = q.from ?? addDays(to, -6);
    const tz = deps.supervisor.timeZone;
    ctx.body = { from, to, agents: agentFigures(deps.db, { from: dayRange(from, tz).from, to: dayRange(to, tz).to, fromDay: from, toDay: to }) };
  });
}
