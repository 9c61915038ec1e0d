// A Matcher whose decisions are written out per text: lets pipeline tests drive every state on purpose.
import type { Decision } from '../../src/core/types';
import type { FaqEntry } from '../../src/faq/types';
import type { Matcher } from '../../src/matcher/types';

export function entry(id: string, answer: string, action: FaqEntry['action'] = 'answer'): FaqEntry {
  return { id, questions: [`${id}?`], answer, action, keywords: [], tags: [], source: { file: 'faq/test.yaml', line: 1 } };
}

export function scriptedMatcher(entries: FaqEntry[], script: Record<string, (byId: (id: string) => FaqEntry) => Decision>): Matcher {
  const byId = (id: string) => {
    const e = entries.find((x) => x.id === id);
    if (!e) throw new Error(`no entry ${id}`);
    return e;
  };
  return {
    decide: (text) => script[text]?.(byId) ?? { kind: 'none', score: 0 },
    candidates: () => [],
    normalize: (text) => text.trim().toLowerCase(),
    entry: (id) => entries.find((x) => x.id === id),
  };
}
