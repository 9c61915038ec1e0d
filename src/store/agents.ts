import type { Db } from './db';
import type { Tier } from './tickets';

export type Role = 'agent' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];
export const TIERS: readonly Tier[] = ['L1', 'L2', 'VIP'];

/** A person at the desk, as the API shows them (never the password hash). */
export interface Agent {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  tier: Tier;
  active: boolean;
  online: boolean;
  capacity: number;
  lastAssignedAt: number;
  createdAt: number;
}

const columns = (t = 'agents') => `${t}.id, ${t}.username, ${t}.display_name AS displayName, ${t}.role, ${t}.tier,
  ${t}.active, ${t}.online, ${t}.capacity, ${t}.last_assigned_at AS lastAssignedAt, ${t}.created_at AS createdAt`;
const COLUMNS = columns();

type Row = Omit<Agent, 'active' | 'online'> & { active: number; online: number };
const fromRow = (r: Row): Agent => ({ ...r, active: Boolean(r.active), online: Boolean(r.online) });

export function insertAgent(
  db: Db,
  a: { username: string; displayName: string; role: Role; tier: Tier; passwordHash: string; capacity?: number; at: number },
): Agent {
  const id = db
    .prepare(
      `INSERT INTO agents (username, display_name, role, tier, password_hash, capacity, created_at)
       VALUES (@username, @displayName, @role, @tier, @passwordHash, @capacity, @at)`,
    )
    .run({ ...a, capacity: a.capacity ?? 5 }).lastInsertRowid as number;
  return getAgent(db, id)!;
}

export function getAgent(db: Db, id: number): Agent | undefined {
  const row = db.prepare(`SELECT ${COLUMNS} FROM agents WHERE id = ?`).get(id) as Row | undefined;
  return row && fromRow(row);
}

/** The agent and their password hash, for login only. */
export function agentForLogin(db: Db, username: string): { agent: Agent; passwordHash: string } | undefined {
  const row = db.prepare(`SELECT ${COLUMNS}, password_hash AS passwordHash FROM agents WHERE username = ?`).get(username) as
    | (Row & { passwordHash: string })
    | undefined;
  if (!row) return undefined;
  const { passwordHash, ...agent } = row;
  return { agent: fromRow(agent), passwordHash };
}

export function listAgents(db: Db): Agent[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM agents ORDER BY role, tier, username`).all() as Row[]).map(fromRow);
}

export function setPasswordHash(db: Db, id: number, passwordHash: string): void {
  db.prepare('UPDATE agents SET password_hash = ? WHERE id = ?').run(passwordHash, id);
}

export function setOnline(db: Db, id: number, online: boolean): void {
  db.prepare('UPDATE agents SET online = ? WHERE id = ?').run(online ? 1 : 0, id);
}

/** What a supervisor may change about an agent. */
export function updateAgent(db: Db, id: number, change: { role?: Role; tier?: Tier; capacity?: number; active?: boolean }): void {
  db.prepare(
    `UPDATE agents SET role = COALESCE(@role, role), tier = COALESCE(@tier, tier), capacity = COALESCE(@capacity, capacity),
       active = COALESCE(@active, active), online = CASE WHEN @active = 0 THEN 0 ELSE online END WHERE id = @id`,
  ).run({
    id,
    role: change.role ?? null,
    tier: change.tier ?? null,
    capacity: change.capacity ?? null,
    active: change.active === undefined ? null : change.active ? 1 : 0,
  });
}

/**
 * Online agents of a tier with room for another ticket, least recently assigned first (round robin),
 * with their current load (assigned or waiting on the player).
 */
export function agentsWithRoom(db: Db, tier: Tier): (Agent & { load: number })[] {
  const rows = db
    .prepare(
      `SELECT ${columns('a')},
         (SELECT COUNT(*) FROM tickets t WHERE t.agent_id = a.id AND t.status IN ('assigned', 'waiting_player')) AS load
       FROM agents a WHERE a.active = 1 AND a.online = 1 AND a.tier = ?
       ORDER BY a.last_assigned_at, a.id`,
    )
    .all(tier) as (Row & { load: number })[];
  return rows.map((r) => ({ ...fromRow(r), load: r.load })).filter((a) => a.load < a.capacity);
}

/** Agents whose every login has expired or ended are no longer at the desk. */
export function markOfflineWithoutSession(db: Db, now: number): number {
  return db
    .prepare('UPDATE agents SET online = 0 WHERE online = 1 AND id NOT IN (SELECT agent_id FROM sessions WHERE expires_at > ?)')
    .run(now).changes;
}

export function markAssigned(db: Db, id: number, at: number): void {
  db.prepare('UPDATE agents SET last_assigned_at = ? WHERE id = ?').run(at, id);
}

/** Online agents per tier, for the player's estimated wait. */
export function onlineAgents(db: Db, tier: Tier): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM agents WHERE active = 1 AND online = 1 AND tier = ?').get(tier) as { n: number }).n;
}

/** Agents to tell about SLA breaches. */
export function supervisors(db: Db): Agent[] {
  return listAgents(db).filter((a) => a.active && a.role !== 'agent');
}
