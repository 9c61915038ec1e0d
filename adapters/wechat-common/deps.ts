import type { Opinion } from '../../src/core/opinion';
import { pseudonym } from '../../src/log';
import type { HandleResult, InboundMessage } from '../../src/core/types';

/** The part of the service logger the WeChat adapters use (pino's shape). */
export interface ChannelLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The pipeline as an adapter sees it (src/core/pipeline.ts `handle`, bound to a delivery mode). */
export type HandleInbound = (msg: InboundMessage, delivery: 'inline' | 'outbox', opinion?: Opinion) => HandleResult;

/**
 * The pipeline's group-commit entry (`handleTogether`): the message shares a transaction with the others
 * arriving meanwhile and resolves once committed; `alongside` adds the channel's own writes to that
 * message's part of the transaction, `first` a check that runs before the message is stored and refuses it
 * by throwing.
 */
export type HandleInboundTogether = (
  msg: InboundMessage,
  delivery: 'inline' | 'outbox',
  opinion?: Opinion,
  alongside?: (result: HandleResult) => void,
  first?: () => void,
) => Promise<HandleResult>;

/**
 * The LLM's second opinion on a message, asked before `handle` (src/core/opinion.ts); resolves within the
 * reply budget, to undefined when the LLM is off or not needed. Absent: the channel never waits for one.
 */
export type ConsultInbound = (msg: InboundMessage) => Promise<Opinion | undefined>;

/** A log-safe form of a player id (DESIGN §6: openids never in full): the logger's pseudonym. */
export const maskId = (id: string): string => pseudonym(id);
