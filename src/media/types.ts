/**
 * A picture, voice message, video or file a player sent, as the channel described it (DESIGN §4): what the
 * server needs to fetch it later through the channel's API, and the platform's speech recognition.
 */
export interface InboundMedia {
  kind: MediaKind;
  /** WeChat / WeCom media_id (temporary media: WeChat keeps it 3 days), OneBot's `file`. */
  mediaId?: string;
  /** A URL the vendor gave (WeChat PicUrl, OneBot `url`, a QQ attachment): fetched by the server, never shown. */
  url?: string;
  /** Voice format as the vendor says (amr, speex, silk…). */
  format?: string;
  /** The platform's speech recognition of a voice message, when it gives one. */
  recognition?: string;
}

export const MEDIA_KINDS = ['image', 'voice', 'video', 'file'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The bytes of one media file, or why the channel could not give them (a reason an agent can read). */
export type MediaFetch =
  | { ok: true; body: Buffer; contentType: string }
  | { ok: false; status: 404 | 413 | 502 | 503; error: string };
