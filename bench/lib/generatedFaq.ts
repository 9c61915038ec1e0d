// Generated FAQs for the matcher's scaling bench: entries built from a fixed pseudo-vocabulary of Chinese
// two-character words and English words, with topic words shared between entries the way real FAQs
// share 充值 or 账号, and common words (怎么, 为什么) in nearly every question.
import type { Faq, FaqEntry } from '../../src/faq/types';
import type { LabelledLine } from '../../src/matcher/labelled';

// 3,000 CJK characters stand in for a real FAQ's vocabulary.
const CHARS = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7) % 20900)));
const COMMON = ['怎么', '为什么', '如何', '不能', '没有', '可以', '请问', '一直', '还是', '已经'];
const ENGLISH = 'account password login recharge refund ban appeal gift code server update crash lag bind phone guild quest item pet skill level coin diamond mail chat report'.split(' ');

/** mulberry32: small, fast, and good enough that generated entries do not repeat. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatedFaq(entries: number, seed = 7): Faq {
  const random = prng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)];
  const word = () => pick(CHARS) + pick(CHARS);
  const topics = Array.from({ length: Math.max(50, Math.round(entries / 4)) }, word);
  const list: FaqEntry[] = [];
  for (let i = 0; i < entries; i++) {
    const [shared1, shared2, own, english] = [pick(topics), pick(topics), word() + word(), pick(ENGLISH)];
    const questions = [
      `${pick(COMMON)}${shared1}${own}`,
      `${shared2}${own}${pick(COMMON)}`,
      `${pick(COMMON)}${own}${shared1}${shared2}`,
      `${own} ${english} ${pick(COMMON)}`,
    ];
    list.push({ id: `gen.${i}`, questions, answer: `答案 ${i}`, action: 'answer', keywords: [], tags: [], source: { file: 'gen.yaml', line: i + 1 } });
  }
  return { dir: 'generated', entries: list, synonyms: [] };
}

/**
 * The same FAQ with answers as long as a real FAQ's: three clauses each, naming the entry's own words (a real
 * answer names the item, the place, the timer), so both layers carry the answers' clauses beside the questions.
 */
export function withClauseAnswers(faq: Faq): Faq {
  const entries = faq.entries.map((e) => ({ ...e, answer: `${e.questions[0]}的说明都在这里，${e.questions[1]}请到设置里查看，${e.questions[3]}也可以找客服处理。` }));
  return { ...faq, entries };
}

/** Questions for the generated FAQ: entry (i × 7919) mod n, one of its phrasings with other common words around it. */
export function generatedQuestions(faq: Faq, n: number): LabelledLine[] {
  const random = prng(11);
  const pick = <T>(a: T[]) => a[Math.floor(random() * a.length)];
  return Array.from({ length: n }, (_, i) => {
    const e = faq.entries[(i * 7919) % faq.entries.length];
    return { text: `${pick(COMMON)}${pick(e.questions)}呢`, expect: e.id };
  });
}
