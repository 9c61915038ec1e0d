import type { Db } from '../store/db';

export interface SearchFilter {
  /** Words in any message of the conversation. */
  text?: string;
  /** The player's nickname, platform user id, game uid or role name (from bug reports). */
  player?: string;
  ticket?: number;
  channel?: string;
  status?: string;
  from?: number;
  to?: number;
}

/** `LIKE` with the user's % and _ taken literally. */
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Tickets and conversations matching every given filter, newest first: one row per conversation, with
 * its newest ticket if it has one and the matching message's text when searching by text.
 */
export function searchConversations(db: Db, f: SearchFilter, limit = 100) {
  const status = f.status === 'bot' ? null : (f.status ?? null);
  return db
    .prepare(
      `SELECT c.id AS conversationId, c.state, c.created_at AS createdAt, c.updated_at AS updatedAt,
              t.id AS ticketId, t.status, t.tier, a.display_name AS agent,
              p.nickname, p.user_id AS userId, p.game_uid AS gameUid, p.channel,
              (SELECT m.text FROM messages m WHERE m.conversation_id = c.id
                  AND (@text IS NULL OR m.text LIKE @text ESCAPE '\\') ORDER BY m.id DESC LIMIT 1) AS excerpt
         FROM conversations c JOIN players p ON p.id = c.player_id
         LEFT JOIN tickets t ON t.id = (SELECT MAX(id) FROM tickets WHERE conversation_id = c.id)
         LEFT JOIN agents a ON a.id = t.agent_id
        WHERE (@text IS NULL OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.text LIKE @text ESCAPE '\\'))
          AND (@player IS NULL OR p.nickname LIKE @player ESCAPE '\\' OR p.user_id LIKE @player ESCAPE '\\' OR p.game_uid LIKE @player ESCAPE '\\'
               OR EXISTS (SELECT 1 FROM bug_reports b WHERE b.player_id = p.id AND b.role_name LIKE @player ESCAPE '\\'))
          AND (@ticket IS NULL OR EXISTS (SELECT 1 FROM tickets x WHERE x.conversation_id = c.id AND x.id = @ticket))
          AND (@channel IS NULL OR p.channel = @channel)
          AND (@status IS NULL OR t.status = @status)
          AND (@bot = 0 OR t.id IS NULL)
          AND (@from IS NULL OR c.updated_at >= @from) AND (@to IS NULL OR c.created_at < @to)
        ORDER BY c.updated_at DESC, c.id DESC LIMIT @limit`,
    )
    .all({
      text: f.text ? like(f.text) : null,
      player: f.player ? like(f.player) : null,
      ticket: f.ticket ?? null,
      channel: f.channel ?? null,
      status,
      bot: f.status === 'bot' ? 1 : 0,
      from: f.from ?? null,
      to: f.to ?? null,
      limit,
    });
}
