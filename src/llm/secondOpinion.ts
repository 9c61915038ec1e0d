import type { Consult, Opinion } from '../core/opinion';
import type { FaqEntry } from '../faq/types';
import type { Matcher } from '../matcher/types';
import { findOpenConversation } from '../store/conversations';
import type { Db } from '../store/db';
import { conversationMessages, findInbound } from '../store/messages';
import { findPlayer } from '../store/players';
import { LlmUnavailable, type LlmClient } from './client';
import type { Masker } from './mask';
import { secondOpinions } from './metrics';
import { SECOND_OPINION, SECOND_OPINION_REPHRASE } from './prompts';

/** Earlier lines of the conversation that go with the question. */
const CONTEXT_LINES = 6;
const ANSWER_CHARS = 600;

export interface SecondOpinionDeps {
  db: Db;
  matcher(): Matcher;
  client: LlmClient;
  mask: Masker;
}

/**
 * The consult step for the player's path: only a text the bot would otherwise answer with numbered choices
 * goes to the LLM, within the reply budget; a retry, a conversation with a person or in a form does not.
 * One player's messages are consulted (and so handled) in the order they came: a quick second message must
 * not overtake a first one that waits for the LLM. Time spent waiting for the first counts against the
 * second's budget, so no message waits longer than the budget in all.
 */
export function createSecondOpinion(deps: SecondOpinionDeps): Consult {
  const inLine = new Map<string, Promise<void>>();
  return (msg) => {
    const arrived = performance.now();
    const key = `${msg.channel}\u0000${msg.account}\u0000${msg.from.userId}`;
    const before = inLine.get(key) ?? Promise.resolve();
    const mine = before.then(() => consultOne(deps, msg, Math.floor(deps.client.replyBudgetMs - (performance.now() - arrived))));
    // Released a turn of the event loop after this message's opinion: its handling (synchronous) comes first.
    const done = mine.then(nextTurn, nextTurn);
    inLine.set(key, done);
    void done.then(() => {
      if (inLine.get(key) === done) inLine.delete(key);
    });
    return mine;
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Below this much of the budget left, asking is pointless: the player gets the offline answer. */
const MIN_ASK_MS = 200;

async function consultOne(deps: SecondOpinionDeps, msg: Parameters<Consult>[0], budgetMs: number): Promise<Opinion | undefined> {
  if (msg.kind !== 'text' || !msg.text.trim()) return undefined;
  if (findInbound(deps.db, msg.channel, msg.account, msg.externalId)) return undefined; // answered the first time
  const player = findPlayer(deps.db, msg.channel, msg.account, msg.from.userId);
  const conversation = player && findOpenConversation(deps.db, player.id);
  if (conversation && conversation.state !== 'bot' && conversation.state !== 'clarifying') return undefined;
  const decision = deps.matcher().decide(msg.text);
  if (decision.kind !== 'clarify') return undefined;
  if (budgetMs < MIN_ASK_MS) return { text: msg.text, offered: decision.choices.map((c) => c.id), verdict: 'failed', reason: 'no time left in the budget' };
  const context = conversation ? recentLines(deps.db, conversation.id) : [];
  return askForOpinion(deps, msg.text, decision.choices, context, budgetMs);
}

/** One question and its candidates to the LLM; any failure comes back as a 'failed' opinion, never thrown. */
export async function askForOpinion(
  deps: Pick<SecondOpinionDeps, 'client' | 'mask'>,
  text: string,
  candidates: FaqEntry[],
  context: string[],
  timeoutMs: number,
): Promise<Opinion> {
  const offered = candidates.map((c) => c.id);
  const rephrase = deps.client.rephrase;
  const payload = {
    question: deps.mask(text),
    context: context.map(deps.mask),
    candidates: candidates.map((c) => ({ id: c.id, questions: c.questions.slice(0, 5), answer: (c.answer ?? '').slice(0, ANSWER_CHARS) })),
  };
  try {
    const reply = await deps.client.call(
      'second_opinion',
      [
        { role: 'system', content: rephrase ? SECOND_OPINION_REPHRASE : SECOND_OPINION },
        { role: 'user', content: JSON.stringify(payload) },
      ],
      { json: true, timeoutMs, maxTokens: rephrase ? 600 : 60, waitForSlot: false },
    );
    const opinion = readVerdict(reply.json!, candidates, rephrase);
    secondOpinions.inc({ verdict: opinion.verdict });
    return { text, offered, ...opinion, ms: reply.ms };
  } catch (err) {
    if (!(err instanceof LlmUnavailable)) throw err;
    secondOpinions.inc({ verdict: 'failed' });
    return { text, offered, verdict: 'failed', reason: err.outcome === 'malformed' ? `malformed: ${err.message}` : err.outcome };
  }
}

/**
 * The LLM only chooses: an id that is not one of the candidates (a hostile message's doing, or a model's
 * invention) is refused, and a rewording that brings numbers or links the entry's answer does not have is
 * dropped for the entry's own answer.
 */
function readVerdict(json: Record<string, unknown>, candidates: FaqEntry[], rephrase: boolean): Omit<Opinion, 'text' | 'offered'> {
  const id = json.entry_id ?? json.entryId ?? json.id;
  if (id === null || id === 'none' || id === '') return { verdict: 'none' };
  const entry = candidates.find((c) => c.id === id);
  if (!entry) throw new LlmUnavailable('malformed', `entry_id ${JSON.stringify(id).slice(0, 80)} is not one of the candidates`);
  const answer = rephrase && typeof json.answer === 'string' ? json.answer.trim() : '';
  return { verdict: 'entry', entryId: entry.id, answer: answer && faithful(answer, entry.answer ?? '') ? answer : undefined };
}

const FACTS = /https?:\/\/\S+|\d+(?:\.\d+)?/g;

/** A rewording may change words, not facts: every number and link in it must be in the original answer. */
export function faithful(reworded: string, original: string): boolean {
  if (reworded.length > original.length * 2 + 100) return false;
  const known = new Set(original.match(FACTS) ?? []);
  return (reworded.match(FACTS) ?? []).every((f) => known.has(f));
}

function recentLines(db: Db, conversationId: number): string[] {
  const who = { player: '玩家', bot: '机器人', agent: '客服', system: '系统' } as const;
  return conversationMessages(db, conversationId)
    .slice(-CONTEXT_LINES)
    .map((m) => `${who[m.sender]}: ${m.text.slice(0, 300)}`);
}

