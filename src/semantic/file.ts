import { readFileSync, writeFileSync } from 'node:fs';
import { toInt8 } from './int8';
import type { Int8ModelData, SemanticModelData } from './model';

const MAGIC = 'KEFUSEM1';

/** What the file says about itself beyond the vectors (shown by `kefu faq try` and the bench). */
export interface ModelHeader {
  dim: number;
  count: number;
  trainedAt: string;
  corpus: { lines: number; intents: number };
  /** English sentences (with their Chinese translations) it was also trained on, when any. */
  pairs?: number;
  /** How many small-talk anchors follow the rows (float32, anchors × dim). */
  anchors?: number;
  /** The normalised small-talk messages behind the anchors, one array per intent. */
  smallTalk?: string[][];
  /** How many corpus topics follow the anchors (float32, topics × dim). */
  topics?: number;
}

/**
 * The model as a file: magic, header length and JSON header, tokens (UTF-8, one a line), SIF weights and
 * per-row scales as float32, then each row's vector as int8 (a quarter of float32, no loss that the
 * matcher's decisions can see: cosines move by ~1e-3).
 */
export function writeModel(path: string, data: SemanticModelData, meta: Omit<ModelHeader, 'dim' | 'count' | 'anchors' | 'smallTalk' | 'topics'>): void {
  const { dim, tokens, vectors, weights, anchors, smallTalk, topics } = data;
  const count = tokens.length;
  const header: ModelHeader = { dim, count, ...meta, anchors: anchors ? anchors.length / dim : 0, smallTalk, topics: topics ? topics.length / dim : 0 };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const tokenBytes = Buffer.from(tokens.join('\n'), 'utf8');
  const scales = new Float32Array(count);
  const rows = new Int8Array(count * dim);
  for (let i = 0; i < count; i++) scales[i] = toInt8(vectors.subarray(i * dim, i * dim + dim), rows, i * dim);
  const lengths = Buffer.alloc(12);
  lengths.writeUInt32LE(headerBytes.length, 0);
  lengths.writeUInt32LE(tokenBytes.length, 4);
  const parts: Buffer[] = [Buffer.from(MAGIC, 'ascii'), lengths, headerBytes, tokenBytes];
  const used = parts.reduce((n, p) => n + p.length, 0);
  parts.push(Buffer.alloc((4 - (used % 4)) % 4)); // float32 arrays start aligned
  parts.push(Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength));
  parts.push(Buffer.from(scales.buffer));
  parts.push(Buffer.from(rows.buffer));
  const written = parts.reduce((n, p) => n + p.length, 0);
  parts.push(Buffer.alloc((4 - (written % 4)) % 4));
  if (anchors) parts.push(Buffer.from(anchors.buffer, anchors.byteOffset, anchors.byteLength));
  if (topics) parts.push(Buffer.from(topics.buffer, topics.byteOffset, topics.byteLength));
  writeFileSync(path, Buffer.concat(parts));
}

export function readModel(path: string): { data: Int8ModelData; header: ModelHeader } {
  const buf = readFileSync(path);
  if (buf.toString('ascii', 0, 8) !== MAGIC) throw new Error(`${path}: not a Kefu semantic model`);
  const headerLength = buf.readUInt32LE(8);
  const tokenLength = buf.readUInt32LE(12);
  let at = 20;
  const header = JSON.parse(buf.toString('utf8', at, at + headerLength)) as ModelHeader;
  at += headerLength;
  const tokens = buf.toString('utf8', at, at + tokenLength).split('\n');
  at += tokenLength;
  at += (4 - (at % 4)) % 4;
  const { dim, count } = header;
  if (tokens.length !== count) throw new Error(`${path}: ${tokens.length} tokens, header says ${count}`);
  const floats = (n: number) => {
    const out = new Float32Array(n);
    out.set(new Float32Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + n * 4)));
    at += n * 4;
    return out;
  };
  const weights = floats(count);
  const scales = floats(count);
  const rows = new Int8Array(buf.buffer, buf.byteOffset + at, Math.min(count * dim, buf.length - at));
  at += count * dim;
  at += (4 - (at % 4)) % 4;
  const anchorCount = header.anchors ?? 0;
  const topicCount = header.topics ?? 0;
  if (buf.length !== at + (anchorCount + topicCount) * dim * 4) throw new Error(`${path}: truncated or corrupt (${buf.length} bytes)`);
  const anchors = anchorCount ? floats(anchorCount * dim) : undefined;
  const topics = topicCount ? floats(topicCount * dim) : undefined;
  // Kept as int8s: the model takes them as they are (a float copy would be rounded back to the same int8s).
  return { data: { dim, tokens, rows: { bytes: rows, scales }, weights, anchors, smallTalk: header.smallTalk, topics }, header };
}
