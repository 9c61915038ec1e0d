import type { Db } from './db';

/** A console login: who, the CSRF token their requests must carry, and until when. */
export interface Session {
  tokenHash: string;
  agentId: number;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

const COLUMNS = `token_hash AS tokenHash, agent_id AS agentId, csrf_token AS csrfToken, created_at AS createdAt,
  expires_at AS expiresAt, last_seen_at AS lastSeenAt`;

export function insertSession(db: Db, s: Omit<Session, 'lastSeenAt'>): void {
  db.prepare(
    `INSERT INTO sessions (token_hash, agent_id, csrf_token, created_at, expires_at, last_seen_at)
     VALUES (@tokenHash, @agentId, @csrfToken, @createdAt, @expiresAt, @createdAt)`,
  ).run(s);
}

/** The session for a token hash, unless it has expired at `now`. */
export function findSession(db: Db, tokenHash: string, now: number): Session | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE token_hash = ? AND expires_at > ?`).get(tokenHash, now) as
    | Session
    | undefined;
}

export function touchSession(db: Db, tokenHash: string, at: number): void {
  db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash);
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
}

/** A password reset or a deactivation logs the agent out everywhere. */
export function deleteAgentSessions(db: Db, agentId: number): void {
  db.prepare('DELETE FROM sessions WHERE agent_id = ?').run(agentId);
}

export function purgeExpiredSessions(db: Db, now: number): number {
  return db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
}
