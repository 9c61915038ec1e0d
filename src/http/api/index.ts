import type Router from '@koa/router';
import { resolve } from 'node:path';
import type { Channel, ChannelId } from '../../core/types';
import { autoAssign } from '../../desk/assign';
import { cannedLibrary } from '../../desk/canned';
import type { DeskContext } from '../../desk/context';
import type { Matcher } from '../../matcher/types';
import { WEB_DIR } from '../app';
import { serveFolder } from '../static';
import { agentRoutes } from './agents';
import { authRoutes } from './auth';
import { cannedRoutes } from './canned';
import { eventRoutes } from './events';
import { faqLearningRoutes } from './faqLearning';
import { apiRoutes } from './guard';
import { createLoginLimiter } from './loginLimiter';
import { mediaRoutes } from './media';
import { playerRoutes } from './players';
import { playerProfileRoutes } from './playerProfile';
import { ticketRoutes } from './tickets';

export const DEFAULT_SESSION_MS = 12 * 3600_000;

/** The agent desk over HTTP: the agent API under /api (README "Agent desk") and the console page at /console. */
export interface DeskApiDeps extends DeskContext {
  channels: Map<ChannelId, Channel>;
  faqDir: string;
  profileSecret?: string;
  /** The largest player picture or voice message fetched for the console (KEFU_MEDIA_MAX_MB). */
  mediaMaxBytes?: number;
  matcher(): Matcher;
  reloadFaq?(): Promise<void>;
}

export function createDeskApi(deps: DeskApiDeps) {
  const canned = cannedLibrary(deps.faqDir, (message) => deps.log.error(`${message} (the last good canned replies keep serving)`));
  const limiter = createLoginLimiter(deps.db);
  let live: ReturnType<typeof eventRoutes> | undefined;
  return {
    mount(router: Router): void {
      const api = apiRoutes(router, deps);
      authRoutes(api, {
        ...deps,
        limiter,
        sessionMs: deps.policy.sessionMs ?? DEFAULT_SESSION_MS,
        onOnline: () => setImmediate(() => autoAssign(deps)),
      });
      ticketRoutes(api, deps);
      cannedRoutes(api, { ...deps, canned });
      agentRoutes(api, deps);
      faqLearningRoutes(api, deps);
      playerRoutes(api, deps);
      mediaRoutes(api, deps);
      playerProfileRoutes(api, deps);
      live = eventRoutes(api, deps.events);
      serveFolder(router, '/console', resolve(WEB_DIR, 'console'));
    },
    /** Ends the consoles' live streams (at shutdown). */
    closeStreams(): void {
      live?.closeAll();
    },
  };
}
