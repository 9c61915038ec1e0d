import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { KefuEvents } from '../core/events';
import type { Channel } from '../core/types';
import type { CommitGroupStats } from '../store/commitGroup';
import type { Db } from '../store/db';
import { TIERS } from '../store/agents';

export interface MetricsDeps {
  events: KefuEvents;
  db: Db;
  channels: Channel[];
  now(): number;
  /** The commit group's counts (src/store/commitGroup.ts), read at scrape time. */
  commits?(): CommitGroupStats;
}

/**
 * Prometheus metrics for /metrics (README "Metrics"). Counters follow the bus, which is emitted only
 * after a commit, so they count what the database holds; states (outbox, queues, channels) are read at
 * scrape time with indexed queries, so they are the database's own numbers. The LLM's series live in
 * src/llm/metrics.ts (kefu.ts adds them).
 */
export function createMetrics(deps: MetricsDeps): Registry {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'kefu_' });

  const messages = new Counter({
    name: 'kefu_messages_total',
    help: 'Messages stored, by channel and direction (in: from players, duplicates excluded; out: to players)',
    labelNames: ['channel', 'direction'] as const,
    registers,
  });
  const duplicates = new Counter({ name: 'kefu_duplicate_messages_total', help: 'Redeliveries answered from the store', labelNames: ['channel'] as const, registers });
  const decisions = new Counter({ name: 'kefu_decisions_total', help: 'What the bot decided for a message, by kind', labelNames: ['kind'] as const, registers });
  const latency = new Histogram({
    name: 'kefu_pipeline_seconds',
    help: 'Time to handle an inbound message (dedupe, store, decide, replies in the outbox, commit)',
    labelNames: ['channel'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const ticketEvents = new Counter({ name: 'kefu_ticket_events_total', help: 'Ticket lifecycle events, by kind', labelNames: ['kind'] as const, registers });
  const ticketsCreated = new Counter({ name: 'kefu_tickets_created_total', help: 'Tickets opened, by tier (a reopened ticket is not new)', labelNames: ['tier'] as const, registers });
  const slaBreaches = new Counter({ name: 'kefu_sla_breaches_total', help: 'Tickets whose first response was late, by tier', labelNames: ['tier'] as const, registers });
  const heartbeats = new Counter({ name: 'kefu_channel_heartbeats_total', help: 'Heartbeats received from bots (OneBot)', labelNames: ['channel'] as const, registers });
  const tokenRefreshes = new Counter({
    name: 'kefu_channel_token_refreshes_total',
    help: 'Vendor access token fetches, by outcome (ok, failed)',
    labelNames: ['channel', 'outcome'] as const,
    registers,
  });

  registerStateGauges(deps, registers);

  deps.events.on('message', (e) => messages.inc({ channel: e.channel, direction: e.direction }));
  deps.events.on('handled', (e) => {
    if (e.duplicate) return void duplicates.inc({ channel: e.channel });
    if (e.decision) decisions.inc({ kind: e.decision });
    latency.observe({ channel: e.channel }, e.seconds);
  });
  deps.events.on('ticket', (e) => {
    ticketEvents.inc({ kind: e.kind });
    if (e.kind === 'created') ticketsCreated.inc({ tier: e.tier ?? 'unknown' });
    if (e.kind === 'sla_breached') slaBreaches.inc({ tier: e.tier ?? 'unknown' });
  });
  deps.events.on('channel', (e) => {
    if (e.kind === 'heartbeat') heartbeats.inc({ channel: e.channel });
    else tokenRefreshes.inc({ channel: e.channel, outcome: e.kind === 'token_refreshed' ? 'ok' : 'failed' });
  });
  return registry;
}

/** Gauges read from the database (and the channels' health) when Prometheus scrapes. */
function registerStateGauges(deps: MetricsDeps, registers: Registry[]): void {
  const { db } = deps;
  new Gauge({
    name: 'kefu_outbox_messages',
    help: 'Outbound messages waiting to be sent (pending), being sent (sending), or given up (failed)',
    labelNames: ['status'] as const,
    registers,
    collect() {
      const rows = db.prepare(`SELECT status, COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending', 'failed') GROUP BY status`).all() as { status: string; n: number }[];
      for (const status of ['pending', 'sending', 'failed']) this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
    },
  });
  const queue = () =>
    db.prepare(`SELECT tier, COUNT(*) AS n, MIN(queued_at) AS oldest FROM tickets WHERE status = 'queued' GROUP BY tier`).all() as {
      tier: string;
      n: number;
      oldest: number;
    }[];
  new Gauge({
    name: 'kefu_queue_length',
    help: 'Tickets waiting in the queue, by tier',
    labelNames: ['tier'] as const,
    registers,
    collect() {
      const rows = queue();
      for (const tier of TIERS) this.set({ tier }, rows.find((r) => r.tier === tier)?.n ?? 0);
    },
  });
  new Gauge({
    name: 'kefu_queue_oldest_wait_seconds',
    help: 'How long the longest-waiting queued ticket of each tier has waited (0 when the queue is empty)',
    labelNames: ['tier'] as const,
    registers,
    collect() {
      const rows = queue();
      const now = deps.now();
      for (const tier of TIERS) {
        const oldest = rows.find((r) => r.tier === tier)?.oldest;
        this.set({ tier }, oldest ? Math.max(0, (now - oldest) / 1000) : 0);
      }
    },
  });
  // Group commit: commits against pieces of work says how many messages share a transaction; rolled-back
  // pieces and lost batches are the failures it absorbed without losing anybody else's message.
  const groupSeries: [string, string, keyof CommitGroupStats][] = [
    ['kefu_store_group_commits_total', 'Transactions committed by the commit group (each holding one or more messages)', 'commits'],
    ['kefu_store_group_works_total', 'Pieces of work (a message, a replay check, a confirmation) committed by the commit group', 'works'],
    ['kefu_store_group_rolled_back_total', 'Pieces of work that failed and were rolled back alone, their batch committed', 'failed'],
    ['kefu_store_group_batches_retried_total', 'Batches whose shared transaction was lost and were run again one piece at a time', 'retried'],
  ];
  for (const [name, help, key] of groupSeries) {
    new Counter({
      name,
      help,
      registers,
      collect() {
        const stats = deps.commits?.();
        if (!stats) return;
        this.reset();
        this.inc(stats[key]);
      },
    });
  }
  new Gauge({
    name: 'kefu_channel_up',
    help: 'Whether each channel reports itself healthy (1) or not (0)',
    labelNames: ['channel'] as const,
    registers,
    collect() {
      for (const c of deps.channels) this.set({ channel: c.id }, c.health?.().ok === false ? 0 : 1);
    },
  });
}
