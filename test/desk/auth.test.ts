import type Router from '@koa/router';
import { addAgent, login, signedInAgent, type AgentSession } from '../helpers/desk';
import { postJson, startKefu, type RunningKefu } from '../helpers/kefu';

let k: RunningKefu;
let agent: AgentSession;
let clock = Date.now();
beforeAll(async () => {
  k = await startKefu({ KEFU_SESSION_HOURS: '8' }, { now: () => clock });
  agent = await signedInAgent(k.url, k.kefu.db, 'auth-agent');
});
afterAll(() => k.stop());

/** Every route the running app serves under /api, from its routers (the channels' own and the main one), with `:params` filled in. */
function apiRoutes(): { method: string; path: string }[] {
  const routers = k.kefu.app.middleware.flatMap((m) => (m as { router?: Router }).router ?? []);
  return routers
    .flatMap((router) => router.stack)
    .filter((layer) => typeof layer.path === 'string' && layer.path.startsWith('/api/'))
    .flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, path: (layer.path as string).replace(/:\w+/g, '1') })));
}

describe('access to the agent API', () => {
  it('opens no /api route without a session, except login and the profile API for games (signed, off without a secret)', async () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(12);
    const open: string[] = [];
    for (const r of routes) {
      const res = await fetch(`${k.url}${r.path}`, { method: r.method, headers: { 'content-type': 'application/json' }, body: r.method === 'GET' ? undefined : '{}' });
      if (res.status !== 401) open.push(`${r.method} ${r.path} → ${res.status}`);
    }
    expect(open).toEqual(['POST /api/auth/login → 400', 'POST /api/players/profile → 503']);
  });

  it('refuses every state-changing route without the CSRF token, even with a session', async () => {
    // The games' profile API carries a signature instead of a session (test/players/profile.test.ts).
    const changing = apiRoutes().filter((r) => r.method !== 'GET' && r.path !== '/api/auth/login' && r.path !== '/api/players/profile');
    expect(changing.length).toBeGreaterThan(8);
    for (const r of changing) {
      const res = await fetch(`${k.url}${r.path}`, { method: r.method, headers: { cookie: agent.cookie, 'content-type': 'application/json' }, body: '{}' });
      expect([`${r.method} ${r.path}`, res.status]).toEqual([`${r.method} ${r.path}`, 403]);
      const wrong = await fetch(`${k.url}${r.path}`, {
        method: r.method,
        headers: { cookie: agent.cookie, 'content-type': 'application/json', 'x-csrf-token': 'forged' },
        body: '{}',
      });
      expect(wrong.status).toBe(403);
    }
  });

  it('answers 403 when the role is wrong', async () => {
    const create = await agent.post('/api/agents', { username: 'sneaky', role: 'admin' });
    expect(create.status).toBe(403);
    expect((await agent.post('/api/agents/1', { capacity: 9 }, { 'x-http-method-override': 'PATCH' })).status).toBe(405);
    const patch = await fetch(`${k.url}/api/agents/${agent.id}`, {
      method: 'PATCH',
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ capacity: 9 }),
    });
    expect(patch.status).toBe(403);
  });

  it('lets an admin create an agent, whose password then works', async () => {
    const admin = await signedInAgent(k.url, k.kefu.db, 'auth-admin', 'admin');
    const created = await admin.post('/api/agents', { username: 'newbie', role: 'agent', tier: 'L2' });
    expect(created.status).toBe(201);
    const session = await login(k.url, 'newbie', created.body.password);
    expect((await session.get('/api/me')).body.agent).toMatchObject({ username: 'newbie', role: 'agent', tier: 'L2' });
  });
});

describe('login', () => {
  it('sets an HttpOnly SameSite session cookie that expires, and returns the CSRF token', async () => {
    const password = await addAgent(k.kefu.db, 'cookie-agent');
    const res = await fetch(`${k.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cookie-agent', password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kefu_session=[\w-]{40,};/);
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=strict/i);
    expect(cookie).toMatch(/expires=/i);
    expect(cookie).not.toMatch(/secure/i);
    const body = await res.json();
    expect(body.agent).toMatchObject({ username: 'cookie-agent', role: 'agent' });
    expect(body.agent.passwordHash).toBeUndefined();
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('marks the cookie Secure behind a trusted TLS proxy (KEFU_TRUST_PROXY and X-Forwarded-Proto: https)', async () => {
    const proxied = await startKefu({ KEFU_TRUST_PROXY: '1' });
    const password = await addAgent(proxied.kefu.db, 'tls-agent');
    const raw = await fetch(`${proxied.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'tls-agent', password }),
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('set-cookie')).toMatch(/secure/i);
    await proxied.stop();
  });

  it('ends the session at logout and when it expires', async () => {
    const password = await addAgent(k.kefu.db, 'shift-agent');
    const first = await login(k.url, 'shift-agent', password);
    expect((await first.post('/api/auth/logout')).status).toBe(200);
    expect((await first.get('/api/me')).status).toBe(401);

    const second = await login(k.url, 'shift-agent', password);
    expect((await second.get('/api/me')).status).toBe(200);
    clock += 8 * 3600_000 + 1;
    expect((await second.get('/api/me')).status).toBe(401);
  });

  it('rejects a wrong password with 401 and locks the username out after 10 failures with 429', async () => {
    await addAgent(k.kefu.db, 'guessed');
    for (let i = 0; i < 10; i++) {
      expect((await postJson(`${k.url}/api/auth/login`, { username: 'guessed', password: `wrong-${i}` })).status).toBe(401);
    }
    const locked = await fetch(`${k.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'guessed', password: 'wrong-again' }),
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
