import type { Db } from './db';

/**
 * Everything the database holds about one player row, table by table, as stored (for a 个人信息保护法
 * access request). Column names are the database's own, so a new column shows up without code.
 */
export function playerRecords(db: Db, playerId: number) {
  const all = (sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as Record<string, unknown>[];
  const player = db.prepare('SELECT * FROM players WHERE id = ?').get(playerId) as Record<string, unknown>;
  const conversations = all('SELECT * FROM conversations WHERE player_id = ? ORDER BY id', playerId);
  const inConversations = 'SELECT id FROM conversations WHERE player_id = ?';
  const messages = all(`SELECT * FROM messages WHERE conversation_id IN (${inConversations}) ORDER BY id`, playerId);
  const tickets = all('SELECT * FROM tickets WHERE player_id = ? ORDER BY id', playerId);
  return {
    player,
    conversations,
    messages,
    tickets,
    ticketEvents: all('SELECT * FROM ticket_events WHERE ticket_id IN (SELECT id FROM tickets WHERE player_id = ?) ORDER BY id', playerId),
    bugReports: all('SELECT * FROM bug_reports WHERE player_id = ? ORDER BY id', playerId),
    complaints: all('SELECT * FROM complaints WHERE player_id = ? ORDER BY id', playerId),
    followups: all('SELECT * FROM followups WHERE player_id = ? ORDER BY id', playerId),
    deliveries: all(
      `SELECT * FROM outbox WHERE message_id IN (SELECT id FROM messages WHERE conversation_id IN (${inConversations})) ORDER BY id`,
      playerId,
    ),
    replyWindows: all('SELECT * FROM reply_windows WHERE channel = ? AND account = ? AND user_id = ?', player.channel, player.account, player.user_id),
    qqPassiveReplies: all(
      `SELECT * FROM qq_passive_replies WHERE message_id IN (SELECT id FROM messages WHERE conversation_id IN (${inConversations}))`,
      playerId,
    ),
    media: all(
      `SELECT * FROM message_media WHERE message_id IN (SELECT id FROM messages WHERE conversation_id IN (${inConversations})) ORDER BY message_id`,
      playerId,
    ),
    // The learning loop's copies of the player's questions (and the agent's answer for a new entry).
    faqSuggestions: all(
      `SELECT * FROM faq_suggestions WHERE ticket_id IN (SELECT id FROM tickets WHERE player_id = ?)
         OR message_id IN (SELECT id FROM messages WHERE conversation_id IN (${inConversations})) ORDER BY id`,
      playerId,
      playerId,
    ),
    handoverNotes: all('SELECT * FROM handover_notes WHERE ticket_id IN (SELECT id FROM tickets WHERE player_id = ?) ORDER BY id', playerId),
    faqGaps: all(
      `SELECT * FROM faq_gaps WHERE sample IN (SELECT substr(text, 1, 500) FROM messages WHERE direction = 'in'
         AND conversation_id IN (${inConversations}))`,
      playerId,
    ),
  };
}

export type PlayerRecords = ReturnType<typeof playerRecords>;

/** Player rows for a channel's user id (one per account of the channel that the player wrote to). */
export function playerIdsOf(db: Db, channel: string, userId: string, account?: string): number[] {
  const rows = db
    .prepare('SELECT id FROM players WHERE channel = ? AND user_id = ? AND (? IS NULL OR account = ?) ORDER BY id')
    .all(channel, userId, account ?? null, account ?? null) as { id: number }[];
  return rows.map((r) => r.id);
}
