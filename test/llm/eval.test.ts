import { resolve } from 'node:path';
import { loadConfig } from '../../src/config';
import { loadFaq } from '../../src/faq/load';
import { evaluateWithLlm } from '../../src/llm/eval';
import { createLogger } from '../../src/log';
import { buildMatcher } from '../../src/matcher';
import { evaluate } from '../../src/matcher/eval';
import { readLabelled } from '../../src/matcher/labelled';
import { loadMatcherSettings } from '../../src/matcher/settings';
import { llmEnv, payloadOf, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';

const FAQ = resolve(__dirname, '../fixtures/llm-faq');
// What a good model would choose for the unsure lines of tests.jsonl.
const CHOICES: Record<string, string> = { 充值问题: 'recharge.invoice', 充值有问题想问一下: 'recharge.missing', 充值的事: 'none' };

let fake: FakeOpenAi;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  fake.answer = (req) => ({ content: { entry_id: CHOICES[payloadOf(req).question] ?? 'none' }, usage: { prompt: 300, completion: 8 } });
});
afterAll(() => fake?.close());

// `kefu faq eval --llm` prints this report (src/cli/faq.ts); spawning the CLI costs ~30 s here, so it runs in-process.
it('faq eval --llm reports the same JSON with the LLM\'s choices scored, plus calls, tokens and latency', async () => {
  const settings = loadMatcherSettings(FAQ);
  const matcher = buildMatcher(loadFaq(FAQ), settings);
  const lines = readLabelled(resolve(FAQ, 'tests.jsonl'));
  const offline = evaluate(matcher, lines, settings);
  const config = loadConfig({ KEFU_FAQ_DIR: FAQ, ...llmEnv(fake) }).llm!;
  const report = await evaluateWithLlm(config, matcher, lines, settings, createLogger('silent'));
  expect(Object.keys(report)).toEqual(expect.arrayContaining(Object.keys(offline)));
  expect(offline.in_scope).toMatchObject({ n: 4, accuracy: 0.5, clarified: 0.5 });
  expect(report.in_scope).toMatchObject({ n: 4, accuracy: 1, clarified: 0, wrong: 0 });
  expect(report.out_of_scope).toMatchObject({ n: 2, recall: 1 });
  expect(report.llm).toMatchObject({ model: 'kefu-test-model', calls: 3, failed: 0, verdicts: { entry: 2, none: 1, failed: 0 }, tokens: 3 * 308 });
  expect(report.llm.p50_ms).toEqual(expect.any(Number));
  expect(fake.received).toHaveLength(3);
}, 90_000); // builds a matcher (jieba) in-process: slow on a loaded machine
