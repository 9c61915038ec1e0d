import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

/** One line of the spot-check scorecard (scorecard.yaml in the FAQ folder). */
export interface Criterion {
  id: string;
  name: string;
  name_en: string;
  points: number;
}

/** The support rulebook's criteria, used when the FAQ folder has no scorecard.yaml. */
export const DEFAULT_SCORECARD: Criterion[] = [
  { id: 'greeting', name: '问候与礼貌用语', name_en: 'Greeting and polite wording', points: 15 },
  { id: 'phrasing', name: '规范用语', name_en: 'Standard phrasing', points: 15 },
  { id: 'response_time', name: '响应时间', name_en: 'Response time', points: 15 },
  { id: 'solved', name: '问题解决', name_en: 'Problem solved', points: 25 },
  { id: 'accuracy', name: '信息准确', name_en: 'Correct information', points: 20 },
  { id: 'closing', name: '结束语', name_en: 'Closing', points: 10 },
];

const criterion = z.object({
  id: z.string().regex(/^[a-z0-9_-]+$/, 'id must be [a-z0-9_-]+'),
  name: z.string().min(1),
  name_en: z.string().min(1).optional(),
  points: z.number().int().positive().max(100),
});

/** Reads scorecard.yaml; throws `file:line: problem` lines for an operator to fix. */
export function loadScorecard(faqDir: string): Criterion[] {
  const path = join(faqDir, 'scorecard.yaml');
  if (!existsSync(path)) return DEFAULT_SCORECARD;
  const file = relative(process.cwd(), path) || path;
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines });
  if (doc.errors.length) throw new Error(doc.errors.map((e) => `${file}:${e.linePos?.[0].line ?? 1}: ${e.message.split('\n')[0]}`).join('\n'));
  if (!isSeq(doc.contents)) throw new Error(`${file}:1: the scorecard must be a list of criteria (id, name, name_en, points)`);
  const problems: string[] = [];
  const out: Criterion[] = [];
  doc.contents.items.forEach((node, i) => {
    const line = lines.linePos(node.range?.[0] ?? 0).line;
    const parsed = criterion.safeParse(node.toJSON());
    if (!parsed.success) problems.push(...parsed.error.issues.map((p) => `${file}:${line}: criterion ${i + 1}: ${p.path.join('.') || 'item'}: ${p.message}`));
    else if (out.some((c) => c.id === parsed.data.id)) problems.push(`${file}:${line}: duplicate id "${parsed.data.id}"`);
    else out.push({ ...parsed.data, name_en: parsed.data.name_en ?? parsed.data.name });
  });
  if (!out.length && !problems.length) problems.push(`${file}:1: the scorecard has no criteria`);
  if (problems.length) throw new Error(problems.join('\n'));
  return out;
}
