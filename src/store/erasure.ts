import type { Db } from './db';

const IN_CONVERSATIONS = 'SELECT id FROM conversations WHERE player_id = @playerId';
const IN_MESSAGES = `SELECT id FROM messages WHERE conversation_id IN (${IN_CONVERSATIONS})`;
const PLAYER_SAMPLES = `SELECT substr(text, 1, 500) FROM messages WHERE direction = 'in' AND conversation_id IN (${IN_CONVERSATIONS})`;
const ERASED_DELIVERY = '玩家数据已删除 (player data erased)';

/**
 * Erases one player's personal data in place (个人信息保护法): text, profile, forms' personal fields, where
 * replies go. Rows stay, emptied, so reports keep their anonymous counts (tickets by tier, complaints by
 * category, bug reports by severity, messages by decision). Runs inside the caller's transaction.
 */
export function erasePlayerRows(db: Db, playerId: number, at: number): Record<string, number> {
  const run = (sql: string) => db.prepare(sql).run({ playerId, at }).changes;
  const player = db.prepare('SELECT channel, account, user_id AS userId FROM players WHERE id = ?').get(playerId) as
    | { channel: string; account: string; userId: string }
    | undefined;
  if (!player) return {};
  // Before the messages lose their text: gaps whose sample is this player's words (a sample keeps 500 characters).
  const gapsDeleted = run(`DELETE FROM faq_gaps WHERE count <= 1 AND sample IN (${PLAYER_SAMPLES})`);
  const gapsAnonymised = run(`UPDATE faq_gaps SET sample = normalized WHERE sample IN (${PLAYER_SAMPLES})`);
  // Case work (src/cases) keeps the words of bug reports elsewhere too: emptied before the reports are.
  const IN_REPORTS = 'SELECT id FROM bug_reports WHERE player_id = @playerId';
  const caseCounts = {
    incidents:
      run(`UPDATE incidents SET title = '' WHERE title IN (SELECT substr(description, 1, 60) FROM bug_reports WHERE player_id = @playerId)`) +
      run(`UPDATE incidents SET title = '', server = NULL WHERE id IN (SELECT incident_id FROM bug_reports WHERE player_id = @playerId)
        AND NOT EXISTS (SELECT 1 FROM bug_reports b WHERE b.incident_id = incidents.id AND b.player_id != @playerId)`),
    incidentEvents: run(`UPDATE incident_events SET data = '{}' WHERE kind = 'players_told' AND data LIKE '%"playerId":' || @playerId || ',%'`),
    alerts: run(`UPDATE alerts SET text = '' WHERE json_extract(data, '$.reportId') IN (${IN_REPORTS})`),
    webhookOutbox: run(`UPDATE webhook_outbox SET body = json_set(body, '$.report.description', '', '$.report.server', NULL, '$.report.device', NULL)
      WHERE json_extract(body, '$.report.id') IN (${IN_REPORTS})`),
    complaintEvents: run(`UPDATE complaint_events SET data = '{}' WHERE complaint_id IN (SELECT id FROM complaints WHERE player_id = @playerId)`),
    followups: run('UPDATE followups SET note = NULL WHERE player_id = @playerId'),
  };
  const counts = {
    messages: run(`UPDATE messages SET text = '' WHERE conversation_id IN (${IN_CONVERSATIONS})`),
    deliveries: run(`UPDATE outbox SET address = '{}',
      last_error = CASE WHEN status IN ('pending', 'sending', 'failed') THEN '${ERASED_DELIVERY}' END,
      status = CASE WHEN status IN ('pending', 'sending') THEN 'failed' ELSE status END WHERE message_id IN (${IN_MESSAGES})`),
    qqPassiveReplies: run(`DELETE FROM qq_passive_replies WHERE message_id IN (${IN_MESSAGES})`),
    // Where the pictures and voice messages are, and what the platform heard in them.
    media: run(`DELETE FROM message_media WHERE message_id IN (${IN_MESSAGES})`),
    conversations: run(`UPDATE conversations SET context = '{}', address = '{}',
      state = 'closed', updated_at = @at WHERE player_id = @playerId`),
    // Suggestions hold the player's question word for word: deleted, pending or reviewed (an accepted one's
    // phrasing already lives in the FAQ's YAML as the operator's text).
    faqSuggestions: run(`DELETE FROM faq_suggestions WHERE ticket_id IN (SELECT id FROM tickets WHERE player_id = @playerId)
      OR message_id IN (${IN_MESSAGES})`),
    // Transfer notes, and the before/after values of profile changes.
    ticketEvents: run(`UPDATE ticket_events SET data = json_remove(data, '$.note', '$.changes')
      WHERE ticket_id IN (SELECT id FROM tickets WHERE player_id = @playerId)`),
    tickets: run(`UPDATE tickets SET summary = NULL, updated_at = @at,
      closed_at = CASE WHEN status IN ('queued', 'assigned', 'waiting_player') THEN @at ELSE closed_at END,
      status = CASE WHEN status IN ('queued', 'assigned', 'waiting_player') THEN 'closed' ELSE status END
      WHERE player_id = @playerId`),
    bugReports: run(`UPDATE bug_reports SET server = NULL, role_name = NULL, device = NULL, description = ''
      WHERE player_id = @playerId`),
    complaints: run(`UPDATE complaints SET text = '', investigation = NULL, resolution = NULL, implementation = NULL, lesson = NULL
      WHERE player_id = @playerId`),
    handoverNotes: run(`UPDATE handover_notes SET text = '' WHERE ticket_id IN (SELECT id FROM tickets WHERE player_id = @playerId)`),
    handoverSheets: eraseFromSheets(db, playerId),
    faqGaps: gapsDeleted + gapsAnonymised,
    replyWindows: db
      .prepare('DELETE FROM reply_windows WHERE channel = ? AND account = ? AND user_id = ?')
      .run(player.channel, player.account, player.userId).changes,
    players: run(`UPDATE players SET user_id = 'erased:' || id, nickname = NULL, game_uid = NULL, server = NULL,
      role_id = NULL, role_name = NULL, notes = NULL, vip_level = 0, profile_updated_at = NULL, erased_at = @at WHERE id = @playerId`),
    ...caseCounts,
  };
  return counts;
}

/** Handover sheets keep each ticket's nickname, last message and notes: emptied for the player's tickets. */
function eraseFromSheets(db: Db, playerId: number): number {
  const ticketIds = new Set((db.prepare('SELECT id FROM tickets WHERE player_id = ?').all(playerId) as { id: number }[]).map((t) => t.id));
  if (!ticketIds.size) return 0;
  const sheets = db.prepare('SELECT id, body FROM handover_sheets').all() as { id: number; body: string }[];
  const save = db.prepare('UPDATE handover_sheets SET body = ? WHERE id = ?');
  let changed = 0;
  for (const sheet of sheets) {
    const tickets = JSON.parse(sheet.body) as Record<string, unknown>[];
    if (!tickets.some((t) => ticketIds.has(t.id as number))) continue;
    const erased = tickets.map((t) =>
      ticketIds.has(t.id as number) ? { ...t, player: null, summary: null, last_message: null, notes: [], handover_notes: [] } : t,
    );
    save.run(JSON.stringify(erased), sheet.id);
    changed += 1;
  }
  return changed;
}

/**
 * The retention job's erasure: the text of messages, ticket summaries, bug reports' and complaints' personal
 * fields older than `before`, unanswered-question samples last seen before it, and the half-filled forms of
 * conversations idle since. Counts and decisions stay. Returns what changed, table by table.
 */
export function eraseTextBefore(db: Db, before: number, at: number): Record<string, number> {
  const run = (sql: string) => db.prepare(sql).run({ before, at }).changes;
  const counts: Record<string, number> = {
    messages: run(`UPDATE messages SET text = '' WHERE created_at < @before AND text <> ''`),
    faqGaps: run('DELETE FROM faq_gaps WHERE last_seen < @before'),
    conversations: run(`UPDATE conversations SET context = '{}' WHERE updated_at < @before AND context <> '{}'`),
    tickets: run('UPDATE tickets SET summary = NULL WHERE created_at < @before AND summary IS NOT NULL'),
    bugReports: run(`UPDATE bug_reports SET server = NULL, role_name = NULL, device = NULL, description = ''
      WHERE created_at < @before AND description <> ''`),
    complaints: run(`UPDATE complaints SET text = '', investigation = NULL, resolution = NULL, implementation = NULL, lesson = NULL
      WHERE created_at < @before AND text <> ''`),
  };
  // Case work's and the learning loop's copies of those words, listed when something changed.
  const caseCounts = {
    incidents: run(`UPDATE incidents SET title = '', server = NULL WHERE last_at < @before AND title <> ''`),
    complaintEvents: run(`UPDATE complaint_events SET data = '{}' WHERE created_at < @before AND data <> '{}'`),
    incidentEvents: run(`UPDATE incident_events SET data = '{}' WHERE created_at < @before AND data <> '{}'`),
    followups: run('UPDATE followups SET note = NULL WHERE created_at < @before AND note IS NOT NULL'),
    alerts: run(`UPDATE alerts SET text = '' WHERE created_at < @before AND text <> ''`),
    webhookOutbox: run(`UPDATE webhook_outbox SET body = '{}' WHERE created_at < @before AND status IN ('sent', 'failed') AND body <> '{}'`),
    // The learning loop's copies of players' questions; where old pictures and voice messages are.
    media: run('DELETE FROM message_media WHERE message_id IN (SELECT id FROM messages WHERE created_at < @before)'),
    faqSuggestions: run('DELETE FROM faq_suggestions WHERE created_at < @before'),
  };
  for (const [table, n] of Object.entries(caseCounts)) if (n) counts[table] = n;
  return counts;
}
