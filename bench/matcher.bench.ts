// The matcher (issue #3): build time, speed and heap on generated FAQs of 100, 1,000 and 10,000 entries;
// then accuracy and speed on BANKING77 and on the sample FAQ, side by side with NLP.js in the same run.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadFaq } from '../src/faq/load';
import { buildMatcher } from '../src/matcher';
import { calibrate, evaluate } from '../src/matcher/eval';
import { readLabelled } from '../src/matcher/labelled';
import { loadMatcherSettings } from '../src/matcher/settings';
import { generatedFaq, generatedQuestions } from './lib/generatedFaq';
import { calibrateNlpJs, runNlpJs, scoreNlpJs, trainNlpJs } from './lib/nlpjs';

const QUERIES = 5000;
const BANKING = resolve(__dirname, '../../shared/data/banking77');
const SAMPLE_FAQ = resolve(__dirname, '../faq');

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heapMb = () => (gc(), process.memoryUsage().heapUsed / 2 ** 20);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function scaling(): string {
  const rows = ['| entries | questions | build (ms) | queries/s (1 core) | p50 (ms) | p99 (ms) | heap (MB) |', '|---:|---:|---:|---:|---:|---:|---:|'];
  buildMatcher(generatedFaq(50)); // warm jieba's dictionary outside the timings
  for (const n of [100, 1000, 10000]) {
    const faq = generatedFaq(n);
    const before = heapMb();
    const started = performance.now();
    const matcher = buildMatcher(faq);
    const buildMs = performance.now() - started;
    const heap = heapMb() - before;
    const questions = generatedQuestions(faq, QUERIES);
    for (const q of questions.slice(0, 500)) matcher.decide(q);
    const times = questions.map((q) => {
      const t = process.hrtime.bigint();
      matcher.decide(q);
      return Number(process.hrtime.bigint() - t) / 1e6;
    });
    const total = times.reduce((a, b) => a + b, 0);
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.floor(q * (times.length - 1))].toFixed(3);
    const count = faq.entries.reduce((a, e) => a + e.questions.length, 0);
    rows.push(`| ${n} | ${count} | ${buildMs.toFixed(0)} | ${Math.round(QUERIES / (total / 1000))} | ${at(0.5)} | ${at(0.99)} | ${heap.toFixed(1)} |`);
    void matcher;
  }
  return rows.join('\n');
}

async function banking(): Promise<string> {
  if (!existsSync(BANKING)) return '_BANKING77 not found beside the repository (../shared/data/banking77); skipped._';
  const faq = loadFaq(join(BANKING, 'faq'));
  const dev = readLabelled(join(BANKING, 'dev.jsonl'));
  const test = readLabelled(join(BANKING, 'test.jsonl'));
  const { settings } = calibrate(faq, dev);
  const ours = evaluate(buildMatcher(faq, settings), test, settings);
  const nlp = await trainNlpJs(faq, 'en');
  const nlpDev = await runNlpJs(nlp, dev);
  const threshold = calibrateNlpJs(dev, nlpDev.results);
  const nlpTest = await runNlpJs(nlp, test);
  const theirs = scoreNlpJs(test, nlpTest.results, threshold);
  const rows = [
    '| matcher | overall accuracy | in-scope accuracy | out-of-scope recall | wrong answers | top-1 | queries/s |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| Kefu (calibrated on dev) | ${pct(ours.overall_accuracy)} | ${pct(ours.in_scope.accuracy)} | ${pct(ours.out_of_scope.recall)} | ${pct(ours.wrong_answer_rate)} | ${pct(ours.top1)} | ${ours.queries_per_s} |`,
    `| NLP.js (threshold ${threshold.toFixed(2)} chosen on dev) | ${pct(theirs.overall)} | ${pct(theirs.inScopeAccuracy)} | ${pct(theirs.oosRecall)} | — | ${pct(theirs.top1)} | ${Math.round(nlpTest.queriesPerSecond)} |`,
  ];
  const ratio = ours.queries_per_s / nlpTest.queriesPerSecond;
  return `${rows.join('\n')}\n\nKefu − NLP.js: ${((ours.overall_accuracy - theirs.overall) * 100).toFixed(1)} points overall; speed ${ratio.toFixed(1)}× (same run, same questions, one core). Thresholds chosen: \`${JSON.stringify(settings)}\`.`;
}

async function sample(): Promise<string> {
  const faq = loadFaq(SAMPLE_FAQ);
  const tests = readLabelled(join(SAMPLE_FAQ, 'tests.jsonl'));
  const settings = loadMatcherSettings(SAMPLE_FAQ);
  const ours = evaluate(buildMatcher(faq, settings), tests, settings);
  const nlp = await trainNlpJs(faq, 'zh');
  const run = await runNlpJs(nlp, tests);
  const theirs = scoreNlpJs(tests, run.results, 0.5);
  return [
    '| matcher | overall accuracy | in-scope accuracy | wrong answers | out-of-scope recall | queries/s |',
    '|---|---:|---:|---:|---:|---:|',
    `| Kefu (default settings) | ${pct(ours.overall_accuracy)} | ${pct(ours.in_scope.accuracy)} | ${pct(ours.wrong_answer_rate)} | ${pct(ours.out_of_scope.recall)} | ${ours.queries_per_s} |`,
    `| NLP.js (zh, its default threshold) | ${pct(theirs.overall)} | ${pct(theirs.inScopeAccuracy)} | — | ${pct(theirs.oosRecall)} | ${Math.round(run.queriesPerSecond)} |`,
  ].join('\n');
}

export async function run(): Promise<string> {
  return [
    '## Matcher',
    '',
    '### Generated FAQs (4 phrasings per entry; 5,000 paraphrased questions, one at a time)',
    scaling(),
    '',
    '### BANKING77 open-set (58 intents in the FAQ, 19 held out; thresholds chosen on dev.jsonl, reported on test.jsonl)',
    await banking(),
    '',
    '### Sample FAQ regression set (faq/tests.jsonl)',
    await sample(),
    '',
  ].join('\n');
}
