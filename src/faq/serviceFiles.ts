import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { FaqProblem } from './types';

/**
 * The files the service reads beside the FAQ entries — phrases.yaml, welcome.yaml, menu.yaml — checked
 * the one way both the service and `kefu faq check` use: every problem, each at its own line.
 */
export interface YamlFile {
  doc: Document;
  line(node?: Node | null): number;
  problems: FaqProblem[];
}

/** Parses a YAML file with line numbers; undefined when absent. Syntax errors become problems. */
export function readYamlFile(path: string, file = basename(path)): YamlFile | undefined {
  if (!existsSync(path)) return undefined;
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines, uniqueKeys: true });
  const line = (n?: Node | null) => (n?.range ? lines.linePos(n.range[0]).line : 1);
  const problems: FaqProblem[] = doc.errors.map((e) => ({ file, line: e.linePos?.[0].line ?? 1, message: `YAML: ${e.message.split('\n')[0]}` }));
  return { doc, line, problems };
}

/** Throws the problems as one `file:line: problem` per line (how a loader refuses a broken file). */
export function throwIfProblems(problems: FaqProblem[]): void {
  if (problems.length) throw new Error(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
}

/** phrases.yaml: keys among `known`, each a mapping with zh and/or en texts. */
export function checkPhrases(faqDir: string, known: Set<string>, file = 'phrases.yaml'): FaqProblem[] {
  const y = readYamlFile(join(faqDir, 'phrases.yaml'), file);
  if (!y || y.problems.length) return y?.problems ?? [];
  const root = y.doc.contents as Node | null;
  if (root === null) return [];
  if (!isMap(root)) return [{ file, line: y.line(root), message: 'phrases must be a mapping: key → {zh, en}' }];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const at = y.line(pair.key as Node);
    if (!known.has(key)) {
      y.problems.push({ file, line: at, message: `unknown phrase "${key}"` });
      continue;
    }
    const value = pair.value as Node | null;
    if (!isMap(value)) {
      y.problems.push({ file, line: at, message: `"${key}" must hold zh: and/or en: texts` });
      continue;
    }
    for (const lang of value.items) {
      const name = isScalar(lang.key) ? String(lang.key.value) : '';
      const text = isScalar(lang.value) ? lang.value.value : undefined;
      if (name !== 'zh' && name !== 'en') y.problems.push({ file, line: y.line(lang.key as Node), message: `"${key}": unknown language "${name}" (zh or en)` });
      else if (typeof text !== 'string' || !text.trim()) y.problems.push({ file, line: y.line(lang.key as Node), message: `"${key}".${name} must be non-empty text` });
    }
  }
  return y.problems;
}

/** welcome.yaml: `text:` and the welcome message. */
export function checkWelcome(faqDir: string, file = 'welcome.yaml'): FaqProblem[] {
  const y = readYamlFile(join(faqDir, 'welcome.yaml'), file);
  if (!y || y.problems.length) return y?.problems ?? [];
  const root = y.doc.contents as Node | null;
  const text = isMap(root) ? root.get('text') : undefined;
  if (typeof text !== 'string' || !text.trim()) return [{ file, line: y.line(root), message: 'expected "text: <welcome message>"' }];
  return [];
}

/** menu.yaml: each CLICK key → `entry: <FAQ id>` (an id that exists, when `entryIds` is given) or `text:`. */
export function checkMenu(faqDir: string, entryIds?: Set<string>, file = 'menu.yaml'): FaqProblem[] {
  const y = readYamlFile(join(faqDir, 'menu.yaml'), file);
  if (!y || y.problems.length) return y?.problems ?? [];
  const root = y.doc.contents as Node | null;
  if (root === null) return [];
  if (!isMap(root)) return [{ file, line: y.line(root), message: 'the menu must be a mapping: KEY → {entry: …} or {text: …}' }];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    const at = y.line(pair.key as Node);
    const entry = isMap(value) ? value.get('entry') : undefined;
    const text = isMap(value) ? value.get('text') : undefined;
    if (!isMap(value) || value.items.length !== 1 || (typeof entry !== 'string' && typeof text !== 'string')) {
      y.problems.push({ file, line: at, message: `"${key}" needs "entry: <FAQ id>" or "text: <question>"` });
    } else if (typeof entry === 'string' && entryIds && !entryIds.has(entry)) {
      y.problems.push({ file, line: y.line(value), message: `"${key}": no FAQ entry "${entry}"` });
    } else if (typeof text === 'string' && !text.trim()) {
      y.problems.push({ file, line: y.line(value), message: `"${key}": text is empty` });
    }
  }
  return y.problems;
}
