import type { Db } from '../store/db';

/** One row of the 《顾客投诉分类统计表》: a category in a month. */
export interface ComplaintStatsRow {
  month: string; // YYYY-MM in the report's time zone
  category: string;
  total: number;
  valid: number;
  invalid: number;
  unassessed: number;
  closed: number;
  /** Mean hours from 受理 to 总结 over the closed ones; null when none closed. */
  avgHoursToClose: number | null;
}

export interface ComplaintStats {
  month: string | null;
  timeZone: string;
  rows: ComplaintStatsRow[];
  totals: Omit<ComplaintStatsRow, 'month' | 'category'>;
}

function monthOf(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date(ms));
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/**
 * 《顾客投诉分类统计表》: complaints by category and month (the month a complaint was registered), valid /
 * invalid as judged at 判断, and the average time to close. `month` (YYYY-MM) keeps one month.
 */
export function complaintStats(db: Db, o: { month?: string; timeZone: string }): ComplaintStats {
  const rows = db.prepare('SELECT category, valid, created_at AS createdAt, closed_at AS closedAt FROM complaints ORDER BY id').all() as {
    category: string;
    valid: number | null;
    createdAt: number;
    closedAt: number | null;
  }[];
  const groups = new Map<string, ComplaintStatsRow & { hours: number }>();
  const empty = () => ({ total: 0, valid: 0, invalid: 0, unassessed: 0, closed: 0, hours: 0, avgHoursToClose: null as number | null });
  const totals = empty();
  for (const r of rows) {
    const month = monthOf(r.createdAt, o.timeZone);
    if (o.month && month !== o.month) continue;
    const key = `${month}\u0000${r.category}`;
    const g = groups.get(key) ?? { month, category: r.category, ...empty() };
    groups.set(key, g);
    for (const t of [g, totals]) {
      t.total++;
      if (r.valid === 1) t.valid++;
      else if (r.valid === 0) t.invalid++;
      else t.unassessed++;
      if (r.closedAt !== null) {
        t.closed++;
        t.hours += (r.closedAt - r.createdAt) / 3600_000;
      }
    }
  }
  const finish = <T extends { closed: number; hours: number; avgHoursToClose: number | null }>({ hours, ...t }: T) => ({
    ...t,
    avgHoursToClose: t.closed ? Math.round((hours / t.closed) * 10) / 10 : null,
  });
  return {
    month: o.month ?? null,
    timeZone: o.timeZone,
    rows: [...groups.values()].sort((a, b) => a.month.localeCompare(b.month) || b.total - a.total).map(finish),
    totals: finish(totals),
  };
}
