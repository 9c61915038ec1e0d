// Held in module scope: a global lookup is slow inside a vm context (jest's test environment).
const { imul } = Math;

/**
 * A hash table from (feature, entry) pairs to a weight and, while training, the optimiser's running sum
 * for it, in typed arrays with linear probing: the classifier touches millions of pairs while training, and
 * a Map of Maps spends most of that in the garbage collector. One probe finds both numbers of a pair.
 */
export interface PairTableModel {
  keys: Float64Array;
  values: Float32Array | Float64Array;
  used: number;
}

/**
 * How full the table may be before it doubles. Training fills it to the same load as the packed table it
 * becomes, so packing keeps its keys where they are: at 10,000 entries, growing at half full and packing
 * into a new table left 24 MB of typed arrays to the garbage collector, now 10.
 */
const MAX_LOAD = 0.75;

export class PairTable {
  private keys: Float64Array;
  /** The value of the pair in each slot; `sums` holds the second number, until pack(). */
  values: Float32Array | Float64Array;
  sums: Float64Array;
  private used = 0;

  /** An empty table, or one restored from a model (sent from the thread that trained it). */
  constructor(
    private readonly entryCount: number,
    model?: PairTableModel,
  ) {
    const capacity = model?.keys.length ?? 1 << 12;
    this.keys = model?.keys ?? new Float64Array(capacity).fill(-1);
    this.values = model?.values ?? new Float64Array(capacity);
    this.sums = model ? new Float64Array(0) : new Float64Array(capacity);
    this.used = model?.used ?? 0;
  }

  /** The pairs and their values (not the sums), as plain arrays another thread can take over. */
  toModel(): PairTableModel {
    return { keys: this.keys, values: this.values, used: this.used };
  }

  get(feature: number, entry: number): number {
    const slot = this.find(feature * this.entryCount + entry);
    return this.keys[slot] < 0 ? 0 : this.values[slot];
  }

  /** The slot of a pair, made (both numbers 0) if the table has not got it; valid until the next slotOf. */
  slotOf(feature: number, entry: number): number {
    const key = feature * this.entryCount + entry;
    const slot = this.find(key);
    if (this.keys[slot] >= 0) return slot;
    this.keys[slot] = key;
    if (++this.used <= this.keys.length * MAX_LOAD) return slot;
    this.grow();
    return this.find(key);
  }

  /**
   * Once training is done: drops the second numbers (the optimiser's state) and keeps the values as
   * float32s (3 MB instead of 6 at 10,000 entries: a value moves by ~1e-7).
   */
  pack(): void {
    this.values = new Float32Array(this.values);
    this.sums = new Float64Array(0);
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    let slot = (imul(key | 0, 0x9e3779b1) ^ ((key / 4294967296) | 0)) & mask;
    while (this.keys[slot] >= 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, values, sums } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.values = new Float64Array(keys.length * 2);
    this.sums = new Float64Array(sums.length && keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] < 0) continue;
      const slot = this.find(keys[i]);
      this.keys[slot] = keys[i];
      this.values[slot] = values[i];
      if (sums.length) this.sums[slot] = sums[i];
    }
  }
}
