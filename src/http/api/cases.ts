import type Router from '@koa/router';
import type { CasesContext } from '../../cases/context';
import { alertRoutes } from './alerts';
import { announcementRoutes } from './announcements';
import { bugRoutes } from './bugs';
import { complaintRoutes } from './complaints';
import { followupRoutes } from './followups';
import { apiRoutes } from './guard';

/** Case work over HTTP (README "Cases"): the bug board, complaints, follow-ups, announcements, alerts. */
export function mountCases(deps: CasesContext & { timeZone: string }) {
  return (router: Router): void => {
    const api = apiRoutes(router, deps);
    bugRoutes(api, deps);
    complaintRoutes(api, deps);
    followupRoutes(api, deps);
    announcementRoutes(api, router, deps);
    alertRoutes(api, deps);
  };
}
