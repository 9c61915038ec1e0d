import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { checkWelcome, throwIfProblems } from '../../src/faq/serviceFiles';

/**
 * `welcome.yaml` in the FAQ folder (`text:`): what a player gets on first contact, a follow of the Official
 * Account or a WeCom kf session opened (enter_session). The FAQ loader skips the file. Read when used, so
 * an edit applies at the next welcome without a restart.
 */
const WELCOME_FILE = 'welcome.yaml';

const welcomeSchema = z.object({ text: z.string().trim().min(1) });

/** The welcome text, or undefined when the file is absent. A broken file throws with its name. */
export function loadWelcome(faqDir: string): string | undefined {
  const file = join(faqDir, WELCOME_FILE);
  if (!existsSync(file)) return undefined;
  throwIfProblems(checkWelcome(faqDir));
  return welcomeSchema.parse(parse(readFileSync(file, 'utf8'))).text;
}
