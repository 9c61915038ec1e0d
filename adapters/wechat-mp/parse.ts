import type { InboundMessage } from '../../src/core/types';

/** Raw fields of one Official Account push, every value a string (protocols.md §1.2). */
export type MpFields = Record<string, string>;

/**
 * The pipeline's key for a push: messages by openid + MsgId (MsgIds collide across users, §1.3), events by
 * openid + CreateTime (events have no MsgId). The account (gh_ id) is the other half of the pipeline's key.
 */
export function mpExternalId(f: MpFields): string {
  return f.MsgType === 'event' ? `${f.FromUserName}:event:${f.CreateTime}` : `${f.FromUserName}:${f.MsgId ?? f.CreateTime}`;
}

/**
 * One push as an InboundMessage, or null when a required field is missing. Media becomes 'image' (the bot
 * asks for words and keeps the media id for the agent); a recognised voice message is its text, its media
 * id kept too; events and
 * message types the bot cannot read are 'event' with no text, which the pipeline answers politely.
 */
export function parseMpMessage(f: MpFields, receivedAt: number): InboundMessage | null {
  if (!f.ToUserName || !f.FromUserName || !f.MsgType || !/^\d+$/.test(f.CreateTime ?? '')) return null;
  const base = {
    channel: 'wechat-mp' as const,
    account: f.ToUserName,
    externalId: mpExternalId(f),
    from: { userId: f.FromUserName },
    receivedAt,
    raw: f,
  };
  switch (f.MsgType) {
    case 'text':
      return { ...base, kind: 'text', text: f.Content ?? '' };
    case 'voice': {
      const media = { kind: 'voice' as const, mediaId: f.MediaId, format: f.Format, recognition: f.Recognition };
      return f.Recognition ? { ...base, kind: 'text', text: f.Recognition, media } : { ...base, kind: 'voice', text: '', media };
    }
    case 'image':
      return { ...base, kind: 'image', text: '', media: { kind: 'image', mediaId: f.MediaId, url: f.PicUrl } };
    case 'video':
    case 'shortvideo':
      return { ...base, kind: 'image', text: '', media: { kind: 'video', mediaId: f.MediaId } };
    default:
      return { ...base, kind: 'event', text: '' };
  }
}

/** What an event push asks of us: the event name and its key (menu key, QR scene…), or null for messages. */
export function mpEvent(f: MpFields): { event: string; key: string } | null {
  return f.MsgType === 'event' ? { event: f.Event ?? '', key: f.EventKey ?? '' } : null;
}
