import { watch, type FSWatcher } from 'node:fs';
import { buildMatcher } from '../matcher';
import { loadMatcherSettings } from '../matcher/settings';
import type { Matcher } from '../matcher/types';
import { FaqLoadError, loadFaq } from './load';
import type { Faq, FaqProblem } from './types';

export interface FaqWatchHandlers {
  /** A good edit: the new FAQ and the matcher built from it, ready to serve. */
  onLoad(faq: Faq, matcher: Matcher): void;
  /** A broken edit: nothing changes, the last good FAQ keeps serving. */
  onError(problems: FaqProblem[]): void;
}

/** Editors write a file in several steps (truncate, write, rename); wait for them to settle. */
const SETTLE_MS = 250;

/**
 * Reloads the FAQ folder shortly after any change under it. The new matcher is built completely
 * before it is handed over, so a query never sees half an FAQ; a broken edit changes nothing.
 */
export function watchFaq(dir: string, handlers: FaqWatchHandlers): { stop(): void; reload(): void } {
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    timer = undefined;
    try {
      const faq = loadFaq(dir);
      handlers.onLoad(faq, buildMatcher(faq, loadMatcherSettings(dir)));
    } catch (err) {
      if (err instanceof FaqLoadError) handlers.onError(err.problems);
      else handlers.onError([{ file: dir, line: 0, message: (err as Error).message }]);
    }
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
    stop() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
