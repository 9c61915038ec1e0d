import type { SemanticModel } from '../semantic/model';
import { smallTalkScore, unit } from '../semantic/model';

/** An FAQ's entries as vectors of one semantic model: plain arrays another thread can hand over. */
export interface SemanticLayerModel {
  dim: number;
  /**
   * Per entry, SHARE.centroid × the unit mean of its questions' vectors + SHARE.answer × its answer's
   * vector: the linear part of its score, so one dot product ranks every entry.
   */
  entries: Float32Array;
  /** Every question's unit vector (questions × dim), an entry's questions from start[e] to start[e + 1]. */
  questions: Float32Array;
  start: Int32Array;
  /** For a large FAQ: entries grouped around `lists.centres`, searched a few groups at a time. */
  lists?: { centres: Float32Array; start: Int32Array; members: Int32Array };
}

/** Shares of an entry's semantic score: its nearest question, its questions' centroid, its answer (weaker evidence). */
const SHARE = { question: 0.45, centroid: 0.45, answer: 0.1 };
/** From this many entries, the nearest are looked for in the groups closest to the question only. */
const LISTS_FROM = 2000;
/** Groups searched per question: with 2√E groups, ~4√E dot products a question (400 at 10,000 entries). */
const PROBES = 4;

/**
 * The semantic half of the matcher: an entry's closeness to a question in meaning, from the trained static
 * embedding, found even when the two share no word (卡成ppt了 → 游戏卡顿, refund please → 退款).
 */
export class SemanticLayer {
  constructor(
    readonly model: SemanticModel,
    private readonly data: SemanticLayerModel,
  ) {}

  /** Embeds the normalised questions and answers of an FAQ's entries. */
  static build(model: SemanticModel, questions: string[][], answers: (string | undefined)[]): SemanticLayer {
    const d = model.dim;
    const E = questions.length;
    const start = new Int32Array(E + 1);
    questions.forEach((qs, e) => (start[e + 1] = start[e] + qs.length));
    const q = new Float32Array(start[E] * d);
    const entries = new Float32Array(E * d);
    const centroid = new Float32Array(d);
    const scratch = new Float32Array(d);
    questions.forEach((qs, e) => {
      centroid.fill(0);
      qs.forEach((text, i) => {
        if (!model.embed(text, scratch)) return;
        q.set(scratch, (start[e] + i) * d);
        for (let k = 0; k < d; k++) centroid[k] += scratch[k];
      });
      unit(centroid);
      for (let k = 0; k < d; k++) entries[e * d + k] = SHARE.centroid * centroid[k];
      const answer = answers[e];
      if (answer && model.embed(answer, scratch)) for (let k = 0; k < d; k++) entries[e * d + k] += SHARE.answer * scratch[k];
    });
    const lists = E >= LISTS_FROM ? group(entries, d, E) : undefined;
    return new SemanticLayer(model, { dim: d, entries, questions: q, start, lists });
  }

  toModel(): SemanticLayerModel {
    return this.data;
  }

  embed(normalized: string): Float32Array | undefined {
    return this.model.embed(normalized);
  }

  /** How close v is to chit-chat (the model's small-talk anchors), as a cosine. */
  smallTalk(v: Float32Array): number {
    return smallTalkScore(this.model.data, v);
  }

  /** The k entries closest to v by the linear part of their score, best first. */
  nearest(v: Float32Array, k: number): number[] {
    const { entries, dim, lists } = this.data;
    const top = new TopK(k);
    if (!lists) {
      for (let e = 0, E = entries.length / dim; e < E; e++) top.offer(e, dotAt(entries, e * dim, v, dim));
      return top.items;
    }
    const groups = new TopK(PROBES);
    for (let g = 0, G = lists.start.length - 1; g < G; g++) groups.offer(g, dotAt(lists.centres, g * dim, v, dim));
    for (const g of groups.items) {
      for (let i = lists.start[g]; i < lists.start[g + 1]; i++) top.offer(lists.members[i], dotAt(entries, lists.members[i] * dim, v, dim));
    }
    return top.items;
  }

  /** How close entry e is to v in meaning, about 0..1. */
  score(v: Float32Array, e: number): number {
    const { entries, questions, start, dim } = this.data;
    let nearestQuestion = 0;
    for (let i = start[e]; i < start[e + 1]; i++) nearestQuestion = Math.max(nearestQuestion, dotAt(questions, i * dim, v, dim));
    return Math.max(0, SHARE.question * nearestQuestion + dotAt(entries, e * dim, v, dim));
  }
}

/** a[base…base+dim) · v, four lanes at a time (dim is a multiple of 4; a quarter less time in V8). */
function dotAt(a: Float32Array, base: number, v: Float32Array, dim: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let j = 0; j < dim; j += 4) {
    s0 += a[base + j] * v[j];
    s1 += a[base + j + 1] * v[j + 1];
    s2 += a[base + j + 2] * v[j + 2];
    s3 += a[base + j + 3] * v[j + 3];
  }
  return s0 + s1 + s2 + s3;
}

/** The k best (id, score) offered so far, best first. */
class TopK {
  readonly items: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly k: number) {}
  offer(id: number, score: number): void {
    const { items, scores, k } = this;
    let at: number;
    if (items.length < k) {
      at = items.push(id) - 1;
      scores.push(score);
    } else if (score > scores[k - 1]) {
      at = k - 1;
      items[at] = id;
      scores[at] = score;
    } else return;
    for (; at > 0 && scores[at - 1] < scores[at]; at--) {
      [scores[at - 1], scores[at]] = [scores[at], scores[at - 1]];
      [items[at - 1], items[at]] = [items[at], items[at - 1]];
    }
  }
}

/**
 * Groups a large FAQ's entries around 2√E centres (k-means on an even sample of 20 entries a group, then
 * every entry to its closest centre), so a question is compared with the centres and the members of the
 * closest few: ~25× fewer dot products at 10,000 entries, and a build that stays linear in E.
 */
function group(entries: Float32Array, d: number, E: number) {
  const G = Math.round(2 * Math.sqrt(E));
  const sample = Array.from({ length: Math.min(E, 20 * G) }, (_, i) => Math.floor((i * E) / Math.min(E, 20 * G)));
  const centres = new Float32Array(G * d);
  for (let g = 0; g < G; g++) centres.set(entries.subarray(sample[Math.floor((g * sample.length) / G)] * d, sample[Math.floor((g * sample.length) / G)] * d + d), g * d);
  const closest = (e: number) => {
    let best = 0;
    let bestScore = -Infinity;
    for (let g = 0; g < G; g++) {
      const s = dotAt(centres, g * d, entries.subarray(e * d, e * d + d), d);
      if (s > bestScore) [best, bestScore] = [g, s];
    }
    return best;
  };
  for (let round = 0; round < 2; round++) {
    for (let g = 0; g < G; g++) unit(centres.subarray(g * d, g * d + d));
    const owners = sample.map(closest);
    centres.fill(0);
    sample.forEach((e, i) => {
      for (let k = 0; k < d; k++) centres[owners[i] * d + k] += entries[e * d + k];
    });
  }
  for (let g = 0; g < G; g++) unit(centres.subarray(g * d, g * d + d));
  const owner = new Int32Array(E);
  for (let e = 0; e < E; e++) owner[e] = closest(e);
  // An entry none of whose words the model knows has no vector: it can only be found by its words.
  for (let e = 0; e < E; e++) if (dotAt(entries, e * d, entries.subarray(e * d, e * d + d), d) === 0) owner[e] = -1;
  const start = new Int32Array(G + 1);
  for (let e = 0; e < E; e++) if (owner[e] >= 0) start[owner[e] + 1]++;
  for (let g = 0; g < G; g++) start[g + 1] += start[g];
  const members = new Int32Array(start[G]);
  const fill = start.slice(0, G);
  for (let e = 0; e < E; e++) if (owner[e] >= 0) members[fill[owner[e]]++] = e;
  return { centres, start, members };
}
