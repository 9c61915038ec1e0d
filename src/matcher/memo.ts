/**
 * A function of one string remembered per argument: words repeat across questions, so their stems and
 * features are worked out once. Past `limit` distinct arguments the memory starts over rather than grow
 * without end (a flood of made-up words cannot exhaust the heap).
 */
export function memoize<T>(fn: (key: string) => T, limit: number): (key: string) => T {
  const memory = new Map<string, T>();
  return (key) => {
    let value = memory.get(key);
    if (value === undefined) {
      if (memory.size >= limit) memory.clear();
      memory.set(key, (value = fn(key)));
    }
    return value;
  };
}
