import { Counter, Histogram, Registry, register } from 'prom-client';

// In prom-client's default registry, created once per process (tests start several services in one).
const existing = <T>(name: string) => register.getSingleMetric(name) as T | undefined;

export const llmCalls =
  existing<Counter<'kind' | 'outcome'>>('kefu_llm_calls_total') ??
  new Counter({
    name: 'kefu_llm_calls_total',
    help: 'Calls to the LLM service, by purpose and outcome (ok, failed, timeout, malformed, budget, busy)',
    labelNames: ['kind', 'outcome'] as const,
  });

export const llmTokens =
  existing<Counter<'kind'>>('kefu_llm_tokens_total') ??
  new Counter({ name: 'kefu_llm_tokens_total', help: 'Tokens spent on the LLM service (prompt + completion), by purpose', labelNames: ['kind'] as const });

export const llmLatency =
  existing<Histogram<'kind'>>('kefu_llm_latency_seconds') ??
  new Histogram({
    name: 'kefu_llm_latency_seconds',
    help: 'Time for one LLM call, by purpose',
    labelNames: ['kind'] as const,
    buckets: [0.25, 0.5, 1, 2, 3, 5, 10, 20],
  });

export const secondOpinions =
  existing<Counter<'verdict'>>('kefu_llm_second_opinions_total') ??
  new Counter({
    name: 'kefu_llm_second_opinions_total',
    help: 'Second opinions on unsure matches, by verdict (entry, none, failed, skipped)',
    labelNames: ['verdict'] as const,
  });

/**
 * The app's registry with the default registry's metrics (these) added, so /metrics shows them whether the
 * app serves its own registry or the default one; a name in both is served once, from the app's.
 */
export function withDefaultMetrics(app: Registry): Registry {
  if (app === register) return app;
  const taken = new Set(app.getMetricsAsArray().map((m) => m.name));
  const extra = new Registry();
  for (const m of register.getMetricsAsArray()) {
    const metric = register.getSingleMetric(m.name);
    if (metric && !taken.has(m.name)) extra.registerMetric(metric);
  }
  return Registry.merge([app, extra]);
}
