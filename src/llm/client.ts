import OpenAI from 'openai';
import pLimit from 'p-limit';
import type { LlmConfig } from '../config';
import type { Logger } from '../log';
import type { LlmCall } from '../store/llmCalls';
import { llmCalls, llmLatency, llmTokens } from './metrics';

export type LlmKind = 'second_opinion' | 'draft' | 'summary' | 'triage';
export type LlmOutcome = 'ok' | 'failed' | 'timeout' | 'malformed' | 'budget' | 'busy';

/** Why the LLM could not help this time; every caller falls back to what Kefu does without it. */
export class LlmUnavailable extends Error {
  constructor(
    readonly outcome: Exclude<LlmOutcome, 'ok'>,
    message: string,
  ) {
    super(message);
  }
}

/** Where calls are counted: the llm_calls table in the service, memory in `faq eval --llm`. */
export interface LlmLedger {
  record(call: LlmCall): void;
  tokensOn(day: string): number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CallOptions {
  /** Ask for a JSON object (response_format json_object) and parse it. */
  json?: boolean;
  timeoutMs: number;
  maxTokens: number;
  /** The player path never queues behind other calls: with no free slot it falls back at once. */
  waitForSlot: boolean;
}

export interface LlmReply {
  text: string;
  json?: Record<string, unknown>;
  tokens: number;
  ms: number;
}

export interface LlmClientDeps {
  ledger: LlmLedger;
  log: Logger;
  now(): number;
}

/**
 * The one way to the OpenAI-compatible service: `${baseUrl}/chat/completions` through the openai package,
 * at most `concurrency` calls at a time, within the daily token budget, each call under a hard timeout,
 * counted in the ledger, logged with tokens and latency, and measured for /metrics.
 */
export function createLlmClient(config: LlmConfig, deps: LlmClientDeps) {
  const openai = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl, maxRetries: 0, timeout: config.timeoutMs });
  const limit = pLimit(config.concurrency);
  const dayOf = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone }).format(at);
  let budgetLoggedFor = '';

  function checkBudget(day: string): void {
    if (!config.dailyTokens) return;
    const used = deps.ledger.tokensOn(day);
    if (used < config.dailyTokens) return;
    if (budgetLoggedFor !== day) {
      budgetLoggedFor = day;
      deps.log.warn(
        { used, budget: config.dailyTokens, day },
        `LLM daily token budget reached (${used} of ${config.dailyTokens} tokens on ${day}, KEFU_LLM_DAILY_TOKENS): ` +
          'the bot answers without a second opinion and drafts are off until the day ends',
      );
    }
    throw new LlmUnavailable('budget', `daily token budget of ${config.dailyTokens} reached`);
  }

  async function call(kind: LlmKind, messages: ChatMessage[], options: CallOptions): Promise<LlmReply> {
    const at = deps.now();
    const started = performance.now();
    const day = dayOf(at);
    const finish = (outcome: LlmOutcome, usage = { prompt: 0, completion: 0 }, error?: string) => {
      const ms = Math.round(performance.now() - started);
      deps.ledger.record({ kind, ok: outcome === 'ok', promptTokens: usage.prompt, completionTokens: usage.completion, ms, error, day, at });
      llmCalls.inc({ kind, outcome });
      llmTokens.inc({ kind }, usage.prompt + usage.completion);
      llmLatency.observe({ kind }, ms / 1000);
      const line = { kind, outcome, promptTokens: usage.prompt, completionTokens: usage.completion, ms, error };
      if (outcome === 'ok') deps.log.info(line, 'LLM call');
      else deps.log.warn(line, 'LLM call failed: falling back to the offline behaviour');
      return ms;
    };

    try {
      checkBudget(day);
    } catch (err) {
      llmCalls.inc({ kind, outcome: 'budget' });
      throw err;
    }
    if (!options.waitForSlot && limit.activeCount + limit.pendingCount >= config.concurrency) {
      llmCalls.inc({ kind, outcome: 'busy' });
      throw new LlmUnavailable('busy', `all ${config.concurrency} LLM slots are busy`);
    }

    let usage = { prompt: 0, completion: 0 };
    try {
      const text = await limit(() => request(messages, options, (u) => (usage = u)));
      const json = options.json ? parseJsonObject(text) : undefined;
      const ms = finish('ok', usage);
      return { text, json, tokens: usage.prompt + usage.completion, ms };
    } catch (err) {
      const failure = err instanceof LlmUnavailable ? err : classify(err);
      finish(failure.outcome, usage, failure.message);
      throw failure;
    }
  }

  /** One chat completion under a hard deadline: the signal aborts the HTTP request, the timer the wait. */
  async function request(messages: ChatMessage[], options: CallOptions, onUsage: (u: { prompt: number; completion: number }) => void) {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new LlmUnavailable('timeout', `no answer within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
    });
    try {
      const completion = await Promise.race([
        openai.chat.completions.create(
          {
            model: config.model,
            messages,
            temperature: 0,
            max_tokens: options.maxTokens,
            ...(options.json ? { response_format: { type: 'json_object' as const } } : {}),
          },
          { signal: abort.signal, timeout: Math.max(1, Math.floor(options.timeoutMs)), maxRetries: 0 },
        ),
        deadline,
      ]);
      onUsage({ prompt: completion.usage?.prompt_tokens ?? 0, completion: completion.usage?.completion_tokens ?? 0 });
      const text = completion.choices?.[0]?.message?.content;
      if (typeof text !== 'string' || !text.trim()) throw new LlmUnavailable('malformed', 'the answer has no message content');
      return text.trim();
    } finally {
      clearTimeout(timer);
      deadline.catch(() => undefined); // the race is over: a late timer rejection is nobody's error
    }
  }

  return {
    call,
    model: config.model,
    rephrase: config.rephrase,
    replyBudgetMs: config.replyBudgetMs,
    timeoutMs: config.timeoutMs,
  };
}

export type LlmClient = ReturnType<typeof createLlmClient>;

function classify(err: unknown): LlmUnavailable {
  if (err instanceof OpenAI.APIConnectionTimeoutError || err instanceof OpenAI.APIUserAbortError) {
    return new LlmUnavailable('timeout', 'the LLM service did not answer in time');
  }
  if (err instanceof OpenAI.APIError) return new LlmUnavailable('failed', `HTTP ${err.status ?? '-'}: ${err.message}`.slice(0, 300));
  return new LlmUnavailable('failed', String((err as Error)?.message ?? err).slice(0, 300));
}

/** A JSON object from the model's text; a fenced block (```json … ```) is accepted, anything else is malformed. */
export function parseJsonObject(text: string): Record<string, unknown> {
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/.exec(text.trim());
  let value: unknown;
  try {
    value = JSON.parse(fenced ? fenced[1] : text);
  } catch {
    throw new LlmUnavailable('malformed', 'the answer is not JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new LlmUnavailable('malformed', 'the answer is not a JSON object');
  return value as Record<string, unknown>;
}
