// The floor any matcher must clear: Okapi BM25 over character bigrams (Chinese) and words (English) of the
// FAQ's questions, an entry scored by its best question; "none" below a threshold chosen on dev.
import type { Faq } from '../../src/faq/types';
import { basicNormalize } from '../../src/matcher/normalize';

const K1 = 1.2;
const B = 0.75;

function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of basicNormalize(text).matchAll(/\p{Script=Han}+|[a-z0-9]+/gu)) {
    const run = m[0];
    if (/^[a-z0-9]/.test(run)) out.push(run);
    else if (run.length === 1) out.push(run);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

export function bm25(faq: Faq): (text: string) => { intent: string; score: number } {
  const docs = faq.entries.flatMap((e) => e.questions.map((q) => ({ entry: e.id, terms: terms(q) })));
  const avg = docs.reduce((n, d) => n + d.terms.length, 0) / Math.max(1, docs.length);
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + (docs.length - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  return (text) => {
    const q = terms(text);
    let best = { intent: 'None', score: 0 };
    for (const d of docs) {
      let s = 0;
      for (const t of q) {
        const tf = d.terms.filter((x) => x === t).length;
        if (tf) s += (idf(t) * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.terms.length) / avg));
      }
      if (s > best.score) best = { intent: d.entry, score: s };
    }
    // Scaled into 0..1 by the question's own best possible score, so one threshold fits every length.
    const self = q.reduce((n, t) => n + idf(t), 0) * (K1 + 1) / (1 + K1);
    return { intent: best.intent, score: self ? best.score / self : 0 };
  };
}
