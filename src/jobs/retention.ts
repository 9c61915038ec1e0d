import cron from 'node-cron';
import type { Logger } from '../log';
import { applyRetention } from '../privacy/retention';
import type { Db } from '../store/db';

export interface RetentionDeps {
  db: Db;
  log: Logger;
  now(): number;
  days: number;
}

/**
 * KEFU_RETENTION_DAYS: every night at 04:10 (and once at start-up) conversation text older than that
 * is erased (src/privacy/retention.ts). A failure is logged; the next night tries again.
 */
export function startRetentionJob(deps: RetentionDeps) {
  const run = (): Record<string, number> | undefined => {
    try {
      const erased = applyRetention(deps.db, deps.days, deps.now());
      if (Object.values(erased).some((n) => n > 0)) deps.log.info({ erased, days: deps.days }, 'retention: old conversation text erased');
      return erased;
    } catch (err) {
      deps.log.error({ err }, 'retention job failed');
      return undefined;
    }
  };
  const task = cron.schedule('0 10 4 * * *', run, { name: 'retention', noOverlap: true });
  setImmediate(run);
  return {
    run,
    async stop(): Promise<void> {
      await task.destroy();
    },
  };
}
