import { listAlerts, markAlertSeen } from '../../store/alerts';
import type { CasesContext } from '../../cases/context';
import { httpError } from '../body';
import { currentAgent, MANAGERS, type apiRoutes } from './guard';
import { idParam } from './schemas';

/** Supervisors' alerts (critical bug reports, overdue follow-ups): the list and "seen". */
export function alertRoutes(api: ReturnType<typeof apiRoutes>, deps: CasesContext): void {
  api.route('get', '/api/alerts', MANAGERS, (ctx) => {
    ctx.body = { alerts: listAlerts(deps.db, { unseen: ctx.query.unseen !== undefined }) };
  });
  api.route('post', '/api/alerts/:id/seen', MANAGERS, (ctx) => {
    if (!markAlertSeen(deps.db, idParam(ctx), currentAgent(ctx).id, deps.now())) throw httpError(404, 'no such unseen alert');
    ctx.body = { ok: true };
  });
}
