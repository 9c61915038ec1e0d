import { sparse, type SparseVector } from './features';

/** One entry's lexical evidence for a query. */
export interface LexicalHit {
  entry: number;
  /** Blend of the closest example question and the entry's centroid, 0..1. */
  score: number;
}

/** How much the centroid (all of an entry's phrasings together) counts against the single closest phrasing. */
const CENTROID_SHARE = 0.6;
/**
 * Posting lists longer than this are not walked: in a large FAQ a word like 怎么 sits under thousands of
 * questions, costs most of the time and, with its low IDF, changes almost no ranking.
 */
const MIN_POSTINGS_WALKED = 1000;
const COMMON_SHARE = 0.02;

/** A built index's arrays: all another thread needs to take it over. */
export interface LexicalIndexModel {
  questions: Csr;
  centroids: Csr;
  /** Each question's entry. */
  questionEntry: Int32Array;
  entryCount: number;
  typical: Float64Array;
}

/**
 * Inverted indexes over the example questions and over each entry's centroid, in flat typed arrays
 * (CSR: postings of feature f are ids[start[f] .. start[f + 1]]). A query touches only the postings of
 * its own features, so its cost grows with how common its words are, not with the FAQ's size.
 */
export class LexicalIndex {
  private readonly questions: Csr;
  private readonly centroids: Csr;
  private readonly questionEntry: Int32Array;
  private readonly questionScores: Float64Array;
  private readonly entryBest: Float64Array;
  private readonly entryCentroid: Float64Array;
  /** search()'s lists of what it touched, kept between calls: a query should not allocate them. */
  private readonly touchedDocs: Int32Array;
  private readonly touchedEntries: Int32Array;
  private readonly maxPostings: number;
  /** How close an entry's own phrasings sit to its centroid, on average: the yardstick for a question's closeness. */
  private readonly typical: Float64Array;

  /**
   * Indexes the example questions' vectors (questionEntry: each question's entry). `clauses` (the answers'
   * clauses, see train in index.ts) join their entry's centroid, a second and weaker field: a question close
   * to one clause alone does not count as close to one of the entry's own phrasings.
   */
  static build(
    questionVectors: SparseVector[],
    questionEntry: number[],
    entryCount: number,
    featureCount: number,
    clauses: { vectors: SparseVector[]; entry: number[] } = { vectors: [], entry: [] },
  ): LexicalIndex {
    const phrasings = [...questionVectors, ...clauses.vectors];
    const owner = [...questionEntry, ...clauses.entry];
    const centroidVectors = centroidsOf(phrasings, owner, entryCount, featureCount);
    return new LexicalIndex({
      questions: csr(questionVectors, featureCount),
      centroids: csr(centroidVectors, featureCount),
      questionEntry: Int32Array.from(questionEntry),
      entryCount,
      typical: typicalSimilarity(phrasings, owner, centroidVectors, featureCount),
    });
  }

  constructor(private readonly model: LexicalIndexModel) {
    ({ questions: this.questions, centroids: this.centroids, questionEntry: this.questionEntry, typical: this.typical } = model);
    const questionCount = model.questionEntry.length;
    this.questionScores = new Float64Array(questionCount);
    this.entryBest = new Float64Array(model.entryCount);
    this.entryCentroid = new Float64Array(model.entryCount);
    this.touchedDocs = new Int32Array(questionCount);
    this.touchedEntries = new Int32Array(model.entryCount);
    this.maxPostings = Math.max(MIN_POSTINGS_WALKED, COMMON_SHARE * questionCount);
  }

  toModel(): LexicalIndexModel {
    return this.model;
  }

  /** Whether an entry's phrasings hold a feature ("matched terms" in `faq try`). */
  entryHas(entry: number, feature: number): boolean {
    const { start, ids } = this.centroids;
    for (let i = start[feature]; i < start[feature + 1]; i++) if (ids[i] === entry) return true;
    return false;
  }

  /**
   * The k entries most similar to a query vector, best first. `skipDoc` leaves one example question out
   * (the classifier trains on each question as if it were a player's, without finding itself).
   */
  search(query: SparseVector, k: number, skipDoc = -1): LexicalHit[] {
    const { questionScores, entryBest, entryCentroid, touchedDocs, touchedEntries, questionEntry, typical } = this;
    const qStart = this.questions.start, qIds = this.questions.ids, qWeights = this.questions.weights;
    const cStart = this.centroids.start, cIds = this.centroids.ids, cWeights = this.centroids.weights;
    const maxPostings = this.maxPostings;
    let docCount = 0;
    let entryCount = 0;
    for (let q = 0; q < query.ids.length; q++) {
      const f = query.ids[q];
      const qw = query.weights[q];
      const end = qStart[f + 1];
      if (end - qStart[f] > maxPostings) continue;
      for (let i = qStart[f]; i < end; i++) {
        const doc = qIds[i];
        if (questionScores[doc] === 0) touchedDocs[docCount++] = doc;
        questionScores[doc] += qw * qWeights[i];
      }
      // Every feature of a question is in its entry's centroid, so this touches each scored entry.
      const cEnd = cStart[f + 1];
      for (let i = cStart[f]; i < cEnd; i++) {
        const entry = cIds[i];
        if (entryCentroid[entry] === 0) touchedEntries[entryCount++] = entry;
        entryCentroid[entry] += qw * cWeights[i];
      }
    }
    for (let t = 0; t < docCount; t++) {
      const doc = touchedDocs[t];
      const s = doc === skipDoc ? 0 : questionScores[doc];
      questionScores[doc] = 0;
      const entry = questionEntry[doc];
      if (s > entryBest[entry]) entryBest[entry] = s;
    }
    const hits: LexicalHit[] = [];
    for (let t = 0; t < entryCount; t++) {
      const entry = touchedEntries[t];
      // Relative to the entry's own phrasings: an entry written many ways has a wide centroid, and a
      // question as close to it as its own phrasings are is a full match.
      const centroid = Math.min(1, entryCentroid[entry] / typical[entry]);
      const score = CENTROID_SHARE * centroid + (1 - CENTROID_SHARE) * entryBest[entry];
      entryCentroid[entry] = 0;
      entryBest[entry] = 0;
      if (score > 0) insertTopK(hits, { entry, score }, k);
    }
    return hits;
  }
}

export interface Csr {
  start: Int32Array;
  ids: Int32Array;
  /** float32: half the memory of float64 (3 MB at 10,000 entries); a score moves by ~1e-7, no decision by it. */
  weights: Float32Array;
}

/** Feature → the vectors holding it, in compressed sparse rows. */
function csr(vectors: SparseVector[], featureCount: number): Csr {
  const start = new Int32Array(featureCount + 1);
  for (const v of vectors) for (const f of v.ids) start[f + 1]++;
  for (let f = 0; f < featureCount; f++) start[f + 1] += start[f];
  const fill = start.slice(0, featureCount);
  const ids = new Int32Array(start[featureCount]);
  const weights = new Float32Array(start[featureCount]);
  vectors.forEach((v, id) => {
    for (let i = 0; i < v.ids.length; i++) {
      const at = fill[v.ids[i]]++;
      ids[at] = id;
      weights[at] = v.weights[i];
    }
  });
  return { start, ids, weights };
}

/** Each entry's phrasings summed and L2-normalised: what the entry is about, all phrasings together. */
function centroidsOf(vectors: SparseVector[], owner: number[], entryCount: number, featureCount: number): SparseVector[] {
  const byEntry: number[][] = Array.from({ length: entryCount }, () => []);
  owner.forEach((entry, doc) => byEntry[entry].push(doc));
  const sum = new Float64Array(featureCount);
  return byEntry.map((docs) => {
    const touched: number[] = [];
    for (const doc of docs) {
      const v = vectors[doc];
      for (let i = 0; i < v.ids.length; i++) {
        if (sum[v.ids[i]] === 0) touched.push(v.ids[i]);
        sum[v.ids[i]] += v.weights[i];
      }
    }
    let norm = 0;
    for (const f of touched) norm += sum[f] * sum[f];
    norm = Math.sqrt(norm) || 1;
    for (const f of touched) sum[f] /= norm;
    const centroid = sparse(touched, sum);
    for (const f of touched) sum[f] = 0;
    return centroid;
  });
}

/** Each entry's mean similarity of its own phrasings to its centroid (at least 0.3, so one odd entry cannot inflate). */
function typicalSimilarity(vectors: SparseVector[], owner: number[], centroids: SparseVector[], featureCount: number): Float64Array {
  const sums = new Float64Array(centroids.length);
  const counts = new Float64Array(centroids.length);
  const dense = new Float64Array(featureCount);
  const byEntry: number[][] = centroids.map(() => []);
  owner.forEach((e, doc) => byEntry[e].push(doc));
  byEntry.forEach((docs, e) => {
    const c = centroids[e];
    for (let i = 0; i < c.ids.length; i++) dense[c.ids[i]] = c.weights[i];
    for (const doc of docs) {
      const v = vectors[doc];
      let dot = 0;
      for (let i = 0; i < v.ids.length; i++) dot += dense[v.ids[i]] * v.weights[i];
      sums[e] += dot;
      counts[e]++;
    }
    for (let i = 0; i < c.ids.length; i++) dense[c.ids[i]] = 0;
  });
  return sums.map((s, e) => (counts[e] ? Math.max(0.3, s / counts[e]) : 1));
}

/** Keeps `hits` as the best k, sorted; cheaper than sorting every touched entry. */
function insertTopK(hits: LexicalHit[], hit: LexicalHit, k: number): void {
  if (hits.length === k && hit.score <= hits[k - 1].score) return;
  let i = hits.length < k ? hits.length : k - 1;
  if (hits.length < k) hits.push(hit);
  while (i > 0 && hits[i - 1].score < hit.score) {
    hits[i] = hits[i - 1];
    i--;
  }
  hits[i] = hit;
}
