-- Case work (issue #15): bug reports grouped into incidents, the complaint workflow (受理 → 总结) with its
-- history, follow-ups (回访), announcements, supervisor alerts, and the studio webhook's own outbox.

-- One problem many players reported: similar text, same server, close in time. Status lives here and is
-- copied to its reports, so a filter on either agrees.
CREATE TABLE incidents (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  server      TEXT,
  severity    TEXT NOT NULL CHECK (severity IN ('critical', 'major', 'minor')),
  status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'confirmed', 'sent', 'fixed', 'wontfix')),
  first_at    INTEGER NOT NULL,
  last_at     INTEGER NOT NULL,
  fixed_at    INTEGER,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX incidents_grouping ON incidents (server, last_at);
CREATE INDEX incidents_status ON incidents (status, last_at);

-- What happened to an incident and who did it: status changes, merges, splits, who could not be told.
CREATE TABLE incident_events (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  agent_id    INTEGER REFERENCES agents(id),
  kind        TEXT NOT NULL,
  data        TEXT NOT NULL DEFAULT '{}',
  created_at  INTEGER NOT NULL
);
CREATE INDEX incident_events_incident ON incident_events (incident_id, id);

ALTER TABLE bug_reports ADD COLUMN incident_id INTEGER REFERENCES incidents(id);
ALTER TABLE bug_reports ADD COLUMN ticket_id INTEGER REFERENCES tickets(id);
ALTER TABLE bug_reports ADD COLUMN updated_at INTEGER;
CREATE INDEX bug_reports_incident ON bug_reports (incident_id);
CREATE INDEX bug_reports_created ON bug_reports (created_at);

-- The complaint workflow: stage, owner, and what each stage recorded.
ALTER TABLE complaints ADD COLUMN stage TEXT NOT NULL DEFAULT 'registered'
  CHECK (stage IN ('registered', 'assessed', 'investigating', 'proposed', 'implemented', 'summarized'));
ALTER TABLE complaints ADD COLUMN owner_id INTEGER REFERENCES agents(id);
ALTER TABLE complaints ADD COLUMN valid INTEGER;            -- NULL until 判断; 0 = not a valid complaint
ALTER TABLE complaints ADD COLUMN severity TEXT;
ALTER TABLE complaints ADD COLUMN investigation TEXT;
ALTER TABLE complaints ADD COLUMN resolution TEXT;
ALTER TABLE complaints ADD COLUMN implementation TEXT;
ALTER TABLE complaints ADD COLUMN lesson TEXT;
ALTER TABLE complaints ADD COLUMN closed_at INTEGER;
ALTER TABLE complaints ADD COLUMN updated_at INTEGER;
CREATE INDEX complaints_stage ON complaints (stage, created_at);

CREATE TABLE complaint_events (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  agent_id     INTEGER REFERENCES agents(id),
  kind         TEXT NOT NULL,                 -- stage, owner, note
  from_stage   TEXT,
  to_stage     TEXT,
  data         TEXT NOT NULL DEFAULT '{}',
  created_at   INTEGER NOT NULL
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);

-- 回访: one task per complaint (and, optionally, per VIP ticket or critical bug report).
CREATE TABLE followups (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('complaint', 'vip', 'bug')),
  complaint_id      INTEGER UNIQUE REFERENCES complaints(id),
  bug_report_id     INTEGER UNIQUE REFERENCES bug_reports(id),
  ticket_id         INTEGER UNIQUE REFERENCES tickets(id),
  player_id         INTEGER NOT NULL REFERENCES players(id),
  due_at            INTEGER NOT NULL,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'contacted', 'done')),
  contact           TEXT CHECK (contact IN ('channel', 'phone', 'other')),
  message_id        INTEGER REFERENCES messages(id),
  outcome           TEXT CHECK (outcome IN ('satisfied', 'unsatisfied', 'unreachable')),
  note              TEXT,
  agent_id          INTEGER REFERENCES agents(id),
  overdue_alerted_at INTEGER,
  done_at           INTEGER,
  created_at        INTEGER NOT NULL
);
CREATE INDEX followups_due ON followups (status, due_at);

-- Announcements (incident mode): answered first to matching questions while active.
CREATE TABLE announcements (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL DEFAULT 'api',   -- api, or file:<id> for announcements.yaml in the FAQ folder
  title       TEXT NOT NULL,
  text        TEXT NOT NULL,
  keywords    TEXT NOT NULL DEFAULT '[]',    -- JSON array
  entries     TEXT NOT NULL DEFAULT '[]',    -- JSON array of FAQ entry ids
  channels    TEXT NOT NULL DEFAULT '[]',    -- JSON array; empty = every channel
  starts_at   INTEGER NOT NULL,
  ends_at     INTEGER,
  ended_at    INTEGER,
  created_by  INTEGER REFERENCES agents(id),
  pushed      INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL
);
CREATE INDEX announcements_active ON announcements (ended_at, starts_at);
CREATE UNIQUE INDEX announcements_file ON announcements (source) WHERE source != 'api';

-- What supervisors must see at once: critical bug reports, overdue follow-ups.
CREATE TABLE alerts (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  text        TEXT NOT NULL,
  data        TEXT NOT NULL DEFAULT '{}',
  created_at  INTEGER NOT NULL,
  seen_by     INTEGER REFERENCES agents(id),
  seen_at     INTEGER
);
CREATE INDEX alerts_unseen ON alerts (seen_at, id);

-- The studio tracker's webhook (KEFU_BUG_WEBHOOK): stored first, sent and retried like the outbox.
CREATE TABLE webhook_outbox (
  id              INTEGER PRIMARY KEY,
  event           TEXT NOT NULL,
  body            TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (status, next_attempt_at);
