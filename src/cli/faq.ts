import type { Command } from 'commander';
import pino from 'pino';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { PHRASE_KEYS } from '../core/phrases';
import { checkCanned } from '../desk/canned';
import { checkMenu, checkPhrases, checkWelcome } from '../faq/serviceFiles';
import { loadConfig } from '../config';
import { formatProblem, loadFaq, missingEnglish, readFaq } from '../faq/load';
import type { Faq, FaqProblem } from '../faq/types';
import type { Decision } from '../core/types';
import type { LlmEvalReport } from '../llm/eval';
import { createLogger } from '../log';
import { readLabelled } from '../matcher/labelled';
import { loadMatcherSettings } from '../matcher/settings';
import { openStore } from '../store/db';
import { topGaps } from '../store/faqGaps';
import { groupGaps } from '../learning/gapGroups';
import { registerFaqLearn } from './faqLearn';

const faqDirOption = () => process.env.KEFU_FAQ_DIR ?? './faq';

/**
 * The matcher (jieba, the semantic model's code, pinyin tables) and the LLM client are loaded by the
 * commands that use them: `kefu faq check`, run on every edit, took 3.6 s with them and the service loaded,
 * 1.1 s without.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
function matcherModules() {
  const { buildTunedMatcher } = require('../matcher/onSite') as typeof import('../matcher/onSite');
  const { calibrate, evaluate } = require('../matcher/eval') as typeof import('../matcher/eval');
  return { buildTunedMatcher, calibrate, evaluate };
}
const llmEval = () => require('../llm/eval') as typeof import('../llm/eval');
/* eslint-enable @typescript-eslint/no-require-imports */

/** `kefu faq check|try|eval|gaps`: the operators' tools for keeping the FAQ right (DESIGN §5). */
export function registerFaqCommands(program: Command): void {
  const faq = program.command('faq').description('check, try and evaluate the FAQ');

  faq
    .command('check')
    .description('validate the FAQ files; exit 1 with file:line: problem for each problem')
    .option('--faq <dir>', 'FAQ folder', faqDirOption())
    .action((opts: { faq: string }) => {
      const { faq: loaded, problems: found } = readFaq(opts.faq);
      // Every file the server reads, with the server's own checks, all reported at once.
      const ids = new Set(loaded.entries.map((e) => e.id));
      const at = (name: string) => join(basename(resolve(opts.faq)), name);
      const besides = [
        ...checkPhrases(opts.faq, PHRASE_KEYS, at('phrases.yaml')),
        ...checkCanned(opts.faq, at('canned.yaml')),
        ...checkMenu(opts.faq, ids, at('menu.yaml')),
        ...checkWelcome(opts.faq, at('welcome.yaml')),
      ];
      const problems = [...found, ...besides].map(formatProblem);
      problems.push(...checkSettings(opts.faq), ...checkTests(opts.faq, loaded));
      // Hints, not problems: the FAQ serves, English speakers just read Chinese for these entries.
      for (const p of missingEnglish(loaded)) console.error(`warning: ${formatProblem(p)}`);
      if (problems.length) {
        for (const p of problems) console.log(p);
        console.error(`${problems.length} problem(s); nothing goes live until they are fixed`);
        process.exitCode = 1;
        return;
      }
      console.log(`OK: ${loaded.entries.length} entries, ${loaded.synonyms.length} synonym groups in ${opts.faq}`);
    });

  faq
    .command('try')
    .description('show how the bot would answer a question: decision, top candidates, scores, matched terms')
    .argument('<question>')
    .option('--faq <dir>', 'FAQ folder', faqDirOption())
    .option('--json', 'print JSON')
    .action((question: string, opts: { faq: string; json?: boolean }) => {
      const { buildTunedMatcher } = matcherModules();
      const matcher = buildTunedMatcher(loadFaq(opts.faq, { onWarning: warn }), loadMatcherSettings(opts.faq));
      const { normalized, rule, decision, offTopic } = matcher.explain(question);
      const candidates = matcher.candidates(question, 5);
      if (opts.json) {
        const top = candidates.map((c) => ({ id: c.entry.id, score: round(c.score), matched: c.matched }));
        console.log(JSON.stringify({ normalized, rule, decision: describe(decision), candidates: top, ...(offTopic ? { off_topic: round(offTopic) } : {}) }));
        return;
      }
      console.log(`normalised: ${normalized}`);
      if (rule) console.log(`keyword rule: ${rule}`);
      console.log(`decision:   ${describe(decision)}`);
      if (offTopic) console.log(`off topic:  −${round(offTopic).toFixed(3)} from the best one's score before answering (the question lies nearer to another topic players ask about)`);
      for (const c of candidates) console.log(`  ${round(c.score).toFixed(3)}  ${c.entry.id}  [${c.matched.join(', ')}]`);
    });

  faq
    .command('eval')
    .description('score a labelled set (JSON lines {"text","expect"}); --calibrate chooses thresholds on a dev set')
    .option('--faq <dir>', 'FAQ folder', faqDirOption())
    .option('--tests <file>', 'labelled set (default: tests.jsonl in the FAQ folder)')
    .option('--calibrate <dev>', 'choose thresholds on this labelled dev set, then score --tests with them')
    .option('--max-wrong <rate>', 'calibration: highest wrong-answer rate allowed on the dev set', parseFloat)
    .option('--json', 'print one JSON object and nothing else on stdout')
    .option('--misses', 'list the lines it got wrong')
    .option('--llm', 'ask the configured LLM where the matcher is unsure (OPENAI_BASE_URL, KEFU_LLM_MODEL); adds calls, tokens, latency')
    .action(async (opts: { faq: string; tests?: string; calibrate?: string; maxWrong?: number; json?: boolean; misses?: boolean; llm?: boolean }) => {
      const { buildTunedMatcher, calibrate, evaluate } = matcherModules();
      const loaded = loadFaq(opts.faq, { onWarning: warn });
      let settings = loadMatcherSettings(opts.faq);
      if (opts.calibrate) {
        const chosen = calibrate(loaded, readLabelled(opts.calibrate), opts.maxWrong, settings);
        settings = chosen.settings;
        if (!opts.json) {
          console.log(`calibrated on ${opts.calibrate}: overall ${pct(chosen.report.overall_accuracy)}, wrong ${pct(chosen.report.wrong_answer_rate)}`);
          if (chosen.kept) console.log('kept the current settings: no other did better on this set by two standard errors (a larger dev set tells finer differences apart)');
          console.log(`put in ${join(opts.faq, 'matcher.yaml')}:\n${Object.entries(settings).map(([k, v]) => `${k}: ${v}`).join('\n')}\n`);
        }
      }
      const tests = opts.tests ?? join(opts.faq, 'tests.jsonl');
      const matcher = buildTunedMatcher(loaded, settings);
      const report = opts.llm
        ? await llmEval().evaluateWithLlm(llmConfig(), matcher, readLabelled(tests), settings, createLogger('warn', pino.destination(2)))
        : evaluate(matcher, readLabelled(tests), settings);
      const { misses, ...summary } = report;
      if (opts.json) {
        console.log(JSON.stringify(opts.misses ? report : summary));
        return;
      }
      console.log(`${tests}: ${report.total} lines`);
      console.log(`in scope      ${report.in_scope.n}: accuracy ${pct(report.in_scope.accuracy)}, clarified ${pct(report.in_scope.clarified)}, wrong ${pct(report.in_scope.wrong)}, top-1 ${pct(report.top1)}`);
      console.log(`out of scope  ${report.out_of_scope.n}: recall ${pct(report.out_of_scope.recall)}, precision ${pct(report.out_of_scope.precision)}`);
      console.log(`overall accuracy ${pct(report.overall_accuracy)}, wrong answers ${pct(report.wrong_answer_rate)}`);
      console.log(`speed ${report.queries_per_s} q/s, p50 ${report.p50_ms} ms, p99 ${report.p99_ms} ms`);
      if ('llm' in report) printLlm(report as LlmEvalReport);
      if (opts.misses) for (const m of misses ?? []) console.log(`  miss: ${m.text}  expected ${m.expect ?? 'none'}, got ${m.got}`);
    });

  faq
    .command('gaps')
    .description('the most frequent questions the bot could not answer, near-identical ones grouped (what to write next)')
    .option('--limit <n>', 'how many', (v) => parseInt(v, 10), 20)
    .option('--json', 'print JSON')
    .action((opts: { limit: number; json?: boolean }) => {
      const db = openStore(loadConfig().dataDir);
      const gaps = groupGaps(topGaps(db, 1000), opts.limit);
      db.close();
      if (opts.json) return console.log(JSON.stringify({ gaps }));
      if (!gaps.length) return console.log('no unanswered questions recorded yet');
      for (const g of gaps) {
        console.log(`${String(g.count).padStart(5)}  ${g.sample}`);
        for (const v of g.variants) console.log(`         ${v.count} × ${v.sample}`);
      }
    });

  registerFaqLearn(faq);
}

/** `faq eval --llm` needs the LLM configured like the service (README "LLM assist"). */
function llmConfig() {
  const llm = loadConfig().llm;
  if (!llm) throw new Error('--llm needs KEFU_LLM_MODEL and OPENAI_BASE_URL or OPENAI_API_KEY (README "LLM assist")');
  return llm;
}

function printLlm({ llm }: LlmEvalReport): void {
  console.log(`LLM ${llm.model}: ${llm.calls} calls (${llm.failed} failed; chose an entry ${llm.verdicts.entry}, none ${llm.verdicts.none}), ${llm.tokens} tokens, p50 ${llm.p50_ms} ms, p99 ${llm.p99_ms} ms`);
}

/** matcher.yaml must hold valid settings. */
function checkSettings(dir: string): string[] {
  try {
    loadMatcherSettings(dir);
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}

/** tests.jsonl, when present, must parse and name only entries that exist. */
function checkTests(dir: string, faq: Faq): string[] {
  const path = join(dir, 'tests.jsonl');
  if (!existsSync(path)) return [];
  try {
    const ids = new Set(faq.entries.map((e) => e.id));
    return readLabelled(path).flatMap((l, i) => (l.expect && !ids.has(l.expect) ? [`${path}:${i + 1}: unknown entry id "${l.expect}"`] : []));
  } catch (err) {
    return [(err as Error).message];
  }
}

function describe(d: Decision): string {
  switch (d.kind) {
    case 'answer':
      return `answer ${d.entry.id} (${round(d.score)})`;
    case 'action':
      return `action ${d.action} (${d.entry.id})`;
    case 'clarify':
      return `clarify: ${d.choices.map((c, i) => `${i + 1}. ${c.id}`).join('  ')}`;
    case 'none':
      if (d.courtesy) return `none: a courtesy (${d.courtesy}), answered with a phrase`;
      return `none${d.smallTalk ? ': small talk' : ''}${d.best ? ` (best ${d.best.id} at ${round(d.score)})` : ''}`;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A problem that `faq check` fails on but that leaves eval and try working: on stderr, stdout stays JSON. */
function warn(p: FaqProblem): void {
  console.error(`warning: ${formatProblem(p)}`);
}
