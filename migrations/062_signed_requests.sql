-- Signed callbacks seen within the replay window (±5 minutes), per channel: a nonce used again with another
-- body is a forgery; with the same body it is the vendor's retry.
CREATE TABLE signed_requests (
  channel TEXT NOT NULL,
  nonce   TEXT NOT NULL,     -- the vendor's nonce (with its timestamp), or the signature itself
  digest  TEXT NOT NULL,     -- sha256 of the body
  seen_at INTEGER NOT NULL,  -- ms since epoch
  PRIMARY KEY (channel, nonce)
);
CREATE INDEX signed_requests_seen ON signed_requests (seen_at);
