// The sample FAQ's regression set (faq/tests.jsonl) at the bar of issue #3, with the shipped settings.
import { join } from 'node:path';
import { loadFaq } from '../../src/faq/load';
import { buildTunedMatcher } from '../../src/matcher/onSite';
import { evaluate } from '../../src/matcher/eval';
import { readLabelled } from '../../src/matcher/labelled';
import { loadMatcherSettings } from '../../src/matcher/settings';
import { SAMPLE_FAQ } from '../helpers/kefu';

describe('sample FAQ regression set', () => {
  const settings = loadMatcherSettings(SAMPLE_FAQ);
  const lines = readLabelled(join(SAMPLE_FAQ, 'tests.jsonl'));
  // What players get: the matcher with its semantic model fine-tuned on the FAQ, as the service runs it.
  const report = evaluate(buildTunedMatcher(loadFaq(SAMPLE_FAQ), settings), lines, settings);
  const misses = (report.misses ?? []).map((m) => `${m.text} → ${m.got} (expected ${m.expect ?? 'none'})`).join('\n');

  it('covers the FAQ in scope and out of scope', () => {
    expect(report.in_scope.n).toBeGreaterThanOrEqual(150);
    expect(report.out_of_scope.n).toBeGreaterThanOrEqual(40);
  });

  it('answers at least 95% of in-scope lines with the right entry', () => {
    if (report.in_scope.accuracy < 0.95) throw new Error(`in-scope accuracy ${report.in_scope.accuracy}; misses:\n${misses}`);
  });

  it('gives at most 2% wrong answers', () => {
    if (report.wrong_answer_rate > 0.02) throw new Error(`wrong-answer rate ${report.wrong_answer_rate}; misses:\n${misses}`);
  });
});

// A second game's FAQ in Chinese and in English, with no synonyms file, written after the matcher: the
// defaults must stay careful on a FAQ nobody calibrated (most misses are "I don't know", which hands off).
// With the semantic layer it answers 95–98% in scope (words alone: 83–86%).
describe.each(['arena-faq', 'arena-faq-en'])('a second game’s FAQ (%s) with default settings', (name) => {
  const dir = join(__dirname, '../fixtures', name);
  const lines = readLabelled(join(dir, 'tests.jsonl'));
  const report = evaluate(buildTunedMatcher(loadFaq(dir), loadMatcherSettings(dir)), lines, loadMatcherSettings(dir));

  it('gives at most 2% wrong answers and answers most in-scope lines', () => {
    expect(report.in_scope.n).toBeGreaterThanOrEqual(60);
    expect(report.wrong_answer_rate).toBeLessThanOrEqual(0.02);
    expect(report.in_scope.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
