import type { MediaSummary } from './messageMedia';
import type { ChannelId } from '../core/types';
import type { Db } from './db';
import type { StoredMessage } from './messages';
import type { OutboxStatus } from './outbox';
import { TICKET_COLUMNS, type Ticket, type TicketStatus, type Tier } from './tickets';

/** A ticket as the console lists it: who the player is, who holds it, and when the player last wrote. */
export interface TicketSummary extends Ticket {
  nickname: string | null;
  channel: ChannelId;
  vipLevel: number;
  server: string | null;
  roleId: string | null;
  roleName: string | null;
  /** The player's last real question: not 转人工, thanks, a rating or a choice number. */
  lastQuestion: string | null;
  agentName: string | null;
  slaBreachedAt: number | null;
  lastPlayerMessageAt: number | null;
}

// Turns that are not a question: actions (转人工, 投诉…), politeness while queued, ratings, choice numbers.
const REAL_QUESTION = `q.direction = 'in' AND q.kind = 'text' AND q.text != ''
    AND COALESCE(json_extract(q.decision, '$.kind'), '') NOT LIKE 'action:%'
    AND COALESCE(json_extract(q.decision, '$.kind'), '') NOT IN ('rating', 'choice', 'queued_thanks', 'queued_greeting')`;
const LAST_QUESTION = `SELECT q.text FROM messages q WHERE q.conversation_id = t.conversation_id AND ${REAL_QUESTION}
    ORDER BY q.id DESC LIMIT 1`;

/** The player's last real question in a conversation (up to a message id): what a ticket is about. */
export function lastQuestion(db: Db, conversationId: number, upTo = Number.MAX_SAFE_INTEGER): { id: number; text: string } | undefined {
  return db
    .prepare(`SELECT q.id, q.text FROM messages q WHERE q.conversation_id = ? AND q.id <= ? AND ${REAL_QUESTION} ORDER BY q.id DESC LIMIT 1`)
    .get(conversationId, upTo) as { id: number; text: string } | undefined;
}

const SUMMARY = `SELECT ${TICKET_COLUMNS.replace(/(^|,\s*)(\w+)/g, '$1t.$2')}, t.sla_breached_at AS slaBreachedAt,
    p.nickname, p.channel, p.vip_level AS vipLevel, p.server, p.role_id AS roleId, p.role_name AS roleName,
    a.display_name AS agentName, (${LAST_QUESTION}) AS lastQuestion,
    (SELECT MAX(m.created_at) FROM messages m WHERE m.conversation_id = t.conversation_id AND m.direction = 'in') AS lastPlayerMessageAt
  FROM tickets t JOIN players p ON p.id = t.player_id LEFT JOIN agents a ON a.id = t.agent_id`;

export function listTicketSummaries(db: Db, filter: { statuses?: TicketStatus[]; tier?: Tier; agentId?: number } = {}): TicketSummary[] {
  return db
    .prepare(
      `${SUMMARY} WHERE (@statuses IS NULL OR t.status IN (SELECT value FROM json_each(@statuses)))
         AND (@tier IS NULL OR t.tier = @tier) AND (@agentId IS NULL OR t.agent_id = @agentId)
       ORDER BY t.priority DESC, t.queued_at, t.id LIMIT 500`,
    )
    .all({
      statuses: filter.statuses ? JSON.stringify(filter.statuses) : null,
      tier: filter.tier ?? null,
      agentId: filter.agentId ?? null,
    }) as TicketSummary[];
}

export function ticketSummary(db: Db, id: number): TicketSummary | undefined {
  return db.prepare(`${SUMMARY} WHERE t.id = ?`).get(id) as TicketSummary | undefined;
}

/** A message in the agent's view: with its delivery (sent / pending / failed and the channel's reason). */
export interface TimelineMessage extends Omit<StoredMessage, 'decision' | 'externalId' | 'replyTo'> {
  agentName: string | null;
  delivery: OutboxStatus | null;
  deliveryError: string | null;
  /** A picture or voice message from the player (fetched through GET /api/tickets/:id/media/:messageId). */
  media: MediaSummary | null;
}

/** The newest `limit` messages of a conversation, notes included, oldest first. */
export function ticketTimeline(db: Db, conversationId: number, limit = 300): TimelineMessage[] {
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT m.id, m.conversation_id AS conversationId, m.direction, m.sender, m.agent_id AS agentId, m.channel, m.account,
           m.kind, m.text, m.internal, m.created_at AS createdAt, a.display_name AS agentName,
           o.status AS delivery, o.last_error AS deliveryError, mm.kind AS mediaKind, mm.format AS mediaFormat, mm.recognition AS mediaRecognition
         FROM messages m LEFT JOIN agents a ON a.id = m.agent_id LEFT JOIN outbox o ON o.message_id = m.id
           LEFT JOIN message_media mm ON mm.message_id = m.id
         WHERE m.conversation_id = ? ORDER BY m.id DESC LIMIT ?)
       ORDER BY id`,
    )
    .all(conversationId, limit) as (Omit<TimelineMessage, 'internal' | 'media'> & {
    internal: number;
    mediaKind: MediaSummary['kind'] | null;
    mediaFormat: string | null;
    mediaRecognition: string | null;
  })[];
  return rows.map(({ mediaKind, mediaFormat, mediaRecognition, ...r }) => ({
    ...r,
    internal: Boolean(r.internal),
    media: mediaKind ? { kind: mediaKind, format: mediaFormat, recognition: mediaRecognition } : null,
  }));
}

/** The player's other tickets, newest first, for the profile panel. */
export function playerTickets(db: Db, playerId: number, limit = 20): Pick<Ticket, 'id' | 'status' | 'tier' | 'summary' | 'createdAt' | 'rating'>[] {
  return db
    .prepare('SELECT id, status, tier, summary, created_at AS createdAt, rating FROM tickets WHERE player_id = ? ORDER BY id DESC LIMIT ?')
    .all(playerId, limit) as Pick<Ticket, 'id' | 'status' | 'tier' | 'summary' | 'createdAt' | 'rating'>[];
}
