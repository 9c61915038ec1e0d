import { openConversation, saveConversation } from '../store/conversations';
import { findInbound, insertMessage, repliesTo, setDecision } from '../store/messages';
import { createCommitGroup, type CommitGroup } from '../store/commitGroup';
import { enqueueOutbound } from '../store/outbox';
import { findPlayer, touchPlayer, upsertPlayer } from '../store/players';
import { botTurn } from './botTurn';
import { takeChoice } from './clarify';
import type { KefuEvents } from './events';
import type { Consult, Opinion } from './opinion';
import { continueForm } from './forms';
import { detectScript } from './chineseScript';
import { detectLanguage } from './language';
import { ticketTurn } from './ticketTurn';
import { wellFormedInbound } from './wellFormed';
import { saveMedia } from '../store/messageMedia';
import { createTurn, type PipelineDeps, type Turn } from './turn';
import type { Address, HandleResult, InboundMessage } from './types';

export interface HandleOptions {
  /**
   * `inline`: the channel answers in its webhook response (web chat, WeChat passive reply, OneBot quick reply)
   * and confirms with `markInlineSent`; `outbox`: the outbox worker sends the replies through Channel.send.
   */
  delivery?: 'inline' | 'outbox';
  /** The LLM's second opinion, asked for before the transaction (src/llm; see `consultAndHandle`). */
  opinion?: Opinion;
  /**
   * More of the channel's own writes that must commit with this message, or not at all (WeChat's reply
   * window); run in the message's transaction after it is stored, given the result.
   */
  alongside?(result: HandleResult): void;
  /**
   * A check of the channel's that must commit with this message, or refuse it (WeChat's replay window: the
   * nonce remembered, or a 401 with nothing stored); run in the message's transaction before anything else.
   */
  first?(): void;
}

/** Routes a turn by conversation state (DESIGN §2 step 3). */
function route(turn: Turn, deps: PipelineDeps): void {
  switch (turn.conversation.state) {
    case 'queued':
    case 'with_agent':
      if (ticketTurn(turn, deps)) return;
      return botTurn(turn, deps);
    case 'collecting':
      return continueForm(turn, deps);
    case 'clarifying':
      if (takeChoice(turn, deps)) return;
      return botTurn(turn, deps);
    default:
      return botTurn(turn, deps);
  }
}

/**
 * The one pipeline every channel feeds: dedupe → player and conversation → route → replies in the outbox.
 * All of it happens in one transaction, so a message is stored together with its answers or not at all.
 */
export function createPipeline(deps: PipelineDeps & { events: KefuEvents; consult?: Consult; commits?: CommitGroup }) {
  const { db } = deps;
  const commits = deps.commits ?? createCommitGroup(db);

  function duplicateResult(inboundId: number, conversationId: number): HandleResult {
    const replies = repliesTo(db, inboundId).map((m) => ({ text: m.text, messageId: m.id }));
    return { replies, duplicate: true, conversationId };
  }

  // Runs inside a transaction (the message's own, or its savepoint in a shared one).
  const storeAndRoute = (msg: InboundMessage, options: HandleOptions) => {
    const seen = findInbound(db, msg.channel, msg.account, msg.externalId);
    if (seen) return { result: duplicateResult(seen.id, seen.conversationId), turn: undefined, newTicket: null };
    const at = deps.now();
    const known = findPlayer(db, msg.channel, msg.account, msg.from.userId);
    const language = detectLanguage(msg.text, known?.language);
    const chineseScript = detectScript(msg.text, known?.chineseScript);
    const fresh = { nickname: msg.from.nickname, language, chineseScript, at };
    const player = known
      ? touchPlayer(db, known, fresh)
      : upsertPlayer(db, { ...fresh, channel: msg.channel, account: msg.account, userId: msg.from.userId });
    const address: Address = { channel: msg.channel, account: msg.account, userId: msg.from.userId, groupId: msg.from.groupId, replyContext: msg.replyContext };
    // The refreshed address is written with the conversation's state at the end of the turn.
    const conversation = openConversation(db, player.id, address, at, { write: false });
    const inboundId = insertMessage(db, {
      conversationId: conversation.id,
      direction: 'in',
      sender: 'player',
      channel: msg.channel,
      account: msg.account,
      externalId: msg.externalId,
      kind: msg.kind,
      text: msg.text,
      createdAt: at,
    });
    if (msg.media) saveMedia(db, inboundId, msg.media);
    const turn = createTurn(deps, { msg, at, lang: language, player, conversation, inboundId, opinion: options.opinion });
    route(turn, deps);
    saveConversation(db, turn.conversation, at, { address });
    if (turn.decision) setDecision(db, inboundId, turn.decision);
    const replies = turn.replies.map((text) => {
      const messageId = insertMessage(db, {
        conversationId: conversation.id,
        direction: 'out',
        sender: 'bot',
        channel: msg.channel,
        account: msg.account,
        replyTo: inboundId,
        kind: 'text',
        text,
        createdAt: at,
      });
      enqueueOutbound(db, { messageId, address, status: options.delivery === 'outbox' ? 'pending' : 'inline', at });
      return { text, messageId };
    });
    // A reopened ticket is not a new one (it was counted twice in /metrics before issue #17).
    const newTicket = turn.newTicket ?? null;
    return { result: { replies, duplicate: false, conversationId: conversation.id }, turn, newTicket };
  };

  /** Dedupe, store and route one message, with the channel's own writes: the part that must commit together. */
  function handleStored(msg: InboundMessage, options: HandleOptions) {
    options.first?.();
    const handled = storeAndRoute(msg, options);
    options.alongside?.(handled.result);
    return handled;
  }
  const handleAlone = db.transaction(handleStored);

  /** After the commit: tell the rest of the service (metrics, consoles, ticket watchers) and log the line. */
  function committed(msg: InboundMessage, handled: ReturnType<typeof handleStored>, started: bigint): HandleResult {
    const { result, turn, newTicket } = handled;
    if (turn) announce(deps.events, turn, result);
    if (newTicket) deps.events.emit('ticket', { ticketId: newTicket.id, kind: 'created', tier: newTicket.tier });
    for (const e of turn?.ticketEvents ?? []) deps.events.emit('ticket', e);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    deps.events.emit('handled', { channel: msg.channel, decision: turn?.decision?.kind ?? null, duplicate: result.duplicate, seconds });
    if (deps.log.isLevelEnabled('info')) {
      deps.log.info(
        {
          channel: msg.channel,
          conversation: result.conversationId,
          userId: msg.from.userId,
          decision: turn?.decision?.kind ?? (result.duplicate ? 'duplicate' : 'none'),
          entry: turn?.decision?.entryId,
          ms: seconds * 1000,
        },
        'message handled',
      );
    }
    return result;
  }

  const pipeline = {
    /** Handles one message in a transaction of its own, committed before it returns. */
    handle(raw: InboundMessage, options: HandleOptions = {}): HandleResult {
      const started = process.hrtime.bigint();
      const msg = wellFormedInbound(raw);
      return committed(msg, handleAlone.immediate(msg, options), started);
    },
    /**
     * Handles one message in the transaction it shares with the other messages arriving meanwhile (group
     * commit, src/store/commitGroup.ts); resolves after that transaction has committed. A message that fails
     * is rolled back alone and rejects; the others are stored.
     */
    async handleTogether(raw: InboundMessage, options: HandleOptions = {}): Promise<HandleResult> {
      const started = process.hrtime.bigint();
      const msg = wellFormedInbound(raw);
      return committed(msg, await commits.run(() => handleStored(msg, options)), started);
    },
    /**
     * The second opinion first (bounded by its own budget, outside the transaction: nothing waits on the
     * database meanwhile), then `handleTogether`.
     */
    async consultAndHandle(msg: InboundMessage, options: HandleOptions = {}): Promise<HandleResult> {
      const opinion = deps.consult ? await deps.consult(msg) : undefined;
      return pipeline.handleTogether(msg, { ...options, opinion });
    },
    /** The commit group the pipeline's messages share, for a channel's own writes that can join it. */
    commits,
    /** Whether an LLM's second opinion is configured (`consult` may then take a while). */
    consults: deps.consult !== undefined,
    /** The second opinion alone, for channels that must handle inside their own transaction. */
    consult(msg: InboundMessage): Promise<Opinion | undefined> {
      return deps.consult ? deps.consult(msg) : Promise.resolve(undefined);
    },
  };
  return pipeline;
}

export type Pipeline = ReturnType<typeof createPipeline>;

function announce(events: KefuEvents, turn: Turn, result: HandleResult): void {
  const base = { conversationId: turn.conversation.id, playerId: turn.player.id, ticketId: turn.conversation.ticketId, channel: turn.msg.channel };
  events.emit('message', { ...base, messageId: turn.inboundId, direction: 'in' });
  for (const r of result.replies) events.emit('message', { ...base, messageId: r.messageId!, direction: 'out' });
}
