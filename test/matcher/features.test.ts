import fc from 'fast-check';
import { Vocabulary } from '../../src/matcher/features';
import { basicNormalize } from '../../src/matcher/normalize';

const pool = ['refund not arrived', 'card payment declined', '充值没到账', '账号被盗了', 'top up failed twice', 'my card card', '登录不了游戏'];

describe('query vectors', () => {
  it("give a text the same vector as the vocabulary's own document for it", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1 }), (texts) => {
        const normalized = texts.map(basicNormalize);
        const vocabulary = new Vocabulary(normalized);
        normalized.forEach((text, i) => {
          const v = vocabulary.vectorOf(text);
          expect([...v.ids]).toEqual([...vocabulary.documents[i].ids]);
          [...v.weights].forEach((w, k) => expect(w).toBeCloseTo(vocabulary.documents[i].weights[k], 12));
        });
      }),
    );
  });

  it('count words the FAQ never uses in the length, so a question about something else scores low', () => {
    const vocabulary = new Vocabulary(['refund not arrived', 'card payment declined'].map(basicNormalize));
    const known = vocabulary.vectorOf(basicNormalize('refund'));
    const diluted = vocabulary.vectorOf(basicNormalize('refund zebra quiz'));
    expect([...diluted.ids]).toEqual([...known.ids]);
    expect(diluted.weights[0]).toBeLessThan(known.weights[0] * 0.7);
    expect(vocabulary.vectorOf('').ids.length).toBe(0);
  });
});

describe('the features a vocabulary knows', () => {
  const vocabulary = new Vocabulary(['refund not arrived', '充值没到账'].map(basicNormalize));

  it('are named for `faq try`, each once, and unseen ones are left out', () => {
    expect(vocabulary.knownFeatures(basicNormalize('refund refund zebra'))).toEqual(['w:refund', 'c:<re', 'c:ref', 'c:efu', 'c:fun', 'c:und', 'c:nd>']);
    expect(vocabulary.knownFeatures('充值失败')).toEqual(expect.arrayContaining(['w:充值', 'g:充值']));
    expect(vocabulary.knownFeatures('充值失败')).not.toContain('g:失败');
  });

  it("give an unseen word's known trigrams the same weight however often it is asked", () => {
    // Unseen words are remembered per vocabulary: the second asking must not differ from the first.
    const first = vocabulary.vectorOf(basicNormalize('refundz arived'));
    const again = vocabulary.vectorOf(basicNormalize('refundz arived'));
    expect([...again.ids]).toEqual([...first.ids]);
    expect([...again.weights]).toEqual([...first.weights]);
    expect(first.ids.length).toBeGreaterThan(0);
  });
});
