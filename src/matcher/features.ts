import { generalWeight } from './generalIdf';
import { memoize } from './memo';
import { tokenize, tokenizeMany, type Tokens } from './tokenize';

/** A sparse vector: feature ids and their weights, side by side. */
export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

/** Relative weights of the kinds of feature: words carry the meaning, the rest catch variants and typos. */
const WEIGHT = { word: 1, pair: 0.5, gram: 0.5, char: 0.3 };

const ASCII = /^[a-z0-9]/;
const HAN_WORD = /^\p{Script=Han}+$/u;

/** An English word's character trigrams, padded (<ca car ard rd>): they catch typos and variants. */
const trigramsOf = memoize((word: string): string[] => {
  if (!/^[a-z]{3,}$/.test(word)) return [];
  const padded = `<${word}>`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}, 100_000);

/** English word pairs (card arrive ≠ arrive card); Chinese order is already in the character bigrams. */
function forEachPair(words: string[], add: (first: string, second: string) => void): void {
  for (let i = 0; i + 1 < words.length; i++) if (ASCII.test(words[i]) && ASCII.test(words[i + 1])) add(words[i], words[i + 1]);
}

/** Words and Chinese bigrams count by how informative they are in general language (今天 less than 充值). */
function languageWeight(feature: string): number {
  return feature.startsWith('w:') || feature.startsWith('g:') ? generalWeight(feature.slice(2)) : 1;
}

/** A set of Chinese terms, each once: what Respeller needs of the FAQ's words. */
export interface ChineseTerms extends Iterable<string> {
  has(term: string): boolean;
}

/** Called for each feature of a text the vocabulary knows, once per occurrence. */
type KnownFeature = (id: number, weight: number) => void;
/** Called for each feature it does not know, with the feature's name, its weight and its general-language weight. */
type UnseenFeature = (key: string, weight: number, language: number) => void;

/**
 * Query words the FAQ does not have, remembered with their trigrams' ids; past this many the memory starts
 * over (a flood of made-up words cannot exhaust the heap).
 */
const UNSEEN_WORDS_KEPT = 50_000;
/**
 * Questions tokenised per jieba call while building. A batch's tokens live until it is counted: with 500
 * a batch, V8 took them for long-lived and allocated them straight in the old space (20 MB of garbage there
 * at 10,000 entries, the heap 15 MB larger after the build); 100 cost no measurable build time.
 */
const TOKENIZE_BATCH = 100;

/** A learnt vocabulary: feature names by id and their weights. */
export interface VocabularyModel {
  names: string[];
  idf: Float64Array;
  unseenIdf: number;
}

/**
 * The FAQ's vocabulary with inverse document frequencies. Features the FAQ has never seen still count in
 * a query's length, so a question about something else scores low instead of matching on its few common words.
 */
export class Vocabulary {
  /** Feature names by id: "w:密码", "g:充值", "c:<ca", "p:card_arrive". */
  private readonly names: string[] = [];
  private byName?: Map<string, number>;
  /**
   * Ids by the token itself, one map per kind of feature, so a question's features are found without
   * building their names. A word's entry holds its own feature's id, then its trigrams' (-1: not in the FAQ).
   */
  private readonly words = new Map<string, Int32Array>();
  private readonly unseenWords = new Map<string, Int32Array>();
  private readonly trigrams = new Map<string, number>();
  private readonly grams = new Map<string, number>();
  /** English word pairs, first word then second. */
  private readonly pairs = new Map<string, Map<string, number>>();
  /** Until the constructor ends, a feature not yet seen gets the next id; afterwards it is unseen. */
  private frozen = false;
  /** Per feature: IDF in the FAQ times its general-language weight (see generalIdf.ts). */
  private idf: Float64Array = new Float64Array(0);
  private unseenIdf = 0;
  /** vectorOf's working space: a count per feature (all zero between calls) and the features touched. */
  private readonly scratch: Float64Array;
  private readonly touched: Int32Array;
  /**
   * The documents' vectors, made in the same pass that counts document frequencies; training needs them,
   * answering does not, so training lets them go (forgetDocuments) and a vocabulary restored from a model
   * has none.
   */
  documents: SparseVector[];

  /**
   * Learnt from the FAQ's example questions, normalised (one pass over their features, without a map per
   * question), or restored from a model that another thread learnt.
   */
  constructor(source: string[] | VocabularyModel) {
    this.documents = Array.isArray(source) ? this.learn(source) : this.restore(source);
    this.frozen = true;
    this.scratch = new Float64Array(this.names.length);
    this.touched = new Int32Array(this.names.length);
  }

  /** Lets the documents' vectors be collected (tens of thousands of small arrays at 10,000 entries). */
  forgetDocuments(): void {
    this.documents = [];
  }

  /** The names and weights of the features: all answering needs, as arrays another thread can take over. */
  toModel(): VocabularyModel {
    return { names: this.names, idf: this.idf, unseenIdf: this.unseenIdf };
  }

  private learn(documents: string[]): SparseVector[] {
    const df: number[] = [];
    const counts: number[] = [];
    const touched: number[] = [];
    const raw: SparseVector[] = [];
    const countFeature = (id: number, w: number) => {
      if (id === counts.length) {
        counts.push(0);
        df.push(0);
      }
      if (counts[id] === 0) touched.push(id);
      counts[id] += w;
    };
    // Cut in batches: one jieba call per batch, and each batch's tokens are garbage before the next. A
    // batch's documents share two typed arrays, each document a view: a few backing stores instead of two
    // per question (tens of thousands of small buffers are what made a large FAQ's build slow to collect),
    // and no array of the whole FAQ's features grown step by step (its copies made the build's peak 25 MB
    // higher at 10,000 entries).
    for (let from = 0; from < documents.length; from += TOKENIZE_BATCH) {
      const ids: number[] = [];
      const weights: number[] = [];
      const ends: number[] = [];
      for (const tokens of tokenizeMany(documents.slice(from, from + TOKENIZE_BATCH))) {
        this.forEachFeature(tokens, countFeature);
        for (const id of touched) {
          ids.push(id);
          weights.push(counts[id]);
          df[id]++;
          counts[id] = 0;
        }
        touched.length = 0;
        ends.push(ids.length);
      }
      const batchIds = Int32Array.from(ids);
      const batchWeights = Float64Array.from(weights);
      ends.forEach((end, i) => {
        const start = i ? ends[i - 1] : 0;
        raw.push({ ids: batchIds.subarray(start, end), weights: batchWeights.subarray(start, end) });
      });
    }
    const n = documents.length;
    this.idf = new Float64Array(df.length);
    for (let id = 0; id < df.length; id++) this.idf[id] = Math.log(1 + n / df[id]) * languageWeight(this.names[id]);
    this.unseenIdf = Math.log(1 + n / 0.5);
    for (const v of raw) {
      let norm = 0;
      for (let i = 0; i < v.ids.length; i++) norm += (v.weights[i] *= this.idf[v.ids[i]]) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < v.ids.length; i++) v.weights[i] /= norm;
    }
    return raw;
  }

  /** Fills the token maps from the feature names, as learn() left them (every FAQ word's trigrams known). */
  private restore(model: VocabularyModel): SparseVector[] {
    for (const name of model.names) this.names.push(name);
    this.idf = model.idf;
    this.unseenIdf = model.unseenIdf;
    const wordIds: [string, number][] = [];
    model.names.forEach((name, id) => {
      const token = name.slice(2);
      if (name.startsWith('w:')) wordIds.push([token, id]);
      else if (name.startsWith('c:')) this.trigrams.set(token, id);
      else if (name.startsWith('g:')) this.grams.set(token, id);
      else {
        const cut = token.indexOf('_'); // English words are [a-z0-9]+: the first _ joins the pair
        const first = token.slice(0, cut);
        if (!this.pairs.has(first)) this.pairs.set(first, new Map());
        this.pairs.get(first)!.set(token.slice(cut + 1), id);
      }
    });
    for (const [word, id] of wordIds) this.words.set(word, this.withTrigrams(word, id));
    return [];
  }

  get size(): number {
    return this.names.length;
  }

  id(key: string): number | undefined {
    this.byName ??= new Map(this.names.map((name, id) => [name, id]));
    return this.byName.get(key);
  }

  /** Names of a text's features that the FAQ has ("w:密码", "p:card_arrive"), each once, for `faq try`. */
  knownFeatures(normalized: string): string[] {
    const out = new Set<string>();
    this.forEachFeature(tokenize(normalized), (id) => out.add(this.names[id]));
    return [...out];
  }

  /**
   * What a Chinese typo may have meant: the FAQ's character bigrams and its words of three or four
   * characters, read from the vocabulary's own maps (a copy of them was 2.5 MB at 10,000 entries).
   */
  chineseTerms(): ChineseTerms {
    const { grams, words } = this;
    const isLongWord = (word: string) => (word.length === 3 || word.length === 4) && HAN_WORD.test(word);
    return {
      has: (term) => (term.length === 2 ? grams.has(term) : isLongWord(term) && words.has(term)),
      *[Symbol.iterator]() {
        for (const gram of grams.keys()) if (gram.length === 2) yield gram;
        for (const word of words.keys()) if (isLongWord(word)) yield word;
      },
    };
  }

  /**
   * A query's TF-IDF vector, L2-normalised over all its features (unseen ones included), keeping only known
   * ones. Known features add up in a scratch array, so a query allocates no map of its features.
   */
  vectorOf(normalized: string): SparseVector {
    const { scratch, touched } = this;
    let n = 0;
    let unseen: Map<string, number> | undefined;
    this.forEachFeature(
      tokenize(normalized),
      (id, w) => {
        if (scratch[id] === 0) touched[n++] = id;
        scratch[id] += w;
      },
      (key, w, language) => {
        unseen ??= new Map();
        unseen.set(key, (unseen.get(key) ?? 0) + w * this.unseenIdf * language);
      },
    );
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

  /**
   * A text's features: each word and its trigrams, English word pairs, Chinese bigrams; repeated features
   * once per occurrence. While building, new ones are numbered.
   */
  private forEachFeature({ words, grams }: Tokens, known: KnownFeature, unseen: UnseenFeature = noUnseen): void {
    for (const word of words) {
      const ids = this.wordIds(word);
      if (ids[0] >= 0) known(ids[0], WEIGHT.word);
      else unseen(`w:${word}`, WEIGHT.word, generalWeight(word));
      if (ids.length === 1) continue;
      const trigrams = trigramsOf(word);
      for (let i = 1; i < ids.length; i++) {
        if (ids[i] >= 0) known(ids[i], WEIGHT.char);
        else unseen(`c:${trigrams[i - 1]}`, WEIGHT.char, 1);
      }
    }
    forEachPair(words, (first, second) => {
      let seconds = this.pairs.get(first);
      let id = seconds?.get(second);
      if (id === undefined && !this.frozen) {
        if (!seconds) this.pairs.set(first, (seconds = new Map()));
        seconds.set(second, (id = this.intern(`p:${first}_${second}`)));
      }
      if (id !== undefined) known(id, WEIGHT.pair);
      else unseen(`p:${first}_${second}`, WEIGHT.pair, 1);
    });
    for (const gram of grams) {
      let id = this.grams.get(gram);
      if (id === undefined && !this.frozen) this.grams.set(gram, (id = this.intern(`g:${gram}`)));
      if (id !== undefined) known(id, WEIGHT.gram);
      else unseen(`g:${gram}`, WEIGHT.gram, generalWeight(gram));
    }
  }

  /** A word's own feature id and its trigrams' ids, -1 where the FAQ has not got one. */
  private wordIds(word: string): Int32Array {
    const found = this.words.get(word) ?? this.unseenWords.get(word);
    if (found) return found;
    const ids = this.withTrigrams(word, this.frozen ? -1 : this.intern(`w:${word}`));
    if (!this.frozen) this.words.set(word, ids);
    else {
      if (this.unseenWords.size >= UNSEEN_WORDS_KEPT) this.unseenWords.clear();
      this.unseenWords.set(word, ids);
    }
    return ids;
  }

  /** [the word's own id, its trigrams' ids]; while building, new trigrams are numbered. */
  private withTrigrams(word: string, ownId: number): Int32Array {
    const trigrams = trigramsOf(word);
    const ids = new Int32Array(1 + trigrams.length);
    ids[0] = ownId;
    trigrams.forEach((t, i) => {
      let id = this.trigrams.get(t);
      if (id === undefined && !this.frozen) this.trigrams.set(t, (id = this.intern(`c:${t}`)));
      ids[i + 1] = id ?? -1;
    });
    return ids;
  }

  private intern(name: string): number {
    this.names.push(name);
    return this.names.length - 1;
  }
}

function noUnseen(): void {}

/** A sparse vector of the given ids with their weights (plain loops: TypedArray.from is several times slower). */
export function sparse(ids: ArrayLike<number>, weightById: ArrayLike<number>): SparseVector {
  const vector = { ids: new Int32Array(ids.length), weights: new Float64Array(ids.length) };
  for (let i = 0; i < ids.length; i++) {
    vector.ids[i] = ids[i];
    vector.weights[i] = weightById[ids[i]];
  }
  return vector;
}
