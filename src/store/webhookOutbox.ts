import type { Db } from './db';

export interface WebhookItem {
  id: number;
  event: string;
  body: string;
  attempts: number;
  createdAt: number;
}

export function enqueueWebhook(db: Db, w: { event: string; body: object; at: number }): number {
  return db
    .prepare('INSERT INTO webhook_outbox (event, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?)')
    .run(w.event, JSON.stringify(w.body), w.at, w.at).lastInsertRowid as number;
}

/** Claims due deliveries (pending → sending) in one transaction, so two passes never send one twice. */
export function claimDueWebhooks(db: Db, now: number, limit = 20): WebhookItem[] {
  return db.transaction(() => {
    const rows = db
      .prepare(
        `SELECT id, event, body, attempts, created_at AS createdAt FROM webhook_outbox
         WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .all(now, limit) as WebhookItem[];
    const mark = db.prepare(`UPDATE webhook_outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?`);
    for (const r of rows) mark.run(r.id);
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  })();
}

export function webhookSent(db: Db, id: number, at: number): void {
  db.prepare(`UPDATE webhook_outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`).run(at, id);
}

export function webhookRetry(db: Db, id: number, error: string, nextAt: number): void {
  db.prepare(`UPDATE webhook_outbox SET status = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?`).run(error, nextAt, id);
}

export function webhookFailed(db: Db, id: number, error: string): void {
  db.prepare(`UPDATE webhook_outbox SET status = 'failed', last_error = ? WHERE id = ?`).run(error, id);
}

/** After a crash, deliveries left in `sending` go again: the receiver dedupes on x-kefu-delivery. */
export function requeueStuckWebhooks(db: Db, now: number): void {
  db.prepare(`UPDATE webhook_outbox SET status = 'pending', next_attempt_at = ? WHERE status = 'sending'`).run(now);
}

export function webhookStatus(db: Db): { id: number; event: string; status: string; attempts: number; lastError: string | null }[] {
  return db
    .prepare('SELECT id, event, status, attempts, last_error AS lastError FROM webhook_outbox ORDER BY id DESC LIMIT 100')
    .all() as { id: number; event: string; status: string; attempts: number; lastError: string | null }[];
}
