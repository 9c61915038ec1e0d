export type Language = 'zh' | 'en';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN = /[A-Za-z]{2,}/;

/** The language to answer in: Chinese when the text has Chinese, English when it is Latin words, else as before. */
export function detectLanguage(text: string, previous: Language = 'zh'): Language {
  if (CJK.test(text)) return 'zh';
  if (LATIN.test(text)) return 'en';
  return previous;
}
