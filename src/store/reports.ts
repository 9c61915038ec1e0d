import type { Db } from './db';

export type BugSeverity = 'critical' | 'major' | 'minor';

export function insertBugReport(
  db: Db,
  r: {
    playerId: number;
    conversationId: number;
    server?: string;
    roleName?: string;
    device?: string;
    description: string;
    severity: BugSeverity;
    at: number;
  },
): number {
  return db
    .prepare(
      `INSERT INTO bug_reports (player_id, conversation_id, server, role_name, device, description, severity, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(r.playerId, r.conversationId, r.server ?? null, r.roleName ?? null, r.device ?? null, r.description, r.severity, r.at)
    .lastInsertRowid as number;
}

export function insertComplaint(
  db: Db,
  c: { playerId: number; conversationId: number; ticketId?: number; category: string; text: string; at: number; followUpDueAt: number },
): number {
  return db
    .prepare(
      `INSERT INTO complaints (player_id, conversation_id, ticket_id, category, text, follow_up_due_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(c.playerId, c.conversationId, c.ticketId ?? null, c.category, c.text, c.followUpDueAt, c.at).lastInsertRowid as number;
}
