-- The supervisor's desk (issue #14): stored daily reports, console presence, shifts and handover sheets,
-- and spot checks (随机抽检).

-- One report per service-time-zone day, stored by the daily job; pushed_at marks the webhook summary as
-- sent, so a restart never sends it twice.
CREATE TABLE daily_reports (
  date       TEXT PRIMARY KEY,               -- YYYY-MM-DD in KEFU_TIMEZONE
  body       TEXT NOT NULL,                  -- the report's JSON (README "Daily report")
  created_at INTEGER NOT NULL,
  pushed_at  INTEGER
);

-- A console's heartbeat: an agent whose browser is gone stops counting as online after a short timeout.
CREATE TABLE agent_presence (
  agent_id     INTEGER PRIMARY KEY REFERENCES agents(id),
  last_beat_at INTEGER NOT NULL
);

-- Which shift an agent works (三班倒); agents without a row are not bound to a shift.
CREATE TABLE agent_shifts (
  agent_id INTEGER PRIMARY KEY REFERENCES agents(id),
  shift    TEXT NOT NULL
);

-- A handover sheet (交接表), written once at the end of each shift.
CREATE TABLE handover_sheets (
  id         INTEGER PRIMARY KEY,
  shift      TEXT NOT NULL,                  -- the outgoing shift
  next_shift TEXT NOT NULL,                  -- the incoming shift, who acknowledge it
  ended_at   INTEGER NOT NULL,               -- the shift's end (ms)
  body       TEXT NOT NULL,                  -- JSON: the unresolved tickets at that moment
  created_at INTEGER NOT NULL,
  UNIQUE (shift, ended_at)
);

CREATE TABLE handover_acks (
  sheet_id INTEGER NOT NULL REFERENCES handover_sheets(id),
  agent_id INTEGER NOT NULL REFERENCES agents(id),
  at       INTEGER NOT NULL,
  PRIMARY KEY (sheet_id, agent_id)
);

-- What the outgoing agent wants the next shift to know about a ticket.
CREATE TABLE handover_notes (
  id         INTEGER PRIMARY KEY,
  ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
  agent_id   INTEGER NOT NULL REFERENCES agents(id),
  text       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX handover_notes_ticket ON handover_notes (ticket_id, id);

-- A resolved conversation drawn for a supervisor to score. A conversation is drawn at most once.
CREATE TABLE spot_checks (
  id              INTEGER PRIMARY KEY,
  day             TEXT NOT NULL,             -- the day it was drawn for (YYYY-MM-DD)
  agent_id        INTEGER NOT NULL REFERENCES agents(id),
  ticket_id       INTEGER NOT NULL REFERENCES tickets(id),
  conversation_id INTEGER NOT NULL UNIQUE REFERENCES conversations(id),
  drawn_at        INTEGER NOT NULL,
  scored_by       INTEGER REFERENCES agents(id),
  scored_at       INTEGER,
  scores          TEXT,                      -- JSON {criterion id: points}
  score           REAL,                      -- 0-100: points over the scorecard's maximum
  comment         TEXT
);
CREATE INDEX spot_checks_agent ON spot_checks (agent_id, day);
CREATE INDEX spot_checks_day ON spot_checks (day);

-- Reports read tickets by when things happened.
CREATE INDEX IF NOT EXISTS tickets_created ON tickets (created_at);
CREATE INDEX IF NOT EXISTS tickets_resolved ON tickets (resolved_at);
CREATE INDEX IF NOT EXISTS messages_created ON messages (created_at);
