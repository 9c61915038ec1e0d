import type { Db } from './db';

export function seenDigest(db: Db, channel: string, nonce: string): string | undefined {
  const row = db.prepare(`SELECT digest FROM signed_requests WHERE channel = ? AND nonce = ?`).get(channel, nonce) as { digest: string } | undefined;
  return row?.digest;
}

/** Remembers a nonce unless it is known already: true when it was new. */
export function rememberSigned(db: Db, r: { channel: string; nonce: string; digest: string; at: number }): boolean {
  return (
    db
      .prepare(`INSERT INTO signed_requests (channel, nonce, digest, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (channel, nonce) DO NOTHING`)
      .run(r.channel, r.nonce, r.digest, r.at).changes > 0
  );
}

export function forgetSignedBefore(db: Db, before: number): void {
  db.prepare(`DELETE FROM signed_requests WHERE seen_at < ?`).run(before);
}
