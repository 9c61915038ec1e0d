/**
 * Numbers to ids in two typed arrays (open addressing, linear probing): a Han character's or bigram's
 * token id found from its code units with one or two memory reads, where a Map of strings needs the
 * string made, hashed and compared first.
 */
export class CodeTable {
  private readonly keys: Int32Array;
  private readonly ids: Int32Array;
  private readonly mask: number;
  private readonly shift: number;

  constructor(entries: [key: number, id: number][]) {
    let bits = 4;
    while (1 << bits < entries.length * 2) bits++;
    const size = 1 << bits;
    this.mask = size - 1;
    this.shift = 32 - bits;
    this.keys = new Int32Array(size);
    this.ids = new Int32Array(size).fill(-1);
    for (const [key, id] of entries) {
      let at = this.slot(key);
      while (this.ids[at] >= 0 && this.keys[at] !== (key | 0)) at = (at + 1) & this.mask;
      this.keys[at] = key;
      this.ids[at] = id;
    }
  }

  /** The id of a key (a uint32), or -1. */
  get(key: number): number {
    const k = key | 0;
    for (let at = this.slot(k); ; at = (at + 1) & this.mask) {
      const id = this.ids[at];
      if (id < 0 || this.keys[at] === k) return id;
    }
  }

  private slot(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }
}
