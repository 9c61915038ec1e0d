// NLP.js (node-nlp 4.27) as the comparison matcher: trained on the same FAQ questions, asked the same
// questions, with its answer threshold chosen on the same dev split as ours.
import type { Faq } from '../../src/faq/types';
import type { LabelledLine } from '../../src/matcher/labelled';

export interface NlpResult {
  intent: string;
  score: number;
}

export interface NlpJs {
  classify(text: string): Promise<NlpResult>;
}

export async function trainNlpJs(faq: Faq, language: 'en' | 'zh'): Promise<NlpJs> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NlpManager } = require('node-nlp');
  const manager = new NlpManager({ languages: [language], forceNER: false, autoSave: false, nlu: { log: false } });
  for (const e of faq.entries) for (const q of e.questions) manager.addDocument(language, q, e.id);
  const log = console.log;
  console.log = () => undefined; // it prints progress while training
  try {
    await manager.train();
  } finally {
    console.log = log;
  }
  return {
    async classify(text) {
      const r = await manager.process(language, text);
      const top = r.classifications?.[0] ?? { intent: r.intent, score: r.score };
      return { intent: top.intent, score: top.score };
    },
  };
}

export interface NlpScore {
  overall: number;
  inScopeAccuracy: number;
  oosRecall: number;
  top1: number;
  queriesPerSecond: number;
}

/** Classifies every line once (timed); scoring under a threshold is then a replay. */
export async function runNlpJs(nlp: NlpJs, lines: LabelledLine[]): Promise<{ results: NlpResult[]; queriesPerSecond: number }> {
  const results: NlpResult[] = [];
  const started = performance.now();
  for (const l of lines) results.push(await nlp.classify(l.text));
  return { results, queriesPerSecond: lines.length / ((performance.now() - started) / 1000) };
}

export function scoreNlpJs(lines: LabelledLine[], results: NlpResult[], threshold: number): Omit<NlpScore, 'queriesPerSecond'> {
  let right = 0, inN = 0, outN = 0, outOk = 0, top1 = 0;
  lines.forEach((l, i) => {
    const r = results[i];
    const answered = r.intent !== 'None' && r.score >= threshold ? r.intent : undefined;
    if (l.expect === null) {
      outN++;
      if (!answered) outOk++;
    } else {
      inN++;
      if (r.intent === l.expect) top1++;
      if (answered === l.expect) right++;
    }
  });
  return { overall: (right + outOk) / lines.length, inScopeAccuracy: right / inN, oosRecall: outN ? outOk / outN : 0, top1: top1 / inN };
}

/** NLP.js's threshold chosen on the dev split for the best overall accuracy, as ours is. */
export function calibrateNlpJs(dev: LabelledLine[], results: NlpResult[]): number {
  let best = { threshold: 0.5, overall: -1 };
  for (let t = 0; t <= 1.0001; t += 0.02) {
    const { overall } = scoreNlpJs(dev, results, t);
    if (overall > best.overall) best = { threshold: t, overall };
  }
  return best.threshold;
}
