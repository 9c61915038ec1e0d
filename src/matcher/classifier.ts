import type { SparseVector } from './features';
import type { LexicalHit } from './lexicalIndex';
import { PairTable, type PairTableModel } from './pairTable';

// Held in module scope: a global lookup is slow inside a vm context (jest's test environment).
const { sqrt, abs, exp } = Math;

export interface TrainingExample {
  vector: SparseVector;
  entry: number;
  /** The entries the lexical stage offers for this question (its own phrasing left out). */
  rivals: LexicalHit[];
}

/** A trained classifier's weights, without the optimiser's state. */
export interface ClassifierModel {
  entryCount: number;
  weights: PairTableModel;
  none: Float64Array;
}

/** How strongly lexical similarity shapes the classifier's starting point. */
const LEXICAL_SCALE = 8;
/**
 * Passes over the examples: four while they are few, fewer (down to two) as they grow, so that training
 * stays within about STEP_BUDGET example-steps. Two passes over all of a set's questions beat four over
 * half of them (BANKING77: half the questions cost 1.7 points, two passes instead of four 0.4).
 */
const MAX_EPOCHS = 4;
const MIN_EPOCHS = 2;
const STEP_BUDGET = 4000;
const LEARNING_RATE = 0.3;
const L2 = 1e-4;

/** How much an example whose entry is hidden (a question no entry covers) counts in training. */
const UNCOVERED_WEIGHT = 0.5;

/**
 * The second stage: a softmax over the lexical stage's candidates plus "none of them", with a weight for
 * each (feature, entry) pair learned at load time from the FAQ's own questions. It learns which words tell
 * close neighbours apart (到账 for payment.not-received, 退款 for payment.refund) where similarity alone
 * cannot; and, from each question asked again with its own entry hidden, what a question that no entry
 * covers looks like, so that "none" takes the probability an uncovered question would otherwise give a
 * wrong entry.
 */
export class CandidateClassifier {
  /**
   * (feature, entry) → weight, beside AdaGrad's running sum of squared gradients (dropped after
   * training); only pairs that training touched exist.
   */
  private readonly weights: PairTable;

  /** "None of them": its logit is a learned function of the shortlist's shape (bias, best score, lead). */
  private readonly none = new Float64Array(3);
  private readonly noneSquares = new Float64Array(3).fill(1e-8);

  /** Untrained, or restored from a trained one's model. */
  constructor(
    private readonly entryCount: number,
    model?: ClassifierModel,
  ) {
    this.weights = new PairTable(entryCount, model?.weights);
    if (model) this.none.set(model.none);
  }

  /** What answering needs, as plain arrays another thread can take over. */
  toModel(): ClassifierModel {
    return { entryCount: this.entryCount, weights: this.weights.toModel(), none: this.none };
  }

  train(examples: TrainingExample[], random: () => number): void {
    const order = examples.map((_, i) => i);
    const epochs = Math.min(MAX_EPOCHS, Math.max(MIN_EPOCHS, Math.floor(STEP_BUDGET / Math.max(1, examples.length))));
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(order, random);
      for (const i of order) {
        this.step(examples[i], examples[i].entry, 1);
        const hidden = examples[i].rivals.filter((r) => r.entry !== examples[i].entry);
        if (hidden.length) this.step({ ...examples[i], rivals: hidden }, -1, UNCOVERED_WEIGHT);
      }
    }
  }

  /** Probabilities over the candidates, in their order, then "none of them" last. */
  probabilities(vector: SparseVector, candidates: LexicalHit[]): number[] {
    const logits = candidates.map((c) => LEXICAL_SCALE * c.score + this.dot(vector, c.entry));
    const shape = noneFeatures(candidates);
    logits.push(this.none[0] * shape[0] + this.none[1] * shape[1] + this.none[2] * shape[2]);
    return softmax(logits);
  }

  /** One AdaGrad step; `entry` -1 means the answer is "none of them". */
  private step({ vector, rivals }: TrainingExample, entry: number, weight: number): void {
    const candidates = entry < 0 || rivals.some((r) => r.entry === entry) ? rivals : [{ entry, score: 0 }, ...rivals];
    const p = this.probabilities(vector, candidates);
    const noneGradient = weight * (p[candidates.length] - (entry < 0 ? 1 : 0));
    const shape = noneFeatures(candidates);
    for (let j = 0; j < 3; j++) {
      const g = noneGradient * shape[j];
      this.noneSquares[j] += g * g;
      this.none[j] -= (LEARNING_RATE * g) / sqrt(this.noneSquares[j]);
    }
    for (let k = 0; k < candidates.length; k++) {
      const c = candidates[k];
      const gradient = weight * (p[k] - (c.entry === entry ? 1 : 0));
      if (abs(gradient) < 1e-3) continue;
      for (let i = 0; i < vector.ids.length; i++) {
        const f = vector.ids[i];
        const x = vector.weights[i];
        const slot = this.weights.slotOf(f, c.entry);
        const { values, sums } = this.weights;
        const w = values[slot];
        const g = gradient * x + L2 * w;
        const s = (sums[slot] = sums[slot] + g * g + 1e-8);
        values[slot] = w - (LEARNING_RATE * g) / sqrt(s);
      }
    }
  }

  private dot(vector: SparseVector, entry: number): number {
    let s = 0;
    for (let i = 0; i < vector.ids.length; i++) s += this.weights.get(vector.ids[i], entry) * vector.weights[i];
    return s;
  }

  /** Drops the optimiser's state once training is done and packs the weights: only they are needed to answer. */
  compact(): void {
    this.weights.pack();
  }
}

/** What "none of them" looks at: a bias, the best lexical score and its lead over the second, scaled like the logits. */
function noneFeatures(candidates: LexicalHit[]): [number, number, number] {
  const best = candidates[0]?.score ?? 0;
  const second = candidates[1]?.score ?? 0;
  return [1, LEXICAL_SCALE * best, LEXICAL_SCALE * (best - second)];
}

function softmax(logits: number[]): number[] {
  let max = -Infinity;
  for (const z of logits) if (z > max) max = z;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += logits[i] = exp(logits[i] - max);
  for (let i = 0; i < logits.length; i++) logits[i] /= sum;
  return logits;
}

function shuffle(a: number[], random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
}
