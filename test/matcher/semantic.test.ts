// The semantic layer with the model shipped in models/: new wording, English to a Chinese FAQ, chit-chat,
// and learning on site — through the real matcher, pipeline and SQLite.
import { join } from 'node:path';
import { KefuEvents } from '../../src/core/events';
import { DEFAULT_PHRASES, type Phrases } from '../../src/core/phrases';
import { createPipeline } from '../../src/core/pipeline';
import { loadFaq } from '../../src/faq/load';
import { buildMatcher } from '../../src/matcher';
import { buildTunedMatcher } from '../../src/matcher/onSite';
import { DEFAULT_SETTINGS, loadMatcherSettings } from '../../src/matcher/settings';
import { createLogger } from '../../src/log';
import { openStore } from '../../src/store/db';
import { listTickets } from '../../src/store/tickets';
import { SAMPLE_FAQ, startKefu } from '../helpers/kefu';
import { tempDir } from '../helpers/tmp';

const ARENA = join(__dirname, '../fixtures/arena-faq');
const answered = (d: ReturnType<ReturnType<typeof buildMatcher>['decide']>) => (d.kind === 'answer' || d.kind === 'action' ? d.entry.id : d.kind);

describe('semantic layer', () => {
  const sample = buildTunedMatcher(loadFaq(SAMPLE_FAQ), loadMatcherSettings(SAMPLE_FAQ));

  it.each([
    ['氪了钱没东西', 'payment.not-received'],
    ['能不能退648', 'payment.refund'],
    ['卡成ppt了', 'game.lag'],
  ])('answers %s, which shares few words with the FAQ, with %s', (text, id) => {
    expect(answered(sample.decide(text))).toBe(id);
  });

  it('finds the Chinese entry for an English question when the FAQ has no English at all', () => {
    const faq = loadFaq(ARENA);
    const english = faq.entries.flatMap((e) => e.questions).filter((q) => /[a-z]{3}/i.test(q));
    expect(english).toEqual([]); // the proof needs a FAQ without a word of English
    const arena = buildTunedMatcher(faq, DEFAULT_SETTINGS);
    const lexicalOnly = buildMatcher(faq, { ...DEFAULT_SETTINGS, semantic: false });
    expect(answered(lexicalOnly.decide('my account got hacked'))).toBe('none');
    expect(arena.candidates('my account got hacked', 1)[0].entry.id).toMatch(/stolen|hack|security/);
    expect(arena.candidates('refund please', 1)[0].entry.id).toMatch(/refund/);
  });

  it('tells chit-chat from a question it cannot answer', () => {
    const weather = sample.decide('今天天气怎么样');
    expect(weather).toMatchObject({ kind: 'none', smallTalk: true });
    const unknown = sample.decide('公会战的奖励什么时候发');
    expect(unknown.kind === 'none' && unknown.smallTalk).toBeFalsy();
  });

  it('does not open a ticket for two chit-chat lines in a row, and does not log them as FAQ gaps', () => {
    const db = openStore(tempDir());
    let clock = 1_700_000_000_000;
    const pipeline = createPipeline({
      db,
      events: new KefuEvents(),
      log: createLogger('silent'),
      now: () => clock,
      matcher: () => sample,
      phrases: () => DEFAULT_PHRASES as Phrases,
      desk: { firstResponseMs: 5 * 60_000 },
    });
    const replies = ['今天天气怎么样', '你讲个笑话吧', '今天天气怎么样'].map((text, i) => {
      clock += 1000;
      return pipeline.handle({ channel: 'webchat', account: 'web', externalId: `m${i}`, from: { userId: 'p1' }, kind: 'text', text, receivedAt: clock })
        .replies.map((r) => r.text);
    });
    expect(listTickets(db)).toHaveLength(0);
    expect(replies[0]).toEqual([DEFAULT_PHRASES.smallTalk.zh]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM faq_gaps').get()).toEqual({ n: 0 });
    db.close();
  });

  it('learns on site: fine-tuning on the FAQ changes the model the matcher answers with', () => {
    const faq = loadFaq(ARENA);
    const matcher = buildMatcher(faq, DEFAULT_SETTINGS);
    const base = matcher.semanticModel()!;
    const tuned = buildTunedMatcher(faq, DEFAULT_SETTINGS).semanticModel()!;
    expect(tuned).not.toBe(base);
    expect(tuned.size).toBeGreaterThanOrEqual(base.size);
    const id = base.id('c:充')!;
    const row = (m: typeof base) => Array.from(m.data.vectors.subarray(id * m.dim, id * m.dim + m.dim));
    expect(row(tuned)).not.toEqual(row(base));
  });

  it('works on words alone when the semantic layer is turned off', () => {
    const off = buildMatcher(loadFaq(SAMPLE_FAQ), { ...DEFAULT_SETTINGS, semantic: false });
    expect(off.semanticModel()).toBeUndefined();
    expect(answered(off.decide('忘记密码怎么办'))).toBe('account.password-reset');
  });
});

describe('learning on site in the service', () => {
  it('starts with the base model, keeps answering, and switches to the FAQ-tuned model when done', async () => {
    const running = await startKefu({}, { fineTune: true });
    const { kefu } = running;
    try {
      const matcher = kefu.matcher() as ReturnType<typeof buildMatcher>;
      const base = matcher.semanticModel();
      expect(answered(matcher.decide('忘记密码怎么办'))).toBe('account.password-reset'); // answering meanwhile
      await kefu.fineTuned();
      expect(matcher.semanticModel()).not.toBe(base);
      expect(answered(matcher.decide('忘记密码怎么办'))).toBe('account.password-reset');
    } finally {
      await running.stop();
    }
  });
});
