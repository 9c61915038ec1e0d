import type { DeskPolicy } from './deskPolicy';
import type { Db } from '../store/db';
import type { Conversation } from '../store/conversations';
import type { Player } from '../store/players';
import type { Logger } from '../log';
import type { Matcher } from '../matcher/types';
import { answerScript, inScript } from './chineseScript';
import type { Language } from './language';
import { fill, type PhraseKey, type Phrases } from './phrases';
import type { Opinion } from './opinion';
import type { InboundMessage } from './types';

/** What every step of the pipeline needs from the running service. */
export interface PipelineDeps {
  db: Db;
  matcher(): Matcher;
  phrases(): Phrases;
  desk: DeskPolicy;
  now(): number;
  log: Logger;
  /** A complaint's category from the operators' file (cases); the built-in list when absent. */
  complaintCategory?(text: string): string;
}

/**
 * One inbound message on its way through the pipeline (after grammY's context): the message, who sent it,
 * their conversation (changed in place and saved at the end) and the replies gathered so far.
 */
export interface Turn {
  readonly msg: InboundMessage;
  readonly at: number;
  readonly lang: Language;
  readonly player: Player;
  readonly conversation: Conversation;
  readonly inboundId: number;
  readonly replies: string[];
  /** A summary of what the bot decided, stored on the inbound message and logged. */
  decision?: { kind: string; entryId?: string; score?: number; via?: 'llm'; llm?: object };
  /** The LLM's second opinion on this message, when one was asked for (src/core/opinion.ts). */
  readonly opinion?: Opinion;
  /** Set when this turn opened a ticket (not when it reopened one). */
  newTicket?: { id: number; tier: string };
  /** Ticket events this turn recorded besides `created`, announced on the bus after the commit. */
  readonly ticketEvents: { ticketId: number; kind: string }[];
  reply(text: string): void;
  say(key: PhraseKey, values?: Record<string, string | number>): void;
}

export function createTurn(
  deps: PipelineDeps,
  init: Pick<Turn, 'msg' | 'at' | 'lang' | 'player' | 'conversation' | 'inboundId' | 'opinion'>,
): Turn {
  const replies: string[] = [];
  // The FAQ and phrases are written in Simplified; a player who writes Traditional reads Traditional.
  const script = answerScript(init.lang, init.player.chineseScript);
  return {
    ...init,
    replies,
    ticketEvents: [],
    reply(text) {
      if (text.trim()) replies.push(inScript(text.trim(), script));
    },
    say(key, values = {}) {
      replies.push(inScript(fill(deps.phrases()[key][init.lang], values), script));
    },
  };
}
