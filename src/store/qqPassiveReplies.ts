import type { Db } from './db';

/** Rows older than this answer nothing any more (the longest passive window is 60 minutes, protocols.md §4). */
const KEEP_MS = 24 * 60 * 60_000;

type Key = { appId: string; msgId: string };

/** How many replies have been numbered for the player's message `msgId`. */
export function countPassiveReplies(db: Db, k: Key): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM qq_passive_replies WHERE app_id = ? AND msg_id = ?').get(k.appId, k.msgId) as { n: number }).n;
}

/**
 * The msg_seq for outbound message `messageId` answering `msgId`: the one it already has (a retry), else the
 * next number; undefined when `max` replies are already numbered. One transaction, so two sends never share one.
 */
export function takePassiveReplySeq(db: Db, k: Key & { messageId: number; at: number }, max: number): number | undefined {
  return db.transaction(() => {
    const own = db
      .prepare('SELECT msg_seq AS seq FROM qq_passive_replies WHERE app_id = ? AND msg_id = ? AND message_id = ?')
      .get(k.appId, k.msgId, k.messageId) as { seq: number } | undefined;
    if (own) return own.seq;
    const used = countPassiveReplies(db, k);
    if (used >= max) return undefined;
    db.prepare('DELETE FROM qq_passive_replies WHERE created_at < ?').run(k.at - KEEP_MS);
    db.prepare('INSERT INTO qq_passive_replies (app_id, msg_id, msg_seq, message_id, created_at) VALUES (?, ?, ?, ?, ?)').run(
      k.appId,
      k.msgId,
      used + 1,
      k.messageId,
      k.at,
    );
    return used + 1;
  }).immediate();
}
