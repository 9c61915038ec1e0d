import { createHmac } from 'node:crypto';
import { takeIn } from '../../src/cases/intake';
import { deliverWebhooks } from '../../src/cases/webhook';
import { webhookStatus } from '../../src/store/webhookOutbox';
import { startTracker } from '../fakes/tracker';
import { reportBug } from '../helpers/cases';
import { signedInAgent } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

const SECRET = 'tracker-secret-1';
let clock = Date.parse('2026-12-01T12:00:00Z');
let k: RunningKefu;
let tracker: Awaited<ReturnType<typeof startTracker>>;

beforeAll(async () => {
  tracker = await startTracker([503]); // the first delivery finds the tracker down
  k = await startKefu({ KEFU_BUG_WEBHOOK: tracker.url, KEFU_BUG_WEBHOOK_SECRET: SECRET }, { now: () => clock });
});
afterAll(async () => {
  await k?.stop();
  await tracker?.close();
});

const verify = (h: Record<string, unknown>, body: string) =>
  h['x-kefu-signature'] === 'sha256=' + createHmac('sha256', SECRET).update(`${h['x-kefu-timestamp']}.${body}`).digest('hex');

it('sends a new incident to the tracker signed, retries it through the outbox after a 503, and sends it once', async () => {
  await reportBug(k.url, 'p1', { server: 'S1', description: '登录界面卡死' });
  takeIn(k.kefu.cases);
  await deliverWebhooks(k.kefu.cases); // a timer pass may have run too: either way one attempt failed
  expect(webhookStatus(k.kefu.db)[0]).toMatchObject({ event: 'incident.created', status: 'pending', lastError: 'HTTP 503' });

  clock += 60_000; // past the backoff
  await deliverWebhooks(k.kefu.cases);
  expect(webhookStatus(k.kefu.db)[0]).toMatchObject({ status: 'sent', attempts: 2 });
  expect(tracker.requests).toHaveLength(2);
  const [failed, ok] = tracker.requests;
  expect(ok.headers['x-kefu-delivery']).toBe(failed.headers['x-kefu-delivery']);
  expect(verify(ok.headers, ok.body)).toBe(true);
  expect(verify({ ...ok.headers, 'x-kefu-timestamp': '1' }, ok.body)).toBe(false);
  expect(JSON.parse(ok.body)).toMatchObject({ event: 'incident.created', report: { server: 'S1', description: '登录界面卡死', severity: 'major' } });

  clock += 60_000;
  await deliverWebhooks(k.kefu.cases);
  expect(tracker.requests).toHaveLength(2);
});

it('sends status changes, and gives up at once on a 4xx the tracker refuses', async () => {
  const agent = await signedInAgent(k.url, k.kefu.db, 'dev-liaison');
  const incident = (await agent.get('/api/incidents')).body.incidents[0];
  tracker.requests.length = 0;
  await agent.post(`/api/incidents/${incident.id}/status`, { status: 'confirmed' });
  await deliverWebhooks(k.kefu.cases);
  expect(JSON.parse(tracker.requests.at(-1)!.body)).toMatchObject({ event: 'incident.status', from: 'new', status: 'confirmed' });

  tracker.statuses.push(400); // a payload the tracker will never accept
  await agent.post(`/api/incidents/${incident.id}/status`, { status: 'sent' });
  await deliverWebhooks(k.kefu.cases);
  expect(webhookStatus(k.kefu.db)[0]).toMatchObject({ status: 'failed', lastError: 'HTTP 400' });
});
