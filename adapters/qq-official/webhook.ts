import type Router from '@koa/router';
import type { HandleResult, InboundMessage } from '../../src/core/types';
import { httpError, readRawBody } from '../../src/http/body';
import { checkFresh, secondsToMs } from '../../src/http/replay';
import type { Db } from '../../src/store/db';
import { parseEvent } from './parse';
import { callbackSignatureValid, validationSignature, type BotKeys } from './sign';
import { untrusted } from '../../src/log';

export interface WebhookOptions {
  path: string;
  maxBytes: number;
  appId: string;
  keys: BotKeys;
  db: Db;
  now(): number;
  /** Stores the message; its replies wait in the outbox (they go out through the API, not this response). */
  receive(msg: InboundMessage): Promise<HandleResult>;
  log: QqLog;
}

/** The part of the service logger (pino) the QQ official adapter uses. */
export interface QqLog {
  debug(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The callback URL (protocols.md §4): every request's Ed25519 signature is checked over the raw bytes
 * before anything is parsed or stored; op 13 is answered with the signed plain_token, a dispatch (op 0)
 * at once with {"op":12,"d":0}, or {"op":12,"d":1} when it could not be stored, so the platform retries.
 */
export function mountWebhook(router: Router, opts: WebhookOptions): void {
  router.post(opts.path, async (ctx) => {
    const raw = await readRawBody(ctx, opts.maxBytes);
    const signature = ctx.get('x-signature-ed25519') || undefined;
    const timestamp = ctx.get('x-signature-timestamp') || undefined;
    if (!callbackSignatureValid(opts.keys, signature, timestamp, raw)) {
      throw httpError(401, 'bad or missing X-Signature-Ed25519');
    }
    // The signature covers timestamp + body: a stale timestamp is a replay (401); the same signature again is
    // the platform pushing the same bytes twice, which the d.id dedupe answers once.
    checkFresh(opts.db, { channel: 'qq-official', nonce: signature!.toLowerCase(), timestampMs: secondsToMs(timestamp), body: raw }, opts.now());
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      throw httpError(400, 'body is not valid JSON');
    }
    if (!isObject(payload) || typeof payload.op !== 'number') throw httpError(400, 'body must be a QQ payload {op, d}');
    if (payload.op === 13) {
      const d = isObject(payload.d) ? payload.d : {};
      const eventTs = typeof d.event_ts === 'number' ? String(d.event_ts) : d.event_ts; // a string; accept a number (§4)
      if (typeof d.plain_token !== 'string' || typeof eventTs !== 'string') throw httpError(400, 'op 13 needs d.plain_token and d.event_ts');
      ctx.body = { plain_token: d.plain_token, signature: validationSignature(opts.keys, eventTs, d.plain_token) };
      return;
    }
    const msg = parseEvent(payload, opts.appId, opts.now());
    if (!msg) {
      opts.log.debug({ op: untrusted(payload.op), t: untrusted(payload.t) }, 'QQ callback ignored');
      ctx.body = { op: 12, d: 0 };
      return;
    }
    try {
      await opts.receive(msg);
      ctx.body = { op: 12, d: 0 };
    } catch (err) {
      // Nothing was stored (one transaction): d:1 asks the platform to push it again (§4); the retry is deduped on d.id.
      opts.log.error({ err: (err as Error).message, t: untrusted(payload.t) }, 'QQ message could not be handled: asking for a retry');
      ctx.body = { op: 12, d: 1 };
    }
  });
}
