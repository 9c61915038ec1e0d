-- Every call to the OpenAI-compatible service (issue #16): what for, tokens, latency, outcome.
-- The daily token budget is a sum over one day's rows; nothing of the prompt or answer is kept here.
CREATE TABLE llm_calls (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL,             -- second_opinion | draft | summary | triage
  ok                INTEGER NOT NULL,
  prompt_tokens     INTEGER NOT NULL DEFAULT 0,
  completion_tokens INTEGER NOT NULL DEFAULT 0,
  ms                INTEGER NOT NULL,
  error             TEXT,
  day               TEXT NOT NULL,             -- YYYY-MM-DD in KEFU_TIMEZONE
  created_at        INTEGER NOT NULL
);
CREATE INDEX llm_calls_day ON llm_calls (day);
