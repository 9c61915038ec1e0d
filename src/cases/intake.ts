import { complaintsWithoutFollowup } from '../store/complaintCases';
import { insertFollowup } from '../store/followups';
import { attachReports, incidentTexts, insertIncident, recentIncidents, type BugReport } from '../store/incidents';
import { ungroupedReports } from '../store/incidents';
import { alertSupervisors } from './alerts';
import { FOLLOW_UP_MS, type CasesContext } from './context';
import { serverKey, similarReports } from './similarity';
import { queueBugWebhook } from './webhook';

/** Reports this close to an incident's latest one may join it ("close in time"). */
export const GROUP_WINDOW_MS = 3600_000;

/** The incident a new report belongs to: same server, a report within the window, similar text. */
function matchingIncident(ctx: CasesContext, report: BugReport): number | undefined {
  const key = serverKey(report.server);
  return recentIncidents(ctx.db, report.createdAt - GROUP_WINDOW_MS).find(
    (i) => serverKey(i.server) === key && incidentTexts(ctx.db, i.id).some((t) => similarReports(t, report.description)),
  )?.id;
}

/**
 * Takes in what the bot collected since the last pass: each new bug report joins its incident (or opens one),
 * a critical one alerts supervisors, the tracker's webhook is queued; each new complaint gets its follow-up task.
 * Runs after every handled message and on a timer, so nothing the bot stored is missed.
 */
export function takeIn(ctx: CasesContext): void {
  // Almost every pass (one after each batch of messages) finds nothing: reading first spares it a write transaction.
  if (!ctx.followups?.vip && !ungroupedReports(ctx.db).length && !complaintsWithoutFollowup(ctx.db).length) return;
  const at = ctx.now();
  const after: (() => void)[] = [];
  ctx.db.transaction(() => {
    for (const report of ungroupedReports(ctx.db)) {
      let incidentId = matchingIncident(ctx, report);
      const opened = incidentId === undefined;
      if (opened) incidentId = insertIncident(ctx.db, { title: report.description.slice(0, 60), server: report.server, severity: report.severity, at: report.createdAt });
      attachReports(ctx.db, incidentId!, [report.id], at);
      const payload = { incident: incidentId, report: { id: report.id, server: report.server, device: report.device, severity: report.severity, description: report.description } };
      queueBugWebhook(ctx, opened ? 'incident.created' : 'incident.report_added', payload);
      if (report.severity === 'critical') {
        after.push(() =>
          alertSupervisors(ctx, 'critical_bug', `紧急问题反馈 #${report.id}（${report.server ?? '未知服务器'}）：${report.description.slice(0, 80)}`, {
            reportId: report.id,
            incidentId,
          }),
        );
        if (ctx.followups?.criticalBugs) insertFollowup(ctx.db, { kind: 'bug', bugReportId: report.id, playerId: report.playerId, dueAt: report.createdAt + FOLLOW_UP_MS, at });
      }
    }
    openFollowups(ctx, at);
  }).immediate();
  for (const run of after) run();
}

/** A follow-up task for every complaint (due when the complaint said) and, when on, each VIP player's resolved ticket. */
export function openFollowups(ctx: Pick<CasesContext, 'db' | 'followups'>, at: number): void {
  for (const c of complaintsWithoutFollowup(ctx.db)) {
    insertFollowup(ctx.db, { kind: 'complaint', complaintId: c.id, playerId: c.playerId, dueAt: c.followUpDueAt, at });
  }
  if (ctx.followups?.vip) followUpVipTickets(ctx, at);
}

/** VIP players' resolved tickets get a follow-up too, when KEFU_FOLLOWUP_VIP is on. */
function followUpVipTickets(ctx: Pick<CasesContext, 'db'>, at: number): void {
  const rows = ctx.db
    .prepare(
      `SELECT t.id, t.player_id AS playerId, t.resolved_at AS resolvedAt FROM tickets t
       WHERE t.tier = 'VIP' AND t.resolved_at IS NOT NULL AND t.reason != 'complaint'
         AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.ticket_id = t.id)`,
    )
    .all() as { id: number; playerId: number; resolvedAt: number }[];
  for (const t of rows) insertFollowup(ctx.db, { kind: 'vip', ticketId: t.id, playerId: t.playerId, dueAt: t.resolvedAt + FOLLOW_UP_MS, at });
}
