import type { Address, ChannelId } from '../core/types';
import type { Db } from './db';

export type OutboxStatus = 'inline' | 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  id: number;
  messageId: number;
  channel: ChannelId;
  address: Address;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  text: string;
  createdAt: number;
}

/**
 * Puts an outbound message in the outbox. `inline` means it travels in the webhook's own response
 * (it is marked sent when that response is written); `pending` means the outbox worker sends it.
 */
export function enqueueOutbound(
  db: Db,
  o: { messageId: number; address: Address; status: 'inline' | 'pending'; at: number },
): number {
  return db
    .prepare(
      `INSERT INTO outbox (message_id, channel, address, status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(o.messageId, o.address.channel, JSON.stringify(o.address), o.status, o.at, o.at).lastInsertRowid as number;
}

const COLUMNS = `o.id, o.message_id AS messageId, o.channel, o.address, o.status, o.attempts,
  o.next_attempt_at AS nextAttemptAt, o.last_error AS lastError, m.text, o.created_at AS createdAt`;

type Row = Omit<OutboxItem, 'address'> & { address: string };
const fromRow = (r: Row): OutboxItem => ({ ...r, address: JSON.parse(r.address) });

/**
 * Claims up to `limit` due items for sending (pending → sending) in one transaction,
 * so two workers never send the same message. A row whose address cannot be read is failed, not
 * thrown: one damaged row must not stop every message behind it.
 */
export function claimDueOutbound(db: Db, now: number, limit = 20, channels?: ChannelId[]): OutboxItem[] {
  return db.transaction(() => {
    const rows = (
      db
        .prepare(
          `SELECT ${COLUMNS} FROM outbox o JOIN messages m ON m.id = o.message_id
           WHERE o.status = 'pending' AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?`,
        )
        .all(now, limit) as Row[]
    ).filter((r) => !channels || channels.includes(r.channel));
    const mark = db.prepare(`UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?`);
    const items: OutboxItem[] = [];
    for (const r of rows) {
      const item = readRow({ ...r, status: 'sending', attempts: r.attempts + 1 });
      if (item) {
        mark.run(r.id);
        items.push(item);
      } else markFailed(db, r.id, `地址无法读取（不是有效的 JSON）：${r.address.slice(0, 80)}`);
    }
    return items;
  })();
}

function readRow(r: Row): OutboxItem | undefined {
  try {
    const item = fromRow(r);
    return typeof item.address === 'object' && item.address !== null ? item : undefined;
  } catch {
    return undefined;
  }
}

export function markSent(db: Db, id: number, at: number, externalId?: string): void {
  db.prepare(`UPDATE outbox SET status = 'sent', sent_at = ?, external_id = ?, last_error = NULL WHERE id = ?`).run(
    at,
    externalId ?? null,
    id,
  );
}

export function markRetry(db: Db, id: number, error: string, nextAttemptAt: number): void {
  db.prepare(`UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?`).run(error, nextAttemptAt, id);
}

export function markFailed(db: Db, id: number, error: string): void {
  db.prepare(`UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?`).run(error, id);
}

/**
 * After a crash, items left in `sending` are counted as interrupted and sent again (the channel's own
 * dedupe or the player sees it twice at worst); one interrupted `poisonAfter` times or more is failed as
 * poison, so a message that ends the process cannot end every restart too.
 */
export function requeueStuckSending(db: Db, now: number, poisonAfter = Infinity): { requeued: number; poisoned: number } {
  return db.transaction(() => {
    db.prepare(`UPDATE outbox SET interruptions = interruptions + 1 WHERE status = 'sending'`).run();
    const poisoned = Number.isFinite(poisonAfter)
      ? db
          .prepare(
            `UPDATE outbox SET status = 'failed', last_error = ? WHERE status = 'sending' AND interruptions >= ?`,
          )
          .run(`发送中断了 ${poisonAfter} 次（进程在发送时退出），不再重试`, poisonAfter).changes
      : 0;
    const requeued = db.prepare(`UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE status = 'sending'`).run(now).changes;
    return { requeued, poisoned };
  })();
}

/** Puts items this process was sending back to pending (at shutdown, when their sends outlast the grace). */
export function releaseSending(db: Db, ids: number[], now: number): number {
  const stmt = db.prepare(`UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status = 'sending'`);
  return db.transaction(() => ids.reduce((n, id) => n + stmt.run(now, id).changes, 0))();
}

export function outboxForMessage(db: Db, messageId: number): OutboxItem | undefined {
  const row = db
    .prepare(`SELECT ${COLUMNS} FROM outbox o JOIN messages m ON m.id = o.message_id WHERE o.message_id = ?`)
    .get(messageId) as Row | undefined;
  return row && fromRow(row);
}

export function markInlineSent(db: Db, messageIds: number[], at: number): void {
  // One statement for the whole list (json_each), not one per reply: a flush confirms a batch's worth at once.
  // +status: looked up by message id (outbox_message), not among every row still waiting on its connection.
  const stmt = db.prepare(
    `UPDATE outbox SET status = 'sent', sent_at = ? WHERE message_id IN (SELECT value FROM json_each(?)) AND +status = 'inline'`,
  );
  const mark = () => stmt.run(at, JSON.stringify(messageIds));
  // Inside a transaction already (the commit group's): no savepoint of its own needed.
  if (db.inTransaction) mark();
  else db.transaction(mark)();
}

/**
 * Inline replies whose webhook response was never confirmed (the connection dropped, the process died)
 * go to the worker instead, so an acknowledged question still gets its answer.
 */
export function promoteStaleInline(db: Db, createdBefore: number, now: number): number {
  return db
    .prepare(`UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE status = 'inline' AND created_at < ?`)
    .run(now, createdBefore).changes;
}
