/** Small statistics the reports share. */

/** The q-quantile (0..1) of the values by nearest rank; 0 for none. */
export function quantile(values: number[], q: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values: number[]) => quantile(values, 0.5);

export function mean(values: number[]): number {
  return values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, 2) : 0;
}

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A share in 0..1, 0 when there is nothing to share. */
export const share = (part: number, whole: number) => (whole ? round(part / whole) : 0);
