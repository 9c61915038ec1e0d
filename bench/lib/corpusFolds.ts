// Unseen topics, measured without spending a blind set: a fold of the corpus's intents is left out of
// training, and becomes a game's FAQ (3 short lines of each intent as its operator phrasings, the intent's
// description as its answer) with the rest of their lines as players' questions; more left-out intents give
// the near-miss questions no entry answers, and the small-talk intents the far ones. Lines are taken in a
// seeded order, so a fold is the same from run to run until the corpus changes.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toSimplified } from '../../src/opencc';
import { seeded, shuffle } from '../../src/semantic/train';

export interface CorpusFold {
  dir: string;
  /** The intents the fold's model must be trained without. */
  leaveOut: string[];
  entries: number;
}

const ENTRIES = 48;
const NEAR_INTENTS = 16;
const FAR_INTENTS = 12;
const FOLDS = 5;

const shuffled = <T>(xs: T[], random: () => number): T[] => shuffle([...xs], random);

const HAN = /[\u4e00-\u9fff]/;
/** What an operator would write: a short question in Simplified Chinese, without Latin letters. */
const plain = (t: string) => HAN.test(t) && [...t].length <= 16 && !/[a-z]/i.test(t) && toSimplified(t) === t;

/** Every corpus line, by intent, in the files' order. */
export function corpusByIntent(corpusDir: string): Map<string, string[]> {
  const byIntent = new Map<string, string[]>();
  for (const f of readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl'))) {
    for (const l of readFileSync(join(corpusDir, f), 'utf8').split('\n')) {
      if (!l.trim()) continue;
      const { intent, text } = JSON.parse(l) as { intent: string; text: string };
      byIntent.set(intent, [...(byIntent.get(intent) ?? []), text]);
    }
  }
  return byIntent;
}

export function writeCorpusFold(corpusDir: string, k: number, outDir: string): CorpusFold {
  const intents = JSON.parse(readFileSync(join(corpusDir, 'intents.json'), 'utf8')) as { id: string; description: string }[];
  const lines = corpusByIntent(corpusDir);
  const random = seeded(101 + k);
  const topics = intents.filter((i) => !/^(oos|chat)\./.test(i.id));
  const fold = shuffled(topics.filter((_, n) => n % FOLDS === k), random);
  const faq = fold.slice(0, ENTRIES);
  const near = fold.slice(ENTRIES, ENTRIES + NEAR_INTENTS);
  const far = shuffled(intents.filter((i) => i.id.startsWith('oos.')), random).slice(0, FAR_INTENTS);
  const yaml: string[] = [];
  const test: object[] = [];
  const dev: object[] = [];
  const nearMiss: string[] = [];
  for (const e of faq) {
    const own = shuffled(lines.get(e.id) ?? [], random);
    const questions = [...own.filter(plain), ...own.filter((t) => !plain(t)).sort((a, b) => a.length - b.length)].slice(0, 3);
    const rest = own.filter((t) => !questions.includes(t));
    yaml.push(`- id: ${e.id}\n  questions: ${JSON.stringify(questions)}\n  answer: ${JSON.stringify(e.description)}\n`);
    test.push(...rest.slice(0, 8).map((text) => ({ text, expect: e.id })));
    dev.push(...rest.slice(8, 11).map((text) => ({ text, expect: e.id })));
  }
  for (const [intents_, testN, devN, isNear] of [[near, 5, 2, true], [far, 3, 1, false]] as const) {
    for (const i of intents_) {
      const own = shuffled(lines.get(i.id) ?? [], random);
      test.push(...own.slice(0, testN).map((text) => ({ text, expect: null })));
      dev.push(...own.slice(testN, testN + devN).map((text) => ({ text, expect: null })));
      if (isNear) nearMiss.push(...own.slice(0, testN + devN));
    }
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'entries.yaml'), yaml.join('\n'));
  writeFileSync(join(outDir, 'test.jsonl'), test.map((l) => JSON.stringify(l)).join('\n') + '\n');
  writeFileSync(join(outDir, 'dev.jsonl'), dev.map((l) => JSON.stringify(l)).join('\n') + '\n');
  writeFileSync(join(outDir, 'near-miss.txt'), nearMiss.join('\n') + '\n');
  return { dir: outDir, leaveOut: [...faq, ...near].map((i) => i.id), entries: faq.length };
}
