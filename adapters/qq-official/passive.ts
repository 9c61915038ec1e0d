import type { Address, Reachability } from '../../src/core/types';
import type { Db } from '../../src/store/db';
import { countPassiveReplies } from '../../src/store/qqPassiveReplies';
import type { QqReplyContext } from './parse';

/** Passive reply windows (protocols.md §4): 60 minutes in private chat, 5 in groups, 5 replies per msg_id. */
export const PASSIVE_WINDOW_MS = { c2c: 60 * 60_000, group: 5 * 60_000 } as const;
export const PASSIVE_MAX_REPLIES = 5;

export function replyContextOf(to: Address): QqReplyContext | undefined {
  const c = to.replyContext as Partial<QqReplyContext> | undefined;
  return c && typeof c.msgId === 'string' && (c.scope === 'c2c' || c.scope === 'group') && typeof c.sentAt === 'number'
    ? (c as QqReplyContext)
    : undefined;
}

const windowWords = (c: QqReplyContext) => (c.scope === 'c2c' ? '私聊消息 60 分钟内' : '群聊消息 5 分钟内');

/**
 * Whether the player's latest message can still be answered, until when and how many replies are left.
 * QQ allows no unprompted messages (§4): once the window closes, only the player's next message reopens it.
 */
export function passiveReachability(db: Db, to: Address, now: number): Reachability {
  const c = replyContextOf(to);
  if (!c) return { reachable: false, reason: '没有可回复的玩家消息：QQ 官方机器人只能回复玩家发来的消息' };
  const until = c.sentAt + PASSIVE_WINDOW_MS[c.scope];
  const remaining = Math.max(0, PASSIVE_MAX_REPLIES - countPassiveReplies(db, { appId: to.account, msgId: c.msgId }));
  if (now >= until) return { reachable: false, until, remaining, reason: `回复窗口已过：QQ 只允许在${windowWords(c)}回复，请等玩家再发消息` };
  if (!remaining) return { reachable: false, until, remaining, reason: `这条玩家消息已回复 ${PASSIVE_MAX_REPLIES} 次，QQ 不允许再回复，请等玩家再发消息` };
  return { reachable: true, until, remaining };
}
