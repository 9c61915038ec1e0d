// The matcher remembers its decision per text (players repeat the same questions): the memory must answer
// exactly as working the decision out would, and be forgotten when the semantic model changes.
import { resolve } from 'node:path';
import { loadFaq } from '../../src/faq/load';
import { buildMatcher } from '../../src/matcher';
import { decideRanking } from '../../src/matcher/decide';
import { readLabelled } from '../../src/matcher/labelled';
import { loadMatcherSettings } from '../../src/matcher/settings';

const DIR = resolve(__dirname, '../fixtures/arena-faq');

describe('the decision memory', () => {
  const faq = loadFaq(DIR);
  const settings = loadMatcherSettings(DIR);
  const matcher = buildMatcher(faq, settings);
  const texts = readLabelled(resolve(DIR, 'tests.jsonl')).map((l) => l.text);

  it('answers a repeated question as working it out again would', () => {
    for (const text of texts) {
      const first = matcher.decide(text);
      expect(matcher.decide(text)).toBe(first); // remembered
      expect(first).toEqual(decideRanking(matcher.rank(text), settings));
    }
  });

  it('forgets its decisions when the semantic model changes', () => {
    const text = texts[0];
    const before = matcher.decide(text);
    const model = matcher.semanticModel();
    expect(model).toBeDefined();
    matcher.useSemanticModel(model!);
    const after = matcher.decide(text);
    expect(after).not.toBe(before); // worked out again with the new layer
    expect(after).toEqual(decideRanking(matcher.rank(text), settings));
  });

  it('does not keep long texts', () => {
    const long = `${texts[0]} ${'好'.repeat(300)}`;
    expect(matcher.decide(long)).not.toBe(matcher.decide(long));
  });
});
