import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CORPUS = join(__dirname, '../../corpus');
const MIN_INTENTS = 300;
const MIN_LINES_PER_INTENT = 30;

interface Shape {
  problems: string[];
  lines: number;
  perIntent: Map<string, number>;
}

/** Reads a corpus folder (intents.json + *.jsonl) and lists every problem as `file:line: problem`. */
function checkCorpus(dir: string): Shape {
  const problems: string[] = [];
  const perIntent = new Map<string, number>();
  let intents: unknown;
  try {
    intents = JSON.parse(readFileSync(join(dir, 'intents.json'), 'utf8'));
  } catch (e) {
    return { problems: [`intents.json:1: ${(e as Error).message}`], lines: 0, perIntent };
  }
  if (!Array.isArray(intents)) return { problems: ['intents.json:1: not a list'], lines: 0, perIntent };
  for (const [i, it] of intents.entries()) {
    const { id, description } = (it ?? {}) as { id?: unknown; description?: unknown };
    if (typeof id !== 'string' || !/^[a-z]+\.[a-z0-9_]+$/.test(id)) problems.push(`intents.json: entry ${i}: bad id ${JSON.stringify(id)}`);
    else if (perIntent.has(id)) problems.push(`intents.json: entry ${i}: duplicate id ${id}`);
    else perIntent.set(id, 0);
    // descriptions are for the people who extend the corpus: Chinese, like the console
    if (typeof description !== 'string' || !/\p{Script=Han}/u.test(description)) problems.push(`intents.json: entry ${i}: description must be Chinese`);
  }

  const firstSeen = new Map<string, string>();
  let lines = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((raw, n) => {
      const at = `${file}:${n + 1}`;
      if (raw === '') return; // the newline at the end of the file
      let row: { intent?: unknown; text?: unknown };
      try {
        row = JSON.parse(raw);
      } catch {
        problems.push(`${at}: not JSON`);
        return;
      }
      const keys = Object.keys(row ?? {}).sort().join(',');
      if (keys !== 'intent,text') return void problems.push(`${at}: keys must be intent and text, got ${keys}`);
      if (typeof row.text !== 'string' || row.text.trim() === '') return void problems.push(`${at}: empty text`);
      if (typeof row.intent !== 'string' || !perIntent.has(row.intent)) return void problems.push(`${at}: intent ${String(row.intent)} is not in intents.json`);
      const text = row.text.trim();
      const first = firstSeen.get(text);
      if (first) return void problems.push(`${at}: duplicate of ${first}`);
      firstSeen.set(text, at);
      perIntent.set(row.intent, (perIntent.get(row.intent) ?? 0) + 1);
      lines++;
    });
  }
  if (perIntent.size < MIN_INTENTS) problems.push(`intents.json: ${perIntent.size} intents, want at least ${MIN_INTENTS}`);
  for (const [id, count] of perIntent) {
    if (count < MIN_LINES_PER_INTENT) problems.push(`intents.json: ${id} has ${count} lines, want at least ${MIN_LINES_PER_INTENT}`);
  }
  return { problems, lines, perIntent };
}

describe('the training corpus', () => {
  it('is well-formed: JSON lines naming known intents, no duplicates, enough intents and phrasings', () => {
    const { problems, lines, perIntent } = checkCorpus(CORPUS);
    expect(problems).toEqual([]);
    expect(perIntent.size).toBeGreaterThanOrEqual(MIN_INTENTS);
    expect(lines).toBeGreaterThanOrEqual(MIN_INTENTS * MIN_LINES_PER_INTENT);
  });

  it('keeps the seed as it came and the additions in extra-*.jsonl files', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.jsonl'));
    expect(files).toContain('seed.jsonl');
    expect(files.filter((f) => f !== 'seed.jsonl').every((f) => f.startsWith('extra-'))).toBe(true);
    expect(readFileSync(join(CORPUS, 'seed.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(7452);
  });

  it('names each problem of a broken corpus with its file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-corpus-'));
    writeFileSync(join(dir, 'intents.json'), JSON.stringify([{ id: 'pay.refund', description: '申请退款' }, { id: 'pay.refund', description: 'refund' }]));
    writeFileSync(
      join(dir, 'extra-a.jsonl'),
      [
        '{"intent": "pay.refund", "text": "能不能退648"}',
        '{"intent": "pay.refund", "text": "能不能退648"}',
        '{"intent": "pay.nope", "text": "退款"}',
        '{"intent": "pay.refund"',
        '{"intent": "pay.refund", "text": "  "}',
        '{"intent": "pay.refund", "text": "退钱", "lang": "zh"}',
      ].join('\n') + '\n',
    );
    expect(checkCorpus(dir).problems).toEqual([
      'intents.json: entry 1: duplicate id pay.refund',
      'intents.json: entry 1: description must be Chinese',
      'extra-a.jsonl:2: duplicate of extra-a.jsonl:1',
      'extra-a.jsonl:3: intent pay.nope is not in intents.json',
      'extra-a.jsonl:4: not JSON',
      'extra-a.jsonl:5: empty text',
      'extra-a.jsonl:6: keys must be intent and text, got intent,lang,text',
      'intents.json: 1 intents, want at least 300',
      'intents.json: pay.refund has 1 lines, want at least 30',
    ]);
  });
});
