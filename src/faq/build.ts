import { buildMatcher, type RankingMatcher } from '../matcher';
import { loadMatcherSettings } from '../matcher/settings';
import { FaqLoadError, loadFaq } from './load';
import type { Faq, FaqProblem } from './types';

/** A reload's result: the new FAQ with its matcher, or what is wrong with the edit. */
export type FaqBuild = { ok: true; faq: Faq; matcher: RankingMatcher } | { ok: false; problems: FaqProblem[] };

/** How many example questions an FAQ has: what its build time grows with. */
export function questionCount(faq: Faq): number {
  return faq.entries.reduce((n, e) => n + e.questions.length, 0);
}

/** Loads and checks an FAQ folder and its matcher settings; throws FaqLoadError or the settings' error. */
export function loadFaqFolder(dir: string) {
  return { faq: loadFaq(dir), settings: loadMatcherSettings(dir) };
}

/** Problems as a broken edit reports them: the loader's `file:line`s, or the one message of anything else. */
export function problemsOf(err: unknown, dir: string): FaqProblem[] {
  if (err instanceof FaqLoadError) return err.problems;
  return [{ file: dir, line: 0, message: (err as Error).message }];
}

/** The whole reload in this thread (the fallback when no build thread can run). */
export function buildHere(dir: string): FaqBuild {
  try {
    const { faq, settings } = loadFaqFolder(dir);
    return { ok: true, faq, matcher: buildMatcher(faq, settings) };
  } catch (err) {
    return { ok: false, problems: problemsOf(err, dir) };
  }
}
