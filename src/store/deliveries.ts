import type { Db } from './db';

/** A failed outbound message goes back to the outbox worker (an agent pressed "retry"). */
export function retryDelivery(db: Db, messageId: number, at: number): boolean {
  return (
    db
      .prepare(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL WHERE message_id = ? AND status = 'failed'`)
      .run(at, messageId).changes === 1
  );
}

