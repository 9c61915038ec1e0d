// Finding 2 of issue 17: the login limit is counted before the slow hash, in SQLite, per username and per
// address; proxy headers count only when KEFU_TRUST_PROXY says a proxy sets them.
import { loadConfig } from '../../src/config';
import { createLoginLimiter } from '../../src/http/api/loginLimiter';
import { openStore } from '../../src/store/db';
import { addAgent } from '../helpers/desk';
import { postJson, startKefu, tempDir, type RunningKefu } from '../helpers/kefu';

jest.setTimeout(90_000); // two service starts and ten password hashes on a busy machine

const login = (k: RunningKefu, username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${k.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });

describe('login rate limit', () => {
  it('100 parallel wrong passwords: at most 10 are checked (401), the rest are 429, and a restart remembers', async () => {
    const dataDir = tempDir();
    let k = await startKefu({ KEFU_DATA_DIR: dataDir });
    const password = await addAgent(k.kefu.db, 'target');
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => login(k, 'target', `guess-${i}`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
    expect(Number(answers.find((r) => r.status === 429)!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(k, 'TARGET', password)).status).toBe(429); // even the right password, any case, until the window passes
    await k.stop();

    k = await startKefu({ KEFU_DATA_DIR: dataDir });
    expect((await login(k, 'target', password)).status).toBe(429);
    await k.stop();
  });

  it('a success clears the username, and does not count against the address', () => {
    const db = openStore(tempDir());
    const limiter = createLoginLimiter(db, { user: 3, address: 5 }, 60_000);
    const wrong = (user: string, at: number) => limiter.attempt(user, '10.0.0.1', at);
    for (let i = 0; i < 2; i++) wrong('amy', 1000);
    limiter.succeeded(wrong('amy', 1000)); // third try is right
    expect(limiter.attempt('amy', '10.0.0.1', 1000)).toMatchObject({ wait: 0, ids: expect.any(Array) });
    // The address has 3 failures (2 + the one just counted): two more usernames and it is full.
    wrong('bob', 1000);
    wrong('cat', 1000);
    expect(limiter.attempt('dan', '10.0.0.1', 2000)).toEqual({ wait: 59_000 });
    expect(limiter.attempt('dan', '10.0.0.2', 2000)).toMatchObject({ wait: 0 });
    expect(limiter.attempt('dan', '10.0.0.1', 61_001)).toMatchObject({ wait: 0 }); // the window slid past
    db.close();
  });
});

describe('proxy headers', () => {
  const seen = (router: import('@koa/router').default) => router.get('/test/client', (ctx) => (ctx.body = { ip: ctx.ip, secure: ctx.secure }));
  const forged = { 'x-forwarded-for': '1.2.3.4, 5.6.7.8', 'x-forwarded-proto': 'https' };

  it('are ignored without KEFU_TRUST_PROXY: the address is the socket, the cookie not Secure', async () => {
    const k = await startKefu({}, { mount: [seen] });
    expect(await (await fetch(`${k.url}/test/client`, { headers: forged })).json()).toEqual({ ip: '127.0.0.1', secure: false });
    const password = await addAgent(k.kefu.db, 'plain');
    const res = await login(k, 'plain', password, forged);
    expect(res.headers.get('set-cookie')).not.toMatch(/secure/i);
    await k.stop();
  });

  it('with KEFU_TRUST_PROXY=1 the address is the one the proxy appended, and https makes the cookie Secure', async () => {
    const k = await startKefu({ KEFU_TRUST_PROXY: '1' }, { mount: [seen] });
    expect(await (await fetch(`${k.url}/test/client`, { headers: forged })).json()).toEqual({ ip: '5.6.7.8', secure: true });
    const password = await addAgent(k.kefu.db, 'proxied');
    const res = await login(k, 'proxied', password, forged);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/secure/i);
    expect((await postJson(`${k.url}/api/auth/login`, { username: 'proxied', password: 'x' })).status).toBe(401);
    await k.stop();
  });

  it('KEFU_TRUST_PROXY must be a small count', () => {
    expect(() => loadConfig({ KEFU_TRUST_PROXY: 'yes' })).toThrow(/KEFU_TRUST_PROXY/);
  });
});
