import { loadFaq } from '../../src/faq/load';
import { buildMatcher } from '../../src/matcher';
import { MatcherSettingsSchema } from '../../src/matcher/settings';
import type { Decision } from '../../src/core/types';
import { writeFaq } from '../helpers/faqFiles';

const faq = loadFaq(writeFaq());
const matcher = buildMatcher(faq);
const id = (d: Decision) => (d.kind === 'answer' || d.kind === 'action' ? d.entry.id : d.kind);

describe('matcher decisions', () => {
  it.each([
    ['密码忘记了怎么办啊', 'account.password-reset'],
    ['密碼忘了', 'account.password-reset'],
    ['I forgot the password', 'account.password-reset'],
    ['氪金了没到账', 'payment.not-received'],
    ['充值成功钻石没到账！！', 'payment.not-received'],
    ['充错了想退钱', 'payment.refund'],
    ['兑换码在哪里输入', 'game.gift-code'],
  ])('answers %s with %s', (text, expected) => {
    expect(id(matcher.decide(text))).toBe(expected);
  });

  it('lets an action keyword win outright, whatever else the sentence says', () => {
    expect(matcher.decide('充值没到账，转人工')).toMatchObject({ kind: 'action', action: 'handoff' });
    expect(matcher.decide('人工')).toMatchObject({ kind: 'action', action: 'handoff' });
  });

  it('matches the other actions by their phrasings', () => {
    expect(matcher.decide('你好')).toMatchObject({ kind: 'action', action: 'greeting' });
  });

  it('says it does not know rather than guess', () => {
    for (const text of ['今天天气怎么样', '下个版本什么时候出新角色', 'what is the capital of France']) {
      expect(matcher.decide(text).kind).toBe('none');
    }
  });

  it('offers numbered choices in the band between none and answer', () => {
    const settings = MatcherSettingsSchema.parse({ answerThreshold: 0.99, clarifyThreshold: 0.05 });
    const d = buildMatcher(faq, settings).decide('充值退款');
    expect(d.kind).toBe('clarify');
    if (d.kind !== 'clarify') return;
    expect(d.choices.map((c) => c.id)).toEqual(expect.arrayContaining(['payment.refund', 'payment.not-received']));
    expect(d.choices.length).toBeLessThanOrEqual(3);
  });

  it('answers only with a clear lead over the runner-up', () => {
    const strict = buildMatcher(faq, MatcherSettingsSchema.parse({ answerThreshold: 0.01, clarifyThreshold: 0.01, margin: 0.99 }));
    expect(strict.decide('充值退款').kind).not.toBe('answer');
  });

  it.each([
    ['empty', ''],
    ['spaces', '   \n\t '],
    ['emoji only', '😀😀🎮🔥'],
    ['binary', '\u0000\u0001\u0002\uFFFD\uD800'],
    ['script', '<script>alert(1)</script>'],
    ['10,000 characters', '啊'.repeat(4000) + 'abc '.repeat(1500)],
    ['names of Object.prototype', 'constructor toString __proto__ hasOwnProperty valueOf'],
  ])('gives "none" to %s input without throwing', (_name, text) => {
    expect(matcher.decide(text).kind).toBe('none');
  });

  it('shows candidates with scores and the terms that matched', () => {
    const [best] = matcher.candidates('忘记密码了');
    expect(best.entry.id).toBe('account.password-reset');
    expect(best.score).toBeGreaterThan(0);
    expect(best.matched).toEqual(expect.arrayContaining(['忘记', '密码']));
  });
});
