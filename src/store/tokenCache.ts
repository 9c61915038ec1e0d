import type { Db } from './db';
import { deleteVendorState, readVendorState, writeVendorState } from './vendorState';

/** Refresh this long before the vendor's expiry (WeChat and WeCom, protocols.md §1.6). */
export const TOKEN_EARLY_MS = 60_000;

export interface FetchedToken {
  token: string;
  expiresInS: number;
}

/**
 * A vendor's access token cached in SQLite (so a restart does not fetch a new one and invalidate the old,
 * protocols.md §1.6) and fetched by one request at a time. WeChat, WeCom and the QQ bot all use it.
 */
export function createTokenCache(deps: {
  db: Db;
  key: string;
  now(): number;
  fetch(): Promise<FetchedToken>;
  earlyMs?: number;
  /** Each fetch's outcome, for channel health in /metrics. */
  onRefresh?(ok: boolean): void;
}) {
  const earlyMs = deps.earlyMs ?? TOKEN_EARLY_MS;
  let inflight: Promise<string> | undefined;

  function refresh(): Promise<string> {
    inflight ??= deps
      .fetch()
      .then(({ token, expiresInS }) => {
        const at = deps.now();
        writeVendorState(deps.db, deps.key, token, at, at + expiresInS * 1000);
        deps.onRefresh?.(true);
        return token;
      })
      .catch((err: unknown) => {
        deps.onRefresh?.(false);
        throw err;
      })
      .finally(() => (inflight = undefined));
    return inflight;
  }

  return {
    /** The cached token, or a fresh one when it expires within earlyMs. */
    async get(): Promise<string> {
      const cached = readVendorState(deps.db, deps.key, deps.now() + earlyMs);
      return cached?.value ?? refresh();
    },
    /** Forget `stale` and fetch again (after 40001/40014/42001); a newer token fetched meanwhile is kept. */
    async renew(stale: string): Promise<string> {
      const cached = readVendorState(deps.db, deps.key, deps.now());
      if (cached && cached.value !== stale) return cached.value;
      deleteVendorState(deps.db, deps.key);
      return refresh();
    },
  };
}

export type TokenCache = ReturnType<typeof createTokenCache>;
