import type { InboundMedia } from '../media/types';
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
  if (msg.media) msg = { ...msg, media: wellFormedMedia(msg.media) };
  if ([msg.account, msg.externalId, msg.text, from.userId, from.nickname, from.groupId].every(ok)) return msg;
  return {
    ...msg,
    account: wellFormed(msg.account),
    externalId: wellFormed(msg.externalId),
    text: wellFormed(msg.text),
    from: { ...from, userId: wellFormed(from.userId), nickname: maybe(from.nickname), groupId: maybe(from.groupId) },
  };
}

const cut = (s: string | undefined, max: number) => (typeof s === 'string' && s !== '' ? wellFormed(s).slice(0, max) : undefined);

/** A vendor's media description with strings only, well formed and of sane length; a URL only if http(s). */
function wellFormedMedia(m: InboundMedia): InboundMedia | undefined {
  const url = cut(m.url, 4096);
  const media: InboundMedia = {
    kind: m.kind,
    mediaId: cut(m.mediaId, 1024),
    url: url && /^https?:\/\//i.test(url) ? url : undefined,
    format: cut(m.format, 32),
    recognition: cut(m.recognition, 2000),
  };
  return media.mediaId || media.url || media.recognition ? media : undefined;
}
