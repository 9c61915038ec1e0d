import type { InboundMedia, MediaKind } from '../media/types';
import type { Db } from './db';

/** What the console may know of a message's media: never the media id or the vendor's URL. */
export interface MediaSummary {
  kind: MediaKind;
  format: string | null;
  recognition: string | null;
}

export function saveMedia(db: Db, messageId: number, media: InboundMedia): void {
  db.prepare(
    `INSERT INTO message_media (message_id, kind, media_id, url, format, recognition) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (message_id) DO NOTHING`,
  ).run(messageId, media.kind, media.mediaId ?? null, media.url ?? null, media.format ?? null, media.recognition ?? null);
}

/** A message's media as stored, with where the message came from (the channel and account that can fetch it). */
export function mediaOf(db: Db, messageId: number): (InboundMedia & { conversationId: number; channel: string; account: string }) | undefined {
  const row = db
    .prepare(
      `SELECT mm.kind, mm.media_id AS mediaId, mm.url, mm.format, mm.recognition, m.conversation_id AS conversationId, m.channel, m.account
       FROM message_media mm JOIN messages m ON m.id = mm.message_id WHERE mm.message_id = ?`,
    )
    .get(messageId) as Record<string, string | number | null> | undefined;
  if (!row) return undefined;
  const clean = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
  return clean as unknown as InboundMedia & { conversationId: number; channel: string; account: string };
}
