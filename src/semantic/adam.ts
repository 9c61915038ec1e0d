// Adam over an embedding table's rows, keeping numbers only for the rows training touches.

const { sqrt } = Math;

/**
 * Rows of numbers for the rows a table of `count` rows has touched, each given its place when first touched:
 * a batch's gradients, or Adam's moments. A full table of them cost a 10,000-entry FAQ's fine-tuning (130k
 * tokens) 65 MB each; a batch touches a few thousand rows, and an FAQ's training never touches most of the
 * base model's.
 */
export class RowSlots {
  /** Each row's place in `values` (× d), or -1. */
  private readonly slot: Int32Array;
  /** The rows touched, in the order they were. */
  readonly rows: number[] = [];
  values: Float32Array;

  constructor(count: number, private readonly d: number) {
    this.slot = new Int32Array(count).fill(-1);
    this.values = new Float32Array(64 * d);
  }

  /** Where the row's numbers start in `values` (zeros when it is new). */
  rowOf(row: number): number {
    const at = this.slot[row];
    if (at >= 0) return at;
    const next = this.rows.length * this.d;
    if (next + this.d > this.values.length) {
      const grown = new Float32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.rows.push(row);
    return (this.slot[row] = next);
  }

  /** Forgets every row (their numbers back to zero), keeping the memory for the next batch. */
  clear(): void {
    for (const row of this.rows) this.slot[row] = -1;
    this.values.fill(0, 0, this.rows.length * this.d);
    this.rows.length = 0;
  }
}

/** Adam, applied only to the rows a batch touched (the others' moments would only decay); moments for rows touched so far. */
export class Adam {
  private readonly m: RowSlots;
  private readonly v: RowSlots;
  private t = 0;
  constructor(count: number, private readonly d: number, private readonly lr: number) {
    this.m = new RowSlots(count, d);
    this.v = new RowSlots(count, d);
  }
  update(E: Float32Array, grad: RowSlots): void {
    this.t++;
    const b1 = 0.9, b2 = 0.999, eps = 1e-8;
    const c1 = 1 - b1 ** this.t, c2 = 1 - b2 ** this.t;
    const { d, lr } = this;
    const g = grad.values;
    for (let r = 0; r < grad.rows.length; r++) {
      const row = grad.rows[r];
      // Placing a row may grow m's and v's arrays: read them after.
      const mAt = this.m.rowOf(row);
      const vAt = this.v.rowOf(row);
      const m = this.m.values, v = this.v.values;
      for (let k = 0; k < d; k++) {
        const gk = g[r * d + k];
        m[mAt + k] = b1 * m[mAt + k] + (1 - b1) * gk;
        v[vAt + k] = b2 * v[vAt + k] + (1 - b2) * gk * gk;
        E[row * d + k] -= (lr * (m[mAt + k] / c1)) / (sqrt(v[vAt + k] / c2) + eps);
      }
    }
  }
}
