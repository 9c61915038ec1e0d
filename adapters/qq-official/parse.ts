import type { InboundMessage } from '../../src/core/types';

/** Which passive window a reply falls in (protocols.md §4): private (C2C) or group. */
export type QqScope = 'c2c' | 'group';

/** What a passive reply needs: the player's msg_id, when it was sent and where. */
export interface QqReplyContext {
  scope: QqScope;
  msgId: string;
  sentAt: number; // ms since epoch: the window starts here
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * A dispatch (op 0) as an InboundMessage, or null for other events. C2C_MESSAGE_CREATE comes from
 * `author.user_openid`; GROUP_AT_MESSAGE_CREATE from `author.member_openid` in `group_openid`, its content
 * led by a space where the @ was (§4). `d.id` is the dedupe key: the platform may push it twice.
 */
export function parseEvent(payload: unknown, appId: string, now: number): InboundMessage | null {
  if (!isObject(payload) || payload.op !== 0 || !isObject(payload.d)) return null;
  const d = payload.d;
  const author = isObject(d.author) ? d.author : {};
  const msgId = str(d.id);
  let scope: QqScope;
  let userId: string | undefined;
  let groupId: string | undefined;
  if (payload.t === 'C2C_MESSAGE_CREATE') {
    scope = 'c2c';
    userId = str(author.user_openid);
  } else if (payload.t === 'GROUP_AT_MESSAGE_CREATE') {
    scope = 'group';
    userId = str(author.member_openid);
    groupId = str(d.group_openid);
    if (!groupId) return null;
  } else return null;
  if (!msgId || !userId) return null;
  const text = typeof d.content === 'string' ? d.content.trim() : '';
  const hasImage = Array.isArray(d.attachments) && d.attachments.some((a) => isObject(a) && String(a.content_type ?? '').startsWith('image/'));
  const sentAt = typeof d.timestamp === 'string' ? Date.parse(d.timestamp) : NaN;
  const replyContext: QqReplyContext = { scope, msgId, sentAt: Number.isNaN(sentAt) ? now : Math.min(sentAt, now) };
  return {
    channel: 'qq-official',
    account: appId,
    externalId: msgId,
    from: { userId, groupId },
    kind: !text && hasImage ? 'image' : 'text',
    text,
    receivedAt: now,
    replyContext,
    raw: payload,
  };
}
