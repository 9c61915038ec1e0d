import type { Address, Reachability } from '../../src/core/types';
import type { Db } from '../../src/store/db';
import { readReplyWindow } from '../../src/store/replyWindows';

export const WINDOW_CLOSED = '玩家超过 48 小时未发消息（或已取消关注），微信不允许再主动发送；等玩家再次发消息后才能回复';
export const QUOTA_USED = '本窗口内的消息额度已用完（玩家发消息后 48 小时内最多 5 条）；等玩家再次发消息后才能回复';

/**
 * Whether a player can get a pushed message now, from their reply window: both the Official Account and
 * WeCom kf allow 5 messages within 48 h of the player's last message (protocols.md §1.7, §2).
 */
export function windowReachability(db: Db, to: Address, now: number): Reachability {
  const w = readReplyWindow(db, to);
  if (!w) return { reachable: false, reason: '玩家还没有发过消息，微信不允许主动发送' };
  const remaining = Math.max(0, w.allowance - w.used);
  if (now >= w.until) return { reachable: false, until: w.until, remaining: 0, reason: WINDOW_CLOSED };
  if (remaining === 0) return { reachable: false, until: w.until, remaining, reason: QUOTA_USED };
  return { reachable: true, until: w.until, remaining };
}
