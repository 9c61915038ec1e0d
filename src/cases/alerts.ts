import { supervisors } from '../store/agents';
import { insertAlert } from '../store/alerts';
import type { CasesContext } from './context';

/**
 * Tells supervisors at once: stored (the console's alert list), pushed to open consoles as an `alert`
 * event, and logged with the supervisors it is meant for.
 */
export function alertSupervisors(ctx: Pick<CasesContext, 'db' | 'events' | 'log' | 'now'>, kind: string, text: string, data: object = {}): number {
  const alertId = insertAlert(ctx.db, { kind, text, data, at: ctx.now() });
  ctx.log.warn({ alert: alertId, kind, notified: supervisors(ctx.db).map((s) => s.username) }, text);
  ctx.events.emit('alert', { alertId, kind });
  return alertId;
}
