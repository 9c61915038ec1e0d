import { generalWeight } from './generalIdf';
import { memoize } from './memo';
import { tokenize } from './tokenize';

/** A sparse vector: feature ids and their weights, side by side. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** Relative weights of the kinds of feature: words carry the meaning, the rest catch variants and typos. */
const WEIGHT = { word: 1, pair: 0.5, gram: 0.5, char: 0.3 };

const ASCII = /^[a-z0-9]/;
const HAN_WORD = /^\p{Script=Han}+$/u;

/** Features of one normalised text, by name: words, English word pairs, Chinese bigrams, English character trigrams. */
export function featureCounts(normalized: string): Map<string, number> {
  const out = new Map<string, number>();
  forEachFeature(normalized, (key, w) => out.set(key, (out.get(key) ?? 0) + w));
  return out;
}

/** One feature of a word: its name and weight, worked out once per word. */
interface Feature {
  key: string;
  weight: number;
}

/** Calls `add` for every feature of a normalised text, repeated features once per occurrence. */
function forEachFeature(normalized: string, add: (key: string, weight: number) => void): void {
  const { words, grams } = tokenize(normalized);
  for (const w of words) for (const f of wordFeatures(w)) add(f.key, f.weight);
  // English word pairs (card arrive ≠ arrive card); Chinese order is already in the character bigrams.
  for (let i = 0; i + 1 < words.length; i++) {
    if (ASCII.test(words[i]) && ASCII.test(words[i + 1])) add(`p:${words[i]}_${words[i + 1]}`, WEIGHT.pair);
  }
  for (const g of grams) add(`g:${g}`, WEIGHT.gram);
}

/** A word's own feature and, for English words, its character trigrams (typos, variants). */
const wordFeatures = memoize((word: string): Feature[] => {
  const features = [{ key: `w:${word}`, weight: WEIGHT.word }];
  if (/^[a-z]{3,}$/.test(word)) {
    const padded = `<${word}>`;
    for (let i = 0; i + 3 <= padded.length; i++) features.push({ key: `c:${padded.slice(i, i + 3)}`, weight: WEIGHT.char });
  }
  return features;
}, 100_000);

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
  /** vectorOf's working space: a count per feature (all zero between calls) and the features touched. */
  private readonly scratch: Float64Array;
  private readonly touched: Int32Array;
  /** The documents' vectors, made in the same pass that counts document frequencies. */
  readonly documents: SparseVector[];

  /** From the FAQ's example questions, normalised: one pass over their features, without a map per question. */
  constructor(documents: string[]) {
    const df: number[] = [];
    const counts: number[] = [];
    const touched: number[] = [];
    const raw = documents.map((text) => {
      forEachFeature(text, (key, w) => {
        let id = this.ids.get(key);
        if (id === undefined) {
          this.ids.set(key, (id = this.ids.size));
          counts[id] = 0;
          df[id] = 0;
        }
        if (counts[id] === 0) touched.push(id);
        counts[id] += w;
      });
      const vector = { ids: Int32Array.from(touched), weights: Float64Array.from(touched, (id) => counts[id]) };
      for (const id of touched) {
        df[id]++;
        counts[id] = 0;
      }
      touched.length = 0;
      return vector;
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
    this.scratch = new Float64Array(this.ids.size);
    this.touched = new Int32Array(this.ids.size);
  }

  get size(): number {
    return this.ids.size;
  }

  id(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** What a Chinese typo may have meant: the FAQ's character bigrams and its words of three or four characters. */
  chineseTerms(): Set<string> {
    const out = new Set<string>();
    for (const key of this.ids.keys()) {
      const text = key.slice(2);
      const bigram = key.startsWith('g:') && text.length === 2;
      const longWord = key.startsWith('w:') && (text.length === 3 || text.length === 4) && HAN_WORD.test(text);
      if (bigram || longWord) out.add(text);
    }
    return out;
  }

  /**
   * A query's TF-IDF vector, L2-normalised over all its features (unseen ones included), keeping only known
   * ones. Known features add up in a scratch array, so a query allocates no map of its features.
   */
  vectorOf(normalized: string): SparseVector {
    const { scratch, touched } = this;
    let n = 0;
    let unseen: Map<string, number> | undefined;
    forEachFeature(normalized, (key, w) => {
      const id = this.ids.get(key);
      if (id === undefined) {
        unseen ??= new Map();
        unseen.set(key, (unseen.get(key) ?? 0) + w * this.unseenIdf * languageWeight(key));
      } else {
        if (scratch[id] === 0) touched[n++] = id;
        scratch[id] += w;
      }
    });
    let norm = 0;
    if (unseen) for (const w of unseen.values()) norm += w * w;
    const ids = new Int32Array(n);
    const weights = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const id = touched[i];
      ids[i] = id;
      weights[i] = scratch[id] * this.idf[id];
      scratch[id] = 0;
      norm += weights[i] * weights[i];
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) weights[i] /= norm;
    return { ids, weights };
  }
}
