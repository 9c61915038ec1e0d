import type { Courtesy, Decision } from '../core/types';
import type { FaqEntry } from '../faq/types';
import type { MatcherSettings } from './settings';

/** What the matcher found for one text, before thresholds turn it into a Decision. */
export interface Ranking {
  /** The action entry whose keyword rule fired; it wins outright. */
  rule?: FaqEntry;
  /**
   * Candidates by confidence (0..1), best first; offTopic: how much nearer the question lies to another
   * topic players write about than to the entry's own (0 or more), which an answer must overcome too.
   */
  scored: { entry: FaqEntry; confidence: number; offTopic?: number }[];
  /** The question's meaning in the semantic layer, and how close it is to chit-chat and to the nearest entry. */
  smallTalk?: { chat: number; entry: number };
  /** The whole message is a courtesy the FAQ has no entry for (src/matcher/courtesy.ts). */
  courtesy?: Courtesy;
}

/** Chit-chat when the question lies at least this close to a small-talk anchor… */
const SMALL_TALK_MIN = 0.5;

/**
 * Answer when the best is confident and clearly ahead of the second; offer numbered choices when it is
 * plausible but not clear; otherwise admit not knowing. Pure, so calibration can replay it cheaply.
 */
export function decideRanking(ranking: Ranking, settings: MatcherSettings): Decision {
  if (ranking.rule) return toDecision(ranking.rule, 1);
  if (ranking.courtesy) return { kind: 'none', score: 0, courtesy: ranking.courtesy };
  const [top, second] = ranking.scored;
  if (!top) return { kind: 'none', score: 0, ...(isSmallTalk(ranking) ? { smallTalk: true } : {}) };
  // Chit-chat gets a word back, not an FAQ answer or a list of entries it resembles a little: 今天天气不错
  // shares 天气 with the weather-forecast entry, but it lies nearer to small talk than to any entry.
  if (isSmallTalk(ranking)) return { kind: 'none', best: top.entry, score: top.confidence, smallTalk: true };
  const lead = top.confidence - (second?.confidence ?? 0);
  // Resembling an entry is not enough when the question is about another topic (世界boss刷新时间 beside a
  // daily-reset entry): it may still be offered among choices, not answered.
  const sure = top.confidence - (top.offTopic ?? 0);
  if (sure >= settings.answerThreshold && lead >= settings.margin) return toDecision(top.entry, sure);
  if (top.confidence >= settings.clarifyThreshold) {
    const floor = settings.clarifyThreshold * 0.75;
    const choices = ranking.scored.filter((s) => s.confidence >= floor).slice(0, settings.choices).map((s) => s.entry);
    if (choices.length > 1) return { kind: 'clarify', choices };
  }
  return { kind: 'none', best: top.entry, score: top.confidence };
}

/** …and clearly closer to it than to any entry of the FAQ (今天会不会下雨 to a farm's weather entry is a question). */
const SMALL_TALK_LEAD = 0.05;

function isSmallTalk({ smallTalk }: Ranking): boolean {
  return !!smallTalk && smallTalk.chat >= SMALL_TALK_MIN && smallTalk.chat > smallTalk.entry + SMALL_TALK_LEAD;
}

function toDecision(entry: FaqEntry, score: number): Decision {
  if (entry.action === 'answer') return { kind: 'answer', entry, score };
  return { kind: 'action', action: entry.action, entry };
}
