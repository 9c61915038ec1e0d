import { watch, type FSWatcher } from 'node:fs';
import type { Matcher } from '../matcher/types';
import { buildHere, type FaqBuild } from './build';
import { FaqBuildThread } from './buildThread';
import type { Faq, FaqProblem } from './types';

export interface FaqWatchHandlers {
  /** A good edit: the new FAQ and the matcher built from it, ready to serve. */
  onLoad(faq: Faq, matcher: Matcher): void;
  /** A broken edit: nothing changes, the last good FAQ keeps serving. */
  onError(problems: FaqProblem[]): void;
}

export interface FaqWatchOptions {
  /** Build in a second thread, so the service keeps answering meanwhile (default); false: in this one. */
  buildThread?: boolean;
}

/** Editors write a file in several steps (truncate, write, rename); wait for them to settle. */
const SETTLE_MS = 250;

/**
 * Reloads the FAQ folder shortly after any change under it. The new matcher is built completely — in a
 * second thread — before it is handed over, so a query never sees half an FAQ and players are answered
 * meanwhile; a broken edit changes nothing. One reload runs at a time; changes during it cause one more.
 */
export function watchFaq(dir: string, handlers: FaqWatchHandlers, options: FaqWatchOptions = {}) {
  const thread = options.buildThread === false ? undefined : new FaqBuildThread().start();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const hand = (result: FaqBuild) => {
    if (stopped) return;
    if (result.ok) handlers.onLoad(result.faq, result.matcher);
    else handlers.onError(result.problems);
  };
  /** Reloads now (or once more after the reload under way); resolves when the FAQ on disk is being served. */
  const reload = (): Promise<void> => {
    timer = undefined;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        hand(thread ? await thread.build(dir) : buildHere(dir));
      } while (again && !stopped);
      running = undefined;
    })();
    return running;
  };
  const schedule = (_event: string, name: string | Buffer | null) => {
    if (name && !/\.ya?ml$/.test(String(name))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, SETTLE_MS);
  };
  const watcher: FSWatcher = watch(dir, { recursive: true, persistent: false }, schedule);
  watcher.on('error', () => undefined); // the folder vanished mid-edit; the next change re-triggers
  return {
    reload,
    /** Resolves once an edit would be built at once (the build thread has loaded what it needs). */
    ready: () => thread?.ready ?? Promise.resolve(),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      watcher.close();
      thread?.stop();
    },
  };
}
