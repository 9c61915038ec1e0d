import { stringify } from 'csv-stringify/sync';
import type { ComplaintStats } from '../reports/complaints';
import type { BugReport } from '../store/incidents';

const time = (ms: number) => new Date(ms).toISOString();

/** Bug reports as CSV for spreadsheets (a BOM first, so Excel reads the Chinese right). */
export function bugsCsv(bugs: BugReport[]): string {
  return (
    '\ufeff' +
    stringify(
      bugs.map((b) => [b.id, b.incidentId ?? '', b.severity, b.status, b.server ?? '', b.device ?? '', b.roleName ?? '', b.description, b.ticketId ?? '', b.channel, time(b.createdAt)]),
      { header: true, columns: ['id', 'incident', 'severity', 'status', 'server', 'device', 'role', 'description', 'ticket', 'channel', 'created_at'] },
    )
  );
}

/** 《顾客投诉分类统计表》 as CSV, with the totals as the last line. */
export function complaintStatsCsv(stats: ComplaintStats): string {
  const line = (month: string, category: string, r: ComplaintStats['totals']) => [month, category, r.total, r.valid, r.invalid, r.unassessed, r.closed, r.avgHoursToClose ?? ''];
  return (
    '\ufeff' +
    stringify([...stats.rows.map((r) => line(r.month, r.category, r)), line(stats.month ?? '', '合计', stats.totals)], {
      header: true,
      columns: ['月份', '投诉类别', '投诉数', '有效', '无效', '未判断', '已结案', '平均结案时长(小时)'],
    })
  );
}
