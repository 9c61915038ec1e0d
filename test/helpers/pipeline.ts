import { KefuEvents } from '../../src/core/events';
import { DEFAULT_PHRASES, type Phrases } from '../../src/core/phrases';
import { createPipeline } from '../../src/core/pipeline';
import { createLogger } from '../../src/log';
import type { Matcher } from '../../src/matcher/types';
import type { Db } from '../../src/store/db';

/** The pipeline over a real store, with the default phrases and a silent log, for tests that drive it directly. */
export function testPipeline(db: Db, matcher: Matcher, now: () => number, events = new KefuEvents()) {
  return createPipeline({
    db,
    events,
    log: createLogger('silent'),
    now,
    matcher: () => matcher,
    phrases: () => DEFAULT_PHRASES as Phrases,
    desk: { firstResponseMs: 5 * 60_000 },
  });
}
