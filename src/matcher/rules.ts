import type { FaqEntry } from '../faq/types';

/** Actions a keyword alone may trigger: asking for a person, reporting a bug, complaining. */
const RULE_ACTIONS = new Set<FaqEntry['action']>(['handoff', 'bug_report', 'complaint']);

/**
 * High-precision keyword rules, checked before any scoring: a player who writes 转人工 or 投诉 gets that,
 * whatever else the sentence says. The keywords are the action entries' own `keywords` in the FAQ files.
 */
export class ActionRules {
  private readonly rules: { keyword: string; entry: number; word?: RegExp }[] = [];

  constructor(entries: FaqEntry[], normalize: (text: string) => string) {
    entries.forEach((e, entry) => {
      if (!RULE_ACTIONS.has(e.action)) return;
      for (const k of e.keywords) {
        const keyword = normalize(k);
        // English keywords match whole words ("human agent", not "inhuman agents"); Chinese ones anywhere.
        const word = /^[a-z0-9 ]+$/.test(keyword) ? new RegExp(`(^| )${keyword}( |$)`) : undefined;
        if (keyword) this.rules.push({ keyword, entry, word });
      }
    });
    this.rules.sort((a, b) => b.keyword.length - a.keyword.length); // 人工客服 before 人工
  }

  /** The entry index whose keyword occurs in the text, or undefined. */
  match(normalized: string): number | undefined {
    for (const r of this.rules) if (r.word ? r.word.test(normalized) : normalized.includes(r.keyword)) return r.entry;
    return undefined;
  }
}
