import type { Faq } from '../faq/types';
import { answerClauses } from './answerClauses';
import { anchorsOf, SemanticModel } from './model';
import { Trainer } from './train';

/** What fine-tuning on an FAQ may spend: batches (a few ms each), so a 10,000-entry FAQ stays bounded. */
const STEP_BUDGET = 400;
/**
 * New tokens an FAQ may add (its most frequent): a 10,000-entry FAQ of made-up names brings ~100k, each a row
 * of the trained table; the sample FAQ brings ~1,000.
 */
const MAX_NEW_TOKENS = 20_000;
const EPOCHS = 30;
/** Run in slices of this many milliseconds between answers when fine-tuning in the service thread. */
const SLICE_MS = 8;

/**
 * An FAQ's own wording as training groups: each entry's questions and its answer's clauses (see
 * answerClauses). Clauses rather than whole sentences lifted the studio-specific blind set (farmstead,
 * calibrated) from 62–65% to 70–73% over three fine-tuning seeds; the generic one (starsea) moved within
 * its seed noise.
 */
export function fineTuneGroups(faq: Faq, normalizeMany: (texts: string[]) => string[]): string[][] {
  const clauses = answerClauses(faq, normalizeMany);
  return faq.entries.map((e, i) => [...normalizeMany(e.questions), ...clauses[i]]).filter((g) => g.length >= 2);
}

/** A trainer that starts from the base model and learns the FAQ's own words and phrasings. */
export function fineTuner(base: SemanticModel, groups: string[][]): Trainer {
  return new Trainer(groups, { init: { ...base.data, vectors: base.rows() }, epochs: EPOCHS, lr: 0.003, maxBatch: 320, seed: 7, maxNewTokens: MAX_NEW_TOKENS });
}

/** Fine-tunes to the end in this thread: for `kefu faq eval` and tests, which measure what will be served. */
export function fineTuneNow(base: SemanticModel, groups: string[][]): SemanticModel {
  const trainer = fineTuner(base, groups);
  for (const _ of trainer.steps(STEP_BUDGET)) {
    // to the end
  }
  return tunedModel(base, trainer);
}

/**
 * The trained rows with the base model's small-talk messages, its anchors made anew in the tuned space, and
 * its corpus topics as they are: remaking them means embedding the whole corpus at every reload, and the
 * base model's centroids told topics apart as well as the tuned model's did on the blind sets' dev lines.
 */
function tunedModel(base: SemanticModel, trainer: Trainer): SemanticModel {
  const data = { ...trainer.model(), smallTalk: base.data.smallTalk, anchors: base.data.anchors, topics: base.data.topics };
  const model = new SemanticModel(data);
  if (data.smallTalk) model.data.anchors = anchorsOf(model, data.smallTalk);
  return model;
}

/**
 * Fine-tunes in slices of a few milliseconds, yielding to the event loop between them, so answers keep
 * flowing with the base model meanwhile. Resolves with the tuned model, or undefined when `cancelled()`
 * turns true (a newer FAQ version arrived).
 */
export async function fineTuneInSlices(base: SemanticModel, groups: string[][], cancelled: () => boolean): Promise<SemanticModel | undefined> {
  const trainer = fineTuner(base, groups);
  let sliceStart = performance.now();
  for (const _ of trainer.steps(STEP_BUDGET)) {
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await new Promise((resolve) => setImmediate(resolve));
    if (cancelled()) return undefined;
    sliceStart = performance.now();
  }
  return tunedModel(base, trainer);
}
