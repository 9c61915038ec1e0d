import type { BugSeverity } from './reports';
import type { Db } from './db';

export const BUG_STATUSES = ['new', 'confirmed', 'sent', 'fixed', 'wontfix'] as const;
export type BugStatus = (typeof BUG_STATUSES)[number];

export interface Incident {
  id: number;
  title: string;
  server: string | null;
  severity: BugSeverity;
  status: BugStatus;
  firstAt: number;
  lastAt: number;
  fixedAt: number | null;
  createdAt: number;
  updatedAt: number;
  reports: number;
  players: number;
}

export interface BugReport {
  id: number;
  playerId: number;
  conversationId: number;
  server: string | null;
  roleName: string | null;
  device: string | null;
  description: string;
  severity: BugSeverity;
  status: BugStatus;
  incidentId: number | null;
  ticketId: number | null;
  nickname: string | null;
  channel: string;
  createdAt: number;
}

const INCIDENT_COLUMNS = `i.id, i.title, i.server, i.severity, i.status, i.first_at AS firstAt, i.last_at AS lastAt,
  i.fixed_at AS fixedAt, i.created_at AS createdAt, i.updated_at AS updatedAt,
  (SELECT COUNT(*) FROM bug_reports b WHERE b.incident_id = i.id) AS reports,
  (SELECT COUNT(DISTINCT b.player_id) FROM bug_reports b WHERE b.incident_id = i.id) AS players`;

const REPORT_COLUMNS = `b.id, b.player_id AS playerId, b.conversation_id AS conversationId, b.server, b.role_name AS roleName,
  b.device, b.description, b.severity, b.status, b.incident_id AS incidentId, b.ticket_id AS ticketId,
  p.nickname, p.channel, b.created_at AS createdAt`;

export interface BugFilter {
  severity?: string;
  status?: string;
  server?: string;
  device?: string;
  from?: number;
  to?: number;
  incident?: number;
  limit?: number;
}

/** Bug reports, newest first, with the filters the board offers (device matches a part: "iPhone" finds "iPhone 15"). */
export function listBugReports(db: Db, f: BugFilter = {}): BugReport[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, value: string | number | undefined) => {
    if (value === undefined || value === '') return;
    where.push(sql);
    args.push(value);
  };
  add('b.severity = ?', f.severity);
  add('b.status = ?', f.status);
  add('b.server = ?', f.server);
  add(`b.device LIKE '%' || ? || '%'`, f.device);
  add('b.created_at >= ?', f.from);
  add('b.created_at < ?', f.to);
  add('b.incident_id = ?', f.incident);
  const sql = `SELECT ${REPORT_COLUMNS} FROM bug_reports b JOIN players p ON p.id = b.player_id
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY b.id DESC LIMIT ?`;
  return db.prepare(sql).all(...args, f.limit ?? 1000) as BugReport[];
}

export function getBugReport(db: Db, id: number): BugReport | undefined {
  return db.prepare(`SELECT ${REPORT_COLUMNS} FROM bug_reports b JOIN players p ON p.id = b.player_id WHERE b.id = ?`).get(id) as
    | BugReport
    | undefined;
}

/** Reports not yet looked at by the intake (no incident yet), oldest first. */
export function ungroupedReports(db: Db): BugReport[] {
  return db
    .prepare(`SELECT ${REPORT_COLUMNS} FROM bug_reports b JOIN players p ON p.id = b.player_id WHERE b.incident_id IS NULL ORDER BY b.id`)
    .all() as BugReport[];
}

export function listIncidents(db: Db, f: { status?: string; severity?: string; server?: string } = {}): Incident[] {
  // An incident merged into another keeps its history but holds no reports: it is not listed.
  const where = ['EXISTS (SELECT 1 FROM bug_reports b WHERE b.incident_id = i.id)'];
  const args: string[] = [];
  for (const [col, v] of [['i.status', f.status], ['i.severity', f.severity], ['i.server', f.server]] as const) {
    if (v) {
      where.push(`${col} = ?`);
      args.push(v);
    }
  }
  return db
    .prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE ${where.join(' AND ')} ORDER BY i.last_at DESC LIMIT 500`)
    .all(...args) as Incident[];
}

export function getIncident(db: Db, id: number): Incident | undefined {
  return db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE i.id = ?`).get(id) as Incident | undefined;
}

/** Open incidents with a report since `since`: the candidates a new report may join. */
export function recentIncidents(db: Db, since: number): Incident[] {
  return db
    .prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE i.last_at >= ? AND i.status NOT IN ('fixed', 'wontfix')`)
    .all(since) as Incident[];
}

/** The latest descriptions of an incident's reports, to compare a new report with. */
export function incidentTexts(db: Db, id: number, limit = 20): string[] {
  return (db.prepare('SELECT description FROM bug_reports WHERE incident_id = ? ORDER BY id DESC LIMIT ?').all(id, limit) as { description: string }[]).map(
    (r) => r.description,
  );
}

export function insertIncident(db: Db, i: { title: string; server: string | null; severity: string; status?: string; at: number }): number {
  return db
    .prepare(`INSERT INTO incidents (title, server, severity, status, first_at, last_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(i.title, i.server, i.severity, i.status ?? 'new', i.at, i.at, i.at, i.at).lastInsertRowid as number;
}

/** Puts reports in an incident (their status follows it) and refreshes the incident's time span and severity. */
export function attachReports(db: Db, incidentId: number, reportIds: number[], at: number): void {
  const status = (db.prepare('SELECT status FROM incidents WHERE id = ?').get(incidentId) as { status: string }).status;
  const move = db.prepare('UPDATE bug_reports SET incident_id = ?, status = ?, updated_at = ? WHERE id = ?');
  for (const id of reportIds) move.run(incidentId, status, at, id);
  refreshIncident(db, incidentId, at);
}

const SEVERITY_RANK = `CASE severity WHEN 'critical' THEN 3 WHEN 'major' THEN 2 ELSE 1 END`;

/** An incident's span and severity (its worst report's) from the reports it holds. */
export function refreshIncident(db: Db, id: number, at: number): void {
  const span = db
    .prepare(
      `SELECT MIN(created_at) AS first, MAX(created_at) AS last,
         (SELECT severity FROM bug_reports WHERE incident_id = ? ORDER BY ${SEVERITY_RANK} DESC LIMIT 1) AS severity
       FROM bug_reports WHERE incident_id = ?`,
    )
    .get(id, id) as { first: number | null; last: number | null; severity: string | null };
  if (span.first === null) return;
  db.prepare('UPDATE incidents SET first_at = ?, last_at = ?, severity = ?, updated_at = ? WHERE id = ?').run(
    span.first,
    span.last,
    span.severity,
    at,
    id,
  );
}

export function setIncidentStatus(db: Db, id: number, status: BugStatus, at: number): void {
  db.prepare(`UPDATE incidents SET status = ?, fixed_at = CASE WHEN ? = 'fixed' THEN ? ELSE fixed_at END, updated_at = ? WHERE id = ?`).run(
    status,
    status,
    at,
    at,
    id,
  );
  db.prepare('UPDATE bug_reports SET status = ?, updated_at = ? WHERE incident_id = ?').run(status, at, id);
}

export function recordIncidentEvent(db: Db, e: { incidentId: number; agentId?: number; kind: string; data?: object; at: number }): void {
  db.prepare('INSERT INTO incident_events (incident_id, agent_id, kind, data, created_at) VALUES (?, ?, ?, ?, ?)').run(
    e.incidentId,
    e.agentId ?? null,
    e.kind,
    JSON.stringify(e.data ?? {}),
    e.at,
  );
}

export function incidentEvents(db: Db, id: number): { id: number; agentId: number | null; agentName: string | null; kind: string; data: Record<string, unknown>; createdAt: number }[] {
  return (
    db
      .prepare(
        `SELECT e.id, e.agent_id AS agentId, a.display_name AS agentName, e.kind, e.data, e.created_at AS createdAt
         FROM incident_events e LEFT JOIN agents a ON a.id = e.agent_id WHERE e.incident_id = ? ORDER BY e.id`,
      )
      .all(id) as { id: number; agentId: number | null; agentName: string | null; kind: string; data: string; createdAt: number }[]
  ).map((r) => ({ ...r, data: JSON.parse(r.data) }));
}

export function linkBugTicket(db: Db, reportId: number, ticketId: number): void {
  db.prepare('UPDATE bug_reports SET ticket_id = ? WHERE id = ?').run(ticketId, reportId);
}
