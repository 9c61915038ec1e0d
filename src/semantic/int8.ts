// Held in module scope: a global lookup is slow inside a vm context (jest's test environment).
const { max, abs, round } = Math;

/**
 * A row of numbers as int8s and one scale (row ≈ scale × int8s): a quarter of float32's memory, and
 * cosines move by ~1e-3, which the matcher's decisions cannot see. Writes out[at..at + row.length) and
 * returns the scale.
 */
export function toInt8(row: Float32Array, out: Int8Array, at: number): number {
  let top = 0;
  for (let k = 0; k < row.length; k++) top = max(top, abs(row[k]));
  const scale = top / 127 || 1;
  for (let k = 0; k < row.length; k++) out[at + k] = round(row[k] / scale);
  return scale;
}
