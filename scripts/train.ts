// `npm run train`: rebuilds the semantic model (models/semantic.bin) from the corpus in corpus/.
// Options: --out FILE, --epochs N, --dim N, --seed N, --leave-out PREFIX[,PREFIX] (intents left out: topic-removed runs).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { BASE_SYNONYMS } from '../src/matcher/baseSynonyms';
import { createNormalizer } from '../src/matcher/normalize';
import { writeModel } from '../src/semantic/file';
import { anchorsOf, SemanticModel } from '../src/semantic/model';
import { trainSemantic } from '../src/semantic/train';

const program = new Command()
  .option('--corpus <dir>', 'folder of *.jsonl lines {"intent","text"}', resolve(__dirname, '../corpus'))
  .option('--out <file>', 'model file to write', resolve(__dirname, '../models/semantic.bin'))
  .option('--epochs <n>', 'training epochs', (v) => parseInt(v, 10), 30)
  .option('--dim <n>', 'vector size', (v) => parseInt(v, 10), 128)
  .option('--seed <n>', 'random seed (2: the shipped model; seeds 1–3 were trained and 2 chosen on the dev splits)', (v) => parseInt(v, 10), 2)
  .option('--batch <n>', 'distinct intents per batch', (v) => parseInt(v, 10), 128)
  .option('--leave-out <ids>', 'comma-separated intent ids (or prefixes ending in *) to leave out', '')
  .option('--pairs <file>', 'English–Chinese sentence pairs, Tatoeba\'s cmn.txt layout (English<TAB>Chinese<TAB>attribution), to tie the two languages together')
  .option('--pair-share <x>', 'share of the pairs each epoch trains on', parseFloat, 0.33)
  .parse();
const o = program.opts<{ corpus: string; out: string; epochs: number; dim: number; seed: number; batch: number; leaveOut: string; pairs?: string; pairShare: number }>();

const leaveOut = o.leaveOut.split(',').filter(Boolean);
const leftOut = (intent: string) => leaveOut.some((p) => (p.endsWith('*') ? intent.startsWith(p.slice(0, -1)) : intent === p));
const byIntent = new Map<string, string[]>();
let lines = 0;
for (const file of readdirSync(o.corpus).filter((f) => f.endsWith('.jsonl')).sort()) {
  readFileSync(join(o.corpus, file), 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: { intent?: unknown; text?: unknown };
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${file}:${i + 1}: not JSON`);
    }
    if (typeof row.intent !== 'string' || typeof row.text !== 'string') throw new Error(`${file}:${i + 1}: needs "intent" and "text"`);
    if (leftOut(row.intent)) return;
    byIntent.set(row.intent, [...(byIntent.get(row.intent) ?? []), row.text]);
    lines++;
  });
}
const normalize = createNormalizer(BASE_SYNONYMS.map((g) => [...g]));
// Training data stays apart from every set the matcher is measured on: a corpus line that reads like one
// of their lines (after normalisation, spaces out) is left out.
const measured = new Set(evaluationLines().map((t) => normalize(t).replace(/\s+/g, '')));
let dropped = 0;
const groups = [...byIntent.values()].map((texts) =>
  normalize.many(texts).filter((t) => {
    const keep = !measured.has(t.replace(/\s+/g, ''));
    if (!keep) dropped++;
    return keep;
  }),
);
lines -= dropped;
console.error(`left out ${dropped} corpus lines that read like a line of an evaluation set`);
console.error(`corpus: ${lines} lines, ${groups.length} intents`);
const pairGroups = o.pairs ? translationGroups(o.pairs) : [];
if (o.pairs) console.error(`pairs: ${pairGroups.length} English sentences with their Chinese translations`);
const started = Date.now();
const model = trainSemantic(groups, { side: { groups: pairGroups, share: o.pairShare }, epochs: o.epochs, dim: o.dim, seed: o.seed, maxBatch: o.batch, log: (l) => console.error(l) });
const intents = [...byIntent.keys()];
model.smallTalk = intents.flatMap((intent, i) => (isSmallTalk(intent) ? [groups[i]] : []));
const trained = new SemanticModel(model);
model.anchors = anchorsOf(trained, model.smallTalk);
model.topics = anchorsOf(trained, groups.filter((_, i) => isTopic(intents[i])));
console.error(`trained in ${((Date.now() - started) / 1000).toFixed(1)} s: ${model.tokens.length} tokens × ${model.dim}`);
writeModel(o.out, model, { trainedAt: new Date().toISOString(), corpus: { lines, intents: groups.length }, ...(o.pairs ? { pairs: pairGroups.length } : {}) });
console.error(`wrote ${o.out}`);

/**
 * The intents that make the small-talk anchors: everything out of scope (oos.*) and the chit-chat about the
 * bot itself; not greetings, thanks or "I have a question", which are the start of a real conversation.
 */
function isSmallTalk(intent: string): boolean {
  return intent.startsWith('oos.') || ['chat.are_you_robot', 'chat.what_can_you_do', 'chat.praise', 'chat.nonsense'].includes(intent);
}

/**
 * The intents that are topics (what a player writes to support about, for the off-topic check): all but
 * chat.*, which is how a message is said (你好, 谢谢, 快点, I have a question), not what it is about: a
 * greeting before a question must not make it look off the topic of the entry that answers it.
 */
function isTopic(intent: string): boolean {
  return !intent.startsWith('chat.');
}

/**
 * Each English sentence of a translation-pairs file with all its Chinese translations, as one group: general
 * everyday sentences that teach the model which English words mean which Chinese ones (and so, through the
 * Chinese, which English words mean the same), not the domain. Lines like an evaluation line are left out.
 */
function translationGroups(file: string): string[][] {
  const byEnglish = new Map<string, string[]>();
  readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const [en, zh] = line.split('\t');
      if (!en || !zh) throw new Error(`${file}:${i + 1}: needs English<TAB>Chinese`);
      const key = en.trim().toLowerCase();
      byEnglish.set(key, [...(byEnglish.get(key) ?? [en.trim()]), zh.trim()]);
    });
  return [...byEnglish.values()].map((texts) => normalize.many(texts).filter((t) => t && !measured.has(t.replace(/\s+/g, '')))).filter((g) => g.length >= 2);
}

/** The texts of every labelled set in the repository: faq/tests.jsonl and the .jsonl files under test/fixtures. */
function evaluationLines(): string[] {
  const root = resolve(__dirname, '..');
  const files = [join(root, 'faq/tests.jsonl'), ...walk(join(root, 'test/fixtures'))].filter((f) => f.endsWith('.jsonl') && existsSync(f));
  return files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((line) => {
        try {
          const row = JSON.parse(line) as { text?: unknown };
          return typeof row.text === 'string' ? [row.text] : [];
        } catch {
          return [];
        }
      }),
  );
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
