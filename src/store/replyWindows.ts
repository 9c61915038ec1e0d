import type { Address, ChannelId } from '../core/types';
import type { Db } from './db';

/** A player's window for pushed (not passive) messages: open until `until`, `allowance − used` left. */
export interface ReplyWindow {
  openedAt: number;
  until: number;
  allowance: number;
  used: number;
}

type Key = Pick<Address, 'channel' | 'account' | 'userId'>;

export function readReplyWindow(db: Db, k: Key): ReplyWindow | undefined {
  return db
    .prepare('SELECT opened_at AS openedAt, until, allowance, used FROM reply_windows WHERE channel = ? AND account = ? AND user_id = ?')
    .get(k.channel, k.account, k.userId) as ReplyWindow | undefined;
}

/**
 * Opens a window after a player's action. A wider window still open is kept (a menu click's 3 per minute
 * must not shorten a message's 5 per 48 h, protocols.md §1.7). An unused window with the same allowance is
 * not rewritten to end less than a hundredth of its length (at most a minute) later: it then ends that much
 * early, never late, and a player's next messages in a conversation cost no write of its row (a random page
 * of the table at every commit).
 */
export function openReplyWindow(db: Db, k: Key & { channel: ChannelId }, at: number, lengthMs: number, allowance: number): void {
  db.prepare(
    `INSERT INTO reply_windows (channel, account, user_id, opened_at, until, allowance, used) VALUES (@channel, @account, @userId, @at, @until, @allowance, 0)
     ON CONFLICT (channel, account, user_id) DO UPDATE SET
       opened_at = excluded.opened_at, until = excluded.until, allowance = excluded.allowance, used = 0
     WHERE reply_windows.until <= excluded.opened_at
       OR (excluded.until >= reply_windows.until
         AND (reply_windows.used > 0 OR reply_windows.allowance != excluded.allowance OR excluded.until - reply_windows.until >= @slack))`,
  ).run({ channel: k.channel, account: k.account, userId: k.userId, at, until: at + lengthMs, allowance, slack: Math.min(60_000, Math.floor(lengthMs / 100)) });
}

/** Counts one pushed message; `exhausted` when the vendor said the quota is used up. */
export function useReplyWindow(db: Db, k: Key, exhausted = false): void {
  db.prepare(
    `UPDATE reply_windows SET used = CASE WHEN ? THEN allowance ELSE used + 1 END WHERE channel = ? AND account = ? AND user_id = ?`,
  ).run(exhausted ? 1 : 0, k.channel, k.account, k.userId);
}

/** The vendor said the window is closed (e.g. WeChat 45015): close ours too, so the console agrees. */
export function closeReplyWindow(db: Db, k: Key, at: number): void {
  db.prepare('UPDATE reply_windows SET until = MIN(until, ?) WHERE channel = ? AND account = ? AND user_id = ?').run(
    at,
    k.channel,
    k.account,
    k.userId,
  );
}
