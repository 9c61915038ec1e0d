import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { fill } from '../core/phrases';

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

/** Reads canned.yaml; a problem is thrown as `faq/canned.yaml:LINE: message`. No file: no canned replies. */
export function loadCanned(faqDir: string): CannedReply[] {
  const file = join(faqDir, CANNED_FILE);
  if (!existsSync(file)) return [];
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines });
  const where = (offset = 0) => `${file}:${lines.linePos(offset).line}`;
  if (doc.errors.length) throw new Error(`${where(doc.errors[0].pos[0])}: ${doc.errors[0].message}`);
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) throw new Error(`${where()}: expected a list of canned replies`);
  const seen = new Map<string, number>();
  return doc.contents.items.map((node) => {
    const line = where(isMap(node) ? node.range?.[0] : 0);
    const parsed = entrySchema.safeParse((node as { toJSON(): unknown }).toJSON());
    if (!parsed.success) throw new Error(`${line}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ')}`);
    if (seen.has(parsed.data.id)) throw new Error(`${line}: duplicate id "${parsed.data.id}"`);
    seen.set(parsed.data.id, 1);
    return { ...parsed.data, text: parsed.data.text.trim(), en: parsed.data.en?.trim() };
  });
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
