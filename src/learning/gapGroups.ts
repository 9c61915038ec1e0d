import type { FaqGap } from '../store/faqGaps';

/** A group of near-identical unanswered questions: the most asked one, and how often all of them were asked. */
export interface GapGroup extends FaqGap {
  /** The other phrasings in the group, most asked first. */
  variants: { sample: string; count: number }[];
}

/** Two normalised questions are one gap when their character pairs overlap this much (Jaccard). */
const SAME_GAP = 0.6;

function pairs(text: string): Set<string> {
  const chars = [...text.replace(/\s+/g, '')];
  if (chars.length < 2) return new Set(chars);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/**
 * Groups near-identical gaps (充值没到账 / 充值还没到账啊) so operators see one question asked 12 times,
 * not 12 questions asked once. Greedy: each gap joins the first, more-asked group it is close enough to.
 */
export function groupGaps(gaps: FaqGap[], limit = 20): GapGroup[] {
  const sorted = [...gaps].sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen);
  const groups: { head: FaqGap; shape: Set<string>; members: FaqGap[] }[] = [];
  for (const gap of sorted) {
    const shape = pairs(gap.normalized);
    const home = groups.find((g) => similarity(g.shape, shape) >= SAME_GAP);
    if (home) home.members.push(gap);
    else groups.push({ head: gap, shape, members: [] });
  }
  return groups
    .map(({ head, members }) => ({
      ...head,
      count: head.count + members.reduce((n, m) => n + m.count, 0),
      firstSeen: Math.min(head.firstSeen, ...members.map((m) => m.firstSeen)),
      lastSeen: Math.max(head.lastSeen, ...members.map((m) => m.lastSeen)),
      variants: members.map((m) => ({ sample: m.sample, count: m.count })),
    }))
    .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen)
    .slice(0, limit);
}
