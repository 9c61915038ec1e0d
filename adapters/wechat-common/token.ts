import type { Db } from '../../src/store/db';
import { deleteVendorState, readVendorState, writeVendorState } from '../../src/store/vendorState';

/** Refresh this long before the vendor's expiry (protocols.md §1.6). */
export const TOKEN_EARLY_MS = 60_000;

export interface FetchedToken {
  token: string;
  expiresInS: number;
}

/**
 * An access_token cached in SQLite (so a restart does not fetch a new one and invalidate the old,
 * §1.6) and fetched by one request at a time.
 */
export function createTokenCache(deps: { db: Db; key: string; now(): number; fetch(): Promise<FetchedToken> }) {
  let inflight: Promise<string> | undefined;

  function refresh(): Promise<string> {
    inflight ??= deps
      .fetch()
      .then(({ token, expiresInS }) => {
        const at = deps.now();
        writeVendorState(deps.db, deps.key, token, at, at + expiresInS * 1000);
        return token;
      })
      .finally(() => (inflight = undefined));
    return inflight;
  }

  return {
    /** The cached token, or a fresh one when it expires within TOKEN_EARLY_MS. */
    async get(): Promise<string> {
      const cached = readVendorState(deps.db, deps.key, deps.now() + TOKEN_EARLY_MS);
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
