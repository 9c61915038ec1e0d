import type { Db } from './db';

/** One call to the LLM service as the ledger keeps it (no prompt, no answer: tokens and timing only). */
export interface LlmCall {
  kind: string;
  ok: boolean;
  promptTokens: number;
  completionTokens: number;
  ms: number;
  error?: string;
  day: string;
  at: number;
}

export function recordLlmCall(db: Db, c: LlmCall): number {
  return db
    .prepare(
      `INSERT INTO llm_calls (kind, ok, prompt_tokens, completion_tokens, ms, error, day, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(c.kind, c.ok ? 1 : 0, c.promptTokens, c.completionTokens, Math.round(c.ms), c.error ?? null, c.day, c.at)
    .lastInsertRowid as number;
}

/** Tokens spent on one day (the daily budget's measure). */
export function tokensOnDay(db: Db, day: string): number {
  const row = db.prepare('SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) AS n FROM llm_calls WHERE day = ?').get(day) as {
    n: number;
  };
  return row.n;
}
