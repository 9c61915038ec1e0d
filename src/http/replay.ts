import { createHash } from 'node:crypto';
import type { Db } from '../store/db';
import { forgetSignedBefore, rememberSigned, seenDigest } from '../store/signedRequests';
import { httpError } from './body';

/** A signed callback is accepted only when its timestamp is this close to the server's clock. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

/** 'fresh': first time seen; 'repeat': the same request again (the vendor's retry: same nonce, same body). */
export type Freshness = 'fresh' | 'repeat';

/**
 * Refuses a replayed signed callback (401, nothing stored): a timestamp outside ±5 minutes, or a nonce seen
 * before with another body (a captured URL signature reused for a forged body). Nonces are kept in SQLite
 * for twice the window — as long as their timestamp could still pass — so a restart does not reopen them.
 * Call it after the signature is checked, so only genuine nonces are remembered.
 */
export function checkFresh(
  db: Db,
  r: { channel: string; nonce: string; timestampMs: number; body: Buffer | string },
  now: number,
): Freshness {
  if (!Number.isFinite(r.timestampMs) || Math.abs(now - r.timestampMs) > REPLAY_WINDOW_MS) {
    throw httpError(401, 'timestamp is more than 5 minutes from the server clock: stale or replayed request refused');
  }
  const digest = createHash('sha256').update(r.body).digest('base64');
  const check = (): Freshness => {
    forgetSignedBefore(db, now - 2 * REPLAY_WINDOW_MS);
    const seen = seenDigest(db, r.channel, r.nonce);
    if (seen === undefined) {
      rememberSigned(db, { channel: r.channel, nonce: r.nonce, digest, at: now });
      return 'fresh';
    }
    if (seen === digest) return 'repeat';
    throw httpError(401, 'nonce already used with another body: replayed request refused');
  };
  // In a commit group's savepoint already (src/store/commitGroup.ts), a refusal rolls that back; alone, it
  // takes the write lock at once so two requests with one nonce cannot both pass.
  return db.inTransaction ? check() : db.transaction(check).immediate();
}

/** A vendor's timestamp in seconds (a string of digits) as ms, or NaN. */
export const secondsToMs = (s: string | undefined): number => (s && /^\d{1,12}$/.test(s) ? Number(s) * 1000 : NaN);
