import type { Command } from 'commander';
import { loadConfig } from '../config';
import { agentFigures } from '../reports/agents';
import { dailyReport, type DailyReport } from '../reports/daily';
import { addDays, dayOf, dayRange, isDay } from '../reports/day';
import { openStore } from '../store/db';

const pct = (x: number) => `${Math.round(x * 100)}%`;

function checkDay(value: string | undefined, option: string): void {
  if (value !== undefined && !isDay(value)) throw new Error(`${option} must be a date YYYY-MM-DD (got "${value}")`);
}

/** The report in lines a person reads in a terminal. */
function printDaily(r: DailyReport): void {
  console.log(`每日工作报表 ${r.date} (${r.time_zone})`);
  console.log(`消息       收 ${r.messages.in}  发 ${r.messages.out}   会话 ${r.conversations.total}`);
  for (const [ch, v] of Object.entries(r.messages.by_channel)) console.log(`  ${ch.padEnd(12)} 收 ${v.in}  发 ${v.out}`);
  console.log(`机器人     解答 ${r.bot.answered}  澄清 ${r.bot.clarified}  未知 ${r.bot.unknown}  转人工 ${r.bot.handed_off}  自助率 ${pct(r.bot.deflection)}`);
  console.log(`工单       新建 ${r.tickets.created}  解决 ${r.tickets.resolved}  未结 ${r.tickets.open}`);
  console.log(`首响       中位 ${r.first_response.median_s}s  P90 ${r.first_response.p90_s}s  达标 ${pct(r.first_response.within_sla)}`);
  console.log(`满意度     ${r.csat.mean} (${r.csat.n})  ${Object.entries(r.csat.distribution).map(([k, n]) => `${k}★${n}`).join(' ')}`);
  console.log(`BUG        严重 ${r.bugs.critical}  一般 ${r.bugs.major}  轻微 ${r.bugs.minor}`);
  console.log(`投诉       ${Object.entries(r.complaints).map(([k, n]) => `${k} ${n}`).join('  ') || '-'}`);
  if (r.top_faq.length) console.log(`热门问题   ${r.top_faq.map((f) => `${f.entry}(${f.count})`).join('  ')}`);
  if (r.top_gaps.length) console.log(`未解答     ${r.top_gaps.map((g) => `${g.text}(${g.count})`).join('  ')}`);
  for (const a of r.agents) {
    console.log(`  ${a.username.padEnd(12)} 处理 ${a.handled}  首响中位 ${a.first_response_median_s}s  满意度 ${a.csat_mean} (${a.csat_n})  抽检 ${a.spot_check_mean} (${a.spot_check_n})`);
  }
}

/** Runs a command; a mistake is one line on stderr and exit code 1, never a stack trace on stdout. */
const run =
  <A extends unknown[]>(action: (...args: A) => void) =>
  (...args: A): void => {
    try {
      action(...args);
    } catch (err) {
      console.error(`kefu report: ${(err as Error).message}`);
      process.exitCode = 1;
    }
  };

/** `kefu report daily|agents`: the supervisor's figures from KEFU_DATA_DIR's database (README "The supervisor's day"). */
export function registerReportCommands(program: Command): Command {
  const report = program.command('report').description('reports: daily work report (每日工作报表), agent figures, complaints');

  report
    .command('daily')
    .description('the day in the service time zone (default: today so far)')
    .option('--date <YYYY-MM-DD>', 'the day to report')
    .option('--json', 'print one JSON object and nothing else')
    .action(
      run((opts: { date?: string; json?: boolean }) => {
        checkDay(opts.date, '--date');
        const config = loadConfig();
        const db = openStore(config.dataDir);
        try {
          const now = Date.now();
          const r = dailyReport(db, opts.date ?? dayOf(now, config.supervisor.timeZone), config.supervisor.timeZone, now);
          if (opts.json) console.log(JSON.stringify(r));
          else printDaily(r);
        } finally {
          db.close();
        }
      }),
    );

  report
    .command('agents')
    .description('per-agent figures for a period (default: the last 7 days)')
    .option('--from <YYYY-MM-DD>', 'first day')
    .option('--to <YYYY-MM-DD>', 'last day (default today)')
    .option('--json', 'print one JSON object and nothing else')
    .action(
      run((opts: { from?: string; to?: string; json?: boolean }) => {
        checkDay(opts.from, '--from');
        checkDay(opts.to, '--to');
        const config = loadConfig();
        const tz = config.supervisor.timeZone;
        const to = opts.to ?? dayOf(Date.now(), tz);
        const from = opts.from ?? addDays(to, -6);
        if (from > to) throw new Error(`--from ${from} is after --to ${to}`);
        const db = openStore(config.dataDir);
        try {
          const agents = agentFigures(db, { from: dayRange(from, tz).from, to: dayRange(to, tz).to, fromDay: from, toDay: to });
          if (opts.json) {
            console.log(JSON.stringify({ from, to, time_zone: tz, agents }));
            return;
          }
          console.log(`客服绩效 ${from} – ${to}`);
          for (const a of agents) {
            console.log(
              `${a.username.padEnd(12)} 处理 ${a.handled}  首响中位 ${a.first_response_median_s}s  解决中位 ${a.resolution_median_s}s  达标 ${pct(a.within_sla)}  满意度 ${a.csat_mean} (${a.csat_n})  抽检 ${a.spot_check_mean} (${a.spot_check_n})`,
            );
          }
        } finally {
          db.close();
        }
      }),
    );
  return report;
}
