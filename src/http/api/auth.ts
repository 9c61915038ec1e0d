import { randomBytes } from 'node:crypto';
import { verifyPassword } from '../../desk/passwords';
import { agentForLogin, getAgent, setOnline } from '../../store/agents';
import { deleteSession, insertSession } from '../../store/sessions';
import { httpError } from '../body';
import { ALL_ROLES, currentAgent, currentSession, hashToken, SESSION_COOKIE, type apiRoutes, type GuardDeps } from './guard';
import type { LoginLimiter } from './loginLimiter';
import { loginBody, presenceBody, readBody } from './schemas';

// Verifying against a fixed hash when the username is unknown keeps the answer time the same, so timing
// does not tell which usernames exist.
const UNKNOWN_USER_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface AuthDeps extends GuardDeps {
  /** Failed logins per username and per client address (ctx.ip: the proxy's word only with KEFU_TRUST_PROXY). */
  limiter: LoginLimiter;
  sessionMs: number;
  /** An agent came online: auto-assignment may have someone to give tickets to. */
  onOnline(): void;
}

/** Login, logout, who am I, and presence (online / away) for auto-assignment. */
export function authRoutes(api: ReturnType<typeof apiRoutes>, deps: AuthDeps): void {
  api.publicRoute('post', '/api/auth/login', async (ctx) => {
    const body = await readBody(ctx, loginBody);
    const now = deps.now();
    // Counted before the hash (which takes tens of ms): parallel guesses cannot all pass the check.
    const counted = deps.limiter.attempt(body.username, ctx.ip, now);
    if (!('ids' in counted)) {
      ctx.set('retry-after', String(Math.ceil(counted.wait / 1000)));
      throw httpError(429, 'too many failed logins: try again later');
    }
    const found = agentForLogin(deps.db, body.username);
    const ok = await verifyPassword(body.password, found?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!found || !ok || !found.agent.active) throw httpError(401, 'wrong username or password');
    deps.limiter.succeeded(counted);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    insertSession(deps.db, { tokenHash: hashToken(token), agentId: found.agent.id, csrfToken, createdAt: now, expiresAt: now + deps.sessionMs });
    setOnline(deps.db, found.agent.id, true);
    deps.onOnline();
    ctx.cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: ctx.secure, maxAge: deps.sessionMs, path: '/' });
    ctx.body = { agent: getAgent(deps.db, found.agent.id), csrfToken, expiresAt: now + deps.sessionMs };
  });

  api.route('post', '/api/auth/logout', ALL_ROLES, (ctx) => {
    deleteSession(deps.db, currentSession(ctx).tokenHash);
    setOnline(deps.db, currentAgent(ctx).id, false);
    ctx.cookies.set(SESSION_COOKIE, null, { httpOnly: true, sameSite: 'strict', secure: ctx.secure, path: '/' });
    ctx.body = { ok: true };
  });

  // The console reloads into a live session: it gets its CSRF token back from here.
  api.route('get', '/api/me', ALL_ROLES, (ctx) => {
    const session = currentSession(ctx);
    ctx.body = { agent: currentAgent(ctx), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  });

  api.route('post', '/api/me/presence', ALL_ROLES, async (ctx) => {
    const { online } = await readBody(ctx, presenceBody);
    setOnline(deps.db, currentAgent(ctx).id, online);
    if (online) deps.onOnline();
    ctx.body = { agent: getAgent(deps.db, currentAgent(ctx).id) };
  });
}
