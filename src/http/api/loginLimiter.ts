/**
 * Slows down password guessing: after `maxFailures` failed logins for one username or from one address
 * within `windowMs`, further attempts are refused (429) until the window has passed. In memory: a restart
 * forgets, which only helps an attacker by one window.
 */
export function createLoginLimiter(options: { maxFailures?: number; windowMs?: number } = {}) {
  const maxFailures = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const failures = new Map<string, number[]>();

  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => now - t < windowMs);

  return {
    /** ms until this username / address may try again, or 0 when they may now. */
    retryAfterMs(keys: string[], now: number): number {
      let wait = 0;
      for (const key of keys) {
        const times = recent(key, now);
        if (times.length >= maxFailures) wait = Math.max(wait, times[0] + windowMs - now);
      }
      return wait;
    },
    fail(keys: string[], now: number): void {
      for (const key of keys) failures.set(key, [...recent(key, now), now]);
      // Old entries go when their window has passed, so the map stays the size of a window's attackers.
      if (failures.size > 10_000) for (const key of failures.keys()) if (!recent(key, now).length) failures.delete(key);
    },
    succeed(keys: string[]): void {
      for (const key of keys) failures.delete(key);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
