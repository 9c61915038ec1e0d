import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { KefuEvents } from '../core/events';

/** Prometheus metrics for /metrics: process defaults plus what the pipeline and desk do. */
export function createMetrics(events: KefuEvents) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kefu_' });
  const messages = new Counter({
    name: 'kefu_messages_total',
    help: 'Messages stored, by direction',
    labelNames: ['direction'] as const,
    registers: [registry],
  });
  const tickets = new Counter({
    name: 'kefu_ticket_events_total',
    help: 'Ticket lifecycle events, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  events.on('message', (e) => messages.inc({ direction: e.direction }));
  events.on('ticket', (e) => tickets.inc({ kind: e.kind }));
  return registry;
}
