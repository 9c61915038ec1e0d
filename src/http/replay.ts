import { createHash } from 'node:crypto';
import type { Db } from '../store/db';
import { forgetSignedBefore, rememberSigned, seenDigest } from '../store/signedRequests';
import { httpError } from './body';

/** A signed callback is accepted only when its timestamp is this close to the server's clock. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

/** Old nonces are swept at most this often, not on every request (a DELETE per message was a visible cost). */
const SWEEP_EVERY_MS = 60_000;
const lastSweep = new WeakMap<Db, number>();

/** 'fresh': first time seen; 'repeat': the same request again (the vendor's retry: same nonce, same body). */
export type Freshness = 'fresh' | 'repeat';

type SignedCallback = { channel: string; nonce: string; timestampMs: number; body: Buffer | string };

/**
 * Refuses a replayed signed callback (401, nothing stored): a timestamp outside ±5 minutes, or a nonce seen
 * before with another body (a captured URL signature reused for a forged body). Nonces are kept in SQLite
 * for twice the window — as long as their timestamp could still pass — so a restart does not reopen them.
 * Call it after the signature is checked, so only genuine nonces are remembered.
 */
export function checkFresh(db: Db, r: SignedCallback, now: number): Freshness {
  const remember = freshness(db, r, now);
  // In a commit group's savepoint already (src/store/commitGroup.ts), a refusal rolls that back; alone, it
  // takes the write lock at once so two requests with one nonce cannot both pass.
  return db.inTransaction ? remember() : db.transaction(remember).immediate();
}

/**
 * checkFresh in two steps, for a callback whose nonce is best stored in the same transaction as the
 * message it carries (one piece of group-commit work per push instead of two): refuses at once, reading
 * only, a stale timestamp or a nonce already stored with another body — before any other work, such as an
 * LLM call, is spent on a forged request (`read: false` skips the reading when there is none) — and returns the write, to run inside that transaction, which
 * checks again (a twin request may have stored the nonce meanwhile) and remembers the nonce.
 */
export function precheckFresh(db: Db, r: SignedCallback, now: number, options: { read?: boolean } = {}): () => Freshness {
  const remember = freshness(db, r, now);
  // Without an LLM to spare (`read: false`), the check inside the transaction is all that is needed.
  if (options.read === false) return remember;
  const seen = seenDigest(db, r.channel, r.nonce);
  if (seen !== undefined && seen !== digestOf(r.body)) throw replayed();
  return remember;
}

const digestOf = (body: Buffer | string) => createHash('sha256').update(body).digest('base64');
const replayed = () => httpError(401, 'nonce already used with another body: replayed request refused');

/** The timestamp check now; the nonce check and write returned, to run in a transaction. */
function freshness(db: Db, r: SignedCallback, now: number): () => Freshness {
  if (!Number.isFinite(r.timestampMs) || Math.abs(now - r.timestampMs) > REPLAY_WINDOW_MS) {
    throw httpError(401, 'timestamp is more than 5 minutes from the server clock: stale or replayed request refused');
  }
  const digest = digestOf(r.body);
  return (): Freshness => {
    // Rows past twice the window can no longer pass the timestamp check; left a minute longer they do no harm.
    const swept = lastSweep.get(db);
    if (swept === undefined || now - swept >= SWEEP_EVERY_MS || now < swept) {
      forgetSignedBefore(db, now - 2 * REPLAY_WINDOW_MS);
      lastSweep.set(db, now);
    }
    // The common case, a new nonce, in one statement; a known one is compared with what it came with.
    if (rememberSigned(db, { channel: r.channel, nonce: r.nonce, digest, at: now })) return 'fresh';
    if (seenDigest(db, r.channel, r.nonce) === digest) return 'repeat';
    throw replayed();
  };
}

/** A vendor's timestamp in seconds (a string of digits) as ms, or NaN. */
export const secondsToMs = (s: string | undefined): number => (s && /^\d{1,12}$/.test(s) ? Number(s) * 1000 : NaN);
