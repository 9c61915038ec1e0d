import { generalWeight } from './generalIdf';
import { tokenize } from './tokenize';

/** A sparse vector: feature ids and their weights, side by side. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** Relative weights of the kinds of feature: words carry the meaning, the rest catch variants and typos. */
const WEIGHT = { word: 1, pair: 0.5, gram: 0.5, char: 0.3 };

const ASCII = /^[a-z0-9]/;

/** Features of one normalised text, by name: words, English word pairs, Chinese bigrams, English character trigrams. */
export function featureCounts(normalized: string): Map<string, number> {
  const { words, grams } = tokenize(normalized);
  const out = new Map<string, number>();
  const add = (key: string, w: number) => out.set(key, (out.get(key) ?? 0) + w);
  for (const w of words) add(`w:${w}`, WEIGHT.word);
  // English word pairs (card arrive ≠ arrive card); Chinese order is already in the character bigrams.
  for (let i = 0; i + 1 < words.length; i++) {
    if (ASCII.test(words[i]) && ASCII.test(words[i + 1])) add(`p:${words[i]}_${words[i + 1]}`, WEIGHT.pair);
  }
  for (const g of grams) add(`g:${g}`, WEIGHT.gram);
  for (const w of words) {
    if (!/^[a-z]{3,}$/.test(w)) continue;
    const padded = `<${w}>`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, WEIGHT.char);
  }
  return out;
}

/** Words and Chinese bigrams count by how informative they are in general language (今天 less than 充值). */
function languageWeight(feature: string): number {
  return feature.startsWith('w:') || feature.startsWith('g:') ? generalWeight(feature.slice(2)) : 1;
}

/**
 * The FAQ's vocabulary with inverse document frequencies. Features the FAQ has never seen still count in
 * a query's length, so a question about something else scores low instead of matching on its few common words.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  /** Per feature: IDF in the FAQ times its general-language weight (see generalIdf.ts). */
  private idf: Float64Array = new Float64Array(0);
  private unseenIdf = 0;
  /** The documents' vectors, made in the same pass that counts document frequencies. */
  readonly documents: SparseVector[];

  constructor(documents: Map<string, number>[]) {
    const df: number[] = [];
    const raw = documents.map((doc) => {
      const ids = new Int32Array(doc.size);
      const counts = new Float64Array(doc.size);
      let i = 0;
      for (const [key, count] of doc) {
        let id = this.ids.get(key);
        if (id === undefined) this.ids.set(key, (id = this.ids.size));
        df[id] = (df[id] ?? 0) + 1;
        ids[i] = id;
        counts[i++] = count;
      }
      return { ids, weights: counts };
    });
    const n = documents.length;
    const keys = [...this.ids.keys()];
    this.idf = Float64Array.from(df, (d, id) => Math.log(1 + n / d) * languageWeight(keys[id]));
    this.unseenIdf = Math.log(1 + n / 0.5);
    for (const v of raw) {
      let norm = 0;
      for (let i = 0; i < v.ids.length; i++) norm += (v.weights[i] *= this.idf[v.ids[i]]) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < v.ids.length; i++) v.weights[i] /= norm;
    }
    this.documents = raw;
  }

  get size(): number {
    return this.ids.size;
  }

  id(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** TF-IDF, L2-normalised over all the text's features (unseen ones included), keeping only known ones. */
  vector(counts: Map<string, number>): SparseVector {
    const ids = new Int32Array(counts.size);
    const weights = new Float64Array(counts.size);
    let n = 0;
    let norm = 0;
    for (const [key, count] of counts) {
      const id = this.ids.get(key);
      const w = count * (id === undefined ? this.unseenIdf * languageWeight(key) : this.idf[id]);
      norm += w * w;
      if (id === undefined) continue;
      ids[n] = id;
      weights[n++] = w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) weights[i] /= norm;
    return { ids: ids.subarray(0, n), weights: weights.subarray(0, n) };
  }
}
