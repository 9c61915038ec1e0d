import { recordAudit } from '../store/audit';
import type { Db } from '../store/db';
import { playerIdsOf, playerRecords, type PlayerRecords } from '../store/playerData';

export interface PlayerRequest {
  channel: string;
  userId: string;
  /** The official account / bot id; all of the channel's accounts when omitted. */
  account?: string;
}

export interface PlayerExport {
  channel: string;
  userId: string;
  exportedAt: string;
  /** One entry per account of the channel the player wrote to. */
  players: PlayerRecords[];
}

/**
 * Everything held about a player (个人信息保护法 第四十五条, the right to a copy), audited. Internal
 * notes are included: they are data about the player too. Undefined when the player is unknown.
 */
export function exportPlayer(db: Db, req: PlayerRequest, actor: string, at: number): PlayerExport | undefined {
  return db.transaction(() => {
    const ids = playerIdsOf(db, req.channel, req.userId, req.account);
    if (!ids.length) return undefined;
    const players = ids.map((id) => playerRecords(db, id));
    const messages = players.reduce((n, p) => n + p.messages.length, 0);
    recordAudit(db, { kind: 'player.export', actor, playerIds: ids, detail: { channel: req.channel, messages }, at });
    return { channel: req.channel, userId: req.userId, exportedAt: new Date(at).toISOString(), players };
  })();
}
