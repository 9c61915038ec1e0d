import type { InboundMessage } from './types';

const LONE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const LONE_SURROGATE = new RegExp(LONE);
const LONE_SURROGATE_ALL = new RegExp(LONE, 'g');

/**
 * A string with every lone UTF-16 surrogate replaced by U+FFFD. A lone surrogate is never text a person
 * typed: it makes encodeURIComponent throw and turns into a different string in SQLite (stored as UTF-8),
 * so it is cleaned where a message enters, before it becomes an id, an address or a URL.
 */
export function wellFormed(s: string): string {
  return LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATE_ALL, '\uFFFD') : s;
}

const ok = (s: string | undefined) => s === undefined || !LONE_SURROGATE.test(s);

const maybe = (s: string | undefined) => (s === undefined ? undefined : wellFormed(s));

/** The message with its ids and text well formed (the same object when nothing needed cleaning). */
export function wellFormedInbound(msg: InboundMessage): InboundMessage {
  const { from } = msg;
  if ([msg.account, msg.externalId, msg.text, from.userId, from.nickname, from.groupId].every(ok)) return msg;
  return {
    ...msg,
    account: wellFormed(msg.account),
    externalId: wellFormed(msg.externalId),
    text: wellFormed(msg.text),
    from: { ...from, userId: wellFormed(from.userId), nickname: maybe(from.nickname), groupId: maybe(from.groupId) },
  };
}
