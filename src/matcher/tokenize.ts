import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';

let jieba: Jieba | undefined;
/** The terms the segmenter has been taught beyond its dictionary. */
let userTerms = new Set<string>();

/**
 * jieba with its dictionary, loaded on first use (~200 ms) and shared by every matcher. The dictionary's
 * file is read here rather than through '@node-rs/jieba/dict', whose module would hold it and the IDF
 * table (11 MB) for the life of the process; jieba keeps its own copy.
 */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(readFileSync(require.resolve('@node-rs/jieba/dict.txt')));
  return jieba;
}

/** The last runs cut: the lexical and the semantic layer cut the same question's runs one after the other. */
const recent = new Map<string, readonly string[]>();
const RECENT = 16;

/** Runs cut ahead, in batches, for a build that embeds tens of thousands of texts (see withRunsCut). */
let prepared: Map<string, readonly string[]> | undefined;
const HAN_RUN = /\p{Script=Han}+/gu;
/** Runs per jieba call when cutting ahead: one call per batch, and each batch's output soon garbage. */
const PREPARE_BATCH = 2000;

/**
 * Does `work` with the Chinese runs of `texts` cut ahead of time, a batch of runs per jieba call (a third
 * less time than a call per run: the semantic layer's build embeds every question and answer of the FAQ).
 */
export function withRunsCut<T>(texts: string[], work: () => T): T {
  const runs = [...new Set(texts.flatMap((t) => t.match(HAN_RUN) ?? []))];
  prepared = new Map();
  try {
    for (let from = 0; from < runs.length; from += PREPARE_BATCH) {
      const batch = runs.slice(from, from + PREPARE_BATCH);
      cutEach(batch).forEach((words, i) => prepared!.set(batch[i], words));
    }
    return work();
  } finally {
    prepared = undefined;
  }
}

/** jieba's words of a run of Chinese characters (shared: callers must not change the array). */
export function cut(run: string): readonly string[] {
  const ready = prepared?.get(run);
  if (ready) return ready;
  let words = recent.get(run);
  if (!words) {
    if (recent.size >= RECENT) recent.clear();
    recent.set(run, (words = segmenter().cut(run, false)));
  }
  return words;
}

/**
 * Teaches the segmenter exactly the FAQ's own terms (keywords, synonyms) so 礼包码 stays one word. jieba
 * cannot forget a word, so when a term was dropped (a reload without it, or another FAQ in the same
 * process) it starts again from its dictionary (~0.2 s): a FAQ segments the same whatever came before it.
 */
export function useUserTerms(terms: Iterable<string>): void {
  const chinese = [...terms].filter((t) => /\p{Script=Han}/u.test(t) && t.length > 1);
  const wanted = new Set(chinese.map((t) => t.replace(/\s+/g, '')));
  recent.clear();
  if ([...userTerms].some((t) => !wanted.has(t))) {
    jieba = undefined;
    userTerms = new Set();
  }
  const fresh = [...wanted].filter((t) => !userTerms.has(t));
  if (!fresh.length) return;
  segmenter().loadDict(Buffer.from(fresh.map((t) => `${t} 100000 n`).join('\n')));
  for (const t of fresh) userTerms.add(t);
}

/**
 * Words that say nothing about which question it is: function words, and the question words every
 * question has (怎么, 能不能, how). Greetings stay: 你好 and hello are what the greeting intent matches.
 */
const STOP = new Set(
  (
    'a an the to of in on at for from by with and or but is are was were be been am do does did i me my mine you your ' +
    'we our us it its this that these those there here can could would should will shall may might please ' +
    'just so im ive id what how why when where which who whom if as about into than then too very also any some get ' +
    'got keep still again say said tell need want let make thing way one yet ever really help ' +
    '的 了 吗 呢 啊 吧 呀 嘛 哦 哈 嗯 哎 么 是 我 你 您 他 她 它 我们 你们 这 那 这个 那个 就 都 也 还 在 有 和 跟 与 ' +
    '请问 一下 下 个 呗 啦 哇 之 得 地 着 过 给 把 被 让 又 很 太 好 请 ' +
    '怎么 怎么办 怎么回事 咋办 怎样 如何 怎么样 什么 为什么 为啥 啥 咋 谁 哪 哪些 哪个 哪里 哪儿 在哪 在哪里 能不能 不能 可不可以 可以 能 会 想 要 需要 一个 一直 到底 是不是'
  ).split(' '),
);

export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

export interface Tokens {
  /** Words: jieba's for Chinese, English as normalised (already stemmed). */
  words: string[];
  /** Character bigrams of the Chinese with its stop words taken out (robust to segmentation and typos). */
  grams: string[];
}

const RUN = /\p{Script=Han}+|[a-z0-9]+/gu;
const ASCII_RUN = /^[a-z0-9]/;

/**
 * Splits normalised text into words and Chinese character bigrams. When every word is a stop word
 * (在吗, 你好吗), they are all kept: a question made only of them still has to match something.
 */
export function tokenize(normalized: string): Tokens {
  return tokensOf(runsOf(normalized), cut);
}

/**
 * tokenize() for many texts, with jieba called once for all their Chinese runs, joined by spaces (a third
 * less time than a call per run for a 10,000-entry FAQ). jieba segments each run of Chinese on its own, so
 * the spaces change nothing; should its output ever not split back into the runs, each run is cut alone.
 */
export function tokenizeMany(texts: string[]): Tokens[] {
  const runs = texts.map(runsOf);
  const chinese = runs.flat().filter((run) => !ASCII_RUN.test(run));
  const cuts = cutEach(chinese);
  let next = 0;
  return runs.map((r) => tokensOf(r, () => cuts[next++]));
}

function cutEach(runs: string[]): (readonly string[])[] {
  const out: string[][] = [[]];
  // Straight to jieba: a whole FAQ's runs joined are cut once, and would only crowd the recent-runs memory.
  for (const word of runs.length ? segmenter().cut(runs.join(' '), false) : []) {
    if (word === ' ') out.push([]);
    else out[out.length - 1].push(word);
  }
  const matches = out.length === runs.length && out.every((words, i) => words.join('') === runs[i]);
  return matches ? out : runs.map(cut);
}

function runsOf(normalized: string): string[] {
  return Array.from(normalized.matchAll(RUN), (m) => m[0]);
}

/** Words and bigrams from a text's runs; `cutRun` gives jieba's words for each Chinese run, in order. */
function tokensOf(runs: string[], cutRun: (run: string) => readonly string[]): Tokens {
  const all: string[] = [];
  const chineseRuns: (readonly string[])[] = [];
  for (const run of runs) {
    if (ASCII_RUN.test(run)) {
      all.push(run);
      continue;
    }
    const words = cutRun(run);
    all.push(...words);
    chineseRuns.push(words);
  }
  const meaningful = all.filter((w) => !STOP.has(w));
  const keep = meaningful.length ? (w: string) => !STOP.has(w) : () => true;
  const grams: string[] = [];
  for (const run of chineseRuns) {
    const text = run.filter(keep).join('');
    if (text.length === 1) grams.push(text);
    for (let i = 0; i + 1 < text.length; i++) grams.push(text.slice(i, i + 2));
  }
  return { words: meaningful.length ? meaningful : all, grams };
}
