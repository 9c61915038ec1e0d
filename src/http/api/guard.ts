import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DeskError } from '../../desk/errors';
import { getAgent, type Agent, type Role } from '../../store/agents';
import type { Db } from '../../store/db';
import { findSession, touchSession, type Session } from '../../store/sessions';
import { httpError } from '../body';

export const SESSION_COOKIE = 'kefu_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_seen_at is for supervisors ("who is at the desk"), not security: a write a minute is plenty. */
const TOUCH_EVERY_MS = 60_000;

export const ALL_ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];
export const MANAGERS: readonly Role[] = ['supervisor', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface GuardDeps {
  db: Db;
  now(): number;
}

/** The signed-in agent of a guarded route. */
export const currentAgent = (ctx: Context) => ctx.state.agent as Agent;
export const currentSession = (ctx: Context) => ctx.state.session as Session;

/**
 * Every /api route but login passes here: a live session (401), the CSRF token on anything that changes
 * state (403), and one of the route's roles (403).
 */
export function guard(deps: GuardDeps, roles: readonly Role[]): Middleware {
  return async (ctx, next) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    const now = deps.now();
    const session = token ? findSession(deps.db, hashToken(token), now) : undefined;
    const agent = session && getAgent(deps.db, session.agentId);
    if (!session || !agent?.active) throw httpError(401, 'not logged in (or the session has expired)');
    if (!SAFE_METHODS.has(ctx.method) && !sameToken(ctx.get('x-csrf-token'), session.csrfToken)) {
      throw httpError(403, 'missing or wrong x-csrf-token header');
    }
    if (!roles.includes(agent.role)) throw httpError(403, `this needs the role ${roles.join(' or ')}`);
    if (now - session.lastSeenAt > TOUCH_EVERY_MS) touchSession(deps.db, session.tokenHash, now);
    ctx.state.agent = agent;
    ctx.state.session = session;
    await next();
  };
}

/** A desk rule's refusal as `{error, code}` so the console can say it in the agent's language. */
const deskErrors: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    if (!(err instanceof DeskError)) throw err;
    ctx.status = err.status;
    ctx.body = { error: err.message, code: err.code };
  }
};

type Method = 'get' | 'post' | 'patch' | 'delete';

/**
 * Registers agent API routes so that none can be open by accident: each names the roles it allows, and
 * only routes registered with `publicRoute` (login) skip the guard.
 */
export function apiRoutes(router: Router, deps: GuardDeps) {
  return {
    route(method: Method, path: string, roles: readonly Role[], handler: Middleware): void {
      router[method](path, guard(deps, roles), deskErrors, handler);
    },
    publicRoute(method: Method, path: string, handler: Middleware): void {
      router[method](path, deskErrors, handler);
    },
  };
}
