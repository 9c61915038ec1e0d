import { DEFAULT_PHRASES } from '../../src/core/phrases';
import type { Faq, FaqEntry } from '../../src/faq/types';
import { buildMatcher } from '../../src/matcher';
import { openStore } from '../../src/store/db';
import { listTickets } from '../../src/store/tickets';
import { testPipeline } from '../helpers/pipeline';
import { tempDir } from '../helpers/tmp';

function entry(id: string, questions: string[], action: FaqEntry['action'] = 'answer'): FaqEntry {
  return { id, questions, answer: `${id} 的答案`, action, keywords: [], tags: [], source: { file: 'entries.yaml', line: 1 } };
}

/** A studio's FAQ with no greeting or thanks entry, as the blind sets' FAQs are. */
const entries = [
  entry('account.stolen', ['账号被盗了怎么办', '号被盗了', '账号被别人登录了']),
  entry('bug.report', ['我要反馈bug', '游戏出现错误如何上报'], 'bug_report'),
  entry('complaint', ['我要投诉', '对服务不满意'], 'complaint'),
  entry('ban.appeal', ['被封号了怎么申诉', '账号被封了']),
];
const FAQ: Faq = { dir: 'faq', synonyms: [], entries };

describe('courtesies', () => {
  const matcher = buildMatcher(FAQ);

  it.each([
    ['谢谢啦', 'thanks'],
    ['Thanks!!', 'thanks'],
    ['你好呀', 'greeting'],
    ['在嗎？', 'greeting'],
    ['好的呢', 'ok'],
    ['ok', 'ok'],
    ['拜拜', 'bye'],
  ])('take %s as a courtesy (%s), not as a question to offer entries for', (text, courtesy) => {
    expect(matcher.decide(text)).toEqual({ kind: 'none', score: 0, courtesy });
  });

  it('leave a question that starts with one to the matcher', () => {
    expect(matcher.decide('你好，我的号被盗了')).toMatchObject({ kind: 'answer', entry: { id: 'account.stolen' } });
  });

  it('leave the FAQ its own greeting and thanks entries, and any phrase it lists as a question', () => {
    const own = buildMatcher({ ...FAQ, entries: [...entries, entry('hello', ['你好', '在吗'], 'greeting'), entry('fine', ['好的'])] });
    expect(own.decide('你好')).toMatchObject({ kind: 'action', action: 'greeting' });
    expect(own.decide('好的')).toMatchObject({ kind: 'answer', entry: { id: 'fine' } });
    expect(own.decide('谢谢')).toMatchObject({ courtesy: 'thanks' });
  });

  it('get a word back in the pipeline: no ticket after several, no FAQ gap', () => {
    const db = openStore(tempDir());
    let clock = 1_700_000_000_000;
    const pipeline = testPipeline(db, matcher, () => clock);
    const replies = ['你好', '谢谢', '谢谢啦', '好的', '拜拜'].map((text, i) => {
      clock += 1000;
      const msg = { channel: 'webchat' as const, account: 'web', externalId: `m${i}`, from: { userId: 'p1' }, kind: 'text' as const, text, receivedAt: clock };
      return pipeline.handle(msg).replies.map((r) => r.text);
    });
    expect(replies).toEqual([
      [DEFAULT_PHRASES.courtesyGreeting.zh],
      [DEFAULT_PHRASES.courtesyThanks.zh],
      [DEFAULT_PHRASES.courtesyThanks.zh],
      [DEFAULT_PHRASES.courtesyOk.zh],
      [DEFAULT_PHRASES.courtesyBye.zh],
    ]);
    expect(listTickets(db)).toHaveLength(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM faq_gaps').get()).toEqual({ n: 0 });
    db.close();
  });
});
