import type { Db } from './db';

/** The console is open: the agent's browser says so every half minute. */
export function beat(db: Db, agentId: number, at: number): void {
  db.prepare(
    'INSERT INTO agent_presence (agent_id, last_beat_at) VALUES (?, ?) ON CONFLICT (agent_id) DO UPDATE SET last_beat_at = excluded.last_beat_at',
  ).run(agentId, at);
}

/**
 * Agents marked online whose console stopped beating before `staleBefore` go offline (their browser is gone),
 * so the dashboard and auto-assignment stop counting them. Agents who never had a console (API clients)
 * are left as they are. Returns the ids turned offline.
 */
export function markAbsentOffline(db: Db, staleBefore: number): number[] {
  const ids = (
    db
      .prepare(
        `SELECT a.id FROM agents a JOIN agent_presence p ON p.agent_id = a.id WHERE a.online = 1 AND p.last_beat_at < ?`,
      )
      .all(staleBefore) as { id: number }[]
  ).map((r) => r.id);
  const off = db.prepare('UPDATE agents SET online = 0 WHERE id = ?');
  for (const id of ids) off.run(id);
  return ids;
}
