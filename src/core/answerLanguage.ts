import type { FaqEntry } from '../faq/types';
import type { Language } from './language';
import type { Phrases } from './phrases';

const CJK = /[\u3400-\u9fff]/;

/** The language an FAQ text is written in: Chinese as soon as it has Chinese characters. */
const languageOf = (text: string): Language => (CJK.test(text) ? 'zh' : 'en');

/**
 * The entry's answer in the player's language: `answer_en` for a player who writes English, the answer
 * itself when it is already in their language; otherwise the answer as written, after one short line
 * that says so (a Chinese answer to an English speaker, an English FAQ's answer to a Chinese speaker).
 */
export function answerInLanguage(entry: FaqEntry, lang: Language, phrases: Phrases): string {
  const answer = entry.answer ?? '';
  if (lang === 'en' && entry.answerEn) return entry.answerEn;
  if (!answer || languageOf(answer) === lang) return answer;
  return `${phrases.answerNotInYourLanguage[lang]}\n${answer}`;
}

/** The first example question in the player's language (for numbered choices), else the first one. */
export function questionInLanguage(entry: FaqEntry, lang: Language): string {
  return entry.questions.find((q) => languageOf(q) === lang) ?? entry.questions[0];
}
