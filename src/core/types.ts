import type Router from '@koa/router';
import type { Server } from 'node:http';
import type { ParsedUrlQuery } from 'node:querystring';
import type { FaqEntry } from '../faq/types';
import type { InboundMedia, MediaFetch } from '../media/types';

export const CHANNEL_IDS = ['wechat-mp', 'wecom-kf', 'wechaty', 'onebot', 'qq-official', 'webchat', 'terminal'] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];

/** One message from a player, as every channel adapter normalises it (DESIGN §4). */
export interface InboundMessage {
  channel: ChannelId;
  account: string; // which official account / bot received it (gh_ id, self_id, appid…)
  externalId: string; // the platform's message id: the dedupe key (events: a derived key)
  from: { userId: string; nickname?: string; groupId?: string };
  kind: 'text' | 'image' | 'voice' | 'event';
  text: string; // normalised text ('' for media)
  receivedAt: number; // ms since epoch
  /** A picture or voice message: what the server needs to fetch it later, and the platform's recognition. */
  media?: InboundMedia;
  replyContext?: unknown; // what the channel needs to answer later (QQ msg_id + seq, WeCom open_kfid…)
  raw?: unknown; // the vendor payload, kept for debugging
}

/** Where an outbound message goes: the player's own channel and account. */
export interface Address {
  channel: ChannelId;
  account: string;
  userId: string;
  groupId?: string;
  replyContext?: unknown;
}

export interface OutboundMessage {
  text: string;
  kind?: 'text' | 'image';
  mediaId?: string;
  /** The stored message id (messages.id), so a channel can correlate delivery. */
  messageId?: number;
}

/** A channel's answer to a send: ok, or a reason the agent can read, and whether retrying may help. */
export type SendResult =
  | { ok: true; externalId?: string }
  | { ok: false; error: string; retry: boolean; retryAfterMs?: number };

export type Handler = (msg: InboundMessage) => Promise<HandleResult>;

export interface HandleResult {
  /** The replies to this message, in order; on a duplicate delivery, the same replies as the first time. */
  replies: OutboundMessage[];
  duplicate: boolean;
  conversationId: number;
}

/** A vendor's push as its handler sees it, whether it came through koa or the front. */
export interface PushRequest {
  /** The query string's parameters (a repeated one as an array, as koa gives them). */
  query: ParsedUrlQuery;
  /** The body's exact bytes; over `limit` bytes, a 413 before the rest is read. */
  body(limit: number): Promise<Buffer>;
}

/** What a push is answered with. `logged`: the pipeline's "message handled" line stands for the request's. */
export interface PushAnswer {
  type: string;
  body: string;
  logged?: boolean;
}

/** A channel's POST webhook: one handler, served both by the front and by koa (`mountPush`). */
export interface PushRoute {
  path: string;
  handle(req: PushRequest): Promise<PushAnswer>;
}

/** The seam between a protocol and the pipeline (DESIGN §4). */
export interface Channel {
  readonly id: ChannelId;
  /** Webhook endpoints, if any. */
  routes?(router: Router): void;
  /**
   * Of those, the POST webhooks that vendors push messages to: served in front of koa too (src/http/webhookFront.ts),
   * the busiest path, by the same handler.
   */
  pushes?: PushRoute[];
  /** Sockets, puppets, pollers. */
  start?(handle: Handler): Promise<void>;
  /**
   * Called once the HTTP server exists, for channels that take its 'upgrade' event (OneBot's reverse
   * WebSocket). Returns the function that stops accepting and closes those sockets when the server stops.
   */
  attach?(server: Server): () => void;
  /** Used by the outbox for messages that are not answered inline. */
  send(to: Address, msg: OutboundMessage): Promise<SendResult>;
  stop?(): Promise<void>;
  /**
   * Whether a message can reach this player now, and until when (WeChat's 48 h / 5-message window, QQ's
   * passive-reply windows). The console shows it to the agent; absent means always reachable.
   */
  reachability?(to: Address): Reachability;
  /**
   * The bytes of a player's picture or voice message, fetched through the vendor's API with the channel's
   * own credentials (the console never sees a token or a vendor URL). Absent: the channel has no media.
   */
  fetchMedia?(account: string, media: InboundMedia, maxBytes: number): Promise<MediaFetch>;
  /** Extra detail for /healthz (e.g. a bot account offline, a configuration error from the vendor). */
  health?(): { ok: boolean; detail?: string };
}

export interface Reachability {
  reachable: boolean;
  /** ms since epoch after which the player can no longer be reached, when the channel knows. */
  until?: number;
  /** Messages the channel still allows in the window, when it counts. */
  remaining?: number;
  /** Why not, in words an agent can act on. */
  reason?: string;
}

/** What the matcher decided for one text (DESIGN §4). */
export type Decision =
  | { kind: 'answer'; entry: FaqEntry; score: number }
  | { kind: 'clarify'; choices: FaqEntry[] }
  | { kind: 'action'; action: 'handoff' | 'bug_report' | 'complaint' | 'greeting' | 'thanks'; entry: FaqEntry }
  /**
   * smallTalk: chit-chat (weather, jokes, "are you a robot") rather than a question the FAQ cannot answer;
   * courtesy: the whole message is hello, thanks, ok or bye, and the FAQ has no entry for it.
   */
  | { kind: 'none'; best?: FaqEntry; score: number; smallTalk?: boolean; courtesy?: Courtesy };

/** A message that is only a courtesy (src/matcher/courtesy.ts). */
export type Courtesy = 'greeting' | 'thanks' | 'ok' | 'bye';
