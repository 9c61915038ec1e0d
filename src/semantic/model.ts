import { semanticTokens } from './tokens';

/** A static sentence embedding: a vector per token, averaged with SIF weights, unit length. */
export interface SemanticModelData {
  dim: number;
  tokens: string[];
  /** Row-major, tokens.length × dim. */
  vectors: Float32Array;
  /** Per token: a / (a + p(token)), so frequent tokens (的, 我, 了) weigh little. */
  weights: Float32Array;
}

export class SemanticModel {
  readonly dim: number;
  readonly data: SemanticModelData;
  private readonly ids: Map<string, number>;

  constructor(data: SemanticModelData) {
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
      for (let k = 0; k < d; k++) out[k] += w * vectors[base + k];
    }
    return unit(out) ? out : undefined;
  }
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
