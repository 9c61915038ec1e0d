-- Privacy (个人信息保护法, issue #17): who exported or erased a player's data, when and what, and which
-- players are erased. The audit rows name players by their row id only: an erased player's channel id is
-- gone from the database, and the audit must not keep it either.
CREATE TABLE audit_events (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,                 -- player.export, player.erase, retention.erase
  actor      TEXT NOT NULL,                 -- agent:<id> (console), cli:<os user>, job:retention
  player_ids TEXT NOT NULL DEFAULT '[]',    -- JSON array of players.id
  detail     TEXT NOT NULL DEFAULT '{}',    -- JSON: counts of what was exported or erased
  created_at INTEGER NOT NULL
);
CREATE INDEX audit_events_time ON audit_events (created_at);

ALTER TABLE players ADD COLUMN erased_at INTEGER;

-- The retention job erases text by age.
CREATE INDEX messages_created ON messages (created_at);
