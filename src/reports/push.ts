import type { Logger } from '../log';
import type { Db } from '../store/db';
import { claimPush, releasePush } from '../store/dailyReports';
import type { DailyReport } from './daily';

/** WeCom group robots take markdown of at most 4096 bytes. */
const MAX_BYTES = 4096;

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The day's figures as the markdown a team reads in its WeCom group (企业微信群机器人). */
export function summaryMarkdown(r: DailyReport): string {
  const lines = [
    `## 客服日报 ${r.date}`,
    `> 消息 收 <font color="info">${r.messages.in}</font> / 发 ${r.messages.out}，会话 ${r.conversations.total}`,
    `> 机器人 解答 ${r.bot.answered}，澄清 ${r.bot.clarified}，未知 ${r.bot.unknown}，转人工 ${r.bot.handed_off}（自助率 ${pct(r.bot.deflection)}）`,
    `> 工单 新建 ${r.tickets.created}，解决 ${r.tickets.resolved}，未结 <font color="warning">${r.tickets.open}</font>`,
    `> 首响 中位 ${r.first_response.median_s}s，P90 ${r.first_response.p90_s}s，达标 ${pct(r.first_response.within_sla)}`,
    `> 满意度 ${r.csat.mean}（${r.csat.n} 份）`,
    `> BUG 严重 ${r.bugs.critical} / 一般 ${r.bugs.major} / 轻微 ${r.bugs.minor}`,
  ];
  const complaints = Object.entries(r.complaints);
  if (complaints.length) lines.push(`> 投诉 ${complaints.map(([k, n]) => `${k} ${n}`).join('，')}`);
  if (r.top_gaps.length) lines.push(`未解答 TOP：${r.top_gaps.slice(0, 5).map((g) => `${g.text}(${g.count})`).join('；')}`);
  let text = lines.join('\n');
  while (Buffer.byteLength(text) > MAX_BYTES) text = text.slice(0, -50);
  return text;
}

/**
 * Sends the day's summary to the group robot once: the push is claimed in the store first, and released
 * again if the robot did not take it (the next run retries). Returns whether it was sent now.
 */
export async function pushDailySummary(db: Db, report: DailyReport, webhook: string, log: Logger, at: number): Promise<boolean> {
  if (!claimPush(db, report.date, at)) return false;
  try {
    const res = await fetch(webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content: summaryMarkdown(report) } }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { errcode?: number; errmsg?: string };
    if (!res.ok || body.errcode !== 0) throw new Error(`HTTP ${res.status}, errcode ${body.errcode ?? '?'} ${body.errmsg ?? ''}`.trim());
    return true;
  } catch (err) {
    releasePush(db, report.date);
    log.error({ date: report.date, err: (err as Error).message }, 'daily report push to KEFU_REPORT_WEBHOOK failed; retried on the next run');
    return false;
  }
}
