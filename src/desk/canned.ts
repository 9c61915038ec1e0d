import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isSeq, type Node } from 'yaml';
import { z } from 'zod';
import { fill } from '../core/phrases';
import { readYamlFile } from '../faq/serviceFiles';
import type { FaqProblem } from '../faq/types';

/** One 标准话术 from faq/canned.yaml (format in README "Agent desk"). */
export interface CannedReply {
  id: string;
  title: string;
  text: string;
  /** The English version, for players who write in English. */
  en?: string;
  tags: string[];
}

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9._-]+$/, 'id must be [a-z0-9._-]+'),
  title: z.string().min(1),
  text: z.string().min(1),
  en: z.string().min(1).optional(),
  tags: z.array(z.string()).default([]),
});

export const CANNED_FILE = 'canned.yaml';

/** Reads canned.yaml; every problem is thrown as `canned.yaml:LINE: message`. No file: no canned replies. */
export function loadCanned(faqDir: string): CannedReply[] {
  const { replies, problems } = readCanned(faqDir, join(faqDir, CANNED_FILE));
  if (problems.length) throw new Error(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
  return replies;
}

/** Every problem in canned.yaml, each at its line (what `kefu faq check` prints). */
export function checkCanned(faqDir: string, file = CANNED_FILE): FaqProblem[] {
  return readCanned(faqDir, file).problems;
}

function readCanned(faqDir: string, file: string): { replies: CannedReply[]; problems: FaqProblem[] } {
  const y = readYamlFile(join(faqDir, CANNED_FILE), file);
  if (!y || y.problems.length) return { replies: [], problems: y?.problems ?? [] };
  const root = y.doc.contents as Node | null;
  if (root === null) return { replies: [], problems: [] };
  if (!isSeq(root)) return { replies: [], problems: [{ file, line: y.line(root), message: 'expected a list of canned replies' }] };
  const seen = new Map<string, number>();
  const replies: CannedReply[] = [];
  for (const node of root.items as Node[]) {
    const line = y.line(node);
    const parsed = entrySchema.safeParse(node.toJSON());
    if (!parsed.success) {
      y.problems.push({ file, line, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ') });
      continue;
    }
    const first = seen.get(parsed.data.id);
    if (first) y.problems.push({ file, line, message: `duplicate id "${parsed.data.id}" (first at line ${first})` });
    else seen.set(parsed.data.id, line);
    replies.push({ ...parsed.data, text: parsed.data.text.trim(), en: parsed.data.en?.trim() });
  }
  return { replies, problems: y.problems };
}

/**
 * The canned replies, re-read when the file changes (operators edit it in git like the FAQ). A broken
 * edit is reported through `onError` and the last good list keeps serving.
 */
export function cannedLibrary(faqDir: string, onError: (message: string) => void) {
  let cached: CannedReply[] = [];
  let loadedMtime = -1;
  function all(): CannedReply[] {
    const file = join(faqDir, CANNED_FILE);
    const mtime = existsSync(file) ? statSync(file).mtimeMs : 0;
    if (mtime !== loadedMtime) {
      loadedMtime = mtime;
      try {
        cached = loadCanned(faqDir);
      } catch (err) {
        onError((err as Error).message);
      }
    }
    return cached;
  }
  return {
    all,
    /** Every word of the query must appear in the id, title, text or tags. */
    search(query: string): CannedReply[] {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      return all().filter((c) => {
        const hay = [c.id, c.title, c.text, c.en ?? '', ...c.tags].join('\n').toLowerCase();
        return words.every((w) => hay.includes(w));
      });
    },
  };
}

/** The placeholders a canned reply may use, filled for one ticket. */
export interface CannedValues {
  nickname: string;
  ticketId: number;
  agent: string;
  gameUid: string;
  server: string;
  vipLevel: number;
}

/** The reply in the player's language, placeholders filled; unknown ones stay visible so a typo is noticed. */
export function renderCanned(c: CannedReply, lang: 'zh' | 'en', values: CannedValues): string {
  return fill(lang === 'en' && c.en ? c.en : c.text, { ...values });
}
