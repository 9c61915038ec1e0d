// Inline replies (answered in the webhook response) are marked sent after the response, in the next shared
// transaction; the confirmations gathered meanwhile go in one piece of work.
import type { InboundMessage } from '../../src/core/types';
import { startKefu, type RunningKefu } from '../helpers/kefu';

let k: RunningKefu;
beforeEach(async () => (k = await startKefu()));
afterEach(() => k.stop());

const msg = (i: number): InboundMessage => ({
  channel: 'webchat',
  account: 'default',
  externalId: `web-${i}`,
  from: { userId: `player-${i}` },
  kind: 'text',
  text: '忘记密码怎么办',
  receivedAt: Date.now(),
});
const statuses = () =>
  (k.kefu.db.prepare(`SELECT status, COUNT(*) AS n FROM outbox GROUP BY status`).all() as { status: string; n: number }[]).map((r) => `${r.status}:${r.n}`);

describe('inline confirmations', () => {
  it('marks every reply confirmed in one turn as sent, with one piece of shared work', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => k.kefu.pipeline.handleTogether(msg(i), { delivery: 'inline' })));
    expect(statuses()).toEqual(['inline:6']);
    const before = k.kefu.pipeline.commits.stats().works;
    for (const r of results) k.kefu.confirmInline(r.replies.map((x) => x.messageId!));
    await new Promise((r) => setImmediate(r));
    k.kefu.pipeline.commits.flush();
    expect(statuses()).toEqual(['sent:6']);
    expect(k.kefu.pipeline.commits.stats().works - before).toBe(1);
  });

  it('marks confirmations that come after a batch was taken in the next one', async () => {
    const [a, b] = await Promise.all([0, 1].map((i) => k.kefu.pipeline.handleTogether(msg(i), { delivery: 'inline' })));
    k.kefu.confirmInline(a.replies.map((x) => x.messageId!));
    k.kefu.pipeline.commits.flush(); // the first batch taken and committed
    k.kefu.confirmInline(b.replies.map((x) => x.messageId!));
    k.kefu.pipeline.commits.flush();
    expect(statuses()).toEqual(['sent:2']);
  });
});
