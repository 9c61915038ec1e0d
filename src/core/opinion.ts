import type { FaqEntry } from '../faq/types';
import type { InboundMessage } from './types';
import type { Turn } from './turn';

/**
 * A second opinion on an unsure match (issue #16), asked before the message goes through the pipeline:
 * which of the offered FAQ entries answers the text, or none. Core only applies it; src/llm asks for it.
 */
export interface Opinion {
  /** The text it was asked about and the entry ids it was offered: it applies to that decision only. */
  text: string;
  offered: string[];
  verdict: 'entry' | 'none' | 'failed';
  entryId?: string;
  /** The chosen entry's answer reworded to fit the question (only when the operator switched it on). */
  answer?: string;
  /** Why it failed (timeout, malformed, budget…), for the record. */
  reason?: string;
  ms?: number;
}

/** Asks for a second opinion on a message before it is handled; undefined when none is needed or the LLM is off. */
export type Consult = (msg: InboundMessage) => Promise<Opinion | undefined>;

export interface OpinionOutcomes {
  answer(entry: FaqEntry, text?: string): void;
  dontKnow(): void;
}

/**
 * The matcher offered choices; with a usable opinion the bot answers with the chosen entry, or admits not
 * knowing when none fits (the question then counts as a gap for `faq gaps`). Returns false (offer the
 * choices) when the opinion is missing, failed or was about other choices. The verdict is recorded on the
 * message's decision either way.
 */
export function applyOpinion(turn: Turn, choices: FaqEntry[], outcomes: OpinionOutcomes): boolean {
  const opinion = turn.opinion;
  const ids = choices.map((c) => c.id);
  if (!opinion || opinion.text !== turn.msg.text || opinion.offered.join(',') !== ids.join(',')) return false;
  const llm = { verdict: opinion.verdict, entryId: opinion.entryId, rephrased: Boolean(opinion.answer), reason: opinion.reason, ms: opinion.ms };
  const entry = opinion.verdict === 'entry' ? choices.find((c) => c.id === opinion.entryId) : undefined;
  if (entry) {
    turn.decision = { kind: 'answer', entryId: entry.id, via: 'llm', llm };
    outcomes.answer(entry, opinion.answer);
    return true;
  }
  if (opinion.verdict === 'none') {
    turn.decision = { kind: 'none', entryId: ids.join(','), via: 'llm', llm };
    outcomes.dontKnow();
    return true;
  }
  turn.decision = { kind: 'clarify', entryId: ids.join(','), llm };
  return false;
}
