import cron from 'node-cron';
import type { CasesContext } from './context';
import { alertOverdueFollowups } from './followups';
import { takeIn } from './intake';
import { startWebhookWorker } from './webhook';

/**
 * Case work's schedules: the intake after every handled message (and each minute, so nothing is missed),
 * the overdue follow-up check each minute, and the tracker webhook's worker.
 */
export function startCaseJobs(ctx: CasesContext) {
  const guarded = (name: string, job: () => unknown) => () => {
    try {
      job();
    } catch (err) {
      ctx.log.error({ err, job: name }, 'case job failed');
    }
  };
  const intake = guarded('intake', () => takeIn(ctx));
  intake();
  let pending = false;
  const onMessage = (e: { direction: string }) => {
    if (e.direction !== 'in' || pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      intake();
    });
  };
  ctx.events.on('message', onMessage);
  const tasks = [
    cron.schedule('30 * * * * *', intake, { name: 'cases-intake', noOverlap: true }),
    cron.schedule('0 * * * * *', guarded('followups-overdue', () => alertOverdueFollowups(ctx)), { name: 'cases-overdue', noOverlap: true }),
  ];
  const webhook = startWebhookWorker(ctx);
  return {
    async stop(): Promise<void> {
      ctx.events.off('message', onMessage);
      for (const task of tasks) await task.destroy();
      await webhook.stop();
    },
  };
}
