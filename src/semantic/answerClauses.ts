import type { Faq } from '../faq/types';

/** Pieces shorter than this (in characters) say too little to stand for anything. */
const MIN_CLAUSE = 4;

/**
 * Each entry's answer cut into clauses at sentence ends, commas, semicolons and colons, normalised: the
 * answer names what players ask about (the NPC, the item, the timer) far more often than its questions do,
 * and a player asks about one of them at a time (张力条怎么控制, not the whole paragraph). A clause that two
 * entries' answers share (请联系客服) stands for neither, so it is left out.
 */
export function answerClauses(faq: Faq, normalizeMany: (texts: string[]) => string[]): string[][] {
  const clauses = faq.entries.map((e) => normalizeMany(clausesOf(e.answer ?? '')));
  const entriesSaying = new Map<string, number>();
  for (const own of clauses) for (const c of new Set(own)) entriesSaying.set(c, (entriesSaying.get(c) ?? 0) + 1);
  return clauses.map((own) => own.filter((c) => c && entriesSaying.get(c) === 1));
}

function clausesOf(answer: string): string[] {
  return answer
    .split(/[。！？!?\n，,；;：:]|\.\s/)
    .map((s) => s.trim())
    .filter((s) => s.length >= MIN_CLAUSE);
}
