import { VectorMemory } from './kernel';
import { CodeTable } from './codeTable';
import { toInt8 } from './int8';
import { semanticTokenIds, type TokenIdLookup } from './tokens';

/** A static sentence embedding: a vector per token, averaged with SIF weights, unit length. */
export interface SemanticModelData {
  dim: number;
  tokens: string[];
  /** Row-major, tokens.length × dim. */
  vectors: Float32Array;
  /** Per token: a / (a + p(token)), so frequent tokens (的, 我, 了) weigh little. */
  weights: Float32Array;
  /**
   * Where chit-chat lies: the unit centroid of each small-talk intent of the corpus (oos.*: weather, jokes,
   * "are you a robot"), anchors.length / dim of them. A question nearer to one of them than to any FAQ
   * entry is small talk, not a question the FAQ fails to answer.
   */
  anchors?: Float32Array;
  /** The normalised small-talk messages the anchors are made of, one array per intent: a fine-tuned model remakes its anchors from them. */
  smallTalk?: string[][];
  /**
   * Where each intent of the training corpus lies (unit centroids, topics.length / dim of them): the topics
   * players write to support about, so a question can be told to be about another topic than the FAQ entry
   * it resembles (星灵突破材料哪里刷 is about ascension, not about the gacha-rates entry it lies nearest).
   */
  topics?: Float32Array;
}

/** What a model keeps of its data beside the rows, which it holds as int8s (see rows()). */
export type SemanticModelInfo = Omit<SemanticModelData, 'vectors'>;

/** A model as its file holds it: the rows already int8s with a scale per row (row ≈ scale × int8s). */
export type Int8ModelData = SemanticModelInfo & { rows: { bytes: Int8Array; scales: Float32Array } };

/** Token ids handed to the kernel at a time when embedding a long text (an answer). */
const IDS_AT_ONCE = 256;

export class SemanticModel {
  readonly dim: number;
  readonly data: SemanticModelInfo;
  /** Token ids found without making the prefixed strings: by kind and text, Han characters and bigrams by code. */
  private readonly lookup: TokenIdLookup;
  private readonly memory: VectorMemory;
  /** The rows (int8s), each row's scale, and per token its SIF weight × its scale: what the kernel adds up. */
  private readonly rowBytes: Int8Array;
  private readonly scales: Float32Array;
  private readonly rowWeights: Float32Array;
  /** The ids of the text being embedded, and the weighted sum of their rows: the kernel's input and output. */
  private readonly idsIn: Int32Array;
  private readonly sum: Float32Array;

  /**
   * Takes the rows of `data` into WebAssembly memory as int8s with a scale each (the file's own precision:
   * a quarter of float32's memory, 8 MB less), where the kernel adds up a sentence's rows eight numbers at
   * a time; float rows (training, fine-tuning) are rounded to int8s, a file's are taken as they are.
   */
  constructor(data: SemanticModelData | Int8ModelData) {
    const d = data.dim;
    if (d % 8) throw new Error(`semantic model: vector size ${d} is not a multiple of 8`);
    const count = data.tokens.length;
    this.memory = new VectorMemory([Math.ceil((count * d) / 4), count, IDS_AT_ONCE, d]);
    this.rowBytes = this.memory.bytes(0);
    this.rowWeights = this.memory.floats(1);
    const { vectors, rows, ...info } = data as SemanticModelData & Partial<Int8ModelData>;
    if (rows) {
      this.rowBytes.set(rows.bytes.subarray(0, count * d));
      this.scales = rows.scales;
    } else {
      this.scales = new Float32Array(count);
      for (let i = 0; i < count; i++) this.scales[i] = toInt8(vectors.subarray(i * d, i * d + d), this.rowBytes, i * d);
    }
    for (let i = 0; i < count; i++) this.rowWeights[i] = data.weights[i] * this.scales[i];
    this.idsIn = this.memory.ints(2);
    this.sum = this.memory.floats(3);
    this.data = info;
    this.dim = d;
    this.lookup = lookupOf(data.tokens);
  }

  /** The rows as float32s, tokens × dim (a copy): what fine-tuning starts from. */
  rows(): Float32Array {
    const { rowBytes, scales, dim } = this;
    const out = new Float32Array(this.size * dim);
    for (let i = 0; i < this.size; i++) for (let k = 0; k < dim; k++) out[i * dim + k] = rowBytes[i * dim + k] * scales[i];
    return out;
  }

  get size(): number {
    return this.data.tokens.length;
  }

  /** The id of a token as semanticTokens() writes it (c:充), if the model knows it. */
  id(token: string): number | undefined {
    const key = keyOf(token);
    let id = -1;
    if (key?.kind === 'c') id = this.lookup.char(key.code);
    else if (key?.kind === 'b') id = this.lookup.pair(key.first, key.second);
    else if (key) id = this.lookup.text(key.kind, key.text);
    return id >= 0 ? id : undefined;
  }

  /** The known tokens' ids of a normalised text (repeats kept: a word said twice counts twice). */
  tokenIds(normalized: string): number[] {
    return semanticTokenIds(normalized, this.lookup);
  }

  /** The unit vector of a normalised text, or undefined when it has no known token. */
  embed(normalized: string, out: Float32Array = new Float32Array(this.dim)): Float32Array | undefined {
    return this.embedIds(this.tokenIds(normalized), out);
  }

  embedIds(ids: number[], out: Float32Array = new Float32Array(this.dim)): Float32Array | undefined {
    if (!ids.length) return undefined;
    const { idsIn, sum, memory, dim, rowBytes, rowWeights } = this;
    sum.fill(0);
    for (let from = 0; from < ids.length; from += IDS_AT_ONCE) {
      const count = Math.min(IDS_AT_ONCE, ids.length - from);
      for (let i = 0; i < count; i++) idsIn[i] = ids[from + i];
      memory.addRows(rowBytes, rowWeights, idsIn, count, dim, sum);
    }
    out.set(sum);
    return unit(out) ? out : undefined;
  }
}

/** The model's tokens as a TokenIdLookup: a Map per kind of text, code tables for Han characters and bigrams. */
function lookupOf(tokens: string[]): TokenIdLookup {
  const texts = { w: new Map<string, number>(), e: new Map<string, number>(), t: new Map<string, number>(), d: new Map<string, number>() };
  const chars: [number, number][] = [];
  const pairs: [number, number][] = [];
  tokens.forEach((token, id) => {
    const key = keyOf(token);
    if (key?.kind === 'c') chars.push([key.code, id]);
    else if (key?.kind === 'b') pairs.push([pairKey(key.first, key.second), id]);
    else if (key) texts[key.kind].set(key.text, id);
  });
  const charTable = new CodeTable(chars);
  const pairTable = new CodeTable(pairs);
  return {
    text: (kind, text) => texts[kind].get(text) ?? -1,
    char: (code) => charTable.get(code),
    pair: (first, second) => pairTable.get(pairKey(first, second)),
  };
}

/** What a token as semanticTokens() writes it (c:充, b:充值, w:充值, e:refund…) is looked up by. */
type TokenKey = { kind: 'c'; code: number } | { kind: 'b'; first: number; second: number } | { kind: 'w' | 'e' | 't' | 'd'; text: string };

function keyOf(token: string): TokenKey | undefined {
  const kind = token.slice(0, 2);
  const text = token.slice(2);
  if (kind === 'c:' && text.length === 1) return { kind: 'c', code: text.charCodeAt(0) };
  if (kind === 'b:' && text.length === 2) return { kind: 'b', first: text.charCodeAt(0), second: text.charCodeAt(1) };
  if (kind === 'w:' || kind === 'e:' || kind === 't:' || kind === 'd:') return { kind: kind[0] as 'w' | 'e' | 't' | 'd', text };
  return undefined;
}

function pairKey(first: number, second: number): number {
  return (first << 16) | second;
}

/** Scales v to unit length in place; false for a zero vector. */
export function unit(v: Float32Array): boolean {
  let n = 0;
  for (let k = 0; k < v.length; k++) n += v[k] * v[k];
  if (n <= 1e-12) return false;
  const inv = 1 / Math.sqrt(n);
  for (let k = 0; k < v.length; k++) v[k] *= inv;
  return true;
}

/** The unit centroid of each small-talk intent's messages under `model` (see SemanticModelData.anchors). */
export function anchorsOf(model: SemanticModel, intents: string[][]): Float32Array {
  const d = model.dim;
  const anchors = new Float32Array(intents.length * d);
  const v = new Float32Array(d);
  intents.forEach((texts, a) => {
    const centre = anchors.subarray(a * d, a * d + d);
    for (const text of texts) if (model.embed(text, v)) for (let k = 0; k < d; k++) centre[k] += v[k];
    unit(centre);
  });
  return anchors;
}
