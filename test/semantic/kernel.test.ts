// The SIMD kernel against the plain JavaScript it replaces: same sums, up to float32 rounding.
import fc from 'fast-check';
import { quantize, VectorMemory } from '../../src/semantic/kernel';

const jsDot = (a: Float32Array, ai: number, b: Float32Array, bi: number, n: number) => {
  let s = 0;
  for (let k = 0; k < n; k++) s += a[ai + k] * b[bi + k];
  return s;
};
/**
 * Equal up to float32 rounding, which grows with the size of the terms summed, not of the sum: terms of ±254
 * (int8 × a scale of 2) that nearly cancel leave a small sum with the rounding of large ones.
 */
const close = (x: number, y: number, terms = Math.abs(y)) => expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-5 * Math.max(1, terms));
const absDot = (a: Float32Array, b: Float32Array, n: number) => {
  let s = 0;
  for (let k = 0; k < n; k++) s += Math.abs(a[k] * b[k]);
  return s;
};
const random = (seed: number) => {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
};

describe('vector memory kernel', () => {
  it('takes dot products of any length, four lanes at a time with a tail of one to three', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 2 ** 30 }), (n, seed) => {
        const memory = new VectorMemory([n, n]);
        const [a, b] = [memory.floats(0), memory.floats(1)];
        const next = random(seed);
        for (let k = 0; k < n; k++) [a[k], b[k]] = [next(), next()];
        close(memory.dot(a, 0, b, 0, n), jsDot(a, 0, b, 0, n));
      }),
    );
  });

  it('scores rows against a vector, takes their best, and adds up weighted int8 rows', () => {
    const dim = 128;
    const rows = 37;
    const memory = new VectorMemory([rows * dim, dim, rows, rows, 3, 3, 4, 3, 3, dim, (rows * dim) / 4]);
    const [m, v, out] = [memory.floats(0), memory.floats(1), memory.floats(2)];
    const weights = memory.floats(3);
    const next = random(7);
    for (let k = 0; k < m.length; k++) m[k] = next();
    for (let k = 0; k < dim; k++) v[k] = next();
    for (let r = 0; r < rows; r++) weights[r] = next();

    memory.dots(m, 5, 20, dim, v, 0, out);
    for (let r = 0; r < 20; r++) close(out[r], jsDot(m, (5 + r) * dim, v, 0, dim));
    // A row of `m` as the vector: the kernel reads it where it lies.
    memory.dots(m, 0, 3, dim, m, 9, out);
    for (let r = 0; r < 3; r++) close(out[r], jsDot(m, r * dim, m, 9 * dim, dim));

    const best = Math.max(0, ...Array.from({ length: 12 }, (_, r) => jsDot(m, (10 + r) * dim, v, 0, dim)));
    close(memory.maxDot(m, 10, 12, dim, v), best);
    expect(memory.maxDot(m, 0, 0, dim, v)).toBe(0);

    const ids = memory.ints(4);
    ids.set([3, 0, 36]);
    const sum = memory.floats(9);
    const bytes = memory.bytes(10);
    for (let k = 0; k < bytes.length; k++) bytes[k] = Math.round(m[k] * 127);
    memory.addRows(bytes, weights, ids, 3, dim, sum);
    for (let k = 0; k < dim; k++) close(sum[k], weights[3] * bytes[3 * dim + k] + weights[0] * bytes[k] + weights[36] * bytes[36 * dim + k]);
  });

  it('takes the best dot product of int8 rows with an int16 vector, thirty-two numbers a step with a tail of eight', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 2 ** 30 }), (eights, count, seed) => {
        const n = 8 * eights;
        const memory = new VectorMemory([Math.ceil((count * n) / 4), count, n, n / 2]);
        const [rows, scales, v, q] = [memory.bytes(0), memory.floats(1), memory.floats(2), memory.shorts(3)];
        const next = random(seed);
        for (let k = 0; k < rows.length; k++) rows[k] = Math.round(next() * 127);
        for (let r = 0; r < count; r++) scales[r] = Math.abs(next()) / 127;
        for (let k = 0; k < n; k++) v[k] = next();
        const unit = quantize(v, q);
        const row = (r: number) => Float32Array.from(rows.subarray(r * n, r * n + n), (x) => x * scales[r]);
        const dots = Array.from({ length: count }, (_, r) => jsDot(row(r), 0, v, 0, n));
        // q's rounding: at most half a unit a number, times the row's numbers.
        const slack = (r: number) => (0.5 * unit + 1e-6) * absDot(row(r), new Float32Array(n).fill(1), n);
        const best = Math.max(...dots);
        const at = dots.indexOf(best);
        expect(Math.abs(memory.maxDotQ(rows, scales, 0, count, n, q, -1e30) * unit - best)).toBeLessThanOrEqual(slack(at) + 1e-5);
        // From a later row, over one row, and with a floor above every row.
        const last = count - 1;
        expect(Math.abs(memory.maxDotQ(rows, scales, last, 1, n, q, -1e30) * unit - dots[last])).toBeLessThanOrEqual(slack(last) + 1e-5);
        expect(memory.maxDotQ(rows, scales, 0, count, n, q, 1e9)).toBe(1e9);
      }),
    );
  });

  it('keeps every dot product of int8 rows with an int16 vector, the same ones maxDotQ takes the best of', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 2 ** 30 }), (eights, count, seed) => {
        const n = 8 * eights;
        const memory = new VectorMemory([Math.ceil((count * n) / 4), count, n, n / 2, count + 1]);
        const [rows, scales, v, q, out] = [memory.bytes(0), memory.floats(1), memory.floats(2), memory.shorts(3), memory.floats(4)];
        const next = random(seed);
        for (let k = 0; k < rows.length; k++) rows[k] = Math.round(next() * 127);
        for (let r = 0; r < count; r++) scales[r] = Math.abs(next()) / 127;
        for (let k = 0; k < n; k++) v[k] = next();
        const unit = quantize(v, q);
        out[count] = 42; // one past the last: left alone
        memory.dotsQ(rows, scales, 0, count, n, q, out);
        for (let r = 0; r < count; r++) {
          const row = Float32Array.from(rows.subarray(r * n, r * n + n), (x) => x * scales[r]);
          const slack = (0.5 * unit + 1e-6) * absDot(row, new Float32Array(n).fill(1), n);
          expect(Math.abs(out[r] * unit - jsDot(row, 0, v, 0, n))).toBeLessThanOrEqual(slack + 1e-5);
        }
        expect(out[count]).toBe(42);
        expect(Math.max(...out.subarray(0, count))).toBe(memory.maxDotQ(rows, scales, 0, count, n, q, -1e30));
      }),
    );
  });

  it('quantizes a vector to int16s as large as they go', () => {
    const memory = new VectorMemory([8, 4]);
    const [v, q] = [memory.floats(0), memory.shorts(1)];
    v.set([0.5, -0.25, 0, 0.125, -0.5, 0.3, 0.01, -0.49]);
    const unit = quantize(v, q);
    expect(Math.max(...q.map(Math.abs))).toBe(32767);
    q.forEach((x, k) => expect(Math.abs(x * unit - v[k])).toBeLessThanOrEqual(unit / 2 + 1e-7));
    v.fill(0);
    expect(quantize(v, q)).toBe(0);
    expect([...q]).toEqual(new Array(8).fill(0));
  });

  it('scores candidate entries: the best of their int8 questions, and their own row', () => {
    const dim = 8;
    // Three entries: questions 0–1, 2, 3–5 (start), their rows in another order (rowIds).
    const memory = new VectorMemory([3 * dim, (6 * dim) / 4, 6, 4, 3, 3, dim, 3, 3, dim / 2]);
    const [rows, questions, scales, start, ids, rowIds, v, nearest, own, q] = [
      memory.floats(0), memory.bytes(1), memory.floats(2), memory.ints(3), memory.ints(4), memory.ints(5), memory.floats(6), memory.floats(7), memory.floats(8), memory.shorts(9),
    ];
    const next = random(11);
    for (const a of [rows, v]) for (let k = 0; k < a.length; k++) a[k] = next();
    for (let k = 0; k < questions.length; k++) questions[k] = Math.round(next() * 127);
    for (let q = 0; q < 6; q++) scales[q] = Math.abs(next()) / 127;
    start.set([0, 2, 3, 6]);
    ids.set([2, 0, 1]);
    rowIds.set([1, 2, 0]);
    const unit = quantize(v, q);
    memory.entryDots(rows, questions, scales, start, ids, rowIds, 3, dim, v, nearest, own, q, unit);
    const question = (at: number) => Float32Array.from(questions.subarray(at * dim, at * dim + dim), (x) => x * scales[at]);
    [2, 0, 1].forEach((e, i) => {
      const best = Math.max(0, ...Array.from({ length: start[e + 1] - start[e] }, (_, k) => jsDot(question(start[e] + k), 0, v, 0, dim)));
      // v read as int16s: half a unit a number at most, times a question's numbers (each under 1 here).
      expect(Math.abs(nearest[i] - best)).toBeLessThanOrEqual(0.5 * unit * dim + 1e-5);
      close(own[i], jsDot(rows, rowIds[i] * dim, v, 0, dim));
    });
  });
});
