import type { Db } from '../store/db';

/**
 * Leaves no recoverable copy of erased data in the files: freed space is zeroed as it is freed
 * (secure_delete, set on every connection in store/db.ts), and the WAL — which still holds the pages as
 * they were before the erasure — is copied into the database and cut to zero bytes. Another connection
 * reading at that moment blocks the truncation, so it is retried for a while; false when it never cleared.
 */
export function truncateWal(db: Db, attempts = 50): boolean {
  for (let i = 0; i < attempts; i++) {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    if (result.busy === 0) return true;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // a reader is finishing: wait 20 ms
  }
  return false;
}
