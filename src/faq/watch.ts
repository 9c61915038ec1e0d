import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Matcher } from '../matcher/types';
import { buildHere, problemsOf, questionCount, type FaqBuild } from './build';
import { FaqBuildThread } from './buildThread';
import type { Faq, FaqProblem } from './types';

export interface FaqWatchHandlers {
  /** A good edit: the new FAQ and the matcher built from it, ready to serve. */
  onLoad(faq: Faq, matcher: Matcher): void;
  /** A broken edit: nothing changes, the last good FAQ keeps serving. */
  onError(problems: FaqProblem[]): void;
}

export interface FaqWatchOptions {
  /**
   * Where reloads are built: in a second thread, so the service keeps answering meanwhile (true), in this
   * one (false), or by the FAQ's size ('auto', the default): a thread once it has BUILD_THREAD_FROM
   * questions. The thread costs ~170 MB (its own jieba and tables) while it lives, worth it only where a
   * build is long: it starts with a reload and ends when idle (buildThread.ts).
   */
  buildThread?: boolean | 'auto';
  /** The served FAQ's number of questions, for 'auto' before the first reload. */
  questions?: number;
}

/** From this many questions (~500 entries, a build of 0.2–0.5 s) 'auto' builds reloads in a second thread. */
export const BUILD_THREAD_FROM = 2000;

/** Editors write a file in several steps (truncate, write, rename); wait for them to settle. */
const SETTLE_MS = 250;

/**
 * Reloads the FAQ folder shortly after any change under it. The new matcher is built completely — for a
 * large FAQ in a second thread, so players are answered meanwhile — before it is handed over, so a query
 * never sees half an FAQ; a broken edit changes nothing. One reload runs at a time; changes during it
 * cause one more.
 */
export function watchFaq(dir: string, handlers: FaqWatchHandlers, options: FaqWatchOptions = {}) {
  const mode = options.buildThread ?? 'auto';
  let questions = options.questions ?? 0;
  let thread: FaqBuildThread | undefined;
  /** The build thread, made at the first reload the mode or the FAQ's size calls for it, and kept from then on. */
  const buildThread = () => {
    if (!thread && (mode === true || (mode === 'auto' && questions >= BUILD_THREAD_FROM))) thread = new FaqBuildThread().start();
    return thread;
  };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const hand = (result: FaqBuild) => {
    if (stopped) return;
    if (!result.ok) return handlers.onError(result.problems);
    questions = questionCount(result.faq);
    try {
      handlers.onLoad(result.faq, result.matcher);
    } catch (err) {
      // What the service loads beside the FAQ (phrases.yaml) can be broken too: reported, never a crash.
      handlers.onError(problemsOf(err, dir));
    }
  };
  /** Reloads now (or once more after the reload under way); resolves when the FAQ on disk is being served. */
  const reload = (): Promise<void> => {
    timer = undefined;
    if (running) {
      again = true;
      return running;
    }
    // Cleared in finally(), which runs after this assignment even when the build ran synchronously.
    running = (async () => {
      do {
        again = false;
        const inThread = buildThread();
        let result: FaqBuild;
        try {
          result = inThread ? await inThread.build(dir) : buildHere(dir);
        } catch (err) {
          result = { ok: false, problems: problemsOf(err, dir) }; // e.g. restoring what the thread sent
        }
        hand(result);
      } while (again && !stopped);
    })().finally(() => (running = undefined));
    return running;
  };
  const schedule = (_event: string, name: string | Buffer | null) => {
    if (name && !/\.ya?ml$/.test(String(name))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, SETTLE_MS);
  };
  const folders = watchFolders(dir, schedule);
  return {
    reload,
    /** Resolves once a build under way in the thread could start (the thread has loaded what it needs). */
    ready: () => thread?.ready ?? Promise.resolve(),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      folders.close();
      thread?.stop();
    },
  };
}

/**
 * Watches the folder and each folder under it by name, not each file: git checkout, `sed -i` and most
 * editors replace a file by renaming a new one over it, and a watch on the old file (what Node's recursive
 * watch keeps on Linux) never fires again. A folder's watch sees every name in it, old or new. Sub-folders
 * are re-listed on each change, so one added later is watched too.
 */
function watchFolders(dir: string, onChange: (event: string, name: string | null) => void) {
  const watchers = new Map<string, FSWatcher>();
  const sync = () => {
    const now = new Set(folderTree(dir));
    for (const [path, w] of watchers) {
      if (now.has(path)) continue;
      w.close();
      watchers.delete(path);
    }
    for (const path of now) {
      if (watchers.has(path)) continue;
      try {
        const w = watch(path, { persistent: false }, (event, name) => {
          if (event === 'rename') sync();
          onChange(event, name);
        });
        w.on('error', () => undefined); // the folder vanished mid-edit; the next change re-lists
        watchers.set(path, w);
      } catch {
        // removed between listing and watching: the parent's next event re-lists
      }
    }
  };
  sync();
  return {
    close() {
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

/** The folder and every folder under it (hidden ones aside, like the loader). */
function folderTree(dir: string): string[] {
  const out = [dir];
  try {
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && !e.name.startsWith('.')) out.push(...folderTree(join(dir, e.name)));
  } catch {
    // gone or unreadable: nothing under it to watch
  }
  return out;
}
