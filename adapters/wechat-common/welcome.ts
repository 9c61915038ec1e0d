import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

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
  const parsed = welcomeSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${WELCOME_FILE}: expected "text: <welcome message>"`);
  return parsed.data.text;
}
