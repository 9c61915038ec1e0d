import { EventEmitter } from 'node:events';
import type { ChannelId } from './types';

/** Something was stored in a conversation: web chat pollers and the console wake on it. */
export interface MessageEvent {
  conversationId: number;
  playerId: number;
  messageId: number;
  direction: 'in' | 'out';
  ticketId: number | null;
  channel: ChannelId;
}

export interface TicketEvent {
  ticketId: number;
  kind: string;
  /** Set on `created` and `sla_breached` (for /metrics by tier). */
  tier?: string;
}

/** The pipeline handled an inbound message (after its commit): what it decided and how long it took. */
export interface HandledEvent {
  channel: ChannelId;
  /** The decision's kind (answer, clarify, action:handoff…); null when the turn made none (a form's answer). */
  decision: string | null;
  duplicate: boolean;
  seconds: number;
}

/** A channel's health signal: a OneBot heartbeat, a vendor access token fetched or refused. */
export type ChannelSignal = 'heartbeat' | 'token_refreshed' | 'token_refresh_failed';
export interface ChannelEvent {
  channel: ChannelId;
  kind: ChannelSignal;
}

/** An outbound message's delivery changed (the console shows sent / failed with the reason). */
export interface DeliveryEvent {
  messageId: number;
  status: 'pending' | 'sent' | 'failed';
}

/** Something supervisors must see at once (a critical bug report, an overdue follow-up). */
export interface AlertEvent {
  alertId: number;
  kind: string;
}

interface EventMap {
  message: [MessageEvent];
  ticket: [TicketEvent];
  delivery: [DeliveryEvent];
  handled: [HandledEvent];
  channel: [ChannelEvent];
  alert: [AlertEvent];
  /** Something was put in the outbox for the worker: send it now rather than on the next timer tick. */
  queued: [];
}

/** The in-process bus between the pipeline, the desk and the live views. Emitted only after a commit. */
export class KefuEvents extends EventEmitter<EventMap> {
  constructor() {
    super();
    this.setMaxListeners(0); // one listener per waiting web-chat poll or console stream
  }
}
