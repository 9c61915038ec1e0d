import { recordAudit } from '../store/audit';
import type { Db } from '../store/db';
import { eraseTextBefore } from '../store/erasure';
import { truncateWal } from './wipe';

const DAY_MS = 24 * 3600_000;

/**
 * KEFU_RETENTION_DAYS: conversation text older than that many days is erased (counts and decisions stay),
 * audited as `retention.erase` when anything changed.
 */
export function applyRetention(db: Db, days: number, at: number): Record<string, number> {
  const before = at - days * DAY_MS;
  const erased = db.transaction(() => {
    const counts = eraseTextBefore(db, before, at);
    if (Object.values(counts).some((n) => n > 0)) {
      recordAudit(db, { kind: 'retention.erase', actor: 'job:retention', detail: { days, before, erased: counts }, at });
    }
    return counts;
  })();
  if (Object.values(erased).some((n) => n > 0)) truncateWal(db);
  return erased;
}
