import type { ChannelId } from '../core/types';
import type { Db } from './db';

export interface StoredMessage {
  id: number;
  conversationId: number;
  direction: 'in' | 'out';
  sender: 'player' | 'bot' | 'agent' | 'system';
  agentId: number | null;
  channel: ChannelId;
  account: string;
  externalId: string | null;
  replyTo: number | null;
  kind: string;
  text: string;
  decision: string | null;
  internal: boolean;
  createdAt: number;
}

const columns = (t = 'messages') =>
  `${t}.id, ${t}.conversation_id AS conversationId, ${t}.direction, ${t}.sender, ${t}.agent_id AS agentId,
   ${t}.channel, ${t}.account, ${t}.external_id AS externalId, ${t}.reply_to AS replyTo, ${t}.kind, ${t}.text,
   ${t}.decision, ${t}.internal, ${t}.created_at AS createdAt`;
const COLUMNS = columns();
// The busiest statements' SQL built once: a query built at each call is hashed and compared whole on every
// lookup in the statement cache (src/store/db.ts).
const FIND_INBOUND = `SELECT ${COLUMNS} FROM messages WHERE direction = 'in' AND channel = ? AND account = ? AND external_id = ?`;
const REPLIES_TO = `SELECT ${COLUMNS} FROM messages WHERE reply_to = ? ORDER BY id`;
const INSERT = `INSERT INTO messages (conversation_id, direction, sender, agent_id, channel, account, external_id, reply_to,
  kind, text, decision, internal, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function fromRow(row: StoredMessage & { internal: number | boolean }): StoredMessage {
  return { ...row, internal: Boolean(row.internal) };
}

export function findInbound(db: Db, channel: ChannelId, account: string, externalId: string): StoredMessage | undefined {
  const row = db
    .prepare(FIND_INBOUND)
    .get(channel, account, externalId) as StoredMessage | undefined;
  return row && fromRow(row);
}

export function insertMessage(
  db: Db,
  m: Omit<StoredMessage, 'id' | 'internal' | 'agentId' | 'replyTo' | 'externalId' | 'decision'> &
    Partial<Pick<StoredMessage, 'internal' | 'agentId' | 'replyTo' | 'externalId' | 'decision'>>,
): number {
  // Positional parameters: binding by name looked up each one on an object spread for the purpose.
  return db
    .prepare(INSERT)
    .run(
      m.conversationId,
      m.direction,
      m.sender,
      m.agentId ?? null,
      m.channel,
      m.account,
      m.externalId ?? null,
      m.replyTo ?? null,
      m.kind,
      m.text,
      m.decision ?? null,
      m.internal ? 1 : 0,
      m.createdAt,
    ).lastInsertRowid as number;
}

/** The replies stored for one inbound message, in order: what a duplicate delivery gets back. */
export function repliesTo(db: Db, inboundId: number): StoredMessage[] {
  return (db.prepare(REPLIES_TO).all(inboundId) as StoredMessage[]).map(
    fromRow,
  );
}

/** A conversation's messages after a given id (0 for all), oldest first; notes only when asked for. */
export function conversationMessages(
  db: Db,
  conversationId: number,
  options: { after?: number; includeInternal?: boolean; limit?: number } = {},
): StoredMessage[] {
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM messages WHERE conversation_id = ? AND id > ? AND (internal = 0 OR ?)
       ORDER BY id LIMIT ?`,
    )
    .all(conversationId, options.after ?? 0, options.includeInternal ? 1 : 0, options.limit ?? 500) as StoredMessage[];
  return rows.map(fromRow);
}

/** Every message to or from a player across conversations (web chat history, the agent's view). */
export function playerMessages(db: Db, playerId: number, options: { after?: number; limit?: number } = {}): StoredMessage[] {
  const rows = db
    .prepare(
      `SELECT ${columns('m')} FROM messages m
       JOIN conversations c ON c.id = m.conversation_id
       WHERE c.player_id = ? AND m.id > ? AND m.internal = 0 ORDER BY m.id LIMIT ?`,
    )
    .all(playerId, options.after ?? 0, options.limit ?? 200) as StoredMessage[];
  return rows.map(fromRow);
}

/** What the bot decided for an inbound message, kept for reports and `faq` tuning. */
export function setDecision(db: Db, messageId: number, decision: object): void {
  db.prepare('UPDATE messages SET decision = ? WHERE id = ?').run(JSON.stringify(decision), messageId);
}
