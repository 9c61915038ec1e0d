import type { InboundMessage } from '../../src/core/types';
import type { KfMessage } from './api';

/** Customer messages (origin 3, protocols.md §2); everything else (system events, agents' own) is not a player's. */
export const ORIGIN_CUSTOMER = 3;

/**
 * One sync_msg item as an InboundMessage, or null when it is not a customer's message. The account is the
 * kf account (open_kfid), the dedupe key WeCom's msgid. Types the bot cannot read become 'event' with no text.
 */
export function parseKfMessage(m: KfMessage): InboundMessage | null {
  if (m.origin !== ORIGIN_CUSTOMER || !m.external_userid || !m.msgid || !m.open_kfid) return null;
  const base = {
    channel: 'wecom-kf' as const,
    account: m.open_kfid,
    externalId: String(m.msgid),
    from: { userId: m.external_userid },
    receivedAt: m.send_time * 1000,
    raw: m,
  };
  switch (m.msgtype) {
    case 'text':
      return { ...base, kind: 'text', text: m.text?.content ?? '' };
    case 'image':
    case 'video':
    case 'file':
      return { ...base, kind: 'image', text: '', media: { kind: m.msgtype, mediaId: m[m.msgtype]?.media_id } };
    case 'voice':
      return { ...base, kind: 'voice', text: '', media: { kind: 'voice', mediaId: m.voice?.media_id, format: 'amr' } };
    default:
      return { ...base, kind: 'event', text: '' };
  }
}
