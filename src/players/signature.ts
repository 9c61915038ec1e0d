import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a signed link or request stays good, either side of its timestamp (clocks drift). */
export const SIGNATURE_MAX_AGE_MS = 10 * 60_000;

/**
 * The text a game signs: every parameter but `sig`, sorted by name, as `name=value` joined with `&`, the
 * values as written (not URL-encoded). `ts` (ms or s since epoch) is one of the parameters.
 */
export function canonicalText(params: Record<string, unknown>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sig' && params[k] !== undefined && params[k] !== null)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
}

/** HMAC-SHA256 over the canonical text, lowercase hex. */
export function signParams(params: Record<string, unknown>, secret: string): string {
  return createHmac('sha256', secret).update(canonicalText(params)).digest('hex');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** A signature is good when it matches and its `ts` is within SIGNATURE_MAX_AGE_MS of now. */
export function checkSignature(params: Record<string, unknown>, secret: string, now: number): SignatureCheck {
  const sig = typeof params.sig === 'string' ? params.sig : '';
  if (!sig) return { ok: false, reason: 'unsigned' };
  let ts = Number(params.ts);
  if (!Number.isFinite(ts) || ts <= 0) return { ok: false, reason: 'ts is missing or not a number' };
  if (ts < 1e12) ts *= 1000; // seconds, as most game servers write them
  const given = Buffer.from(sig.toLowerCase());
  const expected = Buffer.from(signParams(params, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' };
  if (Math.abs(now - ts) > SIGNATURE_MAX_AGE_MS) return { ok: false, reason: 'signature expired' };
  return { ok: true };
}
