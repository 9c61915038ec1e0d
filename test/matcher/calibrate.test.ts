// Calibration on a blind set's dev split: it keeps settings that already do well unless others clearly do
// better, and moves settings that let too many wrong answers through.
import { join } from 'node:path';
import { loadFaq } from '../../src/faq/load';
import { calibrate } from '../../src/matcher/eval';
import { readLabelled } from '../../src/matcher/labelled';
import { DEFAULT_SETTINGS } from '../../src/matcher/settings';

const STARSEA = join(__dirname, '../fixtures/blind/starsea');
const faq = loadFaq(STARSEA);
const dev = readLabelled(join(STARSEA, 'dev.jsonl'));

describe('calibrate', () => {
  it('keeps the current settings when they keep within the cap and nothing beats them by two standard errors', () => {
    const chosen = calibrate(faq, dev, 0.05, DEFAULT_SETTINGS);
    expect(chosen.kept).toBe(true);
    expect(chosen.settings).toEqual(DEFAULT_SETTINGS);
    expect(chosen.report.wrong_answer_rate).toBeLessThanOrEqual(0.05);
  }, 60_000);

  it('keeps settings whose weights are none of those it tries, judged on a matcher of their own', () => {
    const own = { ...DEFAULT_SETTINGS, semanticWeight: 0.9 };
    const chosen = calibrate(faq, dev, 0.05, own);
    expect(chosen.kept).toBe(true);
    expect(chosen.settings).toEqual(own);
  }, 60_000);

  it('moves settings that answer everything, bringing wrong answers within the cap', () => {
    const reckless = { ...DEFAULT_SETTINGS, answerThreshold: 0, margin: 0 };
    const chosen = calibrate(faq, dev, 0.05, reckless);
    expect(chosen.kept).toBeUndefined();
    expect(chosen.settings.answerThreshold).toBeGreaterThan(0);
    expect(chosen.report.wrong_answer_rate).toBeLessThanOrEqual(0.05);
  }, 60_000);
});
