import fc from 'fast-check';
import { asciiNormalize, basicNormalize, createNormalizer, generalNormalize } from '../../src/matcher/normalize';
import { tokenize, tokenizeMany, useUserTerms } from '../../src/matcher/tokenize';

describe('normalisation', () => {
  it('folds full-width to half-width, case and punctuation', () => {
    expect(basicNormalize('ＶＩＰ　等级？！ＡＢＣ１２３')).toBe('vip 等级 abc123');
  });

  it('turns Traditional into Simplified Chinese', () => {
    expect(basicNormalize('我的帳號被盜了，儲值沒到賬，遊戲閃退')).toBe('我的账号被盗了 储值没到账 游戏闪退');
  });

  it('drops emoji and cuts runs of one character', () => {
    expect(basicNormalize('充值没到账😭😭😭啊啊啊啊！！！')).toBe('充值没到账 啊');
    expect(basicNormalize('sooooo laggy')).toBe('so laggy');
  });

  it('keeps doubled characters that are words (谢谢, 看看)', () => {
    expect(basicNormalize('谢谢')).toBe('谢谢');
  });

  it('maps synonyms to the first term of their group, longest first, English on word boundaries', () => {
    const normalize = createNormalizer([
      ['充值', '氪金', '储值', 'top up'],
      ['人工客服', '真人客服'],
      ['客服', 'kf'],
    ]);
    expect(normalize('氪金了没到账')).toBe('充值了没到账');
    expect(normalize('儲值')).toBe('充值');
    expect(normalize('I want to top up')).toBe('i want to 充值');
    expect(normalize('stop upgrading')).toBe('stop upgrad'); // stemmed, and no "top up" inside it
    expect(normalize('找真人客服')).toBe('找人工客服');
  });

  it('normalises many texts at once exactly as one at a time', () => {
    const normalize = createNormalizer([['充值', '氪金', 'top up'], ['登录', 'log in']]);
    const piece = fc.constantFrom('氪金', 'top up', 'log in', '帳號', '！！', '😀', ' ', '\n', 'aaa', '啊啊啊', "can't", 'x', '');
    const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(fc.property(fc.array(text, { maxLength: 8 }), (texts) => {
      expect(normalize.many(texts)).toEqual(texts.map((t) => normalize(t)));
    }));
  });

  it('never folds a one-character Chinese synonym (号 would break 手机号)', () => {
    const normalize = createNormalizer([['账号', '号']]);
    expect(normalize('换手机号')).toBe('换手机号');
  });
});

describe('tokenisation', () => {
  it('stems English words while normalising', () => {
    expect(basicNormalize('Refunds pending, servers crashed')).toBe('refund pend server crash');
    expect(basicNormalize('I lost my card, I paid and it was sent')).toBe(basicNormalize('i lose my card i pay and it was send'));
    expect(basicNormalize("I can't log in")).toBe('i cannot log in');
  });

  it('segments Chinese into words and character bigrams of the meaningful part', () => {
    const { words, grams } = tokenize(basicNormalize('忘记密码怎么办 refunds pending'));
    expect(words).toEqual(expect.arrayContaining(['忘记', '密码', 'refund', 'pend']));
    expect(grams).toEqual(['忘记', '记密', '密码']); // 怎么办 is a stop word: no 码怎 or 么办
  });

  it('keeps a FAQ term whole, and forgets it when the next FAQ does not have it', () => {
    useUserTerms(['礼包码']);
    expect(tokenize('礼包码在哪兑换').words).toEqual(['礼包码', '兑换']);
    useUserTerms([]);
    expect(tokenize('礼包码在哪兑换').words).toEqual(['礼包', '码', '兑换']);
  });

  it('cuts many texts at once exactly as one at a time', () => {
    // Rare and supplementary-plane characters (𬕂, 㐀) and mixed scripts: jieba's own notion of Chinese is narrower than ours.
    const piece = fc.constantFrom('忘记密码', '怎么办', '𬕂魆', '㐀', '充值没到账', 'refund', 'top', '12', '礼包码', '在吗', '的');
    const text = fc.array(fc.tuple(piece, fc.constantFrom('', ' ')), { maxLength: 6 }).map((p) => p.flat().join(''));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 8 }), (texts) => {
        expect(tokenizeMany(texts)).toEqual(texts.map(tokenize));
      }),
    );
  });

  it('drops words that carry no meaning, unless nothing else is left', () => {
    expect(tokenize('请问 的 the a 密码').words).toEqual(['密码']);
    expect(tokenize('在吗').words).toEqual(['在', '吗']);
  });
});

describe('the ASCII shortcut', () => {
  it('gives exactly what the general pipeline gives, for any printable ASCII', () => {
    const piece = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'aAbz09 \'!?-_.,~`"'.split('')), maxLength: 12 }),
      fc.constantFrom("don't", "a'b'c", 'SOOOO', '1000', 'Refunds', 'top-up', "''", 'x\'', 'ies', 'constructor'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join(' ');
        expect(asciiNormalize(text)).toBe(generalNormalize(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('is what basicNormalize uses for ASCII only', () => {
    expect(basicNormalize("Why hasn't my REFUND arrived???")).toBe('why not my refund arriv');
    expect(basicNormalize('帳號 refunds')).toBe('账号 refund');
  });
});
