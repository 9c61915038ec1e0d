import type { Db } from '../../store/db';
import { forgetFailures, forgetKey, purgeFailuresBefore, recentFailures, recordFailure } from '../../store/loginFailures';

/** At most this many failed logins per username, and (looser: an office shares one address) per address… */
export const LOGIN_LIMITS = { user: 10, address: 100 } as const;
/** …within this sliding window. */
export const LOGIN_WINDOW_MS = 15 * 60_000;

export type LoginTry = { wait: number } | { wait: 0; ids: number[]; userKey: string };

/**
 * Slows down password guessing, in SQLite so a restart forgets nothing. An attempt is counted as a failure
 * BEFORE its password is hashed, in one synchronous transaction: a hundred tries sent at once cannot all
 * pass the check while the hashes run. A success takes its own count back and clears the username's.
 */
export function createLoginLimiter(db: Db, limits: { user: number; address: number } = LOGIN_LIMITS, windowMs = LOGIN_WINDOW_MS) {
  const attempt = db.transaction((username: string, address: string, now: number): LoginTry => {
    purgeFailuresBefore(db, now - windowMs);
    const keys = [
      { key: `user:${username.toLowerCase()}`, max: limits.user },
      { key: `addr:${address}`, max: limits.address },
    ];
    let wait = 0;
    for (const { key, max } of keys) {
      const { n, oldest } = recentFailures(db, key, now - windowMs);
      if (n >= max) wait = Math.max(wait, (oldest ?? now) + windowMs - now, 1);
    }
    if (wait > 0) return { wait };
    return { wait: 0, ids: keys.map(({ key }) => recordFailure(db, key, now)), userKey: keys[0].key };
  });

  return {
    /** Counts this attempt, or says how long (ms) to wait when the username or the address is over its limit. */
    attempt: (username: string, address: string, now: number): LoginTry => attempt.immediate(username, address, now),
    /** The password was right: this attempt was no failure, and the username starts afresh. */
    succeeded(t: LoginTry): void {
      if (!('ids' in t)) return;
      db.transaction(() => {
        forgetFailures(db, t.ids);
        forgetKey(db, t.userKey);
      })();
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
