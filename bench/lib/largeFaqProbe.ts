// One measurement of the generated 10,000-entry FAQ, run by bench/semantic.bench.ts in a fresh process of
// its own (started as `kefu start` starts the service: node with tsx's CommonJS hook) so that nothing else
// the bench loaded counts: `build` times three builds (wall and CPU, each after a collection); `serve`
// builds once, answers 5,000 questions one at a time, and reports the resident memory of the process that
// holds the matcher: right after (after a collection), at its peak, and after 20 s idle, when V8 has given
// back what the build's garbage made it take. A third argument `clauses` gives every entry an answer of three
// clauses (withClauseAnswers), as a real FAQ's. `tune` builds once and fine-tunes the semantic model on the FAQ
// as the service does after a load (in one go here, not in slices), and reports its time and the memory it
// took on top of the build. Prints one line of JSON.
import { buildMatcher } from '../../src/matcher';
import { decideRanking } from '../../src/matcher/decide';
import { tuneNow } from '../../src/matcher/onSite';
import { DEFAULT_SETTINGS } from '../../src/matcher/settings';
import { generatedFaq, generatedQuestions, withClauseAnswers } from './generatedFaq';

const ENTRIES = 10000;
const faqOf = () => (process.argv[3] === 'clauses' ? withClauseAnswers(generatedFaq(ENTRIES)) : generatedFaq(ENTRIES));
const QUESTIONS = 5000;
const IDLE_MS = 20_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

function build(): object {
  buildMatcher(generatedFaq(50)); // jieba's dictionary and the model load outside the timings, as in a running service
  const faq = faqOf();
  const builds = [0, 1, 2].map(() => {
    gc();
    const [wall, cpu] = [performance.now(), cpuMs()];
    buildMatcher(faq);
    return { wallMs: Math.round(performance.now() - wall), cpuMs: Math.round(cpuMs() - cpu) };
  });
  return { builds };
}

async function serve(): Promise<object> {
  const faq = faqOf();
  const matcher = buildMatcher(faq);
  const questions = generatedQuestions(faq, QUESTIONS);
  // rank() and the decision rule, as decide() does for a text it has not seen (decide() remembers decisions per text).
  const answer = (text: string) => decideRanking(matcher.rank(text), DEFAULT_SETTINGS);
  for (const q of questions.slice(0, 500)) answer(q.text);
  const cpu = cpuMs();
  const times = questions.map((q) => {
    const started = process.hrtime.bigint();
    answer(q.text);
    return Number(process.hrtime.bigint() - started) / 1e6;
  });
  const cpuPerQuestionMs = (cpuMs() - cpu) / QUESTIONS;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.floor(q * (times.length - 1))];
  const top1 = questions.filter((q) => matcher.rank(q.text).scored[0]?.entry.id === q.expect).length / QUESTIONS;
  gc();
  gc();
  const held = process.memoryUsage();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  return {
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    cpuPerQuestionMs,
    top1,
    rssMb: mb(held.rss),
    heapMb: mb(held.heapUsed),
    externalMb: mb(held.external),
    peakRssMb,
    idleRssMb: mb(process.memoryUsage().rss),
    // Keeps the matcher alive until the memory is read.
    entries: matcher.entry(faq.entries[0].id) ? faq.entries.length : 0,
  };
}

function tune(): object {
  const faq = faqOf();
  const matcher = buildMatcher(faq);
  gc();
  const builtPeakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const tokensBefore = matcher.semanticModel()?.size ?? 0;
  const [wall, cpu] = [performance.now(), cpuMs()];
  tuneNow(faq, matcher);
  const tuned = { seconds: (performance.now() - wall) / 1000, cpuSeconds: (cpuMs() - cpu) / 1000 };
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  gc();
  gc();
  const questions = generatedQuestions(faq, 2000);
  const top1 = questions.filter((q) => matcher.rank(q.text).scored[0]?.entry.id === q.expect).length / questions.length;
  return { ...tuned, builtPeakMb, peakRssMb, rssMb: mb(process.memoryUsage().rss), newTokens: (matcher.semanticModel()?.size ?? 0) - tokensBefore, top1 };
}

const modes: Record<string, () => object | Promise<object>> = { build, serve, tune };
void (async () => console.log(JSON.stringify(await modes[process.argv[2]]())))();
