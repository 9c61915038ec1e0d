export type Language = 'zh' | 'en';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN_WORD = /[A-Za-z]{2,}/g;

/**
 * The language to answer in, given the player's language so far: Chinese as soon as the text has Chinese;
 * English for Latin words — two of them to switch a Chinese-speaking player, whose one Latin word is
 * usually a game term (vip, bug, gm, cdk); otherwise (digits, emoji, a choice number) as before.
 */
export function detectLanguage(text: string, previous: Language = 'zh'): Language {
  if (CJK.test(text)) return 'zh';
  const latinWords = text.match(LATIN_WORD)?.length ?? 0;
  if (latinWords >= 2 || (latinWords === 1 && previous === 'en')) return 'en';
  return previous;
}
