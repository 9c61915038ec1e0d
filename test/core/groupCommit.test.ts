// The pipeline's group commit (issue #17): messages arriving together share one transaction, each answered
// after it commits; one message that fails costs the others nothing.
import { KefuEvents } from '../../src/core/events';
import type { InboundMessage } from '../../src/core/types';
import { openStore, type Db } from '../../src/store/db';
import { entry, scriptedMatcher } from '../helpers/scriptedMatcher';
import { testPipeline } from '../helpers/pipeline';
import { tempDir } from '../helpers/tmp';

const matcher = scriptedMatcher([entry('account.password-reset', '在登录界面点“忘记密码”。')], {
  忘记密码怎么办: (e) => ({ kind: 'answer', entry: e('account.password-reset'), score: 0.9 }),
});

let db: Db;
beforeEach(() => (db = openStore(tempDir())));
afterEach(() => db.close());

function pipeline(events = new KefuEvents()) {
  return testPipeline(db, matcher, () => 1_700_000_000_000, events);
}

const msg = (i: number, userId = `player-${i}`): InboundMessage => ({
  channel: 'wechat-mp',
  account: 'gh_1',
  externalId: `wx-${i}`,
  from: { userId },
  kind: 'text',
  text: '忘记密码怎么办',
  receivedAt: 1_700_000_000_000,
});
const inbound = () => (db.prepare(`SELECT external_id AS id FROM messages WHERE direction = 'in' ORDER BY id`).all() as { id: string }[]).map((r) => r.id);

describe('group commit in the pipeline', () => {
  it('stores concurrent messages in one shared transaction and answers each', async () => {
    const p = pipeline();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => p.handleTogether(msg(i), { delivery: 'inline' })));
    expect(results.map((r) => r.replies.map((x) => x.text))).toEqual(Array(12).fill(['在登录界面点“忘记密码”。']));
    expect(inbound()).toHaveLength(12);
    expect(p.commits.stats()).toMatchObject({ commits: 1, works: 12 });
  });

  it('keeps a player’s messages in arrival order within a batch, and dedupes a retry inside it', async () => {
    const p = pipeline();
    const [first, second, retry] = await Promise.all([
      p.handleTogether(msg(1, 'same')),
      p.handleTogether(msg(2, 'same')),
      p.handleTogether(msg(1, 'same')),
    ]);
    expect(inbound()).toEqual(['wx-1', 'wx-2']);
    expect(first.conversationId).toBe(second.conversationId);
    expect(retry).toMatchObject({ duplicate: true, replies: first.replies });
  });

  it('rolls back one message whose channel writes fail and stores the others of its batch', async () => {
    const p = pipeline();
    const outcomes = await Promise.allSettled(
      [0, 1, 2, 3].map((i) =>
        p.handleTogether(msg(i), {
          alongside: () => {
            if (i === 2) throw new Error('reply window not writable');
          },
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(inbound()).toEqual(['wx-0', 'wx-1', 'wx-3']);
    const replies = db.prepare(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'out'`).get() as { n: number };
    expect(replies.n).toBe(3); // the failed message's answer went with it
    expect(p.commits.stats()).toMatchObject({ commits: 1, works: 3, failed: 1 });
  });

  it('tells the rest of the service about a message only after its commit', async () => {
    const events = new KefuEvents();
    const p = pipeline(events);
    const storedWhenAnnounced: number[] = [];
    events.on('message', (e) => {
      if (e.direction === 'in') storedWhenAnnounced.push(inbound().length);
    });
    const pending = Promise.all([p.handleTogether(msg(1)), p.handleTogether(msg(2))]);
    expect(storedWhenAnnounced).toEqual([]);
    await pending;
    expect(storedWhenAnnounced).toEqual([2, 2]);
  });
});
