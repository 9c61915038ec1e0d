import { readFileSync } from 'node:fs';
import { WordTable } from './wordTable';

/** Where jieba's general-language IDF table puts a typical word; rarer (domain) words score above it. */
const TYPICAL_IDF = 11.7;

let table: WordTable | undefined;

/**
 * How informative a Chinese word is in general language, from jieba's IDF table (~270k words), as a
 * factor around 1: 今天 0.43, 活动 0.40, 名字 0.53, 充值 0.89; words it does not know (月卡, 礼包码) 1.
 * The FAQ's own IDF cannot tell a domain word from an everyday one that its few questions happen to use
 * once; without this, 我今天好无聊 matches 今天停服吗 on 今天 alone.
 */
export function generalWeight(word: string): number {
  table ??= load();
  const idf = table.get(word);
  return idf === undefined ? 1 : Math.min(1, idf / TYPICAL_IDF);
}

/**
 * Only the words below TYPICAL_IDF: the others weigh 1, as unknown words do, so leaving them out changes
 * no weight and keeps 117k of the table's 270k words (~20 MB less heap in every process that matches).
 * Read from the bytes, so the 6 MB file never becomes one string split into 270k lines.
 */
function load(): WordTable {
  const words = new WordTable();
  const bytes = readFileSync(require.resolve('@node-rs/jieba/idf.txt'));
  const SPACE = 0x20;
  const NEWLINE = 0x0a;
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    const space = bytes.indexOf(SPACE, start);
    if (space > start && space < end) {
      const idf = Number(bytes.toString('latin1', space + 1, end));
      if (idf < TYPICAL_IDF) words.add(bytes.toString('utf8', start, space), idf);
    }
    start = end + 1;
  }
  return words.seal();
}
