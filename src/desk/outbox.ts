import type { KefuEvents } from '../core/events';
import type { Channel, ChannelId } from '../core/types';
import type { Logger } from '../log';
import { errorText } from '../safety/errorText';
import type { Db } from '../store/db';
import { claimDueOutbound, markFailed, markRetry, markSent, promoteStaleInline, releaseSending, requeueStuckSending, type OutboxItem } from '../store/outbox';

/** How long an inline reply may wait for its webhook response to be confirmed before the worker sends it. */
export const INLINE_GRACE_MS = 60_000;

/**
 * At shutdown, how long sends already under way may take to finish: a little over the adapters' own request
 * timeout (10 s), so each ends sent or failed rather than cut off; what is still out then is released.
 */
export const SHUTDOWN_GRACE_MS = 12_000;

/** Attempts before a message may be given up on… */
export const MAX_ATTEMPTS = 10;
/**
 * …and how long retries go on before that: a channel that is down for an afternoon still delivers every
 * reply when it is back. Meanwhile the agent sees the message pending with the channel's reason.
 */
export const RETRY_FOR_MS = 24 * 3600_000;

/**
 * A send that throws (a bug or hostile data meeting a channel, not a vendor's answer) is tried this many
 * times, then the message is failed as poison; a send cut off by the process ending, as often.
 */
export const POISON_ATTEMPTS = 3;

/** Whether a retryable failure should be tried again, or the message marked failed for an agent to see. */
export function shouldRetry(item: Pick<OutboxItem, 'attempts' | 'createdAt'>, now: number): boolean {
  return item.attempts < MAX_ATTEMPTS || now - item.createdAt < RETRY_FOR_MS;
}

/** Exponential backoff: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function backoffMs(attempt: number): number {
  return Math.min(10 * 60_000, 1000 * 2 ** attempt);
}

export interface OutboxWorkerDeps {
  db: Db;
  channels: Map<ChannelId, Channel>;
  events: KefuEvents;
  log: Logger;
  now(): number;
  intervalMs?: number;
  /** How long stop() waits for sends under way (default SHUTDOWN_GRACE_MS). */
  graceMs?: number;
}

/**
 * Sends what the outbox holds through each message's own channel. Network errors and 5xx retry with
 * backoff (a channel's retry-after wins); a refusal is recorded on the message, not thrown (STYLE "retries by kind").
 */
export function startOutboxWorker(deps: OutboxWorkerDeps) {
  const { db, log } = deps;
  let running = false;
  let stopped = false;
  const inFlight = new Set<number>();
  const stuck = requeueStuckSending(db, deps.now(), POISON_ATTEMPTS);
  if (stuck.poisoned) log.error({ poisoned: stuck.poisoned }, 'outbox messages interrupted too often marked failed');

  type Outcome = { ok: true; externalId?: string } | { ok: false; error: string; retry: boolean; retryAfterMs?: number };

  /** What the channel answered; a throw is counted against POISON_ATTEMPTS instead of reaching the process. */
  async function attempt(item: OutboxItem): Promise<Outcome> {
    const channel = deps.channels.get(item.channel);
    if (!channel) return { ok: false, error: `channel ${item.channel} is not configured`, retry: true };
    try {
      return await channel.send(item.address, { text: item.text, messageId: item.messageId });
    } catch (err) {
      const poisoned = item.attempts >= POISON_ATTEMPTS;
      return { ok: false, error: `发送出错${poisoned ? `（已试 ${item.attempts} 次，不再重试）` : ''}：${errorText(err)}`, retry: !poisoned };
    }
  }

  async function deliver(item: OutboxItem): Promise<void> {
    const outcome = await attempt(item);
    const at = deps.now();
    const retry = !outcome.ok && outcome.retry && shouldRetry(item, at);
    if (outcome.ok) {
      markSent(db, item.id, at, outcome.externalId);
    } else if (retry) {
      markRetry(db, item.id, outcome.error, at + (outcome.retryAfterMs ?? backoffMs(item.attempts)));
      log.warn({ outbox: item.id, channel: item.channel, attempt: item.attempts, error: outcome.error }, 'send failed, will retry');
    } else {
      markFailed(db, item.id, outcome.error);
      log.error({ outbox: item.id, channel: item.channel, error: outcome.error }, 'send failed');
    }
    deps.events.emit('delivery', { messageId: item.messageId, status: outcome.ok ? 'sent' : retry ? 'pending' : 'failed' });
  }

  /** One item's delivery, whatever happens in it: one message never stops the others or the process. */
  async function deliverSafely(item: OutboxItem): Promise<void> {
    inFlight.add(item.id);
    try {
      await deliver(item);
    } catch (err) {
      log.error({ outbox: item.id, channel: item.channel, err: errorText(err) }, 'outbox delivery failed');
    } finally {
      inFlight.delete(item.id);
    }
  }

  /** One pass over what is due; passes never overlap. */
  async function tick(): Promise<void> {
    if (running || stopped) return;
    running = true;
    try {
      promoteStaleInline(db, deps.now() - INLINE_GRACE_MS, deps.now());
      while (!stopped) {
        const due = claimDueOutbound(db, deps.now(), 20);
        if (!due.length) break;
        await Promise.all(due.map(deliverSafely));
      }
    } catch (err) {
      log.error({ err: errorText(err) }, 'outbox pass failed'); // the next pass tries again
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void tick(), deps.intervalMs ?? 1000);
  timer.unref();
  const onQueued = () => setImmediate(() => void tick());
  deps.events.on('queued', onQueued);

  return {
    /** Runs a pass now (after an agent reply, so it goes out without waiting for the timer). */
    tick,
    /**
     * Takes no new work at once; sends under way get up to `graceMs` to finish (and be marked sent or
     * failed). Any still out after that are put back to pending, so the next start sends them — where the
     * vendor recognises a resend (QQ's msg_seq, README "Shutdown") it is not delivered twice.
     */
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      deps.events.off('queued', onQueued);
      const deadline = Date.now() + (deps.graceMs ?? SHUTDOWN_GRACE_MS);
      while (running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (inFlight.size) {
        const released = releaseSending(db, [...inFlight], deps.now());
        log.warn({ released }, 'shutdown: sends still under way put back to pending');
      }
    },
  };
}
