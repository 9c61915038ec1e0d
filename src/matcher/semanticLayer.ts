import type { SemanticModel } from '../semantic/model';
import { unit } from '../semantic/model';

/** An FAQ's entries as vectors of one semantic model: plain arrays another thread can hand over. */
export interface SemanticLayerModel {
  dim: number;
  /** Per entry, the unit mean of its questions' unit vectors (entries × dim; zero when none embeds). */
  centroids: Float32Array;
  /** Every question's unit vector (questions × dim), an entry's questions from start[e] to start[e + 1]. */
  questions: Float32Array;
  start: Int32Array;
  /** Per entry, its answer's unit vector (zero when it has none). */
  answers: Float32Array;
}

/** Shares of an entry's semantic score: its nearest question, its centroid, and its answer (weaker evidence). */
const SHARE = { question: 0.45, centroid: 0.45, answer: 0.1 };

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
    const centroids = new Float32Array(E * d);
    const answerVectors = new Float32Array(E * d);
    const scratch = new Float32Array(d);
    questions.forEach((qs, e) => {
      qs.forEach((text, i) => {
        if (!model.embed(text, scratch)) return;
        q.set(scratch, (start[e] + i) * d);
        for (let k = 0; k < d; k++) centroids[e * d + k] += scratch[k];
      });
      unit(centroids.subarray(e * d, e * d + d));
      const answer = answers[e];
      if (answer && model.embed(answer, scratch)) answerVectors.set(scratch, e * d);
    });
    return new SemanticLayer(model, { dim: d, centroids, questions: q, start, answers: answerVectors });
  }

  toModel(): SemanticLayerModel {
    return this.data;
  }

  embed(normalized: string): Float32Array | undefined {
    return this.model.embed(normalized);
  }

  /** The k entries whose centroids are closest to v, best first. */
  nearest(v: Float32Array, k: number): number[] {
    const { centroids, dim } = this.data;
    const E = centroids.length / dim;
    const best: number[] = [];
    const scores: number[] = [];
    for (let e = 0; e < E; e++) {
      let s = 0;
      const base = e * dim;
      for (let j = 0; j < dim; j++) s += centroids[base + j] * v[j];
      let at: number;
      if (best.length < k) {
        at = best.push(e) - 1;
        scores.push(s);
      } else if (s > scores[k - 1]) {
        at = k - 1;
        best[at] = e;
        scores[at] = s;
      } else continue;
      for (; at > 0 && scores[at - 1] < scores[at]; at--) {
        [scores[at - 1], scores[at]] = [scores[at], scores[at - 1]];
        [best[at - 1], best[at]] = [best[at], best[at - 1]];
      }
    }
    return best;
  }

  /** How close entry e is to v in meaning, 0..1 (negative cosines count as 0). */
  score(v: Float32Array, e: number): number {
    const { centroids, questions, start, answers, dim } = this.data;
    let nearestQuestion = 0;
    for (let i = start[e]; i < start[e + 1]; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += questions[i * dim + j] * v[j];
      if (s > nearestQuestion) nearestQuestion = s;
    }
    let centroid = 0;
    let answer = 0;
    for (let j = 0; j < dim; j++) {
      centroid += centroids[e * dim + j] * v[j];
      answer += answers[e * dim + j] * v[j];
    }
    return SHARE.question * nearestQuestion + SHARE.centroid * Math.max(0, centroid) + SHARE.answer * Math.max(0, answer);
  }
}
