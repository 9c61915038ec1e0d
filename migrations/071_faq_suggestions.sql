-- The bot learns from agents (issue #13): when an agent answers a handed-off question, they say which FAQ
-- entry it belongs to (or that it needs a new one); a supervisor accepts or rejects, and an accepted
-- phrasing is written into the FAQ's YAML.
CREATE TABLE faq_suggestions (
  id           INTEGER PRIMARY KEY,
  ticket_id    INTEGER REFERENCES tickets(id),
  message_id   INTEGER REFERENCES messages(id),   -- the player's question
  question     TEXT NOT NULL,
  entry_id     TEXT,                              -- the entry it belongs to; NULL: a new entry
  answer       TEXT,                              -- a new entry's answer (from the agent's reply)
  agent_id     INTEGER REFERENCES agents(id),
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  written_to   TEXT,                              -- file:line the accepted phrasing went to
  reviewed_by  TEXT,                              -- a supervisor's name, or "cli"
  reviewed_at  INTEGER,
  created_at   INTEGER NOT NULL
);
CREATE INDEX faq_suggestions_status ON faq_suggestions (status, id);
-- One suggestion per question and ticket: picking again replaces the pick.
CREATE UNIQUE INDEX faq_suggestions_once ON faq_suggestions (ticket_id, question) WHERE status = 'pending';
