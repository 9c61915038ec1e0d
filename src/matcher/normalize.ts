import { toSimplified } from '../opencc';
import { memoize } from './memo';
import { stem } from './stem';

/** Variant characters that simplified Chinese itself writes both ways (帐号/账号). */
const VARIANTS: Record<string, string> = { 帐: '账', 瞭: '了', 裏: '里', 麽: '么' };
const VARIANT_RE = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'g');

const PICTOGRAPH = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}/gu;
const PUNCTUATION = /[\p{P}\p{S}]+/gu;
const REPEAT = /(.)\1{2,}/gu;
const ASCII_WORD = /^[a-z0-9][a-z0-9 '-]*$/;

export interface Normalizer {
  (text: string): string;
  /** The same for many texts at once: one pass over them all, for building a matcher from 40,000 questions. */
  many(texts: string[]): string[];
}

/**
 * The text as the matcher compares it: full-width to half-width, lower case, Traditional to Simplified,
 * no emoji or punctuation, runs of one character cut to one (啊啊啊, sooo), English words stemmed
 * (servers → server, so synonyms and plurals meet), synonyms to their canonical term.
 */
export function createNormalizer(synonyms: string[][]): Normalizer {
  const fold = buildSynonymFold(synonyms);
  // One line per text: every step below keeps newlines, and opencc costs half as much over one string.
  const many = (texts: string[]) => {
    if (!texts.length) return [];
    const joined = texts.map((t) => t.replace(/\n/g, ' ')).join('\n');
    return fold(normalizeLines(joined))
      .split('\n')
      .map((line) => line.trim());
  };
  return Object.assign((text: string) => fold(basicNormalize(text)), { many });
}

/** Everything but synonyms (synonym terms themselves are folded with it). */
export function basicNormalize(text: string): string {
  return PRINTABLE_ASCII.test(text) ? asciiNormalize(text) : generalNormalize(text);
}

/** The full pipeline for any script; basicNormalize takes a shortcut for plain ASCII. Exported for its test. */
export function generalNormalize(text: string): string {
  return normalizeLines(text.replace(/\n/g, ' ')).trim();
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const APOSTROPHE = 39;
const SPACE = 32;

/**
 * generalNormalize for printable ASCII, the same result in one pass: most English questions are plain
 * ASCII, for which NFKC, opencc and the emoji and punctuation classes change nothing, and their regular
 * expressions were a fifth of what answering one cost.
 */
export function asciiNormalize(text: string): string {
  const s = text.toLowerCase();
  let joined = '';
  let from = 0;
  let lastJoin = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAlnum(c) || c === SPACE) continue;
    // don't → dont, as (\p{L})'(\p{L}) does: a letter already used by the previous join cannot start another
    const join = c === APOSTROPHE && i > 0 && i - 1 !== lastJoin && isLetter(s.charCodeAt(i - 1)) && isLetter(s.charCodeAt(i + 1));
    joined += s.slice(from, i) + (join ? '' : ' ');
    if (join) lastJoin = i + 1;
    from = i + 1;
  }
  joined += s.slice(from);
  if (HAS_REPEAT.test(joined)) joined = joined.replace(REPEAT, '$1');
  let out = '';
  for (const token of joined.split(' ')) {
    if (!token) continue;
    out += (out ? ' ' : '') + (ALL_LETTERS.test(token) ? cachedStem(token) : token.replace(/[a-z]+/g, cachedStem));
  }
  return out;
}

// Tested without the g flag: a global regex's test() keeps lastIndex from one call to the next.
const HAS_REPEAT = /(.)\1\1/u;
const ALL_LETTERS = /^[a-z]+$/;

function isLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

const cachedStem = memoize(stem, 50_000);

/** basicNormalize for text whose lines are separate texts: every step keeps the newlines. */
function normalizeLines(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase())
    .replace(VARIANT_RE, (c: string) => VARIANTS[c])
    .replace(PICTOGRAPH, ' ')
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2') // don't → dont, one word
    .replace(PUNCTUATION, ' ')
    .replace(REPEAT, '$1')
    .replace(/[a-z]+/g, cachedStem)
    .replace(/[^\S\n]+/g, ' ');
}

/**
 * Replaces each synonym with the first term of its group, longest term first so 人工客服 wins over 客服.
 * Canonical terms match too (as themselves), so 账号被盗 keeps 账号 whole instead of losing 号 to 号被盗.
 * One-character Chinese terms are left out: 号 alone would turn 手机号 into 手机账号. Two passes, since a
 * folded term can complete a longer one: 第一次储值 → 第一次充值 → 首充.
 */
function buildSynonymFold(groups: string[][]): (text: string) => string {
  const canonical = new Map<string, string>();
  for (const group of groups) {
    const [head, ...rest] = group.map(basicNormalize);
    for (const term of [head, ...rest]) {
      if (!term || (term.length < 2 && !ASCII_WORD.test(term)) || canonical.has(term)) continue;
      canonical.set(term, head);
    }
  }
  const terms = [...canonical.keys()];
  const any = replacer(terms, canonical);
  // Plain-ASCII text can hold only the ASCII terms, a far shorter pattern than all of them.
  const ascii = replacer(terms.filter((t) => PRINTABLE_ASCII.test(t)), canonical);
  return (text) => (PRINTABLE_ASCII.test(text) ? ascii(ascii(text)) : any(any(text)));
}

/** One pass of replacing `terms` by their canonical forms; nothing to do when every term is its own. */
function replacer(terms: string[], canonical: Map<string, string>): (text: string) => string {
  if (terms.every((t) => canonical.get(t) === t)) return (text) => text;
  const alternatives = terms
    .sort((a, b) => b.length - a.length)
    .map((t) => (ASCII_WORD.test(t) ? `(?<![a-z0-9])${escape(t)}(?![a-z0-9])` : escape(t)));
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => text.replace(pattern, (m) => canonical.get(m) ?? m);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
