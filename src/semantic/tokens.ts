import { cut } from '../matcher/tokenize';

const RUN = /\p{Script=Han}+|[a-z]+|[0-9]+/gu;
const HAN_START = /^\p{Script=Han}/u;
const LATIN = /^[a-z]/;

/**
 * The tokens the semantic model knows a sentence by, from text the matcher has normalised: jieba's
 * words, single Han characters and Han bigrams (robust to segmentation, typos and unseen compounds),
 * English words and their padded character trigrams (typos, inflections), and digit runs (648, 460).
 * Prefixed by kind so 卡 the character and 卡 the word are separate rows.
 */
export function semanticTokens(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(RUN)) {
    const run = m[0];
    if (HAN_START.test(run)) {
      for (const w of cut(run)) out.push(`w:${w}`);
      for (let i = 0; i < run.length; i++) {
        out.push(`c:${run[i]}`);
        if (i + 1 < run.length) out.push(`b:${run.slice(i, i + 2)}`);
      }
    } else if (LATIN.test(run)) {
      out.push(`e:${run}`);
      if (run.length >= 3) {
        const padded = `<${run}>`;
        for (let i = 0; i + 3 <= padded.length; i++) out.push(`t:${padded.slice(i, i + 3)}`);
      }
    } else {
      out.push(`d:${run}`);
    }
  }
  return out;
}
