-- Who the player is in the game (issue #13): told by the game (signed web-chat link, profile API) or by an
-- agent. game_uid, server and vip_level already exist; the role and the agents' notes join them.
ALTER TABLE players ADD COLUMN role_id TEXT;
ALTER TABLE players ADD COLUMN role_name TEXT;
ALTER TABLE players ADD COLUMN notes TEXT;
ALTER TABLE players ADD COLUMN profile_updated_at INTEGER;
-- The profile API finds a channel user by (channel, user_id) when the account is not given.
CREATE INDEX players_user ON players (channel, user_id);
