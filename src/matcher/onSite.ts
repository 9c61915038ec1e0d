import type { Logger } from 'pino';
import type { Faq } from '../faq/types';
import { fineTuneGroups, fineTuneInSlices, fineTuneNow } from '../semantic/fineTune';
import { buildMatcher, type RankingMatcher } from './index';
import type { MatcherSettings } from './settings';

/** The FAQ's phrasings and answers, normalised as the matcher sees them, as fine-tuning groups. */
function groupsFor(faq: Faq, matcher: RankingMatcher): string[][] {
  return fineTuneGroups(faq, (texts) => texts.map((t) => matcher.normalize(t)));
}

/**
 * The matcher as the service ends up answering with it: built, then its semantic model fine-tuned on the
 * FAQ's own wording. For `kefu faq eval` and `try`, which must measure what players will get.
 */
export function buildTunedMatcher(faq: Faq, settings: MatcherSettings): RankingMatcher {
  const matcher = buildMatcher(faq, settings);
  tuneNow(faq, matcher);
  return matcher;
}

export function tuneNow(faq: Faq, matcher: RankingMatcher): void {
  const base = matcher.semanticModel();
  if (base) matcher.useSemanticModel(fineTuneNow(base, groupsFor(faq, matcher)));
}

/**
 * Learning on site: each FAQ version the service loads is fine-tuned in the background, between answers,
 * and the matcher switches to the tuned model when it is done (seconds). A newer version cancels an older
 * one's tuning; until then the base model answers.
 */
export function createOnSiteTuning(log: Logger) {
  let generation = 0;
  let running: Promise<void> = Promise.resolve();
  return {
    start(faq: Faq, matcher: RankingMatcher): void {
      const base = matcher.semanticModel();
      const mine = ++generation;
      if (!base) return;
      const started = Date.now();
      running = fineTuneInSlices(base, groupsFor(faq, matcher), () => mine !== generation)
        .then((tuned) => {
          if (!tuned || mine !== generation) return;
          matcher.useSemanticModel(tuned);
          log.info({ entries: faq.entries.length, ms: Date.now() - started }, 'semantic model fine-tuned on the FAQ');
        })
        .catch((err: unknown) => log.error({ err }, 'fine-tuning on the FAQ failed: the base model keeps answering'));
    },
    /** Resolves when the latest tuning has finished (tests, shutdown). */
    settled: () => running,
    stop(): void {
      generation++;
    },
  };
}
