import { createHmac } from 'node:crypto';
import { backoffMs, shouldRetry } from '../desk/outbox';
import { claimDueWebhooks, enqueueWebhook, requeueStuckWebhooks, webhookFailed, webhookRetry, webhookSent, type WebhookItem } from '../store/webhookOutbox';
import type { CasesContext } from './context';

/** A slow tracker must not hold the worker: each delivery gets this long. */
const TIMEOUT_MS = 10_000;

/**
 * The signature the tracker checks: HMAC-SHA256 over `<timestamp>.<body>` with KEFU_BUG_WEBHOOK_SECRET,
 * hex, as `sha256=<hex>` (the timestamp is signed so a captured request cannot be replayed later).
 */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Stores a delivery for the tracker (nothing when no webhook is configured); the worker sends it. */
export function queueBugWebhook(ctx: CasesContext, event: string, data: object): void {
  if (!ctx.webhook) return;
  enqueueWebhook(ctx.db, { event, body: { event, at: ctx.now(), ...data }, at: ctx.now() });
  setImmediate(() => ctx.events.emit('queued'));
}

async function post(ctx: CasesContext, item: WebhookItem): Promise<{ ok: true } | { ok: false; error: string; retry: boolean; retryAfterMs?: number }> {
  const timestamp = String(ctx.now());
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'kefu-bug-webhook',
    'x-kefu-event': item.event,
    'x-kefu-delivery': String(item.id), // the same on every retry: the tracker dedupes on it
    'x-kefu-timestamp': timestamp,
  };
  if (ctx.webhook!.secret) headers['x-kefu-signature'] = signWebhook(ctx.webhook!.secret, timestamp, item.body);
  try {
    const res = await fetch(ctx.webhook!.url, { method: 'POST', headers, body: item.body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.arrayBuffer();
    if (res.ok) return { ok: true };
    const after = Number(res.headers.get('retry-after'));
    const retry = res.status === 429 || res.status >= 500;
    return { ok: false, error: `HTTP ${res.status}`, retry, retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : undefined };
  } catch (err) {
    return { ok: false, error: (err as Error).message, retry: true };
  }
}

/** Sends what is due, once; network errors, 429 and 5xx are retried with the outbox's backoff, other refusals are final. */
export async function deliverWebhooks(ctx: CasesContext): Promise<number> {
  if (!ctx.webhook) return 0;
  let sent = 0;
  for (;;) {
    const due = claimDueWebhooks(ctx.db, ctx.now());
    if (!due.length) return sent;
    for (const item of due) {
      const outcome = await post(ctx, item);
      const at = ctx.now();
      if (outcome.ok) {
        webhookSent(ctx.db, item.id, at);
        sent++;
      } else if (outcome.retry && shouldRetry(item, at)) {
        webhookRetry(ctx.db, item.id, outcome.error, at + (outcome.retryAfterMs ?? backoffMs(item.attempts)));
        ctx.log.warn({ webhook: item.id, error: outcome.error }, 'bug webhook failed, will retry');
      } else {
        webhookFailed(ctx.db, item.id, outcome.error);
        ctx.log.error({ webhook: item.id, error: outcome.error }, 'bug webhook failed');
      }
    }
  }
}

/** Runs deliveries on a timer and whenever something is queued; passes never overlap. */
export function startWebhookWorker(ctx: CasesContext, intervalMs = 1000) {
  if (!ctx.webhook) return { stop: async () => undefined, tick: async () => undefined };
  requeueStuckWebhooks(ctx.db, ctx.now());
  let running: Promise<unknown> | undefined;
  const tick = async () => {
    if (running) return;
    running = deliverWebhooks(ctx)
      .catch((err) => ctx.log.error({ err }, 'bug webhook pass failed'))
      .finally(() => (running = undefined));
    await running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  const onQueued = () => setImmediate(() => void tick());
  ctx.events.on('queued', onQueued);
  return {
    tick,
    async stop() {
      clearInterval(timer);
      ctx.events.off('queued', onQueued);
      await running;
    },
  };
}
