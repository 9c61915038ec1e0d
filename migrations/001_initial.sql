-- Kefu's first schema: players, their conversations and messages, tickets and their events,
-- bug reports, complaints, agents, the outbox and FAQ gaps. Times are ms since epoch.

CREATE TABLE players (
  id            INTEGER PRIMARY KEY,
  channel       TEXT NOT NULL,
  account       TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  nickname      TEXT,
  vip_level     INTEGER NOT NULL DEFAULT 0,
  game_uid      TEXT,
  server        TEXT,
  language      TEXT NOT NULL DEFAULT 'zh',
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  UNIQUE (channel, account, user_id)
);

-- One open conversation per player at a time; state drives the pipeline's routing.
CREATE TABLE conversations (
  id            INTEGER PRIMARY KEY,
  player_id     INTEGER NOT NULL REFERENCES players(id),
  state         TEXT NOT NULL DEFAULT 'bot'
                CHECK (state IN ('bot', 'clarifying', 'collecting', 'queued', 'with_agent', 'closed')),
  context       TEXT NOT NULL DEFAULT '{}',   -- JSON: clarify choices, the form being collected
  misses        INTEGER NOT NULL DEFAULT 0,   -- unanswered questions in a row
  ticket_id     INTEGER,
  address       TEXT NOT NULL,                -- JSON Address: where replies go
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX conversations_player ON conversations (player_id, state);

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  sender          TEXT NOT NULL CHECK (sender IN ('player', 'bot', 'agent', 'system')),
  agent_id        INTEGER,
  channel         TEXT NOT NULL,
  account         TEXT NOT NULL,
  external_id     TEXT,                       -- inbound: the platform's id (dedupe key)
  reply_to        INTEGER REFERENCES messages(id), -- outbound: the inbound message it answers
  kind            TEXT NOT NULL DEFAULT 'text',
  text            TEXT NOT NULL,
  decision        TEXT,                       -- JSON summary of the matcher's decision
  internal        INTEGER NOT NULL DEFAULT 0, -- 1 for agents' notes, never sent
  created_at      INTEGER NOT NULL
);
-- A channel's retry or a reconnect's replay is the same message: store it once.
CREATE UNIQUE INDEX messages_inbound_once ON messages (channel, account, external_id) WHERE direction = 'in';
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_reply_to ON messages (reply_to);

CREATE TABLE agents (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  tier          TEXT NOT NULL DEFAULT 'L1' CHECK (tier IN ('L1', 'L2', 'VIP')),
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    INTEGER NOT NULL
);

CREATE TABLE tickets (
  id                INTEGER PRIMARY KEY,
  conversation_id   INTEGER NOT NULL REFERENCES conversations(id),
  player_id         INTEGER NOT NULL REFERENCES players(id),
  status            TEXT NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'assigned', 'waiting_player', 'resolved', 'closed')),
  tier              TEXT NOT NULL DEFAULT 'L1' CHECK (tier IN ('L1', 'L2', 'VIP')),
  priority          INTEGER NOT NULL DEFAULT 0,
  reason            TEXT NOT NULL,            -- requested | unanswered | complaint | bug_report
  summary           TEXT,
  agent_id          INTEGER REFERENCES agents(id),
  created_at        INTEGER NOT NULL,
  queued_at         INTEGER NOT NULL,
  first_response_due_at INTEGER,
  first_response_at INTEGER,
  resolved_at       INTEGER,
  closed_at         INTEGER,
  rating            INTEGER CHECK (rating BETWEEN 1 AND 5),
  updated_at        INTEGER NOT NULL
);
-- The queue: open tickets of a tier, highest priority first, then longest waiting.
CREATE INDEX tickets_queue ON tickets (status, tier, priority DESC, queued_at);
CREATE INDEX tickets_player ON tickets (player_id, created_at);

CREATE TABLE ticket_events (
  id         INTEGER PRIMARY KEY,
  ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
  agent_id   INTEGER REFERENCES agents(id),
  kind       TEXT NOT NULL,                   -- created, claimed, replied, noted, transferred, resolved…
  data       TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

CREATE TABLE bug_reports (
  id              INTEGER PRIMARY KEY,
  player_id       INTEGER NOT NULL REFERENCES players(id),
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  server          TEXT,
  role_name       TEXT,
  device          TEXT,
  description     TEXT NOT NULL,
  severity        TEXT NOT NULL CHECK (severity IN ('critical', 'major', 'minor')),
  status          TEXT NOT NULL DEFAULT 'new',
  created_at      INTEGER NOT NULL
);

CREATE TABLE complaints (
  id               INTEGER PRIMARY KEY,
  player_id        INTEGER NOT NULL REFERENCES players(id),
  conversation_id  INTEGER NOT NULL REFERENCES conversations(id),
  ticket_id        INTEGER REFERENCES tickets(id),
  category         TEXT NOT NULL,
  text             TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'open',
  follow_up_due_at INTEGER NOT NULL,          -- 回访 within 3 days
  followed_up_at   INTEGER,
  created_at       INTEGER NOT NULL
);
CREATE INDEX complaints_follow_up ON complaints (status, follow_up_due_at);

-- Every outbound message is here before it is sent (DESIGN §6).
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  message_id      INTEGER NOT NULL REFERENCES messages(id),
  channel         TEXT NOT NULL,
  address         TEXT NOT NULL,              -- JSON Address
  status          TEXT NOT NULL CHECK (status IN ('inline', 'pending', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  external_id     TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_message ON outbox (message_id);

-- Questions the bot could not answer, by normalised text, so operators know what to write next.
CREATE TABLE faq_gaps (
  normalized TEXT PRIMARY KEY,
  sample     TEXT NOT NULL,
  count      INTEGER NOT NULL DEFAULT 1,
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL
);
CREATE INDEX faq_gaps_count ON faq_gaps (count DESC);
