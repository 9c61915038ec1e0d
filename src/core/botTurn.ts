import { reopenOnReturn } from './reopen';
import { announcementTurn } from './announcementTurn';
import { recordGap } from '../store/faqGaps';
import { rateTicket } from '../store/tickets';
import { startForm } from './forms';
import { applyOpinion } from './opinion';
import { handOff } from './handoff';
import type { PipelineDeps, Turn } from './turn';
import type { FaqEntry } from '../faq/types';
import { answerInLanguage, questionInLanguage } from './answerLanguage';

/** Unanswered questions in a row before the bot hands the player to a person. */
export const MISSES_BEFORE_HANDOFF = 2;

const COURTESY_PHRASE = { greeting: 'courtesyGreeting', thanks: 'courtesyThanks', ok: 'courtesyOk', bye: 'courtesyBye' } as const;

/** The bot's own turn: ask the matcher, then answer, offer choices, act, or admit it does not know. */
export function botTurn(turn: Turn, deps: PipelineDeps): void {
  const text = turn.msg.text;
  if (takeRating(turn, deps)) return;
  if (reopenOnReturn(turn, deps)) return;
  if (turn.msg.kind === 'image' || turn.msg.kind === 'voice') {
    turn.say('mediaReceived');
    return;
  }
  if (!text.trim()) {
    turn.say('empty');
    return;
  }
  if (announcementTurn(turn, deps)) return;
  const decision = deps.matcher().decide(text);
  switch (decision.kind) {
    case 'answer':
      turn.decision = { kind: 'answer', entryId: decision.entry.id, score: decision.score };
      return answerWith(turn, decision.entry, deps);
    case 'clarify':
      turn.decision = { kind: 'clarify', entryId: decision.choices.map((c) => c.id).join(',') };
      if (applyOpinion(turn, decision.choices, { answer: (entry, reworded) => answerWith(turn, entry, deps, reworded), dontKnow: () => dontKnow(turn, deps) })) return;
      turn.conversation.state = 'clarifying';
      turn.conversation.context = { choices: decision.choices.map((c) => c.id) };
      turn.reply(
        [turn.lang === 'zh' ? deps.phrases().clarify.zh : deps.phrases().clarify.en]
          .concat(decision.choices.map((c, i) => `${i + 1}. ${questionInLanguage(c, turn.lang)}`))
          .join('\n'),
      );
      return;
    case 'action':
      turn.decision = { kind: `action:${decision.action}`, entryId: decision.entry.id };
      turn.conversation.misses = 0;
      if (decision.action === 'handoff') handOff(turn, deps, 'requested');
      else if (decision.action === 'bug_report' || decision.action === 'complaint') startForm(turn, decision.action);
      else answerWith(turn, decision.entry, deps);
      return;
    case 'none':
      if (decision.courtesy) {
        // Hello, thanks, ok, bye: a word back, no gap to fill, and no step towards a handoff.
        turn.decision = { kind: 'small_talk', score: 0 };
        turn.say(COURTESY_PHRASE[decision.courtesy]);
        return;
      }
      if (decision.smallTalk) {
        // Chit-chat is no failure to answer: no gap to fill, and it does not count towards a handoff.
        turn.decision = { kind: 'small_talk', score: decision.score };
        turn.say('smallTalk');
        return;
      }
      turn.decision = { kind: 'none', entryId: decision.best?.id, score: decision.score };
      dontKnow(turn, deps);
  }
}

/** Not answered: a gap for `faq gaps`, and after MISSES_BEFORE_HANDOFF in a row a person takes over. */
function dontKnow(turn: Turn, deps: PipelineDeps): void {
  const text = turn.msg.text;
  recordGap(deps.db, deps.matcher().normalize(text), text, turn.at);
  turn.conversation.misses += 1;
  if (turn.conversation.misses >= MISSES_BEFORE_HANDOFF) {
    turn.say('dontKnowHandoff');
    handOff(turn, deps, 'unanswered');
  } else {
    turn.say('dontKnow');
  }
}

/**
 * Answers with an entry, in the player's language (answer_en for English); `reworded` is its answer
 * reworded by the LLM (the operator's switch), never new policy.
 */
export function answerWith(turn: Turn, entry: FaqEntry, deps: PipelineDeps, reworded?: string): void {
  turn.conversation.misses = 0;
  turn.conversation.state = 'bot';
  turn.conversation.context = {};
  turn.reply(reworded ?? answerInLanguage(entry, turn.lang, deps.phrases()));
}

/** After a resolved ticket the player is asked for 1-5; a bare digit then is their rating. */
function takeRating(turn: Turn, deps: PipelineDeps): boolean {
  const ticketId = turn.conversation.context.ratingFor;
  if (!ticketId) return false;
  const m = /^\s*([1-5])\s*(分|星|stars?)?\s*$/i.exec(turn.msg.text);
  delete turn.conversation.context.ratingFor;
  if (!m || !rateTicket(deps.db, ticketId, Number(m[1]), turn.at)) return false;
  turn.ticketEvents.push({ ticketId, kind: 'rated' });
  turn.decision = { kind: 'rating' };
  turn.say('thanksForRating');
  return true;
}
