-- WeChat channels' own durable state (issue #5): vendor access tokens and sync cursors, and each player's
-- customer-service reply window (protocols.md §1.7, §2: 5 messages within 48 h of the player's last message).

-- Small key-value state owned by channel adapters: access tokens (until expires_at), WeCom sync_msg cursors.
CREATE TABLE vendor_state (
  key        TEXT PRIMARY KEY,              -- e.g. wechat-mp:token:<appid>, wecom-kf:cursor:<open_kfid>
  value      TEXT NOT NULL,                 -- tokens can be 512+ characters (protocols.md §1.6)
  expires_at INTEGER,                       -- ms since epoch; NULL = never
  updated_at INTEGER NOT NULL
);

-- Whether, and until when, a channel may still push messages to a player outside a passive reply.
CREATE TABLE reply_windows (
  channel    TEXT NOT NULL,
  account    TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  opened_at  INTEGER NOT NULL,              -- the player's action that opened the window
  until      INTEGER NOT NULL,              -- ms since epoch
  allowance  INTEGER NOT NULL,              -- messages the vendor allows in this window
  used       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (channel, account, user_id)
);
