import { semanticTokens } from './tokens';

/** A static sentence embedding: a vector per token, averaged with SIF weights, unit length. */
export interface SemanticModelData {
  dim: number;
  tokens: string[];
  /** Row-major, tokens.length × dim. */
  vectors: Float32Array;
  /** Per token: a / (a + p(token)), so frequent tokens (的, 我, 了) weigh little. */
  weights: Float32Array;
  /**
   * Where chit-chat lies: the unit centroid of each small-talk intent of the corpus (oos.*: weather, jokes,
   * "are you a robot"), anchors.length / dim of them. A question nearer to one of them than to any FAQ
   * entry is small talk, not a question the FAQ fails to answer.
   */
  anchors?: Float32Array;
  /** The normalised small-talk messages the anchors are made of, one array per intent: a fine-tuned model remakes its anchors from them. */
  smallTalk?: string[][];
}

export class SemanticModel {
  readonly dim: number;
  readonly data: SemanticModelData;
  private readonly ids: Map<string, number>;

  constructor(data: SemanticModelData) {
    if (data.dim % 4) throw new Error(`semantic model: vector size ${data.dim} is not a multiple of 4`);
    this.data = data;
    this.dim = data.dim;
    this.ids = new Map(data.tokens.map((t, i) => [t, i]));
  }

  get size(): number {
    return this.data.tokens.length;
  }

  id(token: string): number | undefined {
    return this.ids.get(token);
  }

  /** The known tokens' ids of a normalised text (repeats kept: a word said twice counts twice). */
  tokenIds(normalized: string): number[] {
    const out: number[] = [];
    for (const t of semanticTokens(normalized)) {
      const id = this.ids.get(t);
      if (id !== undefined) out.push(id);
    }
    return out;
  }

  /** The unit vector of a normalised text, or undefined when it has no known token. */
  embed(normalized: string, out = new Float32Array(this.dim)): Float32Array | undefined {
    return this.embedIds(this.tokenIds(normalized), out);
  }

  embedIds(ids: number[], out = new Float32Array(this.dim)): Float32Array | undefined {
    if (!ids.length) return undefined;
    const { vectors, weights } = this.data;
    const d = this.dim;
    out.fill(0);
    for (const id of ids) {
      const w = weights[id];
      const base = id * d;
      for (let k = 0; k < d; k += 4) {
        out[k] += w * vectors[base + k];
        out[k + 1] += w * vectors[base + k + 1];
        out[k + 2] += w * vectors[base + k + 2];
        out[k + 3] += w * vectors[base + k + 3];
      }
    }
    return unit(out) ? out : undefined;
  }
}

/** The closest small-talk anchor's cosine to a unit vector (0 without anchors). */
export function smallTalkScore(model: SemanticModelData, v: Float32Array): number {
  const { anchors, dim } = model;
  let best = 0;
  if (!anchors) return best;
  for (let a = 0; a < anchors.length; a += dim) best = Math.max(best, dot(anchors, a, v, 0, dim));
  return best;
}

/** Scales v to unit length in place; false for a zero vector. */
export function unit(v: Float32Array): boolean {
  let n = 0;
  for (let k = 0; k < v.length; k++) n += v[k] * v[k];
  if (n <= 1e-12) return false;
  const inv = 1 / Math.sqrt(n);
  for (let k = 0; k < v.length; k++) v[k] *= inv;
  return true;
}

export function dot(a: Float32Array, aBase: number, b: Float32Array, bBase: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += a[aBase + k] * b[bBase + k];
  return s;
}

/** The unit centroid of each small-talk intent's messages under `model` (see SemanticModelData.anchors). */
export function anchorsOf(model: SemanticModel, intents: string[][]): Float32Array {
  const d = model.dim;
  const anchors = new Float32Array(intents.length * d);
  const v = new Float32Array(d);
  intents.forEach((texts, a) => {
    const centre = anchors.subarray(a * d, a * d + d);
    for (const text of texts) if (model.embed(text, v)) for (let k = 0; k < d; k++) centre[k] += v[k];
    unit(centre);
  });
  return anchors;
}
