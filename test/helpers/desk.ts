// Agents and players for desk tests: accounts in the real store, logins over real HTTP, the web chat as the player.
import { createAccount } from '../../src/desk/accounts';
import type { Role } from '../../src/store/agents';
import type { Db } from '../../src/store/db';
import type { Tier } from '../../src/store/tickets';
import { postJson } from './kefu';

export interface AgentSession {
  id: number;
  cookie: string;
  csrf: string;
  get(path: string): Promise<{ status: number; body: any }>;
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
}

/** Creates an account in the store and returns its generated password. */
export async function addAgent(db: Db, username: string, role: Role = 'agent', tier: Tier = 'L1'): Promise<string> {
  return (await createAccount(db, { username, role, tier, at: Date.now() })).password;
}

/** Logs in over HTTP; the returned client sends the session cookie and the CSRF token like the console does. */
export async function login(url: string, username: string, password: string): Promise<AgentSession> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = await res.json();
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  return {
    id: body.agent.id,
    cookie,
    csrf: body.csrfToken,
    async get(path) {
      const r = await fetch(`${url}${path}`, { headers: { cookie } });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    post(path, data = {}, headers = {}) {
      return postJson(`${url}${path}`, data, { cookie, 'x-csrf-token': body.csrfToken, ...headers });
    },
  };
}

/** An agent account, logged in. */
export async function signedInAgent(url: string, db: Db, username: string, role: Role = 'agent', tier: Tier = 'L1'): Promise<AgentSession> {
  return login(url, username, await addAgent(db, username, role, tier));
}

/** The player writes in the web chat; returns the bot's reply texts. */
export async function playerSays(url: string, sessionId: string, text: string): Promise<string[]> {
  const res = await postJson(`${url}/webchat/api/messages`, { sessionId, text });
  if (res.status !== 200) throw new Error(`web chat: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.replies.map((r: { text: string }) => r.text);
}

/** Everything the player's web chat shows, oldest first. */
export async function playerSees(url: string, sessionId: string): Promise<{ from: string; text: string }[]> {
  const res = await fetch(`${url}/webchat/api/messages?sessionId=${sessionId}`);
  return (await res.json()).messages;
}

/** A player asks for a person; returns the new ticket's id. */
export async function queuedTicket(url: string, sessionId: string): Promise<number> {
  const [reply] = await playerSays(url, sessionId, '转人工');
  const id = /#(\d+)/.exec(reply)?.[1];
  if (!id) throw new Error(`no ticket in "${reply}"`);
  return Number(id);
}
