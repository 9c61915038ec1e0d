import { Respeller, soundOf } from '../../src/matcher/homophones';
import { buildTunedMatcher } from '../../src/matcher/onSite';
import { loadMatcherSettings } from '../../src/matcher/settings';
import { loadFaq } from '../../src/faq/load';
import { SAMPLE_FAQ } from '../helpers/kefu';

describe('typos that sound like the FAQ’s words', () => {
  it('sound alike without tones', () => {
    expect(soundOf('充值')).toBe(soundOf('冲值'));
    expect(soundOf('闪退')).toBe('shan tui');
  });

  it('are rewritten where they broke a word into single characters, and nowhere else', () => {
    const respeller = new Respeller(new Set(['闪退', '改名', '邮件', '建议']));
    expect(respeller.respell('游戏老是山退')).toBe('游戏老是闪退');
    expect(respeller.respell('角色怎么该名')).toBe('角色怎么改名');
    // 有|建议: 有建 sounds like 邮件, but it spans two real words.
    expect(respeller.respell('有建议想提')).toBe('有建议想提');
    expect(respeller.respell('hello 山退')).toBe('hello 闪退');
  });

  it('are rewritten where two pieces together sound like one of the FAQ’s longer words', () => {
    const respeller = new Respeller(new Set(['验证码']));
    expect(respeller.respell('收不到严正码')).toBe('收不到验证码'); // jieba: 收不到 严正 码
  });

  it('are left alone when two of the FAQ’s words sound the same', () => {
    const respeller = new Respeller(new Set(['实时', '事实']));
    expect(respeller.respell('十是')).toBe('十是');
  });

  it('get the sample FAQ’s answer, and faq try shows the corrected text', () => {
    // The matcher as players get it: fine-tuned on the FAQ (the base model alone barely tells 礼包码 from 礼包码无效).
    const matcher = buildTunedMatcher(loadFaq(SAMPLE_FAQ), loadMatcherSettings(SAMPLE_FAQ));
    expect(matcher.decide('里包码在哪里兑换')).toMatchObject({ kind: 'answer', entry: { id: 'game.gift-code' } });
    expect(matcher.decide('收不到严正码')).toMatchObject({ kind: 'answer', entry: { id: 'account.sms-code' } });
    expect(matcher.explain('游戏老是山退').normalized).toBe('游戏老是闪退');
  });
});
