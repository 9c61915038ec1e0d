import { BASE_SYNONYMS, mergeSynonyms } from '../../src/matcher/baseSynonyms';
import { buildMatcher } from '../../src/matcher';
import { calibrate } from '../../src/matcher/eval';
import { basicNormalize, createNormalizer } from '../../src/matcher/normalize';
import { MatcherSettingsSchema } from '../../src/matcher/settings';
import type { Faq, FaqEntry } from '../../src/faq/types';

function entry(id: string, questions: string[]): FaqEntry {
  return { id, questions, answer: id, action: 'answer', keywords: [], tags: [], source: { file: 'entries.yaml', line: 1 } };
}

/** A FAQ written without a synonyms file, as a studio's first FAQ often is. */
const FAQ: Faq = {
  dir: 'faq',
  synonyms: [],
  entries: [
    entry('team.invite', ['怎么邀请朋友组队', '组队邀请收不到']),
    entry('report.player', ['怎么举报骂人的玩家', '举报有结果吗']),
    entry('account.password-reset', ['忘记密码怎么办', '怎么找回密码']),
  ],
};

describe('built-in synonyms', () => {
  it('are groups of at least two distinct terms, each term in one group only and long enough to fold', () => {
    const seen = new Map<string, number>();
    BASE_SYNONYMS.forEach((group, i) => {
      expect(group.length).toBeGreaterThanOrEqual(2);
      for (const term of group.map(basicNormalize)) {
        expect([term, seen.get(term)]).toEqual([term, undefined]);
        seen.set(term, i);
        // A one-character Chinese term would be ignored (号 must not turn 手机号 into 手机账号).
        expect(term.length >= 2 || /^[a-z0-9]+$/.test(term)).toBe(true);
      }
    });
  });

  it('let a FAQ with no synonyms file understand how players write (开黑, 喷子, 忘了)', () => {
    const matcher = buildMatcher(FAQ);
    expect(matcher.decide('怎么拉朋友一起开黑')).toMatchObject({ kind: 'answer', entry: { id: 'team.invite' } });
    expect(matcher.decide('举报那个喷子')).toMatchObject({ kind: 'answer', entry: { id: 'report.player' } });
    expect(matcher.normalize('密码忘了咋办')).toBe('密码忘记怎么办');
  });

  it('are off with baseSynonyms: false, and calibration keeps that setting', () => {
    // The semantic layer off too: it knows 喷子 ≈ 辱骂 from its training, which is not what is tested here.
    const off = MatcherSettingsSchema.parse({ baseSynonyms: false, semantic: false });
    const matcher = buildMatcher(FAQ, off);
    expect(matcher.normalize('密码忘了咋办')).toBe('密码忘了咋办');
    expect(matcher.decide('举报那个喷子').kind).not.toBe('answer');
    const dev = [{ text: '组队邀请收不到', expect: 'team.invite' }];
    expect(calibrate(FAQ, dev, 1, off).settings.baseSynonyms).toBe(false);
  });

  it('join the FAQ’s own groups: its first term stays canonical, and a term it placed stays where it is', () => {
    const merged = mergeSynonyms([['氪', '氪金', '储值'], ['充钱', '花钱']], [['充值', '氪金', '冲值', '充钱']]);
    expect(merged).toEqual([['氪', '氪金', '储值', '充值', '冲值'], ['充钱', '花钱']]);
    const normalize = createNormalizer(merged);
    expect(normalize('冲值失败')).toBe(normalize('氪金失败'));
    expect(normalize('充钱')).toBe('充钱');
  });

  it('fold a second time, so a folded term can complete a longer one', () => {
    const normalize = createNormalizer([['充值', '储值'], ['首充', '第一次充值']]);
    expect(normalize('第一次储值送什么')).toBe('首充送什么');
  });
});
