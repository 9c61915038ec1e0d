import { readFileSync } from 'node:fs';

/** One line of a labelled set (DESIGN §5): the entry id it must get, or null for "must not be answered". */
export interface LabelledLine {
  text: string;
  expect: string | null;
}

/** Reads a JSON-lines labelled set; a bad line throws `file:line: problem`. Extra fields are ignored. */
export function readLabelled(path: string): LabelledLine[] {
  const lines: LabelledLine[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (!raw.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (err) {
        throw new Error(`${path}:${i + 1}: not JSON (${(err as Error).message})`, { cause: err });
      }
      const { text, expect } = (value ?? {}) as Record<string, unknown>;
      if (typeof text !== 'string' || !(typeof expect === 'string' || expect === null)) {
        throw new Error(`${path}:${i + 1}: expected {"text": "...", "expect": "<entry id>" | null}`);
      }
      lines.push({ text, expect });
    });
  return lines;
}
