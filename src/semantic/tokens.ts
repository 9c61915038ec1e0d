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

/** How a model finds the id of a token (-1: it does not know it). */
export interface TokenIdLookup {
  /** A token by kind and text: w (jieba word), e (English word), t (English trigram), d (digits). */
  text(kind: 'w' | 'e' | 't' | 'd', text: string): number;
  /** A Han character (c:), by its UTF-16 code unit. */
  char(code: number): number;
  /** A Han bigram (b:), by its two code units. */
  pair(first: number, second: number): number;
}

/**
 * The ids `lookup` knows of semanticTokens(normalized), in the same order, without making a string for
 * each Han character and bigram: the semantic layer's cost per question was mostly those strings and
 * their hashing. Must stay token for token what semanticTokens() says (a test holds them together).
 */
export function semanticTokenIds(normalized: string, lookup: TokenIdLookup): number[] {
  // Ids pushed unfiltered (-1 for an unknown token), then the unknown ones dropped: no closure per call.
  const out: number[] = [];
  for (const m of normalized.matchAll(RUN)) {
    const run = m[0];
    if (HAN_START.test(run)) {
      for (const w of cut(run)) out.push(lookup.text('w', w));
      for (let i = 0; i < run.length; i++) {
        const c = run.charCodeAt(i);
        out.push(lookup.char(c));
        if (i + 1 < run.length) out.push(lookup.pair(c, run.charCodeAt(i + 1)));
      }
    } else if (LATIN.test(run)) {
      out.push(lookup.text('e', run));
      if (run.length >= 3) {
        const padded = `<${run}>`;
        for (let i = 0; i + 3 <= padded.length; i++) out.push(lookup.text('t', padded.slice(i, i + 3)));
      }
    } else {
      out.push(lookup.text('d', run));
    }
  }
  let known = 0;
  for (const id of out) if (id >= 0) out[known++] = id;
  out.length = known;
  return out;
}
