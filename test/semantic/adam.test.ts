// Training keeps numbers only for the rows it touches: the same steps as full tables, without their memory.
import { Adam, RowSlots } from '../../src/semantic/adam';
import { Trainer } from '../../src/semantic/train';

describe('RowSlots', () => {
  it('places rows in the order first touched and keeps their numbers when it grows', () => {
    const d = 4;
    const slots = new RowSlots(1000, d);
    // More rows than the first allocation (64) holds, touched out of order.
    const rows = Array.from({ length: 200 }, (_, i) => (i * 7919) % 1000);
    for (const row of rows) {
      const at = slots.rowOf(row);
      slots.values[at] += row;
    }
    expect(slots.rows).toEqual(rows);
    for (const row of rows) expect(slots.values[slots.rowOf(row)]).toBe(row);
    expect(slots.rows).toHaveLength(200); // asked again, no row placed twice
  });

  it('forgets every row and zeroes its numbers on clear', () => {
    const slots = new RowSlots(10, 2);
    slots.values[slots.rowOf(3)] = 5;
    slots.values[slots.rowOf(7) + 1] = 6;
    slots.clear();
    expect(slots.rows).toEqual([]);
    const at = slots.rowOf(7);
    expect(at).toBe(0);
    expect([...slots.values.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
  });
});

describe('Adam on touched rows', () => {
  it('moves each row as Adam over full tables would, applied to the rows each step touched', () => {
    const count = 6, d = 3, lr = 0.01;
    const start = Float32Array.from({ length: count * d }, (_, i) => Math.sin(i));
    const steps: { row: number; g: number[] }[][] = [
      [{ row: 4, g: [0.5, -1, 2] }, { row: 1, g: [1, 1, 1] }],
      [{ row: 1, g: [-0.3, 0.2, 0.1] }],
      [{ row: 0, g: [3, 0, -3] }, { row: 4, g: [0.1, 0.1, 0.1] }],
    ];

    const sparse = start.slice();
    const adam = new Adam(count, d, lr);
    const grad = new RowSlots(count, d);
    for (const step of steps) {
      for (const { row, g } of step) g.forEach((x, k) => (grad.values[grad.rowOf(row) + k] += x));
      adam.update(sparse, grad);
      grad.clear();
    }

    // The reference: full moment tables, the textbook update, only the rows a step has a gradient for.
    const full = Array.from(start, (x) => x);
    const m = new Array<number>(count * d).fill(0);
    const v = new Array<number>(count * d).fill(0);
    steps.forEach((step, t) => {
      const c1 = 1 - 0.9 ** (t + 1), c2 = 1 - 0.999 ** (t + 1);
      for (const { row, g } of step) {
        g.forEach((x, k) => {
          const i = row * d + k;
          m[i] = 0.9 * m[i] + 0.1 * x;
          v[i] = 0.999 * v[i] + 0.001 * x * x;
          full[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8);
        });
      }
    });
    full.forEach((x, i) => expect(sparse[i]).toBeCloseTo(x, 5));
    // Rows no step touched did not move.
    for (const row of [2, 3, 5]) for (let k = 0; k < d; k++) expect(sparse[row * d + k]).toBe(start[row * d + k]);
  });
});

describe('fine-tuning a large FAQ', () => {
  it('adds at most maxNewTokens new tokens to the base model, the most frequent first', () => {
    const base = { dim: 8, tokens: ['e:refund'], vectors: new Float32Array(8).fill(0.1), weights: Float32Array.of(0.5) };
    const groups = [
      ['refund apple', 'refund apple pear'],
      ['apple plum', 'apple kiwi'],
    ];
    const trainer = new Trainer(groups, { init: base, maxNewTokens: 2, epochs: 1, maxBatch: 8 });
    const { tokens } = trainer.model();
    // e:apple is in four texts; <ap, app, ppl, ple and le> with it. Ties go by name: t:<ap before the rest.
    expect(tokens).toEqual(['e:refund', 'e:apple', 't:<ap']);
    const uncapped = new Trainer(groups, { init: base, epochs: 1, maxBatch: 8 }).model().tokens;
    expect(uncapped.length).toBeGreaterThan(10);
  });
});
