import { recordAudit } from '../store/audit';
import type { Db } from '../store/db';
import { erasePlayerRows } from '../store/erasure';
import { playerIdsOf } from '../store/playerData';
import type { PlayerRequest } from './export';
import { truncateWal } from './wipe';

export interface ErasureResult {
  playerIds: number[];
  /** Rows changed, table by table. */
  erased: Record<string, number>;
  /** The WAL was cut to zero bytes (false: another process kept reading; run again to clear it). */
  walCleared: boolean;
}

/**
 * Erases a player's personal data (个人信息保护法 第四十七条), audited, and leaves no copy in the files.
 * Rows stay, emptied, so reports keep anonymous counts; the player's id is replaced by `erased:<row id>`,
 * so a later message from the same person starts a new, unrelated player. Undefined when unknown.
 */
export function erasePlayer(db: Db, req: PlayerRequest, actor: string, at: number): ErasureResult | undefined {
  const done = db.transaction(() => {
    const playerIds = playerIdsOf(db, req.channel, req.userId, req.account);
    if (!playerIds.length) return undefined;
    const erased: Record<string, number> = {};
    for (const id of playerIds) {
      for (const [table, n] of Object.entries(erasePlayerRows(db, id, at))) erased[table] = (erased[table] ?? 0) + n;
    }
    // The audit names the channel and row ids, never the erased user id.
    recordAudit(db, { kind: 'player.erase', actor, playerIds, detail: { channel: req.channel, erased }, at });
    return { playerIds, erased };
  })();
  return done && { ...done, walCleared: truncateWal(db) };
}
