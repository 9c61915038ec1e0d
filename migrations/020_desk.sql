-- The agent desk (issue #4): agents' sessions, presence and capacity for auto-assignment, and SLA breaches.

-- A logged-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy of the
-- database does not let anyone in.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  agent_id     INTEGER NOT NULL REFERENCES agents(id),
  csrf_token   TEXT NOT NULL,               -- sent back in x-csrf-token on every state-changing request
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_agent ON sessions (agent_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Presence and load for auto-assignment: round robin (least recently assigned first) over online agents
-- with fewer open tickets than their capacity.
ALTER TABLE agents ADD COLUMN online INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN capacity INTEGER NOT NULL DEFAULT 5;
ALTER TABLE agents ADD COLUMN last_assigned_at INTEGER NOT NULL DEFAULT 0;

-- Set when the SLA watch finds the first response late; a breach is flagged (and its priority raised) once.
ALTER TABLE tickets ADD COLUMN sla_breached_at INTEGER;

-- "My tickets" and an agent's load.
CREATE INDEX tickets_agent ON tickets (agent_id, status);
-- The SLA watch: queued or assigned tickets without a first response, by deadline.
CREATE INDEX tickets_first_response_due ON tickets (first_response_at, first_response_due_at);
-- Reopening: the conversation's latest ticket.
CREATE INDEX tickets_conversation ON tickets (conversation_id, id);
