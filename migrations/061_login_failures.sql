-- Failed logins (and logins being checked), per username and per client address, so the limit is counted
-- before the slow password hash and survives a restart.
CREATE TABLE login_failures (
  id  INTEGER PRIMARY KEY,
  key TEXT NOT NULL,      -- 'user:<lowercase name>' or 'addr:<ip>'
  at  INTEGER NOT NULL    -- ms since epoch
);
CREATE INDEX login_failures_key ON login_failures (key, at);
CREATE INDEX login_failures_at ON login_failures (at);
