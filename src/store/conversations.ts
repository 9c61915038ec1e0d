import type { Address } from '../core/types';
import type { Db } from './db';

export type ConversationState = 'bot' | 'clarifying' | 'collecting' | 'queued' | 'with_agent' | 'closed';

/** What the pipeline remembers between turns. */
export interface ConversationContext {
  /** Entry ids offered as numbered choices while clarifying. */
  choices?: string[];
  /** The form being collected (bug report, complaint). */
  form?: { kind: 'bug_report' | 'complaint'; step: number; values: Record<string, string> };
  /** Set once the player has been asked to rate a resolved ticket. */
  ratingFor?: number;
}

export interface Conversation {
  id: number;
  playerId: number;
  state: ConversationState;
  context: ConversationContext;
  misses: number;
  ticketId: number | null;
  address: Address;
  createdAt: number;
  updatedAt: number;
}

interface Row extends Omit<Conversation, 'context' | 'address'> {
  context: string;
  address: string;
}

const COLUMNS = `id, player_id AS playerId, state, context, misses, ticket_id AS ticketId, address,
  created_at AS createdAt, updated_at AS updatedAt`;
// Built once, not at each call (see FIND_INBOUND in messages.ts).
const OPEN_OF_PLAYER = `SELECT ${COLUMNS} FROM conversations WHERE player_id = ? AND state != 'closed' ORDER BY id DESC LIMIT 1`;

function fromRow(row: Row): Conversation {
  return { ...row, context: JSON.parse(row.context), address: JSON.parse(row.address) };
}

/**
 * The player's open conversation, or a new one in state bot. The address is refreshed (reply context
 * changes); with `write: false` only in the returned object, for a caller that saves the conversation with
 * `saveConversation(…, { address })` in the same transaction (the pipeline: one UPDATE per message, not two).
 */
export function openConversation(db: Db, playerId: number, address: Address, at: number, options: { write?: boolean } = {}): Conversation {
  const row = db
    .prepare(OPEN_OF_PLAYER)
    .get(playerId) as Row | undefined;
  if (row) {
    if (options.write !== false) db.prepare('UPDATE conversations SET address = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(address), at, row.id);
    return { ...row, context: JSON.parse(row.context), address, updatedAt: at };
  }
  const id = db
    .prepare(
      `INSERT INTO conversations (player_id, state, address, created_at, updated_at) VALUES (?, 'bot', ?, ?, ?)`,
    )
    .run(playerId, JSON.stringify(address), at, at).lastInsertRowid as number;
  return getConversation(db, id)!;
}

/** The player's open conversation, if any, without creating or touching one (read before a turn). */
export function findOpenConversation(db: Db, playerId: number): Conversation | undefined {
  const row = db
    .prepare(OPEN_OF_PLAYER)
    .get(playerId) as Row | undefined;
  return row && fromRow(row);
}

export function getConversation(db: Db, id: number): Conversation | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM conversations WHERE id = ?`).get(id) as Row | undefined;
  return row && fromRow(row);
}

/** How stale updated_at may get when nothing else of a conversation changes (search order, retention). */
export const UPDATED_AT_PRECISION_MS = 60_000;

/**
 * Saves the conversation's state; its address too when given (see openConversation's `write: false`). A save
 * that would change nothing but an updated_at less than UPDATED_AT_PRECISION_MS old writes nothing: the
 * row was just read, so checking costs no extra read, and a page not written is not copied to the WAL.
 */
export function saveConversation(
  db: Db,
  c: Pick<Conversation, 'id' | 'state' | 'context' | 'misses' | 'ticketId'>,
  at: number,
  options: { address?: Address } = {},
): void {
  db.prepare(
    `UPDATE conversations SET state = @state, context = @context, misses = @misses, ticket_id = @ticketId,
       address = COALESCE(@address, address), updated_at = @at
     WHERE id = @id AND NOT (state IS @state AND context IS @context AND misses IS @misses AND ticket_id IS @ticketId
       AND address IS COALESCE(@address, address) AND @at - updated_at BETWEEN 0 AND @precision)`,
  ).run({
    id: c.id,
    state: c.state,
    context: JSON.stringify(c.context),
    misses: c.misses,
    ticketId: c.ticketId,
    address: options.address ? JSON.stringify(options.address) : null,
    at,
    precision: UPDATED_AT_PRECISION_MS - 1,
  });
}
