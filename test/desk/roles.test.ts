// Finding 6 of issue 17: who may change whom, and the team always keeps an active admin.
import { login, signedInAgent, addAgent, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

jest.setTimeout(120_000); // real services (and processes) on a machine shared by many builds

let k: RunningKefu;
beforeEach(async () => {
  k = await startKefu();
});
afterEach(() => k.stop());

function patch(who: AgentSession, id: number, change: object) {
  return fetch(`${k.url}/api/agents/${id}`, {
    method: 'PATCH',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(change),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
}
const activeAdmins = () => (k.kefu.db.prepare(`SELECT COUNT(*) AS n FROM agents WHERE role = 'admin' AND active = 1`).get() as { n: number }).n;

describe('roles', () => {
  it('a supervisor cannot deactivate or demote an admin, nor touch another supervisor, but manages agents', async () => {
    const adminPassword = await addAgent(k.kefu.db, 'boss', 'admin');
    const admin = await login(k.url, 'boss', adminPassword);
    const supervisor = await signedInAgent(k.url, k.kefu.db, 'lead', 'supervisor');
    const other = await signedInAgent(k.url, k.kefu.db, 'lead2', 'supervisor');
    const agent = await signedInAgent(k.url, k.kefu.db, 'ann');

    expect(await patch(supervisor, admin.id, { active: false })).toMatchObject({ status: 403, body: { code: 'not_allowed' } });
    expect((await patch(supervisor, admin.id, { role: 'agent' })).status).toBe(403);
    expect((await patch(supervisor, other.id, { active: false })).status).toBe(403);
    expect((await patch(supervisor, agent.id, { role: 'admin' })).status).toBe(403);
    expect((await patch(agent, admin.id, { active: false })).status).toBe(403);
    expect(activeAdmins()).toBe(1);
    expect((await admin.get('/api/me')).status).toBe(200); // still logged in

    expect(await patch(supervisor, agent.id, { tier: 'L2', capacity: 3, active: false })).toMatchObject({ status: 200, body: { agent: { tier: 'L2', capacity: 3, active: false } } });
    expect((await agent.get('/api/me')).status).toBe(401); // deactivated: logged out
  });

  it('an admin cannot demote or deactivate the last active admin, and can once there is another', async () => {
    const first = await signedInAgent(k.url, k.kefu.db, 'root', 'admin');
    expect(await patch(first, first.id, { active: false })).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    expect((await patch(first, first.id, { role: 'supervisor' })).status).toBe(409);

    const second = await signedInAgent(k.url, k.kefu.db, 'root2', 'admin');
    expect((await patch(second, first.id, { role: 'supervisor' })).status).toBe(200);
    expect((await patch(second, second.id, { active: false })).status).toBe(409);
    expect(activeAdmins()).toBe(1);
  });

  it('two admins deactivating each other at once leave one of them active', async () => {
    const a = await signedInAgent(k.url, k.kefu.db, 'adm-a', 'admin');
    const b = await signedInAgent(k.url, k.kefu.db, 'adm-b', 'admin');
    const results = await Promise.all([patch(a, b.id, { active: false }), patch(b, a.id, { active: false })]);
    // The loser is refused (409), or logged out already by the winner's deactivation (401).
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.map((r) => r.status)).not.toContain(500);
    expect(activeAdmins()).toBe(1);
  });
});
