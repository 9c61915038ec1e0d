import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { RESERVED_FILES } from '../../src/faq/load';
import { checkMenu, throwIfProblems } from '../../src/faq/serviceFiles';

/**
 * The operator's menu file in the FAQ folder (the FAQ loader skips it): `menu.yaml`, CLICK key → `entry:`
 * FAQ id or `text:`. Read when used, so an edit applies at the next click without a restart.
 */
export const MENU_FILE = 'menu.yaml';

const menuSchema = z.record(z.string(), z.union([z.object({ entry: z.string().min(1) }), z.object({ text: z.string().trim().min(1) })]));

function readYaml(file: string): unknown {
  return existsSync(file) ? parse(readFileSync(file, 'utf8')) : undefined;
}

/**
 * What a menu click stands for, as the question the player would have typed: a `text:` as written, an
 * `entry:` as that FAQ entry's first question (so the matcher answers with it and the ticket history reads
 * naturally). Undefined when the key or entry is unknown.
 */
export function menuQuestion(faqDir: string, key: string): string | undefined {
  throwIfProblems(checkMenu(faqDir));
  const item = menuSchema.parse(readYaml(join(faqDir, MENU_FILE)) ?? {})[key];
  if (!item) return undefined;
  return 'text' in item ? item.text : firstQuestion(faqDir, item.entry);
}

function firstQuestion(faqDir: string, id: string): string | undefined {
  const files = readdirSync(faqDir).filter((f) => /\.ya?ml$/.test(f) && !RESERVED_FILES.has(f));
  for (const f of files) {
    const doc = readYaml(join(faqDir, f));
    if (!Array.isArray(doc)) continue;
    const entry = doc.find((e): e is { id: string; questions: unknown[] } => e?.id === id && Array.isArray(e.questions));
    if (entry && typeof entry.questions[0] === 'string') return entry.questions[0];
  }
  return undefined;
}
