import { answerWith } from './botTurn';
import type { PipelineDeps, Turn } from './turn';

const CHOICE = /^\s*(\d{1,2})\s*[.。、)]?\s*$/;

/**
 * While the bot waits for a numbered choice: a valid number answers with that entry.
 * Anything else returns false, and the text is taken as a new question.
 */
export function takeChoice(turn: Turn, deps: PipelineDeps): boolean {
  const choices = turn.conversation.context.choices ?? [];
  turn.conversation.state = 'bot';
  turn.conversation.context = {};
  const m = CHOICE.exec(turn.msg.text);
  const index = m ? Number(m[1]) - 1 : -1;
  const entryId = choices[index];
  const entry = entryId ? deps.matcher().entry(entryId) : undefined;
  if (!entry) return false;
  turn.decision = { kind: 'choice', entryId: entry.id };
  answerWith(turn, entry, deps);
  return true;
}
