-- Media from players (issue #13 point 7): a picture or voice message is stored with what the server needs
-- to fetch it later through the channel's API (media_id, or the vendor's URL), never the file itself, and
-- the platform's speech recognition of a voice message.
CREATE TABLE message_media (
  message_id  INTEGER PRIMARY KEY REFERENCES messages(id),
  kind        TEXT NOT NULL CHECK (kind IN ('image', 'voice', 'video', 'file')),
  media_id    TEXT,
  url         TEXT,
  format      TEXT,
  recognition TEXT
);
