import type { Courtesy } from '../core/types';
import type { FaqEntry } from '../faq/types';

// Whole messages only (你好，我忘记密码了 is a question and goes to the matcher), compared as the FAQ's
// normaliser leaves them: Simplified, lower case, punctuation gone, English stemmed.
const PHRASES: Record<Courtesy, string[]> = {
  greeting: ['你好', '您好', '你们好', '客服你好', '客服您好', '在吗', '在不在', '有人吗', '有人在吗', '客服在吗', '哈喽', '嗨', 'hi', 'hello', 'hey', 'hiya', 'anyone there', 'is anyone there'],
  thanks: ['谢谢', '谢谢你', '谢谢你们', '谢谢客服', '多谢', '谢了', '感谢', '感谢感谢', '非常感谢', '好的谢谢', '好的 谢谢', 'ok谢谢', 'ok 谢谢', '3q', 'thx', 'thanks', 'thank you', 'thank you so much', 'thanks a lot', 'ty', 'ok thanks', 'ok thank you'],
  ok: ['好的', '好', '好吧', '行', '行吧', 'ok', 'okay', 'k', '嗯', '嗯嗯', '收到', '明白', '明白了', '知道了', '懂了', '了解', 'got it', 'i see', 'alright', 'sure'],
  bye: ['再见', '拜拜', 'bye', 'bye bye', 'goodbye', 'see you', '88'],
};

/** Particles, laughter and spaces a courtesy may trail (谢谢啦, 好的呢, 你好呀, thanks!!). */
const TRAILING = /(?:[啦呀啊哈哦喔噢了呢嘛吖哇~ ]|!|lol)+$/u;

/** The FAQ's own entries for a courtesy, which answer it as the studio wrote them. */
const OWN_ACTION: Partial<Record<Courtesy, FaqEntry['action']>> = { greeting: 'greeting', thanks: 'thanks' };

/**
 * The courtesies the FAQ does not answer itself, by their normalised text: not those it has an entry of its
 * own for (greeting, thanks), nor a phrase it lists among an entry's questions (`normalizedQuestions`: all of
 * them, as the lexical layer normalised them at build). Without it, 谢谢啦 to a FAQ with no thanks entry lay a
 * little near every entry and was offered 1. bug report 2. complaint 3. ban appeal, 好的 got three choices
 * even from the sample FAQ, and two of them in a row handed the player to a person. Plain data, so a build
 * in another thread hands it back with the rest of the model.
 */
export function courtesyTable(entries: FaqEntry[], normalize: (text: string) => string, normalizedQuestions: string[]): [string, Courtesy][] {
  const has = new Set(entries.map((e) => e.action));
  const asked = new Set(normalizedQuestions);
  const table = new Map<string, Courtesy>();
  for (const [kind, texts] of Object.entries(PHRASES) as [Courtesy, string[]][]) {
    const own = OWN_ACTION[kind];
    if (own && has.has(own)) continue;
    for (const text of texts.map(normalize)) if (text && !asked.has(text)) table.set(text, kind);
  }
  return [...table];
}

/** Longer than every phrase with some trailing particles: a question, not looked up. */
const LONGEST = 24;

/** What courtesy a whole normalised message is, by the table; undefined for anything else. */
export function courtesyLookup(table: [string, Courtesy][]): (normalized: string) => Courtesy | undefined {
  const byText = new Map(table);
  return (normalized) => {
    const text = normalized.trim();
    if (text.length > LONGEST) return undefined;
    return byText.get(text) ?? byText.get(text.replace(TRAILING, '').trim());
  };
}
