import { z } from 'zod';
import type { CasesContext } from '../../cases/context';
import { bugsCsv } from '../../cases/export';
import { changeIncidentStatus, loadIncident, mergeIncidents, splitIncident } from '../../cases/incidents';
import { BUG_STATUSES, incidentEvents, listBugReports, listIncidents, type BugFilter, type BugReport, type Incident } from '../../store/incidents';
import { dateParam, oneOf, q } from './caseQuery';
import { ALL_ROLES, currentAgent, type apiRoutes } from './guard';
import { idParam, readBody } from './schemas';

const SEVERITIES = ['critical', 'major', 'minor'] as const;

/** A report as the API shows it (snake_case, README "Bug board"). */
export const bugJson = (b: BugReport) => ({
  id: b.id,
  severity: b.severity,
  status: b.status,
  server: b.server,
  description: b.description,
  incident: b.incidentId,
  device: b.device,
  role: b.roleName,
  player: b.playerId,
  nickname: b.nickname,
  channel: b.channel,
  ticket: b.ticketId,
  created_at: b.createdAt,
});

export const incidentJson = (i: Incident) => ({
  id: i.id,
  title: i.title,
  server: i.server,
  severity: i.severity,
  status: i.status,
  reports: i.reports,
  players: i.players,
  first_at: i.firstAt,
  last_at: i.lastAt,
  fixed_at: i.fixedAt,
});

const statusBody = z.object({ status: z.enum(BUG_STATUSES), note: z.string().trim().max(1000).optional() });
const ids = z.array(z.number().int().positive()).min(1).max(500);

/** The bug board: reports with filters, their incidents, status changes, merge and split, export. */
export function bugRoutes(api: ReturnType<typeof apiRoutes>, deps: CasesContext): void {
  const filter = (ctx: Parameters<Parameters<typeof api.route>[3]>[0]): BugFilter => ({
    severity: oneOf(ctx, 'severity', SEVERITIES),
    status: oneOf(ctx, 'status', BUG_STATUSES),
    server: q(ctx, 'server'),
    device: q(ctx, 'device'),
    from: dateParam(ctx, 'from'),
    to: dateParam(ctx, 'to', true),
    incident: q(ctx, 'incident') === undefined ? undefined : Number(q(ctx, 'incident')),
  });

  api.route('get', '/api/bugs', ALL_ROLES, (ctx) => {
    ctx.body = { bugs: listBugReports(deps.db, filter(ctx)).map(bugJson) };
  });

  api.route('get', '/api/bugs/export', ALL_ROLES, (ctx) => {
    const format = oneOf(ctx, 'format', ['csv', 'json'] as const) ?? 'csv';
    const bugs = listBugReports(deps.db, { ...filter(ctx), limit: 100_000 });
    ctx.set('content-disposition', `attachment; filename="bugs.${format}"`);
    if (format === 'json') ctx.body = { bugs: bugs.map(bugJson) };
    else {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.body = bugsCsv(bugs);
    }
  });

  api.route('get', '/api/incidents', ALL_ROLES, (ctx) => {
    const list = listIncidents(deps.db, { status: oneOf(ctx, 'status', BUG_STATUSES), severity: oneOf(ctx, 'severity', SEVERITIES), server: q(ctx, 'server') });
    ctx.body = { incidents: list.map(incidentJson) };
  });

  api.route('get', '/api/incidents/:id', ALL_ROLES, (ctx) => {
    const incident = loadIncident(deps, idParam(ctx));
    ctx.body = {
      incident: incidentJson(incident),
      reports: listBugReports(deps.db, { incident: incident.id }).map(bugJson),
      history: incidentEvents(deps.db, incident.id),
    };
  });

  api.route('post', '/api/incidents/:id/status', ALL_ROLES, async (ctx) => {
    const body = await readBody(ctx, statusBody);
    const r = changeIncidentStatus(deps, idParam(ctx), body.status, currentAgent(ctx), body.note);
    ctx.body = { incident: incidentJson(r.incident), told: r.told, unreachable: r.unreachable };
  });

  api.route('post', '/api/incidents/:id/merge', ALL_ROLES, async (ctx) => {
    const body = await readBody(ctx, z.object({ from: ids }));
    ctx.body = { incident: incidentJson(mergeIncidents(deps, idParam(ctx), body.from, currentAgent(ctx))) };
  });

  api.route('post', '/api/incidents/:id/split', ALL_ROLES, async (ctx) => {
    const body = await readBody(ctx, z.object({ reports: ids }));
    ctx.body = { incident: incidentJson(splitIncident(deps, idParam(ctx), body.reports, currentAgent(ctx))) };
  });
}
