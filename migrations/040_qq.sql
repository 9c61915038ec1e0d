-- QQ official bot's own durable state (issue #6, protocols.md §4): the passive replies already sent to
-- each player message (msg_seq 1, 2, 3… and at most 5 per msg_id). Its access token lives in vendor_state.

-- One row per reply to a player's message: the msg_seq it went out with. A retry of the same outbound
-- message keeps its msg_seq; a new one takes the next number.
CREATE TABLE qq_passive_replies (
  app_id      TEXT NOT NULL,
  msg_id      TEXT NOT NULL,                -- the player's message (d.id) being answered
  msg_seq     INTEGER NOT NULL,
  message_id  INTEGER NOT NULL,             -- our outbound messages.id
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (app_id, msg_id, msg_seq),
  UNIQUE (app_id, msg_id, message_id)
);
CREATE INDEX qq_passive_replies_age ON qq_passive_replies (created_at);
