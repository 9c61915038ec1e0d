import { readFileSync } from 'node:fs';

/** Where jieba's general-language IDF table puts a typical word; rarer (domain) words score above it. */
const TYPICAL_IDF = 11.7;

let table: Map<string, number> | undefined;

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

function load(): Map<string, number> {
  const map = new Map<string, number>();
  const text = readFileSync(require.resolve('@node-rs/jieba/idf.txt'), 'utf8');
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) map.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return map;
}
