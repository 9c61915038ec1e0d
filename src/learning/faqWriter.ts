import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node, type YAMLMap } from 'yaml';
import { readFaq } from '../faq/load';

/** Where learned entries go when they belong to no existing entry. */
export const LEARNED_FILE = 'learned.yaml';
const LEARNED_HEADER = `# Entries learned from agents' answers (kefu faq learn, console → FAQ 学习). Edit them freely, or move
# them into another file of this folder; the format is the one of every FAQ file (README "The FAQ folder").
`;
// As the files are written by hand: no re-folding of long lines, [a, b] without inner spaces.
const AS_WRITTEN = { lineWidth: 0, flowCollectionPadding: false } as const;

export class FaqWriteError extends Error {
  constructor(
    readonly code: 'unknown_entry' | 'duplicate_question' | 'bad_id' | 'duplicate_id',
    message: string,
  ) {
    super(message);
  }
}

/** A question as two entries are compared for "the same question" by the loader: case, width and spaces aside. */
const questionKey = (q: string) => q.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Adds a phrasing to an entry's questions in the file that holds it, keeping the file's comments and layout
 * (the yaml package's Document API): only that list changes. Returns where it went, as `file:line`.
 */
export function addQuestion(faqDir: string, entryId: string, question: string): string {
  const { faq } = readFaq(faqDir);
  const entry = faq.entries.find((e) => e.id === entryId);
  if (!entry) throw new FaqWriteError('unknown_entry', `no FAQ entry "${entryId}"`);
  refuseTaken(faq.entries, question, entryId);
  const path = join(dirname(faqDir), entry.source.file);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  const item = entryNode(doc, entryId);
  const questions = item?.get('questions', true);
  if (!item || !isSeq(questions)) throw new FaqWriteError('unknown_entry', `no questions list under "${entryId}" in ${entry.source.file}`);
  if (!questions.items.some((q) => questionKey(String((q as Scalar).value)) === questionKey(question))) (questions.items as Node[]).push(new Scalar(question));
  return save(path, doc, entry.source.file, entryId);
}

/** Appends a new entry (one question, the agent's answer) to learned.yaml, created when absent. */
export function addEntry(faqDir: string, e: { id: string; question: string; answer: string }): string {
  if (!/^[a-z0-9._-]+$/.test(e.id)) throw new FaqWriteError('bad_id', `id must match [a-z0-9._-]+, got "${e.id}"`);
  const { faq } = readFaq(faqDir);
  if (faq.entries.some((x) => x.id === e.id)) throw new FaqWriteError('duplicate_id', `an entry "${e.id}" exists already`);
  refuseTaken(faq.entries, e.question, e.id);
  const path = join(faqDir, LEARNED_FILE);
  const doc = parseDocument(existsSync(path) ? readFileSync(path, 'utf8') : `${LEARNED_HEADER}[]\n`);
  if (!isSeq(doc.contents)) throw new FaqWriteError('bad_id', `${LEARNED_FILE} is not a list of entries`);
  const node = doc.createNode({ id: e.id, questions: [e.question], answer: e.answer.trim() + (e.answer.includes('\n') ? '\n' : '') }) as YAMLMap;
  const questions = node.get('questions', true);
  if (isSeq(questions)) questions.flow = true;
  const answer = node.get('answer', true) as Scalar;
  if (e.answer.includes('\n')) answer.type = Scalar.BLOCK_LITERAL;
  doc.contents.flow = false;
  (doc.contents.items as Node[]).push(node);
  return save(path, doc, relative(dirname(faqDir), path), e.id);
}

function refuseTaken(entries: { id: string; questions: string[] }[], question: string, ownId: string): void {
  const other = entries.find((x) => x.id !== ownId && x.questions.some((q) => questionKey(q) === questionKey(question)));
  if (other) throw new FaqWriteError('duplicate_question', `"${question}" is already a question of "${other.id}"`);
}

function entryNode(doc: Document, id: string): YAMLMap | undefined {
  if (!isSeq(doc.contents)) return undefined;
  return (doc.contents.items as Node[]).find((n): n is YAMLMap => isMap(n) && n.get('id') === id);
}

/** Writes beside and renames over, so a reader (the hot reload) never sees half a file; returns file:line. */
function save(path: string, doc: Document, file: string, entryId: string): string {
  const text = doc.toString(AS_WRITTEN);
  const tmp = join(dirname(path), `.${Date.now()}.learn.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  const lines = new LineCounter();
  const written = parseDocument(text, { lineCounter: lines });
  const node = entryNode(written, entryId);
  return `${file}:${node?.range ? lines.linePos(node.range[0]).line : 1}`;
}
