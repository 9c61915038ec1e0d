import { resolve } from 'node:path';
import { loadFaq } from '../../src/faq/load';
import { buildMatcher, modelBuffers, restoreMatcher, trainModel } from '../../src/matcher';
import { readLabelled } from '../../src/matcher/labelled';
import { loadMatcherSettings } from '../../src/matcher/settings';

const SETS = ['../../faq', '../fixtures/arena-faq', '../fixtures/arena-faq-en'].map((d) => resolve(__dirname, d));

describe('a matcher trained in another thread', () => {
  it.each(SETS)('ranks every line of %s exactly as one built here, after its arrays were transferred', (dir) => {
    const faq = loadFaq(dir);
    const settings = loadMatcherSettings(dir);
    const model = trainModel(faq, settings);
    // What postMessage does between threads: the typed arrays move, the rest is copied.
    const moved = structuredClone(model, { transfer: modelBuffers(model) });
    expect(model.vocabulary.idf.length).toBe(0); // transferred, not copied
    const restored = restoreMatcher(faq, settings, moved);
    const built = buildMatcher(faq, settings);
    for (const { text } of readLabelled(resolve(dir, 'tests.jsonl'))) {
      expect(restored.rank(text)).toEqual(built.rank(text));
      expect(restored.candidates(text)).toEqual(built.candidates(text));
    }
  });
});
