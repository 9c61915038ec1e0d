// Dot products of 128-number vectors, four lanes at a time with WebAssembly SIMD: ~10× less time than the
// same loop in JavaScript, which is what the semantic layer spends most of a question on (nearest entries,
// an entry's nearest question, small-talk anchors) and most of a large FAQ's build on (grouping entries).
// Rows held as int8s (questions, topics) are read against the question as int16s, eight products an
// instruction: the scan of every corpus topic for each question took a third of the layer's time in float32.
// There is no WebAssembly compiler among the project's tools, and the module is a few dozen instructions,
// so its bytes are written here by a small encoder, instruction by instruction, with the text form beside
// each function; nothing is built or committed as binary.

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

/** Unsigned LEB128, as WebAssembly writes every count, index and immediate. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** Signed LEB128 (i32.const). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => vec([...Buffer.from(s, 'utf8')].map((b) => [b]));

// The instructions used, by name.
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  call: (f: number) => [0x10, ...uleb(f)],
  select: [0x1b],
  get: (l: number) => [0x20, ...uleb(l)],
  set: (l: number) => [0x21, ...uleb(l)],
  i32: (n: number) => [0x41, ...sleb(n)],
  i32Load: [0x28, 2, 0],
  i32Load4: [0x28, 2, 4], // the next int32 (start[e + 1])
  i32Sub: [0x6b],
  f32Load: [0x2a, 2, 0],
  f32Store: [0x38, 2, 0],
  i32GeU: [0x4f],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32And: [0x71],
  f32Gt: [0x5e],
  f32Add: [0x92],
  f32Mul: [0x94],
  f32: (x: number) => [0x43, ...new Uint8Array(new Float32Array([x]).buffer)],
  v128Store: (offset = 0) => [0xfd, ...uleb(11), 2, ...uleb(offset)],
  f32x4Splat: [0xfd, ...uleb(19)],
  v128Load: (offset = 0) => [0xfd, ...uleb(0), 2, ...uleb(offset)], // align 4 (as promised to the engine), and a byte offset
  f32x4Add: [0xfd, ...uleb(228)],
  f32x4Mul: [0xfd, ...uleb(230)],
  lane: (i: number) => [0xfd, ...uleb(31), i], // f32x4.extract_lane
  f32ConvertI32: [0xb2],
  i16x8Load8x8: [0xfd, ...uleb(1), 0, 0], // eight int8s widened to int16s
  i16x8Load8x8At: (offset: number) => [0xfd, ...uleb(1), 0, ...uleb(offset)],
  i32x4ExtendLow: [0xfd, ...uleb(167)], // i32x4.extend_low_i16x8_s
  i32x4ExtendHigh: [0xfd, ...uleb(168)],
  f32x4ConvertI32x4: [0xfd, ...uleb(250)],
  i32x4Splat: [0xfd, ...uleb(17)],
  i32Lane: (i: number) => [0xfd, ...uleb(27), i], // i32x4.extract_lane
  i32x4Add: [0xfd, ...uleb(174)],
  i32x4DotI16x8: [0xfd, ...uleb(186)], // i32x4.dot_i16x8_s: pairs of int16 products summed into int32 lanes
};

/** `while (l < limit) { body; l += step }` with l and limit locals. */
function whileBelow(l: number, limit: number, step: number[], body: number[]): number[] {
  return [...op.block, ...op.loop, ...op.get(l), ...op.get(limit), ...op.i32GeU, ...op.brIf(1), ...body, ...op.get(l), ...step, ...op.i32Add, ...op.set(l), ...op.br(0), ...op.end, ...op.end];
}

/** A function body: locals as [count, type] runs, then code. */
function body(locals: [number, number][], code: number[]): number[] {
  const b = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...code, ...op.end];
  return [...uleb(b.length), ...b];
}

/**
 * scales[i] × (int8 row · int16 q) for the row at local 0, left on the stack, local 0 moved on to the next
 * row: the step maxDotQ and dotsQ share. Thirty-two numbers a step, then eight. Their locals: 1 scales (at
 * row i's), 3 dim, 4 q, 7 rowEnd, 8 qp, 9 acc (v128), 11 end32.
 */
const scaledRowDotQ = [
  ...op.i32(0), ...op.i32x4Splat, ...op.set(9),
  ...op.get(0), ...op.get(3), ...op.i32Add, ...op.set(7),
  ...op.get(0), ...op.get(3), ...op.i32(-32), ...op.i32And, ...op.i32Add, ...op.set(11),
  ...op.get(4), ...op.set(8),
  ...whileBelow(0, 11, op.i32(32), [
    ...[0, 1, 2, 3].flatMap((k) => [...op.get(9), ...op.get(0), ...op.i16x8Load8x8At(8 * k), ...op.get(8), ...op.v128Load(16 * k), ...op.i32x4DotI16x8, ...op.i32x4Add, ...op.set(9)]),
    ...op.get(8), ...op.i32(64), ...op.i32Add, ...op.set(8),
  ]),
  ...whileBelow(0, 7, op.i32(8), [
    ...op.get(9), ...op.get(0), ...op.i16x8Load8x8, ...op.get(8), ...op.v128Load(), ...op.i32x4DotI16x8, ...op.i32x4Add, ...op.set(9),
    ...op.get(8), ...op.i32(16), ...op.i32Add, ...op.set(8),
  ]),
  ...op.get(9), ...op.i32Lane(0), ...op.get(9), ...op.i32Lane(1), ...op.i32Add, ...op.get(9), ...op.i32Lane(2), ...op.i32Add,
  ...op.get(9), ...op.i32Lane(3), ...op.i32Add, ...op.f32ConvertI32, ...op.get(1), ...op.f32Load, ...op.f32Mul,
];

const DOT = 0;
const MAX_DOT_Q = 5;
const functions: { name: string; params: number[]; result?: number; locals: [number, number][]; code: number[] }[] = [
  {
    // dot(a, b, n) -> f32: a[0..n) · b[0..n), byte addresses. Eight numbers a step in two accumulators
    // (one chain of additions waits on the previous one), then four, then n % 4 one by one.
    // locals: 3 end8, 4 end4, 5 end, 6 acc0 (v128), 7 acc1 (v128), 8 tail (f32)
    name: 'dot',
    params: [I32, I32, I32],
    result: F32,
    locals: [[3, I32], [2, V128], [1, F32]],
    code: [
      ...op.get(0), ...op.get(2), ...op.i32(-8), ...op.i32And, ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(3),
      ...op.get(0), ...op.get(2), ...op.i32(-4), ...op.i32And, ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(4),
      ...op.get(0), ...op.get(2), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(5),
      ...whileBelow(0, 3, op.i32(32), [
        ...op.get(6), ...op.get(0), ...op.v128Load(), ...op.get(1), ...op.v128Load(), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(6),
        ...op.get(7), ...op.get(0), ...op.v128Load(16), ...op.get(1), ...op.v128Load(16), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(7),
        ...op.get(1), ...op.i32(32), ...op.i32Add, ...op.set(1),
      ]),
      ...whileBelow(0, 4, op.i32(16), [
        ...op.get(6), ...op.get(0), ...op.v128Load(), ...op.get(1), ...op.v128Load(), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(6),
        ...op.get(1), ...op.i32(16), ...op.i32Add, ...op.set(1),
      ]),
      ...whileBelow(0, 5, op.i32(4), [
        ...op.get(8), ...op.get(0), ...op.f32Load, ...op.get(1), ...op.f32Load, ...op.f32Mul, ...op.f32Add, ...op.set(8),
        ...op.get(1), ...op.i32(4), ...op.i32Add, ...op.set(1),
      ]),
      ...op.get(6), ...op.get(7), ...op.f32x4Add, ...op.set(6),
      ...op.get(6), ...op.lane(0), ...op.get(6), ...op.lane(1), ...op.f32Add, ...op.get(6), ...op.lane(2), ...op.f32Add,
      ...op.get(6), ...op.lane(3), ...op.f32Add, ...op.get(8), ...op.f32Add,
    ],
  },
  {
    // dots(rows, count, dim, v, out): out[i] = row i · v for each of count rows of dim numbers.
    // locals: 5 end, 6 stride
    name: 'dots',
    params: [I32, I32, I32, I32, I32],
    locals: [[2, I32]],
    code: [
      ...op.get(4), ...op.get(1), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(5),
      ...op.get(2), ...op.i32(2), ...op.i32Shl, ...op.set(6),
      ...whileBelow(4, 5, op.i32(4), [
        ...op.get(4), ...op.get(0), ...op.get(3), ...op.get(2), ...op.call(DOT), ...op.f32Store,
        ...op.get(0), ...op.get(6), ...op.i32Add, ...op.set(0),
      ]),
    ],
  },
  {
    // maxDot(rows, count, dim, v) -> f32: the largest row · v, and 0 when none is above 0.
    // locals: 4 end, 5 stride, 6 best (f32), 7 d (f32)
    name: 'maxDot',
    params: [I32, I32, I32, I32],
    result: F32,
    locals: [[2, I32], [2, F32]],
    code: [
      ...op.get(2), ...op.i32(2), ...op.i32Shl, ...op.set(5),
      ...op.get(0), ...op.get(1), ...op.get(5), ...op.i32Mul, ...op.i32Add, ...op.set(4),
      ...whileBelow(0, 4, op.get(5), [
        ...op.get(0), ...op.get(3), ...op.get(2), ...op.call(DOT), ...op.set(7),
        ...op.get(7), ...op.get(6), ...op.get(7), ...op.get(6), ...op.f32Gt, ...op.select, ...op.set(6),
      ]),
      ...op.get(6),
    ],
  },
  {
    // addRows(rows, weights, ids, count, dim, out): out += weights[id] × int8 row id for each of
    // ids[0..count), eight numbers a step (dim is a multiple of 8): the weighted sum behind a sentence's
    // vector, each row's scale folded into its weight.
    // locals: 6 end (of ids), 7 row, 8 o, 9 oEnd, 10 w (v128), 11 x (v128)
    name: 'addRows',
    params: [I32, I32, I32, I32, I32, I32],
    locals: [[4, I32], [2, V128]],
    code: [
      ...op.get(2), ...op.get(3), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(6),
      ...op.get(5), ...op.get(4), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(9),
      ...whileBelow(2, 6, op.i32(4), [
        ...op.get(1), ...op.get(2), ...op.i32Load, ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.f32Load, ...op.f32x4Splat, ...op.set(10),
        ...op.get(0), ...op.get(2), ...op.i32Load, ...op.get(4), ...op.i32Mul, ...op.i32Add, ...op.set(7),
        ...op.get(5), ...op.set(8),
        ...whileBelow(8, 9, op.i32(32), [
          ...op.get(7), ...op.i16x8Load8x8, ...op.set(11),
          ...op.get(8), ...op.get(8), ...op.v128Load(), ...op.get(11), ...op.i32x4ExtendLow, ...op.f32x4ConvertI32x4, ...op.get(10), ...op.f32x4Mul, ...op.f32x4Add, ...op.v128Store(),
          ...op.get(8), ...op.get(8), ...op.v128Load(16), ...op.get(11), ...op.i32x4ExtendHigh, ...op.f32x4ConvertI32x4, ...op.get(10), ...op.f32x4Mul, ...op.f32x4Add, ...op.v128Store(16),
          ...op.get(7), ...op.i32(8), ...op.i32Add, ...op.set(7),
        ]),
      ]),
    ],
  },
  {
    // entryDots(rows, questions, scales, start, ids, rowIds, count, dim, v, nearest, own, q, unit): for each
    // entry e = ids[i], nearest[i] = unit × maxDotQ over its int8 questions start[e]..start[e + 1] (scales:
    // one per question) with q (v as int16s, one of which stands for unit), at least 0; own[i] = its row
    // rowIds[i] · v.
    // locals: 13 end (of ids), 14 e, 15 first
    name: 'entryDots',
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F32],
    locals: [[3, I32]],
    code: [
      ...op.get(4), ...op.get(6), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(13),
      ...whileBelow(4, 13, op.i32(4), [
        ...op.get(4), ...op.i32Load, ...op.set(14),
        ...op.get(3), ...op.get(14), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.i32Load, ...op.set(15),
        ...op.get(9),
        ...op.get(1), ...op.get(15), ...op.get(7), ...op.i32Mul, ...op.i32Add,
        ...op.get(2), ...op.get(15), ...op.i32(2), ...op.i32Shl, ...op.i32Add,
        ...op.get(3), ...op.get(14), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.i32Load4, ...op.get(15), ...op.i32Sub,
        ...op.get(7), ...op.get(11), ...op.f32(0), ...op.call(MAX_DOT_Q), ...op.get(12), ...op.f32Mul, ...op.f32Store,
        ...op.get(10),
        ...op.get(0), ...op.get(5), ...op.i32Load, ...op.get(7), ...op.i32Mul, ...op.i32(2), ...op.i32Shl, ...op.i32Add,
        ...op.get(8), ...op.get(7), ...op.call(DOT), ...op.f32Store,
        ...op.get(5), ...op.i32(4), ...op.i32Add, ...op.set(5),
        ...op.get(9), ...op.i32(4), ...op.i32Add, ...op.set(9),
        ...op.get(10), ...op.i32(4), ...op.i32Add, ...op.set(10),
      ]),
    ],
  },
  {
    // maxDotQ(rows, scales, count, dim, q, floor) -> f32: the largest scales[i] × (int8 row i · int16 q), and
    // floor when none is above it. In integers, where one instruction (i32x4.dot_i16x8_s) takes eight
    // products against four for float32, thirty-two numbers a step (then eight), each row a quarter of a
    // float32 row's bytes: 525 topic rows in 10–12 µs against 18–20 for dots() (scratch timing on this VM).
    // locals: 6 end (of scales), 7 rowEnd, 8 qp, 9 acc (v128), 10 d (f32), 11 end32
    name: 'maxDotQ',
    params: [I32, I32, I32, I32, I32, F32],
    result: F32,
    locals: [[3, I32], [1, V128], [1, F32], [1, I32]],
    code: [
      ...op.get(1), ...op.get(2), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(6),
      ...whileBelow(1, 6, op.i32(4), [
        ...scaledRowDotQ, ...op.set(10),
        ...op.get(10), ...op.get(5), ...op.get(10), ...op.get(5), ...op.f32Gt, ...op.select, ...op.set(5),
      ]),
      ...op.get(5),
    ],
  },
  {
    // dotsQ(rows, scales, count, dim, q, out): out[i] = scales[i] × (int8 row i · int16 q) for each of count
    // rows: maxDotQ's loop, every product kept (a question's closeness to each corpus topic).
    // locals: 6 end (of scales), 7 rowEnd, 8 qp, 9 acc (v128), 10 unused (f32: maxDotQ's layout), 11 end32
    name: 'dotsQ',
    params: [I32, I32, I32, I32, I32, I32],
    locals: [[3, I32], [1, V128], [1, F32], [1, I32]],
    code: [
      ...op.get(1), ...op.get(2), ...op.i32(2), ...op.i32Shl, ...op.i32Add, ...op.set(6),
      ...whileBelow(1, 6, op.i32(4), [
        ...op.get(5), ...scaledRowDotQ, ...op.f32Store,
        ...op.get(5), ...op.i32(4), ...op.i32Add, ...op.set(5),
      ]),
    ],
  },
];

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec(f.result ? [[f.result]] : [])]);
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x00, 0x00];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([memoryImport])),
    ...section(3, vec(functions.map((_, i) => uleb(i)))),
    ...section(7, vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(functions.map((f) => body(f.locals, f.code)))),
  ]);
}

interface Exports {
  dot(a: number, b: number, n: number): number;
  dots(rows: number, count: number, dim: number, v: number, out: number): void;
  maxDot(rows: number, count: number, dim: number, v: number): number;
  addRows(rows: number, weights: number, ids: number, count: number, dim: number, out: number): void;
  entryDots(rows: number, questions: number, scales: number, start: number, ids: number, rowIds: number, count: number, dim: number, v: number, nearest: number, own: number, q: number, unit: number): void;
  maxDotQ(rows: number, scales: number, count: number, dim: number, q: number, floor: number): number;
  dotsQ(rows: number, scales: number, count: number, dim: number, q: number, out: number): void;
}

let compiled: WebAssembly.Module | undefined;

/**
 * A block of WebAssembly memory holding vectors, cut into arrays once (their lengths given up front, each
 * starting on 16 bytes so a row of a multiple of 4 numbers is one SIMD load per 4), and the dot products
 * over them. It never grows, so the arrays never move. Arrays given to the kernel must be this memory's.
 */
export class VectorMemory {
  private readonly memory: WebAssembly.Memory;
  private readonly kernel: Exports;
  private readonly offsets: number[] = [];

  /** `lengths`: each array's length in 4-byte numbers (float32 or int32; an int8 array takes a quarter as many). */
  constructor(private readonly lengths: number[]) {
    let used = 0;
    for (const n of lengths) {
      this.offsets.push(used);
      used += Math.ceil(n / 4) * 16;
    }
    compiled ??= new WebAssembly.Module(moduleBytes());
    this.memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(used / 65536)) });
    this.kernel = new WebAssembly.Instance(compiled, { env: { memory: this.memory } }).exports as unknown as Exports;
  }

  /** Array i as float32s. */
  floats(i: number): Float32Array {
    return new Float32Array(this.memory.buffer, this.offsets[i], this.lengths[i]);
  }

  /** Array i as int32s. */
  ints(i: number): Int32Array {
    return new Int32Array(this.memory.buffer, this.offsets[i], this.lengths[i]);
  }

  /** Array i as int16s (two to each of its 4-byte numbers). */
  shorts(i: number): Int16Array {
    return new Int16Array(this.memory.buffer, this.offsets[i], this.lengths[i] * 2);
  }

  /** Array i as int8s (four to each of its 4-byte numbers). */
  bytes(i: number): Int8Array {
    return new Int8Array(this.memory.buffer, this.offsets[i], this.lengths[i] * 4);
  }

  /** a[ai·…] · b[bi·…] over n numbers; a and b are arrays of this memory, ai and bi indices into them. */
  dot(a: Float32Array, ai: number, b: Float32Array, bi: number, n: number): number {
    return this.kernel.dot(a.byteOffset + ai * 4, b.byteOffset + bi * 4, n);
  }

  /** out[i] = (row first + i of `rows`) · (row vi of `v`) for `count` rows of `dim` numbers. */
  dots(rows: Float32Array, first: number, count: number, dim: number, v: Float32Array, vi: number, out: Float32Array): void {
    this.kernel.dots(rows.byteOffset + first * dim * 4, count, dim, v.byteOffset + vi * dim * 4, out.byteOffset);
  }

  /** max(0, the largest (row first + i) · v over `count` rows). */
  maxDot(rows: Float32Array, first: number, count: number, dim: number, v: Float32Array): number {
    return this.kernel.maxDot(rows.byteOffset + first * dim * 4, count, dim, v.byteOffset);
  }

  /** out += weights[id] × (int8 row id of `rows`) for each of ids[0..count); dim a multiple of 8. */
  addRows(rows: Int8Array, weights: Float32Array, ids: Int32Array, count: number, dim: number, out: Float32Array): void {
    this.kernel.addRows(rows.byteOffset, weights.byteOffset, ids.byteOffset, count, dim, out.byteOffset);
  }

  /**
   * For each entry e = ids[i] (i < count): nearest[i] = max(0, its closest question · v), its questions
   * being int8 rows start[e]..start[e + 1] of `questions`, row q standing for scales[q] × its numbers, read
   * against `q`, v as int16s (see quantize(), which returned `unit`); own[i] = (row rowIds[i] of `rows`) · v.
   * dim a multiple of 8.
   */
  entryDots(
    rows: Float32Array,
    questions: Int8Array,
    scales: Float32Array,
    start: Int32Array,
    ids: Int32Array,
    rowIds: Int32Array,
    count: number,
    dim: number,
    v: Float32Array,
    nearest: Float32Array,
    own: Float32Array,
    q: Int16Array,
    unit: number,
  ): void {
    const k = this.kernel;
    k.entryDots(rows.byteOffset, questions.byteOffset, scales.byteOffset, start.byteOffset, ids.byteOffset, rowIds.byteOffset, count, dim, v.byteOffset, nearest.byteOffset, own.byteOffset, q.byteOffset, unit);
  }

  /**
   * max(floor, the largest scales[first + i] × (int8 row first + i of `rows`) · q over `count` rows), q an
   * int16 vector (see quantize()); dim a multiple of 8.
   */
  maxDotQ(rows: Int8Array, scales: Float32Array, first: number, count: number, dim: number, q: Int16Array, floor: number): number {
    return this.kernel.maxDotQ(rows.byteOffset + first * dim, scales.byteOffset + first * 4, count, dim, q.byteOffset, floor);
  }

  /** out[i] = scales[first + i] × (int8 row first + i of `rows`) · q for `count` rows, q as for maxDotQ. */
  dotsQ(rows: Int8Array, scales: Float32Array, first: number, count: number, dim: number, q: Int16Array, out: Float32Array): void {
    this.kernel.dotsQ(rows.byteOffset + first * dim, scales.byteOffset + first * 4, count, dim, q.byteOffset, out.byteOffset);
  }
}

/**
 * v as int16s into q, as large as they go (the largest number ±32767), for maxDotQ: returns what one unit of
 * q stands for. An int8 row times an int16 vector keeps each product exact and a 128-number sum far from
 * int32's limit; the rounding of q moves a cosine by ~1e-5, the int8 row's by ~1e-3.
 */
export function quantize(v: Float32Array, q: Int16Array): number {
  let top = 0;
  for (let k = 0; k < v.length; k++) top = Math.max(top, Math.abs(v[k]));
  if (!top) {
    q.fill(0);
    return 0;
  }
  const scale = 32767 / top;
  for (let k = 0; k < v.length; k++) q[k] = Math.round(v[k] * scale);
  return top / 32767;
}
