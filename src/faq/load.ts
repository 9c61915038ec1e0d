import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import { basicNormalize } from '../matcher/normalize';
import { FAQ_ACTIONS, type Faq, type FaqAction, type FaqEntry, type FaqProblem } from './types';

/** Files in the FAQ folder that hold something other than entries (each has its own reader). */
export const RESERVED_FILES = new Set([
  'synonyms.yaml',
  'matcher.yaml',
  'phrases.yaml',
  'canned.yaml',
  'welcome.yaml',
  'menu.yaml',
  // Case work (src/cases): complaint categories, 回访话术, announcements.
  'complaint-categories.yaml',
  'followup-scripts.yaml',
  'announcements.yaml',
  'scorecard.yaml',
]);

const ID = /^[a-z0-9._-]+$/;
const ENTRY_KEYS = new Set(['id', 'questions', 'answer', 'answer_en', 'action', 'keywords', 'tags']);

/** A FAQ folder that cannot be served; the message lists every problem as `file:line: problem`. */
export class FaqLoadError extends Error {
  constructor(readonly problems: FaqProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'FaqLoadError';
  }
}

export function formatProblem(p: FaqProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

/**
 * Loads and validates a FAQ folder; throws FaqLoadError when anything is wrong (nothing half-loaded). With
 * `onWarning`, problems that leave the FAQ usable go there instead: `faq eval` on a labelled set whose
 * data has one question under two entries still measures, where serving it would not be allowed.
 */
export function loadFaq(dir: string, opts: { onWarning?: (p: FaqProblem) => void } = {}): Faq {
  const { faq, problems } = readFaq(dir);
  const { onWarning } = opts;
  const fatal = onWarning ? problems.filter((p) => !p.warning) : problems;
  if (fatal.length) throw new FaqLoadError(fatal);
  if (onWarning) problems.forEach(onWarning);
  return faq;
}

/** Every problem in a FAQ folder (empty when it is good): what `kefu faq check` prints. */
export function checkFaq(dir: string): FaqProblem[] {
  return readFaq(dir).problems;
}

/** The FAQ as read, with every problem found; the FAQ is only safe to serve when there are none. */
export function readFaq(dir: string): { faq: Faq; problems: FaqProblem[] } {
  const problems: FaqProblem[] = [];
  const entries: FaqEntry[] = [];
  const base = dirname(dir);
  let files: string[];
  try {
    files = yamlFiles(dir);
  } catch (err) {
    problems.push({ file: dir, line: 0, message: `cannot read the FAQ folder: ${(err as Error).message}` });
    return { faq: { dir, entries, synonyms: [] }, problems };
  }
  const ids: IdAt[] = [];
  for (const path of files) {
    if (RESERVED_FILES.has(basename(path))) continue;
    entries.push(...readEntries(path, relative(base, path) || path, problems, ids));
  }
  if (!files.length) problems.push({ file: dir, line: 0, message: 'no FAQ files (*.yaml) in this folder' });
  crossCheck(entries, ids, problems);
  const synonyms = readSynonyms(join(dir, 'synonyms.yaml'), relative(base, join(dir, 'synonyms.yaml')), problems);
  problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { faq: { dir, entries, synonyms }, problems };
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/**
 * Parses one YAML file that must hold a list, with line numbers. YAML errors and a root that is not a
 * list (`expected` says what it should be) become problems; an empty file is an empty list.
 */
function parseList(path: string, file: string, problems: FaqProblem[], expected: string): { items: Node[]; line: (n?: Node | null) => number } | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter, uniqueKeys: true });
  const line = (n?: Node | null) => (n?.range ? lineCounter.linePos(n.range[0]).line : 1);
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, line: e.linePos?.[0].line ?? 1, message: `YAML: ${e.message.split('\n')[0]}` });
    return undefined;
  }
  const root = doc.contents as Node | null;
  if (root === null) return { items: [], line };
  if (!isSeq(root)) {
    problems.push({ file, line: line(root), message: expected });
    return undefined;
  }
  return { items: root.items as Node[], line };
}

/** Where an id was written, whether or not its entry has other problems (a duplicate is never hidden). */
interface IdAt {
  id: string;
  file: string;
  line: number;
}

function readEntries(path: string, file: string, problems: FaqProblem[], ids: IdAt[]): FaqEntry[] {
  const parsed = parseList(path, file, problems, 'an FAQ file must be a list of entries (- id: …)');
  if (!parsed) return [];
  const { items, line } = parsed;
  const entries: FaqEntry[] = [];
  for (const item of items) {
    const at = line(item);
    if (!isMap(item)) {
      problems.push({ file, line: at, message: 'an entry must be a mapping with id, questions, answer' });
      continue;
    }
    const id = item.get('id');
    if (typeof id === 'string' && ID.test(id)) ids.push({ id, file, line: at });
    const entry = readEntry(item, file, at, line, problems);
    if (entry) entries.push(entry);
  }
  return entries;
}

function readEntry(item: YAMLMap, file: string, at: number, line: (n?: Node | null) => number, problems: FaqProblem[]): FaqEntry | undefined {
  const problem = (message: string, node?: Node | null) => problems.push({ file, line: node ? line(node) : at, message });
  for (const pair of item.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (ENTRY_KEYS.has(key)) continue;
    // A field of some other tool's format (category, intent…) is ignored by eval and try, not fatal to them.
    const message = `unknown field "${key}" (expected ${[...ENTRY_KEYS].join(', ')})`;
    problems.push({ file, line: line(pair.key as Node), message, warning: true });
  }
  const before = problems.length;
  const id = item.get('id');
  if (typeof id !== 'string' || !ID.test(id)) problem(`id must match [a-z0-9._-]+, got ${JSON.stringify(id ?? null)}`);
  const action = (item.get('action') ?? 'answer') as FaqAction;
  if (!FAQ_ACTIONS.includes(action)) problem(`unknown action "${String(action)}" (expected ${FAQ_ACTIONS.join(' | ')})`, item.get('action', true) as Node);
  const questions = stringList(item, 'questions', problem);
  if (questions && !questions.length) problem('questions must hold at least one phrasing', item.get('questions', true) as Node);
  const answer = item.get('answer');
  if (answer !== undefined && (typeof answer !== 'string' || !answer.trim())) problem('answer is empty', item.get('answer', true) as Node);
  if (answer === undefined && action === 'answer') problem('answer is required when action is answer');
  const answerEn = item.get('answer_en');
  if (answerEn !== undefined && (typeof answerEn !== 'string' || !answerEn.trim())) problem('answer_en is empty', item.get('answer_en', true) as Node);
  if (answerEn !== undefined && answer === undefined) problem('answer_en needs an answer beside it (the FAQ\'s own language)', item.get('answer_en', true) as Node);
  const keywords = stringList(item, 'keywords', problem) ?? [];
  const tags = stringList(item, 'tags', problem) ?? [];
  if (problems.length > before || !questions) return undefined;
  return {
    id: id as string,
    questions: questions.map((q) => q.trim()),
    answer: typeof answer === 'string' ? answer.trim() : undefined,
    answerEn: typeof answerEn === 'string' ? answerEn.trim() : undefined,
    action,
    keywords,
    tags,
    source: { file, line: at },
  };
}

/** A field that must be a list of non-empty strings; undefined when absent or wrong (the problem is recorded). */
function stringList(item: YAMLMap, key: string, problem: (m: string, n?: Node | null) => void): string[] | undefined {
  const node = item.get(key, true) as Node | undefined;
  if (node === undefined) {
    if (key === 'questions') problem('questions is required (a list of example phrasings)');
    return undefined;
  }
  if (!isSeq(node)) {
    problem(`${key} must be a list`, node);
    return undefined;
  }
  const out: string[] = [];
  for (const q of node.items as Node[]) {
    const value = isScalar(q) ? q.value : undefined;
    if ((typeof value !== 'string' && typeof value !== 'number') || !String(value).trim()) problem(`${key}: every item must be non-empty text`, q);
    else out.push(String(value));
  }
  return out;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * Entries written in Chinese that English-speaking players get in Chinese (no `answer_en`): a hint for
 * `faq check`, never a reason to refuse the FAQ.
 */
export function missingEnglish(faq: Faq): FaqProblem[] {
  return faq.entries
    .filter((e) => e.answer && CJK.test(e.answer) && !e.answerEn)
    .map((e) => ({ ...e.source, message: `"${e.id}" has no answer_en: players who write English get the Chinese answer`, warning: true }));
}

/** Problems between entries: a duplicate id, or one question under two entries. */
function crossCheck(entries: FaqEntry[], ids: IdAt[], problems: FaqProblem[]): void {
  const seen = new Map<string, IdAt>();
  for (const at of ids) {
    const first = seen.get(at.id);
    if (first) problems.push({ file: at.file, line: at.line, message: `duplicate id "${at.id}" (first at ${first.file}:${first.line})` });
    else seen.set(at.id, at);
  }
  const questions = new Map<string, FaqEntry>();
  for (const e of entries) {
    for (const q of new Set(e.questions.map(questionKey))) {
      const owner = questions.get(q);
      if (owner && owner.id !== e.id) {
        const message = `question "${q}" is also under "${owner.id}" (${owner.source.file}:${owner.source.line})`;
        problems.push({ ...e.source, message, warning: true });
      } else questions.set(q, e);
    }
  }
}

/** How two questions are compared for "the same question": case, width and spacing aside. */
function questionKey(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** synonyms.yaml: a list of groups, each a list of terms; the first term is the canonical one. */
function readSynonyms(path: string, file: string, problems: FaqProblem[]): string[][] {
  if (!existsSync(path)) return [];
  const parsed = parseList(path, file, problems, 'synonyms must be a list of groups, e.g. - [充值, 氪金, 储值]');
  if (!parsed) return [];
  const { items, line } = parsed;
  const groups: string[][] = [];
  const seen = new Map<string, number>();
  for (const group of items) {
    if (!isSeq(group) || group.items.length < 2) {
      problems.push({ file, line: line(group), message: 'a synonym group must be a list of at least two terms' });
      continue;
    }
    const terms = (group.items as Node[]).map((t) => (isScalar(t) ? String(t.value ?? '').trim() : ''));
    if (terms.some((t) => !t)) {
      problems.push({ file, line: line(group), message: 'a synonym term must be non-empty text' });
      continue;
    }
    // Compared as the matcher sees them (hacked and hack, 帳號 and 账号 are one term); a repeat inside its own
    // group is harmless, one in another group makes the term ambiguous.
    const here = line(group);
    for (const t of terms) {
      const key = basicNormalize(t);
      const other = seen.get(key);
      const as = key === t ? '' : ` (as "${key}")`;
      if (other !== undefined && other !== here) problems.push({ file, line: here, message: `term "${t}"${as} is already in the group at line ${other}` });
      else seen.set(key, here);
    }
    groups.push(terms);
  }
  return groups;
}
