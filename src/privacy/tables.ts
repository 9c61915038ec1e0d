/**
 * Every table of the schema, and what it holds about players. A new table must be listed here (the test
 * in test/privacy/tables.test.ts fails otherwise): one that holds player data is exported by
 * store/playerData.ts and erased by store/erasure.ts.
 */
export const PLAYER_DATA_TABLES: Record<string, string> = {
  players: 'profile: channel id, nickname, game uid, server, role id and name, VIP level, agents’ notes',
  conversations: 'where replies go (address) and half-filled forms (context)',
  messages: 'text of every message to and from the player, agents’ notes about them',
  tickets: 'summary (the player’s first words)',
  ticket_events: 'transfer notes',
  bug_reports: 'server, role name, device, description',
  complaints: 'text',
  outbox: 'where replies go (address), vendor errors',
  reply_windows: 'the channel id',
  qq_passive_replies: 'the player’s QQ message ids',
  faq_gaps: 'samples of unanswered questions',
  incidents: 'title (the first report’s words)',
  incident_events: 'who was told of a fix (nicknames)',
  complaint_events: 'what each complaint stage recorded',
  followups: 'the follow-up’s outcome notes',
  alerts: 'a critical report’s words',
  webhook_outbox: 'bug reports sent to the studio tracker',
  handover_notes: 'what an agent wrote about the player’s ticket for the next shift',
  handover_sheets: 'for each unresolved ticket: the player’s nickname, last message and the notes',
  message_media: 'where a player’s pictures and voice messages are (media ids, vendor URLs) and voice recognition text',
  faq_suggestions: 'a handed-off question in the player’s words, and an agent’s answer to it',
};

export const TABLES_WITHOUT_PLAYER_DATA: Record<string, string> = {
  schema_migrations: 'applied migrations',
  agents: 'staff accounts',
  sessions: 'staff logins',
  vendor_state: 'access tokens and sync cursors',
  audit_events: 'who exported or erased; players by row id only',
  announcements: 'what supervisors published to all players',
  llm_calls: 'what each LLM call was for, tokens, latency (no prompt or answer)',
  login_failures: 'failed console logins for 15 min: staff usernames and client addresses',
  signed_requests: 'vendor callback nonces and body digests for 10 min (no body)',
  daily_reports: 'the day’s counts; the top unanswered questions as texts, not who asked them',
  agent_presence: 'staff consoles’ heartbeats',
  agent_shifts: 'which shift each agent works',
  handover_acks: 'who acknowledged a handover sheet',
  spot_checks: 'scores of an agent’s work; the conversation by row id only',
};
