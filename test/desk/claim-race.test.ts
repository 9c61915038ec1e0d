import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { getTicket, ticketEvents } from '../../src/store/tickets';
import { addAgent, login, queuedTicket, type AgentSession } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const AGENTS = 8;

let k: RunningKefu;
let agents: AgentSession[];
beforeAll(async () => {
  k = await startKefu();
  const passwords = await Promise.all(Array.from({ length: AGENTS }, (_, i) => addAgent(k.kefu.db, `racer-${i}`)));
  agents = await Promise.all(passwords.map((p, i) => login(k.url, `racer-${i}`, p)));
});
afterAll(() => k.stop());

describe('claiming a ticket', () => {
  it('gives the ticket to exactly one of many agents claiming at once; the others get 409', async () => {
    const id = await queuedTicket(k.url, 'race-player-1');
    const results = await Promise.all(agents.map((a) => a.post(`/api/tickets/${id}/claim`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(AGENTS - 1).fill(409)]);
    const winner = agents[results.findIndex((r) => r.status === 200)];
    expect(getTicket(k.kefu.db, id)).toMatchObject({ status: 'assigned', agentId: winner.id });
    expect(ticketEvents(k.kefu.db, id).filter((e) => e.kind === 'claimed')).toHaveLength(1);
  });

  it('gives the ticket to exactly one of several processes claiming on the same SQLite file', async () => {
    const id = await queuedTicket(k.url, 'race-player-2');
    const startAt = String(Date.now() + 2500);
    const outputs = await Promise.all(
      agents.slice(0, 6).map((a) =>
        run(process.execPath, ['-r', 'tsx/cjs', 'test/desk/claimWorker.ts', k.dataDir, String(a.id), String(id), startAt], { cwd: ROOT }),
      ),
    );
    const said = outputs.map((o) => o.stdout.trim()).sort();
    expect(said).toEqual([...Array(5).fill('already_claimed'), 'won']);
    expect(ticketEvents(k.kefu.db, id).filter((e) => e.kind === 'claimed')).toHaveLength(1);
  });

  it('hands out the next ticket of the tier, highest priority and longest waiting first', async () => {
    const first = await queuedTicket(k.url, 'race-player-3');
    await queuedTicket(k.url, 'race-player-4');
    const res = await agents[0].post('/api/tickets/next');
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ id: first, status: 'assigned', agentId: agents[0].id });
  });
});
