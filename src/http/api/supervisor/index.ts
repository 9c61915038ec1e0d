import type Router from '@koa/router';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadScorecard, type Criterion } from '../../../checks/scorecard';
import type { DeskContext } from '../../../desk/context';
import type { SupervisorPolicy } from '../../../supervisorPolicy';
import { WEB_DIR } from '../../app';
import { serveFolder } from '../../static';
import { apiRoutes } from '../guard';
import { checkRoutes } from './checks';
import { reportRoutes } from './reports';
import { searchRoutes } from './search';
import { shiftRoutes } from './shifts';

/** chart.js's browser build, served from the project (no CDN). */
const CHART_JS = resolve(dirname(require.resolve('chart.js')), 'chart.umd.min.js');

/**
 * The supervisor's side over HTTP: dashboard, reports, shifts and handover, spot checks, search, and the
 * pages at /console/supervisor. The scorecard is read once at start-up (a broken one stops the start).
 */
export function createSupervisorApi(deps: DeskContext & { supervisor: SupervisorPolicy; faqDir: string }) {
  const scorecard: Criterion[] = loadScorecard(deps.faqDir);
  const chartJs = readFileSync(CHART_JS);
  return {
    mount(router: Router): void {
      const api = apiRoutes(router, deps);
      reportRoutes(api, deps);
      shiftRoutes(api, deps);
      checkRoutes(api, { ...deps, scorecard: () => scorecard });
      searchRoutes(api, { ...deps, timeZone: deps.supervisor.timeZone });
      serveFolder(router, '/console/supervisor', resolve(WEB_DIR, 'supervisor'));
      router.get('/console/vendor/chart.umd.min.js', (ctx) => {
        ctx.type = 'text/javascript; charset=utf-8';
        ctx.set('cache-control', 'public, max-age=86400');
        ctx.body = chartJs;
      });
    },
  };
}
