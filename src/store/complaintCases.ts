import type { Db } from './db';

/** 受理 → 判断 → 调查 → 方案 → 实施 → 总结, in order. */
export const COMPLAINT_STAGES = ['registered', 'assessed', 'investigating', 'proposed', 'implemented', 'summarized'] as const;
export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];

export interface ComplaintCase {
  id: number;
  playerId: number;
  conversationId: number;
  ticketId: number | null;
  category: string;
  text: string;
  stage: ComplaintStage;
  ownerId: number | null;
  ownerName: string | null;
  valid: boolean | null;
  severity: string | null;
  investigation: string | null;
  resolution: string | null;
  implementation: string | null;
  lesson: string | null;
  followUpDueAt: number;
  followedUpAt: number | null;
  nickname: string | null;
  channel: string;
  createdAt: number;
  closedAt: number | null;
}

const COLUMNS = `c.id, c.player_id AS playerId, c.conversation_id AS conversationId, c.ticket_id AS ticketId, c.category, c.text,
  c.stage, c.owner_id AS ownerId, a.display_name AS ownerName, c.valid, c.severity, c.investigation, c.resolution,
  c.implementation, c.lesson, c.follow_up_due_at AS followUpDueAt, c.followed_up_at AS followedUpAt,
  p.nickname, p.channel, c.created_at AS createdAt, c.closed_at AS closedAt`;
const FROM = `complaints c JOIN players p ON p.id = c.player_id LEFT JOIN agents a ON a.id = c.owner_id`;

type Row = Omit<ComplaintCase, 'valid'> & { valid: number | null };
const fromRow = (r: Row): ComplaintCase => ({ ...r, valid: r.valid === null ? null : r.valid === 1 });

export function listComplaints(db: Db, f: { stage?: string; category?: string; owner?: number; from?: number; to?: number } = {}): ComplaintCase[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  for (const [sql, v] of [
    ['c.stage = ?', f.stage],
    ['c.category = ?', f.category],
    ['c.owner_id = ?', f.owner],
    ['c.created_at >= ?', f.from],
    ['c.created_at < ?', f.to],
  ] as const) {
    if (v === undefined || v === '') continue;
    where.push(sql);
    args.push(v);
  }
  return (
    db.prepare(`SELECT ${COLUMNS} FROM ${FROM} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY c.id DESC LIMIT 1000`).all(...args) as Row[]
  ).map(fromRow);
}

export function getComplaint(db: Db, id: number): ComplaintCase | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = ?`).get(id) as Row | undefined;
  return row && fromRow(row);
}

/** The fields a stage change may set; absent ones keep their value. */
export interface StageChange {
  stage: ComplaintStage;
  ownerId?: number;
  valid?: boolean;
  category?: string;
  severity?: string;
  investigation?: string;
  resolution?: string;
  implementation?: string;
  lesson?: string;
  closedAt?: number;
}

export function saveStage(db: Db, id: number, c: StageChange, at: number): void {
  db.prepare(
    `UPDATE complaints SET stage = @stage, owner_id = COALESCE(@ownerId, owner_id),
       valid = COALESCE(@valid, valid), category = COALESCE(@category, category), severity = COALESCE(@severity, severity),
       investigation = COALESCE(@investigation, investigation), resolution = COALESCE(@resolution, resolution),
       implementation = COALESCE(@implementation, implementation), lesson = COALESCE(@lesson, lesson),
       closed_at = COALESCE(@closedAt, closed_at), status = CASE WHEN @stage = 'summarized' THEN 'closed' ELSE status END,
       updated_at = @at WHERE id = @id`,
  ).run({
    id,
    at,
    stage: c.stage,
    ownerId: c.ownerId ?? null,
    valid: c.valid === undefined ? null : c.valid ? 1 : 0,
    category: c.category ?? null,
    severity: c.severity ?? null,
    investigation: c.investigation ?? null,
    resolution: c.resolution ?? null,
    implementation: c.implementation ?? null,
    lesson: c.lesson ?? null,
    closedAt: c.closedAt ?? null,
  });
}

export function setComplaintOwner(db: Db, id: number, ownerId: number, at: number): void {
  db.prepare('UPDATE complaints SET owner_id = ?, updated_at = ? WHERE id = ?').run(ownerId, at, id);
}

export function recordComplaintEvent(
  db: Db,
  e: { complaintId: number; agentId?: number; kind: string; fromStage?: string; toStage?: string; data?: object; at: number },
): void {
  db.prepare(
    'INSERT INTO complaint_events (complaint_id, agent_id, kind, from_stage, to_stage, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(e.complaintId, e.agentId ?? null, e.kind, e.fromStage ?? null, e.toStage ?? null, JSON.stringify(e.data ?? {}), e.at);
}

export function complaintEvents(db: Db, id: number) {
  return (
    db
      .prepare(
        `SELECT e.id, e.agent_id AS agentId, a.display_name AS agentName, e.kind, e.from_stage AS fromStage, e.to_stage AS toStage,
           e.data, e.created_at AS createdAt
         FROM complaint_events e LEFT JOIN agents a ON a.id = e.agent_id WHERE e.complaint_id = ? ORDER BY e.id`,
      )
      .all(id) as { id: number; agentId: number | null; agentName: string | null; kind: string; fromStage: string | null; toStage: string | null; data: string; createdAt: number }[]
  ).map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

export function markFollowedUp(db: Db, complaintId: number, at: number): void {
  db.prepare('UPDATE complaints SET followed_up_at = ? WHERE id = ?').run(at, complaintId);
}

/** Complaints without a follow-up task yet (the intake creates one for each). */
export function complaintsWithoutFollowup(db: Db): { id: number; playerId: number; followUpDueAt: number }[] {
  return db
    .prepare(
      `SELECT c.id, c.player_id AS playerId, c.follow_up_due_at AS followUpDueAt FROM complaints c
       WHERE NOT EXISTS (SELECT 1 FROM followups f WHERE f.complaint_id = c.id) ORDER BY c.id`,
    )
    .all() as { id: number; playerId: number; followUpDueAt: number }[];
}
