import type { ChineseScript } from '../core/chineseScript';
import type { ChannelId } from '../core/types';
import type { Db } from './db';

export interface Player {
  id: number;
  channel: ChannelId;
  account: string;
  userId: string;
  nickname: string | null;
  vipLevel: number;
  gameUid: string | null;
  server: string | null;
  roleId: string | null;
  roleName: string | null;
  notes: string | null;
  language: 'zh' | 'en';
  chineseScript: ChineseScript;
  createdAt: number;
  lastSeenAt: number;
}

const COLUMNS = `id, channel, account, user_id AS userId, nickname, vip_level AS vipLevel, game_uid AS gameUid,
  server, role_id AS roleId, role_name AS roleName, notes, language, chinese_script AS chineseScript, created_at AS createdAt, last_seen_at AS lastSeenAt`;
// Built once, not at each call (see FIND_INBOUND in messages.ts).
const FIND_PLAYER = `SELECT ${COLUMNS} FROM players WHERE channel = ? AND account = ? AND user_id = ?`;

/** The player behind (channel, account, userId), created on first contact; nickname, last-seen and (when given) script kept fresh. */
export function upsertPlayer(
  db: Db,
  p: {
    channel: ChannelId;
    account: string;
    userId: string;
    nickname?: string;
    language: 'zh' | 'en';
    chineseScript?: ChineseScript;
    at: number;
  },
): Player {
  return db.prepare(
    `INSERT INTO players (channel, account, user_id, nickname, language, chinese_script, created_at, last_seen_at)
     VALUES (@channel, @account, @userId, @nickname, @language, COALESCE(@chineseScript, 'simplified'), @at, @at)
     ON CONFLICT (channel, account, user_id) DO UPDATE SET
       nickname = COALESCE(excluded.nickname, players.nickname),
       language = excluded.language,
       chinese_script = COALESCE(@chineseScript, players.chinese_script),
       last_seen_at = excluded.last_seen_at
     RETURNING ${COLUMNS}`,
  ).get({ ...p, nickname: p.nickname ?? null, chineseScript: p.chineseScript ?? null }) as Player;
}

/** How stale last_seen_at may get before a message writes it again (it answers "who wrote lately"). */
export const LAST_SEEN_PRECISION_MS = 60_000;

/**
 * A known player's row kept fresh as upsertPlayer would (nickname when given, language, script when given,
 * last seen), by id and without reading the row back: the pipeline has just read it (one statement fewer per
 * message than the upsert, and an UPDATE by rowid is the cheapest write there is). When only last seen would
 * change, and by less than LAST_SEEN_PRECISION_MS, nothing is written: a player's next messages in a
 * conversation then cost no write of their row (a random page of the table at every commit).
 */
export function touchPlayer(
  db: Db,
  known: Player,
  p: { nickname?: string; language: 'zh' | 'en'; chineseScript?: ChineseScript; at: number },
): Player {
  const same =
    (p.nickname ?? known.nickname) === known.nickname &&
    p.language === known.language &&
    (p.chineseScript ?? known.chineseScript) === known.chineseScript &&
    p.at - known.lastSeenAt < LAST_SEEN_PRECISION_MS &&
    p.at >= known.lastSeenAt;
  if (same) return known;
  db.prepare(
    `UPDATE players SET nickname = COALESCE(?, nickname), language = ?, chinese_script = COALESCE(?, chinese_script), last_seen_at = ? WHERE id = ?`,
  ).run(p.nickname ?? null, p.language, p.chineseScript ?? null, p.at, known.id);
  return {
    ...known,
    nickname: p.nickname ?? known.nickname,
    language: p.language,
    chineseScript: p.chineseScript ?? known.chineseScript,
    lastSeenAt: p.at,
  };
}

export function getPlayer(db: Db, id: number): Player | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM players WHERE id = ?`).get(id) as Player | undefined;
}

/** Fills in what a bug report or an agent learned about the player (game uid, server, VIP level). */
export function updatePlayerProfile(
  db: Db,
  id: number,
  profile: { gameUid?: string; server?: string; vipLevel?: number },
): void {
  db.prepare(
    `UPDATE players SET game_uid = COALESCE(@gameUid, game_uid), server = COALESCE(@server, server),
       vip_level = COALESCE(@vipLevel, vip_level) WHERE id = @id`,
  ).run({ id, gameUid: profile.gameUid ?? null, server: profile.server ?? null, vipLevel: profile.vipLevel ?? null });
}

export function findPlayer(db: Db, channel: ChannelId, account: string, userId: string): Player | undefined {
  return db
    .prepare(FIND_PLAYER)
    .get(channel, account, userId) as Player | undefined;
}
