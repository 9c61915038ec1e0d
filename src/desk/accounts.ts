import { agentForLogin, insertAgent, setPasswordHash, type Agent, type Role } from '../store/agents';
import type { Db } from '../store/db';
import { deleteAgentSessions } from '../store/sessions';
import type { Tier } from '../store/tickets';
import { DeskError } from './errors';
import { generatePassword, hashPassword } from './passwords';

const USERNAME = /^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,32}$/;

/** Creates an agent with a generated initial password, returned once and stored only as a hash. */
export async function createAccount(
  db: Db,
  a: { username: string; displayName?: string; role: Role; tier: Tier; capacity?: number; at: number },
): Promise<{ agent: Agent; password: string }> {
  if (!USERNAME.test(a.username)) {
    throw new DeskError(400, 'bad_username', 'username must be 2-32 letters, digits, Chinese characters, _ . or -');
  }
  if (agentForLogin(db, a.username)) throw new DeskError(409, 'username_taken', `agent "${a.username}" already exists`);
  const password = generatePassword();
  const agent = insertAgent(db, {
    username: a.username,
    displayName: a.displayName ?? a.username,
    role: a.role,
    tier: a.tier,
    capacity: a.capacity,
    passwordHash: await hashPassword(password),
    at: a.at,
  });
  return { agent, password };
}

/** A new generated password; every login of the agent ends. */
export async function resetPassword(db: Db, username: string): Promise<string> {
  const found = agentForLogin(db, username);
  if (!found) throw new DeskError(404, 'agent_not_found', `no agent "${username}"`);
  const password = generatePassword();
  setPasswordHash(db, found.agent.id, await hashPassword(password));
  deleteAgentSessions(db, found.agent.id);
  return password;
}
