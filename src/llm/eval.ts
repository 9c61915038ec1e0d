import type { Config } from '../config';
import type { Opinion } from '../core/opinion';
import type { Logger } from '../log';
import { evaluate, type EvalReport } from '../matcher/eval';
import type { RankingMatcher } from '../matcher';
import type { LabelledLine } from '../matcher/labelled';
import type { MatcherSettings } from '../matcher/settings';
import type { LlmCall } from '../store/llmCalls';
import { createLlmClient } from './client';
import { createMasker } from './mask';
import { askForOpinion } from './secondOpinion';

/** `faq eval --llm`: the usual report, plus what the second opinions cost. */
export interface LlmEvalReport extends EvalReport {
  llm: {
    model: string;
    calls: number;
    failed: number;
    verdicts: { entry: number; none: number; failed: number };
    prompt_tokens: number;
    completion_tokens: number;
    tokens: number;
    p50_ms: number;
    p99_ms: number;
    mean_ms: number;
  };
}

/**
 * Runs the labelled set through the matcher and, where it is unsure, the LLM, exactly as the service would
 * (same prompt, masking, validation and reply budget; no conversation context). Then scores the combined
 * decisions with the matcher's own report: a chosen entry counts as the answer (and as top-1), "none" as
 * unanswered, a failure leaves the matcher's choices.
 */
export async function evaluateWithLlm(
  config: NonNullable<Config['llm']>,
  matcher: RankingMatcher,
  lines: LabelledLine[],
  settings: MatcherSettings,
  log: Logger,
): Promise<LlmEvalReport> {
  const calls: LlmCall[] = [];
  const ledger = { record: (c: LlmCall) => void calls.push(c), tokensOn: (day: string) => calls.filter((c) => c.day === day).reduce((n, c) => n + c.promptTokens + c.completionTokens, 0) };
  const client = createLlmClient(config, { ledger, log, now: Date.now });
  const mask = createMasker(config.orderPattern);
  const opinions = new Map<string, Opinion>();
  for (const { text } of lines) {
    const decision = matcher.decide(text);
    if (decision.kind !== 'clarify' || opinions.has(text)) continue;
    opinions.set(text, await askForOpinion({ client, mask }, text, decision.choices, [], config.replyBudgetMs));
  }
  const withOpinions: RankingMatcher = {
    ...matcher,
    rank(text) {
      const ranking = matcher.rank(text);
      const opinion = opinions.get(text);
      if (opinion?.verdict === 'entry') return { rule: matcher.entry(opinion.entryId!), scored: ranking.scored };
      if (opinion?.verdict === 'none') return { scored: ranking.scored.map((s) => ({ ...s, confidence: 0 })) };
      return ranking;
    },
  };
  const report = evaluate(withOpinions, lines, settings);
  const all = [...opinions.values()];
  const ms = calls.map((c) => c.ms).sort((a, b) => a - b);
  const prompt = sum(calls.map((c) => c.promptTokens));
  const completion = sum(calls.map((c) => c.completionTokens));
  return {
    ...report,
    llm: {
      model: config.model,
      calls: calls.length,
      failed: calls.filter((c) => !c.ok).length,
      verdicts: { entry: count(all, 'entry'), none: count(all, 'none'), failed: count(all, 'failed') },
      prompt_tokens: prompt,
      completion_tokens: completion,
      tokens: prompt + completion,
      p50_ms: percentile(ms, 0.5),
      p99_ms: percentile(ms, 0.99),
      mean_ms: ms.length ? Math.round(sum(ms) / ms.length) : 0,
    },
  };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const count = (xs: Opinion[], verdict: Opinion['verdict']) => xs.filter((o) => o.verdict === verdict).length;
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);
