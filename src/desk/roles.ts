import { getAgent, updateAgent, type Agent, type Role } from '../store/agents';
import type { Db } from '../store/db';
import { deleteAgentSessions } from '../store/sessions';
import type { Tier } from '../store/tickets';
import { DeskError } from './errors';

export interface AgentChange {
  role?: Role;
  tier?: Tier;
  capacity?: number;
  active?: boolean;
}

/**
 * Who may change whom (README "Roles"): an admin changes anyone, roles included; a supervisor changes the
 * tier, capacity and active flag of agents only (never a supervisor's or an admin's, never a role); an
 * agent changes nobody. Whatever the actor, no change may leave the team without an active admin.
 */
export function mayChange(actor: Pick<Agent, 'role'>, target: Pick<Agent, 'role'>, change: AgentChange): string | undefined {
  if (actor.role === 'admin') return undefined;
  if (actor.role !== 'supervisor') return 'only supervisors and admins change agents';
  if (change.role !== undefined) return 'only an admin may change roles';
  if (target.role !== 'agent') return `a supervisor may change agents only, not a ${target.role}`;
  return undefined;
}

/**
 * Applies `change` to agent `targetId` as `actor` would, in one transaction with the check that an active
 * admin remains (two admins demoting each other at once cannot both succeed). A deactivated agent is logged out.
 */
export function changeAgent(db: Db, actor: Agent, targetId: number, change: AgentChange): Agent {
  return db.transaction(() => {
    const target = getAgent(db, targetId);
    if (!target) throw new DeskError(404, 'agent_not_found', `no agent ${targetId}`);
    const refusal = mayChange(actor, target, change);
    if (refusal) throw new DeskError(403, 'not_allowed', refusal);
    const losesAdmin = target.role === 'admin' && target.active && (change.active === false || (change.role !== undefined && change.role !== 'admin'));
    if (losesAdmin && activeAdmins(db) <= 1) {
      throw new DeskError(409, 'last_admin', 'this is the last active admin: make another admin first');
    }
    updateAgent(db, targetId, change);
    if (change.active === false) deleteAgentSessions(db, targetId);
    return getAgent(db, targetId)!;
  }).immediate();
}

function activeAdmins(db: Db): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM agents WHERE role = 'admin' AND active = 1`).get() as { n: number }).n;
}
