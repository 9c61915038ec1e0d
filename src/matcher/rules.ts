import type { FaqEntry } from '../faq/types';

/** Actions a keyword alone may trigger: asking for a person, reporting a bug, complaining. */
const RULE_ACTIONS = new Set<FaqEntry['action']>(['handoff', 'bug_report', 'complaint']);

/**
 * Ways players ask for a person, in any game: they reach the FAQ's handoff entry whatever its keywords say,
 * because a player who asks for a person must get one (an FAQ writer lists 转人工 and forgets 客服小姐姐).
 * Only phrases that ask for support staff: bare 真人 or 人工 also mean real players (匹配的是真人吗), players
 * greet the bot as 客服小姐姐 before their question, and "are you a real person" is small talk.
 */
const ASKS_FOR_A_PERSON = [
  '转人工', '转接人工', '人工客服', '人工服务', '找人工', '要人工', '叫人工', '接人工', '人工在吗', '人工呢',
  '真人客服', '找真人', '要真人', '叫真人', '找客服', '叫客服', '叫个客服', '找个客服',
  'human agent', 'live agent', 'talk to a real person', 'speak to a real person', 'want a real person', 'agent please', 'talk to a human', 'speak to a human', 'talk to a person',
  'speak to a person', 'talk to someone', 'speak to someone', 'customer service agent',
];

/**
 * High-precision keyword rules, checked before any scoring: a player who writes 转人工 or 投诉 gets that,
 * whatever else the sentence says. The keywords are the action entries' own `keywords` in the FAQ files.
 */
export class ActionRules {
  private readonly rules: { keyword: string; entry: number; word?: RegExp; builtIn: boolean }[] = [];

  /** `builtIn`: the FAQ's first handoff entry also takes ASKS_FOR_A_PERSON. */
  constructor(entries: FaqEntry[], normalize: (text: string) => string, builtIn = true) {
    const handoff = builtIn ? entries.findIndex((e) => e.action === 'handoff') : -1;
    entries.forEach((e, entry) => {
      if (!RULE_ACTIONS.has(e.action)) return;
      for (const k of e.keywords) this.add(normalize(k), entry, false);
      if (entry === handoff) for (const k of ASKS_FOR_A_PERSON) this.add(normalize(k), entry, true);
    });
    // The FAQ's own keywords first (我要投诉客服小姐姐 is a complaint), the longest first (人工客服 before 人工).
    this.rules.sort((a, b) => Number(a.builtIn) - Number(b.builtIn) || b.keyword.length - a.keyword.length);
  }

  private add(keyword: string, entry: number, builtIn: boolean): void {
    if (!keyword) return;
    // English keywords match whole words ("human agent", not "inhuman agents"); Chinese ones anywhere.
    const word = /^[a-z0-9 ]+$/.test(keyword) ? new RegExp(`(^| )${keyword}( |$)`) : undefined;
    this.rules.push({ keyword, entry, word, builtIn });
  }

  /** The entry index whose keyword occurs in the text, or undefined. */
  match(normalized: string): number | undefined {
    for (const r of this.rules) if (r.word ? r.word.test(normalized) : normalized.includes(r.keyword)) return r.entry;
    return undefined;
  }
}
