import { EventEmitter } from 'node:events';

/** Something was stored in a conversation: web chat pollers and the console wake on it. */
export interface MessageEvent {
  conversationId: number;
  playerId: number;
  messageId: number;
  direction: 'in' | 'out';
  ticketId: number | null;
}

export interface TicketEvent {
  ticketId: number;
  kind: string;
}

/** An outbound message's delivery changed (the console shows sent / failed with the reason). */
export interface DeliveryEvent {
  messageId: number;
  status: 'pending' | 'sent' | 'failed';
}

interface EventMap {
  message: [MessageEvent];
  ticket: [TicketEvent];
  delivery: [DeliveryEvent];
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
