/**
 * A hash table from (feature, entry) pairs to numbers, in two typed arrays with linear probing: the
 * classifier touches millions of pairs while training, and a Map of Maps spends most of that in the
 * garbage collector.
 */
export class PairTable {
  private keys: Float64Array;
  private values: Float64Array;
  private used = 0;

  constructor(
    private readonly entryCount: number,
    capacity = 1 << 12,
  ) {
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Float64Array(capacity);
  }

  get(feature: number, entry: number): number {
    const slot = this.find(feature * this.entryCount + entry);
    return this.keys[slot] < 0 ? 0 : this.values[slot];
  }

  set(feature: number, entry: number, value: number): void {
    const key = feature * this.entryCount + entry;
    const slot = this.find(key);
    if (this.keys[slot] < 0) {
      this.keys[slot] = key;
      this.used++;
      this.values[slot] = value;
      if (this.used * 2 > this.keys.length) this.grow();
      return;
    }
    this.values[slot] = value;
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(key | 0, 0x9e3779b1) ^ ((key / 4294967296) | 0)) & mask;
    while (this.keys[slot] >= 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.values = new Float64Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] < 0) continue;
      const slot = this.find(keys[i]);
      this.keys[slot] = keys[i];
      this.values[slot] = values[i];
    }
  }
}
