/**
 * Words and a number for each, in typed arrays: the words' UTF-16 code units side by side, found through
 * an open-addressing hash table. jieba's 117k general-language words take ~3 MB here; a Map of strings
 * held 8 MB (a string object and a boxed entry each) for the life of every process that matches.
 */
export class WordTable {
  private chars = new Uint16Array(1 << 16);
  private length = 0;
  private readonly starts: number[] = [0];
  private readonly numbers: number[] = [];
  private start = new Int32Array(0);
  private values = new Float64Array(0);
  /** Word index + 1 in each slot, 0 where empty. */
  private slots = new Int32Array(0);

  /** Adds a word (each once); seal() once all are in. */
  add(word: string, value: number): void {
    if (this.length + word.length > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, this.length + word.length));
      grown.set(this.chars);
      this.chars = grown;
    }
    for (let i = 0; i < word.length; i++) this.chars[this.length++] = word.charCodeAt(i);
    this.starts.push(this.length);
    this.numbers.push(value);
  }

  /** Makes the added words findable, in arrays just large enough. */
  seal(): this {
    const count = this.numbers.length;
    this.chars = this.chars.slice(0, this.length);
    this.start = Int32Array.from(this.starts);
    this.values = Float64Array.from(this.numbers);
    this.starts.length = this.numbers.length = 0;
    let size = 16;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size);
    const mask = size - 1;
    for (let w = 0; w < count; w++) {
      let at = this.hash(this.chars, this.start[w], this.start[w + 1]) & mask;
      while (this.slots[at]) at = (at + 1) & mask;
      this.slots[at] = w + 1;
    }
    return this;
  }

  get(word: string): number | undefined {
    const { slots, start, chars } = this;
    const mask = slots.length - 1;
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    for (let at = h & mask; slots[at]; at = (at + 1) & mask) {
      const w = slots[at] - 1;
      const from = start[w];
      if (start[w + 1] - from !== word.length) continue;
      let i = 0;
      while (i < word.length && chars[from + i] === word.charCodeAt(i)) i++;
      if (i === word.length) return this.values[w];
    }
    return undefined;
  }

  /** FNV-1a over code units, as get() hashes a word. */
  private hash(units: Uint16Array, from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ units[i], 0x01000193);
    return h;
  }
}
