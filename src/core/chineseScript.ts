import { toSimplified, toTraditional } from '../opencc';
import type { Language } from './language';

/** Which characters a Chinese-speaking player writes, so the bot answers them in the same ones. */
export type ChineseScript = 'simplified' | 'traditional';

const HAN = /\p{Script=Han}/u;
/** Taiwan and Hong Kong write 帳號, 帳戶 (opencc's Taiwan characters keep the mainland's 賬). */
const LOCAL_FORMS: [RegExp, string][] = [[/賬/g, '帳']];

/**
 * The script to answer in: Traditional when the text has more characters that only Traditional writes
 * (們, 號, 麼) than characters that only Simplified writes (们, 号, 么); Simplified the other way round;
 * otherwise (no Chinese, only characters both share, a tie) as before. One stray character either way
 * in a longer message does not flip a player.
 */
export function detectScript(text: string, previous: ChineseScript = 'simplified'): ChineseScript {
  if (!HAN.test(text)) return previous;
  const traditional = differing(text, toSimplified(text));
  // Simplified-only characters are looked for only where the answer could change: a player who has
  // written Traditional before, or whose text has some.
  if (!traditional && previous === 'simplified') return previous;
  const simplified = differing(text, toTraditional(text));
  if (traditional > simplified) return 'traditional';
  if (simplified > traditional) return 'simplified';
  return previous;
}

/** The script a player is answered in: their own when they speak Chinese (English has none to convert). */
export function answerScript(language: Language, script: ChineseScript = 'simplified'): ChineseScript {
  return language === 'zh' ? script : 'simplified';
}

/** The bot's text in the player's script; the FAQ and phrases are written in Simplified. */
export function inScript(text: string, script: ChineseScript): string {
  if (script === 'simplified' || !HAN.test(text)) return text;
  return LOCAL_FORMS.reduce((t, [from, to]) => t.replace(from, to), toTraditional(text));
}

/** How many characters two texts of one conversion differ in (by code point; any length change counts once). */
function differing(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return 1;
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) n++;
  return n;
}
