import { stringify } from 'csv-stringify/sync';
import type { DailyReport } from './daily';

/**
 * The daily report as CSV for a spreadsheet: one `section,item,value` row per figure, then the per-agent
 * table. A byte-order mark first, so Excel opens the Chinese text as UTF-8.
 */
export function dailyReportCsv(r: DailyReport): string {
  const rows: (string | number)[][] = [['section', 'item', 'value']];
  const add = (section: string, values: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(values)) if (typeof v !== 'object') rows.push([section, k, v as number]);
  };
  add('report', { date: r.date, time_zone: r.time_zone });
  add('messages', r.messages);
  for (const [ch, v] of Object.entries(r.messages.by_channel)) add(`messages.${ch}`, v);
  add('conversations', { total: r.conversations.total, ...r.conversations.by_channel });
  add('bot', r.bot);
  add('tickets', r.tickets);
  add('first_response', r.first_response);
  add('csat', { n: r.csat.n, mean: r.csat.mean, ...Object.fromEntries(Object.entries(r.csat.distribution).map(([k, v]) => [`rating_${k}`, v])) });
  add('bugs', r.bugs);
  add('complaints', r.complaints);
  for (const f of r.top_faq) rows.push(['top_faq', f.entry, f.count]);
  for (const g of r.top_gaps) rows.push(['top_gaps', g.text, g.count]);
  rows.push([]);
  const columns = ['username', 'handled', 'first_response_median_s', 'first_response_p90_s', 'resolution_median_s', 'within_sla', 'csat_mean', 'csat_n', 'spot_check_mean', 'spot_check_n'] as const;
  rows.push(['agent', ...columns.slice(1)]);
  for (const a of r.agents) rows.push(columns.map((c) => a[c]));
  return '\ufeff' + stringify(rows);
}
