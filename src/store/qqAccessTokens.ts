import type { Db } from './db';

/** The QQ official bot's access token for `appId`, if it is still valid at `validAt`. */
export function readQqAccessToken(db: Db, appId: string, validAt: number): string | undefined {
  const row = db.prepare('SELECT token FROM qq_access_tokens WHERE app_id = ? AND expires_at > ?').get(appId, validAt) as
    | { token: string }
    | undefined;
  return row?.token;
}

export function writeQqAccessToken(db: Db, appId: string, token: string, expiresAt: number, at: number): void {
  db.prepare(
    `INSERT INTO qq_access_tokens (app_id, token, expires_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (app_id) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
  ).run(appId, token, expiresAt, at);
}

export function deleteQqAccessToken(db: Db, appId: string): void {
  db.prepare('DELETE FROM qq_access_tokens WHERE app_id = ?').run(appId);
}
