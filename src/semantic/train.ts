import type { SemanticModelData } from './model';
import { Adam, RowSlots } from './adam';
import { semanticTokens } from './tokens';

// Math's functions held in module scope: inside a vm context (jest's test environment) every lookup of a
// global is slow, and the training loops make millions of them.
const { sqrt, exp, log, max, round, floor, cos, imul } = Math;

export interface TrainOptions {
  dim: number;
  epochs: number;
  /** Adam's step size. */
  lr: number;
  /** InfoNCE temperature: lower pulls a sentence harder towards its own intent than to the nearest other. */
  temperature: number;
  /** Tokens seen fewer times than this are left out of a new vocabulary. */
  minCount: number;
  /** SIF's a: a token's weight is a / (a + its frequency). */
  sifA: number;
  /** Most distinct intents in one batch (every batch holds one pair per intent, so no false negatives). */
  maxBatch: number;
  seed: number;
  /** Start from this model (on-site fine-tuning): its rows and weights are kept, new tokens join. */
  init?: SemanticModelData;
  /** The most new tokens that join `init`'s, the most frequent first (a large FAQ's memory is bounded). */
  maxNewTokens?: number;
  /**
   * Groups of another kind (translation pairs), of which each epoch takes a random `share` beside all of
   * `groups`: they teach words without outweighing the intents.
   */
  side?: { groups: string[][]; share: number };
  log?: (line: string) => void;
}

export const DEFAULT_TRAIN: TrainOptions = {
  dim: 128,
  epochs: 30,
  lr: 0.003,
  temperature: 0.05,
  minCount: 2,
  sifA: 1e-3,
  maxBatch: 320,
  seed: 1,
};

/**
 * Trains a static embedding so that two messages of one intent end up closer than messages of different
 * intents: symmetric InfoNCE with in-batch negatives over SIF-weighted token means, Adam on the rows a
 * batch touches. `groups` are normalised texts, one array per intent. Written by hand because no npm
 * package trains embeddings on the CPU without a native toolchain or a Python runtime; it is ~150 lines.
 */
export function trainSemantic(groups: string[][], options: Partial<TrainOptions> = {}): SemanticModelData {
  const trainer = new Trainer(groups, options);
  for (const _ of trainer.steps()) {
    // run to the end
  }
  return trainer.model();
}

/**
 * The training loop as steps, so the service can fine-tune between answering questions (one batch a
 * step, a few milliseconds each) while `npm run train` and `kefu faq eval` simply run it through.
 */
export class Trainer {
  private readonly o: TrainOptions;
  private readonly random: () => number;
  private readonly tokens: string[];
  private readonly weights: Float32Array;
  private readonly E: Float32Array;
  private readonly d: number;
  private readonly groups: Int32Array[][];
  private readonly side: Int32Array[][];

  constructor(groups: string[][], options: Partial<TrainOptions> = {}) {
    const o = (this.o = { ...DEFAULT_TRAIN, ...options });
    this.random = seeded(o.seed);
    const sideGroups = o.side?.groups ?? [];
    const { tokens, weights, ids } = vocabulary([...groups, ...sideGroups], o);
    this.tokens = tokens;
    this.weights = weights;
    const d = (this.d = o.init?.dim ?? o.dim);
    const E = (this.E = new Float32Array(tokens.length * d));
    if (o.init) E.set(o.init.vectors.subarray(0, o.init.tokens.length * d));
    for (let i = o.init?.tokens.length ?? 0; i < tokens.length; i++) {
      for (let k = 0; k < d; k++) E[i * d + k] = gaussian(this.random) * 0.1;
    }
    // Each text is cut into tokens again rather than kept from the count: a 10,000-entry FAQ's token strings
    // (millions) held at once grew the heap by ~100 MB; made and dropped one text at a time, they die young.
    const toIds = (all: string[][]) =>
      all
        .map((g) => g.map((text) => idsOf(semanticTokens(text), ids)).filter((s) => s.length > 0))
        .filter((g) => g.length >= 2);
    this.groups = toIds(groups);
    this.side = toIds(sideGroups);
  }

  /** This epoch's groups: every intent, and a random share of the side groups. */
  private epochGroups(): Int32Array[][] {
    const share = this.o.side?.share ?? 0;
    if (!this.side.length || share <= 0) return this.groups;
    return [...this.groups, ...shuffle([...this.side], this.random).slice(0, round(share * this.side.length))];
  }

  /** Yields after each batch; `budget` caps the batches (a large FAQ's fine-tuning is bounded). */
  *steps(budget = Infinity): Generator<void> {
    const { o, E, d, weights } = this;
    const adam = new Adam(this.tokens.length, d, o.lr);
    const grad = new RowSlots(this.tokens.length, d); // a batch's gradients, for the rows it touched
    let done = 0;
    for (let epoch = 0; epoch < o.epochs && done < budget; epoch++) {
      let lossSum = 0;
      let batches = 0;
      for (const batch of epochBatches(this.epochGroups(), o.maxBatch, this.random)) {
        lossSum += step(batch, E, weights, d, o.temperature, grad);
        adam.update(E, grad);
        grad.clear();
        batches++;
        if (++done >= budget) break;
        yield;
      }
      o.log?.(`epoch ${epoch + 1}/${o.epochs}: loss ${(lossSum / max(1, batches)).toFixed(3)} over ${batches} batches`);
    }
  }

  model(): SemanticModelData {
    return { dim: this.d, tokens: this.tokens, vectors: this.E, weights: this.weights };
  }
}

function vocabulary(groups: string[][], o: TrainOptions) {
  const counts = new Map<string, number>();
  let total = 0;
  for (const g of groups) for (const text of g) for (const t of semanticTokens(text)) {
    counts.set(t, (counts.get(t) ?? 0) + 1);
    total++;
  }
  const tokens: string[] = [];
  const weights: number[] = [];
  if (o.init) {
    tokens.push(...o.init.tokens);
    weights.push(...o.init.weights);
  }
  const known = new Set(tokens);
  // A fine-tuning FAQ is small: each of its tokens is new evidence, so none is dropped for rarity.
  const minCount = o.init ? 1 : o.minCount;
  const fresh = [...counts]
    .filter(([t, n]) => !known.has(t) && n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.maxNewTokens ?? Infinity);
  // New tokens of a fine-tuning FAQ are weighed as rare (they name the game's own things).
  for (const [t, n] of fresh) {
    tokens.push(t);
    weights.push(o.sifA / (o.sifA + (o.init ? 1e-5 : n / total)));
  }
  const ids = new Map(tokens.map((t, i) => [t, i]));
  return { tokens, weights: Float32Array.from(weights), ids };
}

function idsOf(tokens: string[], ids: Map<string, number>): Int32Array {
  const out: number[] = [];
  for (const t of tokens) {
    const id = ids.get(t);
    if (id !== undefined) out.push(id);
  }
  return Int32Array.from(out);
}

/** Pairs of two different messages per intent, one pair per intent per batch, every message used once an epoch. */
function* epochBatches(groups: Int32Array[][], maxBatch: number, random: () => number): Generator<[Int32Array, Int32Array][]> {
  const queues = groups.map((g) => {
    const order = shuffle(g.map((_, i) => i), random);
    const pairs: [Int32Array, Int32Array][] = [];
    for (let i = 0; i + 1 < order.length; i += 2) pairs.push([g[order[i]], g[order[i + 1]]]);
    return pairs;
  });
  const rounds = max(...queues.map((q) => q.length));
  for (let r = 0; r < rounds; r++) {
    const pairsOfRound = shuffle(queues.filter((q) => q.length > r).map((q) => q[r]), random);
    for (let at = 0; at < pairsOfRound.length; at += maxBatch) {
      const batch = pairsOfRound.slice(at, at + maxBatch);
      if (batch.length >= 8) yield batch;
    }
  }
}

/** One batch: forward, symmetric InfoNCE, gradients into `grad` for the rows touched. Returns the loss. */
function step(
  batch: [Int32Array, Int32Array][],
  E: Float32Array,
  weights: Float32Array,
  d: number,
  temperature: number,
  grad: RowSlots,
): number {
  const B = batch.length;
  const A = new Float32Array(B * d);
  const P = new Float32Array(B * d);
  const normA = new Float32Array(B);
  const normP = new Float32Array(B);
  for (let i = 0; i < B; i++) {
    normA[i] = embedInto(batch[i][0], E, weights, d, A, i * d);
    normP[i] = embedInto(batch[i][1], E, weights, d, P, i * d);
  }
  const S = new Float32Array(B * B);
  for (let i = 0; i < B; i++) for (let j = 0; j < B; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += A[i * d + k] * P[j * d + k];
    S[i * B + j] = s / temperature;
  }
  // dS = (softmax over rows − I + softmax over columns − I) / 2B
  const dS = new Float32Array(B * B);
  const loss = lineLoss(S, dS, B, B, 1) + lineLoss(S, dS, B, 1, B);
  const dA = new Float32Array(d);
  const dP = new Float32Array(d);
  for (let i = 0; i < B; i++) {
    dA.fill(0);
    dP.fill(0);
    for (let j = 0; j < B; j++) {
      const a = dS[i * B + j] / temperature; // ∂/∂A_i through S_ij
      const p = dS[j * B + i] / temperature; // ∂/∂P_i through S_ji
      for (let k = 0; k < d; k++) {
        dA[k] += a * P[j * d + k];
        dP[k] += p * A[j * d + k];
      }
    }
    backInto(batch[i][0], A, i * d, normA[i], dA, weights, d, grad);
    backInto(batch[i][1], P, i * d, normP[i], dP, weights, d, grad);
  }
  return loss;
}

/**
 * Cross-entropy of each line of the B×B similarities against its diagonal, the lines read with strides
 * (rows: B, 1; columns: 1, B). Adds the gradient, over 2B, to dS; returns the loss over 2B.
 */
function lineLoss(S: Float32Array, dS: Float32Array, B: number, line: number, along: number): number {
  let loss = 0;
  for (let a = 0; a < B; a++) {
    const at = (b: number) => a * line + b * along;
    let top = -Infinity;
    for (let b = 0; b < B; b++) top = max(top, S[at(b)]);
    let z = 0;
    for (let b = 0; b < B; b++) z += exp(S[at(b)] - top);
    for (let b = 0; b < B; b++) dS[at(b)] += exp(S[at(b)] - top) / z / (2 * B);
    dS[at(a)] -= 1 / (2 * B);
    loss += (log(z) + top - S[at(a)]) / (2 * B);
  }
  return loss;
}

/** Writes the unit sentence vector at out[base…] and returns the length of the weighted sum before scaling. */
function embedInto(ids: Int32Array, E: Float32Array, weights: Float32Array, d: number, out: Float32Array, base: number): number {
  for (const id of ids) {
    const w = weights[id];
    for (let k = 0; k < d; k++) out[base + k] += w * E[id * d + k];
  }
  let n = 0;
  for (let k = 0; k < d; k++) n += out[base + k] ** 2;
  n = sqrt(n) || 1e-6;
  for (let k = 0; k < d; k++) out[base + k] /= n;
  return n;
}

/** Through the unit scaling (du = (ds − s·(s·ds)) / |u|) and the weighted sum, onto each token's row. */
function backInto(
  ids: Int32Array, s: Float32Array, base: number, norm: number, ds: Float32Array, weights: Float32Array, d: number,
  grad: RowSlots,
): void {
  let proj = 0;
  for (let k = 0; k < d; k++) proj += s[base + k] * ds[k];
  for (let k = 0; k < d; k++) ds[k] = (ds[k] - s[base + k] * proj) / norm;
  for (const id of ids) {
    const at = grad.rowOf(id);
    const { values } = grad;
    const w = weights[id];
    for (let k = 0; k < d; k++) values[at + k] += w * ds[k];
  }
}

export function seeded(seed: number): () => number {
  let s = (seed * 2654435761 + 1) >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function gaussian(random: () => number): number {
  return sqrt(-2 * log(random() || 1e-12)) * cos(2 * Math.PI * random());
}

/** Fisher–Yates in place, with the given generator. */
export function shuffle<T>(a: T[], random: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

