// The semantic layer's search and scores, against a plain JavaScript reading of the same vectors: the
// SIMD kernel, the grouped search of a large FAQ, and a layer handed over from the build thread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { createNormalizer } from '../../src/matcher/normalize';
import { SemanticLayer, type SemanticLayerModel } from '../../src/matcher/semanticLayer';
import { baseSemanticModel } from '../../src/semantic/load';
import { semanticTokens } from '../../src/semantic/tokens';

const normalize = createNormalizer([]);
const model = baseSemanticModel()!;
const CORPUS = join(__dirname, '../../corpus');

/**
 * The seed corpus's player lines as an FAQ: each intent's lines three to an entry (2,418 entries). The seed
 * alone, which stays as it came, so the FAQ keeps its size as the corpus grows.
 */
function corpusFaq(): { questions: string[][]; answers: undefined[] } {
  const byIntent = new Map<string, string[]>();
  for (const line of readFileSync(join(CORPUS, 'seed.jsonl'), 'utf8').split('\n').filter((l) => l.trim())) {
    const { intent, text } = JSON.parse(line) as { intent: string; text: string };
    byIntent.set(intent, [...(byIntent.get(intent) ?? []), text]);
  }
  const questions: string[][] = [];
  for (const lines of byIntent.values()) for (let i = 0; i + 3 <= lines.length; i += 3) questions.push(normalize.many(lines.slice(i, i + 3)));
  return { questions, answers: questions.map(() => undefined) };
}

const dotAt = (a: ArrayLike<number>, at: number, v: Float32Array) => v.reduce((s, x, k) => s + x * a[at + k], 0);

/** Question q's int8 row · v, scaled back. */
const questionDot = (data: SemanticLayerModel, q: number, v: Float32Array) => data.questionScales[q] * dotAt(data.questions, q * data.dim, v);

/** An entry's linear score, by which nearest() ranks them, computed plainly from the layer's arrays. */
const linear = (data: SemanticLayerModel, v: Float32Array, e: number) => dotAt(data.entries, e * data.dim, v);

/** The k best linear scores of all entries (scores, not entries: float32 and float64 may order a tie differently). */
function exactBest(data: SemanticLayerModel, v: Float32Array, k: number): number[] {
  const E = data.start.length - 1;
  return Array.from({ length: E }, (_, e) => linear(data, v, e))
    .sort((a, b) => b - a)
    .slice(0, k);
}

const sameScores = (found: number[], best: number[]) => found.length === best.length && found.every((s, i) => Math.abs(s - best[i]) < 1e-6);

describe('semantic layer search', () => {
  it('finds the same ids for a text as the token names do', () => {
    const ids = new Map(model.data.tokens.map((t, i) => [t, i]));
    const expected = (text: string) => semanticTokens(text).flatMap((t) => (ids.has(t) ? [ids.get(t)!] : []));
    for (const text of corpusFaq().questions.flat().slice(0, 2000)) expect(model.tokenIds(text)).toEqual(expected(text));
    const mixed = fc.stringMatching(/^[充值账号密码登录卡顿退款礼包的了吗a-z0-9 ]{0,24}$/);
    fc.assert(fc.property(mixed, (s) => expect(model.tokenIds(normalize(s))).toEqual(expected(normalize(s)))));
  });

  it('ranks a small FAQ exactly: every entry compared', () => {
    const { questions, answers } = corpusFaq();
    const layer = SemanticLayer.build(model, questions.slice(0, 300), answers.slice(0, 300));
    const data = layer.toModel();
    expect(data.lists).toBeUndefined();
    for (const qs of questions.slice(300, 400)) {
      const v = model.embed(qs[0]);
      if (!v) continue;
      const found = layer.nearest(v, 5).map((e) => linear(data, v, e));
      expect(sameScores(found, exactBest(data, v, 5))).toBe(true);
    }
  });

  it('keeps each question as int8s whose cosine with the question itself is within 3e-3 of 1', () => {
    // The dot's error is first order in the rounding: about scale/√12 ≈ 8e-4 for a typical row (one standard
    // deviation), so the worst of the 900 checked here lies near 3 of them.
    const questions = corpusFaq().questions.slice(0, 300);
    const data = SemanticLayer.build(model, questions, questions.map(() => undefined)).toModel();
    let checked = 0;
    questions.forEach((qs, e) =>
      qs.forEach((text, i) => {
        const v = model.embed(text);
        if (!v) return;
        checked++;
        expect(questionDot(data, data.start[e] + i, v)).toBeGreaterThan(0.997);
      }),
    );
    expect(checked).toBeGreaterThan(800);
  });

  it('finds the nearest entries of a large FAQ through its groups, and so does the layer rebuilt from its arrays', () => {
    const { questions, answers } = corpusFaq();
    expect(questions.length).toBeGreaterThanOrEqual(2000);
    const layer = SemanticLayer.build(model, questions, answers);
    const data = layer.toModel();
    expect(data.lists).toBeDefined();
    // The rows, moved group by group inside the layer, come back out as each entry's own vector.
    for (let e = 0; e < questions.length; e += 97) {
      const centroid = new Float32Array(model.dim);
      for (const q of questions[e]) model.embed(q)?.forEach((x, k) => (centroid[k] += x));
      const norm = Math.hypot(...centroid) || 1;
      centroid.forEach((x, k) => expect(data.entries[e * model.dim + k]).toBeCloseTo((0.45 * x) / norm, 6));
    }
    const restored = SemanticLayer.restore(model, structuredClone(data));
    let same = 0;
    let asked = 0;
    for (let e = 0; e < questions.length; e += 17) {
      const v = model.embed(questions[e][1] ?? questions[e][0]);
      if (!v) continue;
      asked++;
      const found = layer.nearest(v, 8);
      if (sameScores([linear(data, v, found[0])], exactBest(data, v, 1))) same++;
      // Whatever it finds, it scores as the plain formula does, and the restored layer finds and scores the same.
      expect(restored.nearest(v, 8)).toEqual(found);
      const scores: number[] = [];
      const again: number[] = [];
      layer.scores(v, found, scores);
      restored.scores(v, found, again);
      expect(again).toEqual(scores);
      found.forEach((entry, i) => {
        const nearestQuestion = Math.max(0, ...questions[entry].map((_, q) => questionDot(data, data.start[entry] + q, v)));
        expect(scores[i]).toBeCloseTo(Math.max(0, 0.45 * nearestQuestion + dotAt(data.entries, entry * data.dim, v)), 5);
      });
    }
    // Groups are searched four at a time, not all: the closest entry is almost always in them.
    expect(same / asked).toBeGreaterThanOrEqual(0.97);
  });

  it("says how far a candidate is off the question's topic, as the corpus topics read plainly say", () => {
    const topics = model.data.topics!;
    const T = topics.length / model.dim;
    expect(T).toBeGreaterThan(300);
    const { questions, answers } = corpusFaq();
    // Both layouts: a small FAQ's rows in entry order, a large one's moved group by group.
    for (const count of [300, questions.length]) {
      const layer = SemanticLayer.build(model, questions.slice(0, count), answers.slice(0, count));
      const data = layer.toModel();
      const topicDots = (v: Float32Array, at: number) => Array.from({ length: T }, (_, t) => dotAt(topics, t * model.dim, v.subarray(at, at + model.dim)));
      let apart = 0;
      // Questions of entries the small FAQ does not hold: often on a topic none of its entries is on.
      for (let q = 0; q < questions.length; q += 41) {
        const v = model.embed(questions[q][0]);
        if (!v) continue;
        const entries = layer.nearest(v, 6);
        const nearestQuestion: number[] = [];
        layer.scores(v, entries, [], nearestQuestion);
        const out = entries.map((e, i) => layer.offTopic(v, e, nearestQuestion[i]));
        const mine = topicDots(v, 0);
        const nearest = Math.max(...mine);
        entries.forEach((e, i) => {
          const nearestTopics = (dots: number[], k: number) => dots.map((x, t) => [x, t]).sort((a, b) => b[0] - a[0]).slice(0, k).map(([, t]) => t);
          // The entry's own topics: the three nearest to it, and the nearest to each of its first three questions.
          const asked = Array.from({ length: Math.min(3, data.start[e + 1] - data.start[e]) }, (_, k) => data.start[e] + k).filter((q) => data.questionScales[q]);
          const ofQuestion = (q: number) => Float32Array.from(data.questions.subarray(q * model.dim, (q + 1) * model.dim), (x) => x * data.questionScales[q]);
          const own = [...nearestTopics(topicDots(data.entries, e * model.dim), 3), ...asked.map((q) => nearestTopics(topicDots(ofQuestion(q), 0), 1)[0])].map((t) => mine[t]);
          // The layer scans int8 topics (each cosine within ~1e-3 of float32's), so the difference of two is within 3e-3.
          const expected = nearestQuestion[i] >= 0.9 ? 0 : Math.max(0, nearest - Math.max(...own));
          expect(Math.abs(out[i] - expected)).toBeLessThanOrEqual(3e-3);
          if (out[i] > 0.1) apart++;
        });
      }
      // The small FAQ lacks most questions' intents, so some candidates are on another topic than the
      // question: the measure is not always 0. (In the large one a question's six nearest entries are
      // mostly its own intent's, cut three lines to an entry.)
      if (count === 300) expect(apart).toBeGreaterThan(0);
    }
  });

  it('weighs how much a candidate and the question are about the same topics, as their topic shares read plainly say', () => {
    const topics = model.data.topics!;
    const T = topics.length / model.dim;
    const { questions, answers } = corpusFaq();
    const count = 300;
    const layer = SemanticLayer.build(model, questions.slice(0, count), answers.slice(0, count));
    const data = layer.toModel();
    const shares = (v: Float32Array) => {
      const cos = Array.from({ length: T }, (_, t) => dotAt(topics, t * model.dim, v));
      const top = Math.max(...cos);
      const e = cos.map((c) => Math.exp((c - top) / 0.05));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((x) => x / sum);
    };
    let own = 0;
    let other = 0;
    let asked = 0;
    for (let q = 0; q < count; q += 7) {
      const v = model.embed(questions[q][1]);
      if (!v) continue;
      // The question's own entry (the question is one of its phrasings) and two entries of other intents.
      const entries = [q, (q + 101) % count, (q + 211) % count];
      const out: number[] = [];
      expect(layer.topicAgreement(v, entries, [0, 0, 0], out)).toBe(true);
      const mine = shares(v);
      entries.forEach((e, i) => {
        // The entry's own vector (its questions' centroid and answer), as nearest() ranks it.
        const row = data.entries.subarray(e * model.dim, (e + 1) * model.dim);
        const norm = Math.hypot(...row);
        const entryShares = shares(row.map((x) => x / norm));
        const kept = entryShares.map((p, t) => [p, t]).sort((a, b) => b[0] - a[0]).slice(0, 16);
        const expected = kept.reduce((sum, [p, t]) => sum + Math.sqrt(p * mine[t]), 0);
        // int8 topics against int16s: each cosine within ~1e-3, so a share within a few percent; and shares under
        // 1e-3 of the nearest's counted as none.
        expect(Math.abs(out[i] - expected)).toBeLessThanOrEqual(0.05);
        expect(out[i]).toBeGreaterThanOrEqual(0);
        expect(out[i]).toBeLessThanOrEqual(1 + 1e-6);
      });
      own += out[0];
      other += (out[1] + out[2]) / 2;
      asked++;
    }
    // A rewording is about its own entry's topics far more than about other intents' entries.
    expect(own / asked).toBeGreaterThan(other / asked + 0.3);
    // A question that all but says one of the candidates' questions is left as it is: nothing weighed.
    const v = model.embed(questions[0][0])!;
    expect(layer.topicAgreement(v, [0, 1], [0.95, 0.2], [])).toBe(false);
  });
});
