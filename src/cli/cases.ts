import type { Command } from 'commander';
import { loadConfig } from '../config';
import { FOLLOW_UP_MS } from '../cases/context';
import { followupJson } from '../cases/followups';
import { openFollowups } from '../cases/intake';
import { complaintStatsCsv } from '../cases/export';
import { complaintStats } from '../reports/complaints';
import { openStore, type Db } from '../store/db';
import { completeFollowup, getFollowup, listFollowups, type FollowupContact, type FollowupOutcome } from '../store/followups';
import { markFollowedUp } from '../store/complaintCases';

const OUTCOMES: FollowupOutcome[] = ['satisfied', 'unsatisfied', 'unreachable'];
const CONTACTS: FollowupContact[] = ['channel', 'phone', 'other'];

/** Runs against KEFU_DATA_DIR's database; a mistake is one line on stderr and exit code 1. */
function withStore(what: string, action: (db: Db, config: ReturnType<typeof loadConfig>) => void): void {
  let db: Db | undefined;
  try {
    const config = loadConfig();
    db = openStore(config.dataDir);
    action(db, config);
  } catch (err) {
    console.error(`kefu ${what}: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    db?.close();
  }
}

const day = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** `kefu followups [--due] [--json]`, `kefu followups complete <id>`, `kefu report complaints [--month] [--json|--csv]`. */
export function registerCaseCommands(program: Command, report: Command): void {
  const followups = program
    .command('followups')
    .description('follow-ups (回访): open ones, or with --due those due within 3 days (overdue included)')
    .option('--due', 'only those due within 3 days, overdue included')
    .option('--json', 'print {"followups": [...]} and nothing else')
    .action((opts: { due?: boolean; json?: boolean }) =>
      withStore('followups', (db, config) => {
        const now = Date.now();
        db.transaction(() => openFollowups({ db, followups: config.cases.followups }, now))();
        const list = listFollowups(db, opts.due ? { before: now + FOLLOW_UP_MS } : { status: 'pending' }).map((f) => followupJson(f, now));
        if (opts.json) return console.log(JSON.stringify({ followups: list }));
        if (!list.length) return console.log('no follow-ups due');
        for (const f of list) {
          const what = f.complaint ? `complaint #${f.complaint} ${f.category ?? ''}` : f.ticket ? `VIP ticket #${f.ticket}` : `bug #${f.bug_report}`;
          console.log(`#${f.id}  due ${day(f.due_at)}${f.overdue ? ' OVERDUE' : ''}  ${f.status}  ${what}  ${f.nickname ?? ''}`);
        }
      }),
    );
  followups
    .command('complete <id>')
    .description('record how a follow-up went')
    .requiredOption('--outcome <outcome>', OUTCOMES.join(' | '))
    .option('--contact <how>', CONTACTS.join(' | '), 'phone')
    .option('--note <text>', 'what the player said')
    .action((id: string, opts: { outcome: string; contact: string; note?: string }) =>
      withStore('followups complete', (db) => {
        if (!OUTCOMES.includes(opts.outcome as FollowupOutcome)) throw new Error(`--outcome must be one of ${OUTCOMES.join(', ')} (got "${opts.outcome}")`);
        if (!CONTACTS.includes(opts.contact as FollowupContact)) throw new Error(`--contact must be one of ${CONTACTS.join(', ')} (got "${opts.contact}")`);
        const f = getFollowup(db, Number(id));
        if (!f) throw new Error(`no follow-up ${id}`);
        if (f.status === 'done') throw new Error(`follow-up ${id} is already done (${f.outcome})`);
        const at = Date.now();
        db.transaction(() => {
          completeFollowup(db, f.id, { agentId: null, outcome: opts.outcome as FollowupOutcome, contact: opts.contact as FollowupContact, note: opts.note, at });
          if (f.complaintId) markFollowedUp(db, f.complaintId, at);
        })();
        console.log(`follow-up #${f.id}: ${opts.outcome} (${opts.contact})`);
      }),
    );

  report
    .command('complaints')
    .description('《顾客投诉分类统计表》: complaints by category and month, valid/invalid, average time to close')
    .option('--month <YYYY-MM>', 'one month')
    .option('--json', 'print the report as one JSON object')
    .option('--csv', 'print CSV')
    .action((opts: { month?: string; json?: boolean; csv?: boolean }) =>
      withStore('report complaints', (db, config) => {
        if (opts.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) throw new Error(`--month must be YYYY-MM (got "${opts.month}")`);
        const stats = complaintStats(db, { month: opts.month, timeZone: config.cases.timeZone });
        if (opts.json) return console.log(JSON.stringify(stats));
        if (opts.csv) return process.stdout.write(complaintStatsCsv(stats));
        console.log(`顾客投诉分类统计表 ${opts.month ?? ''}`);
        for (const r of stats.rows) {
          console.log(`${r.month}  ${r.category}  ${r.total}  有效 ${r.valid}  无效 ${r.invalid}  已结案 ${r.closed}  平均 ${r.avgHoursToClose ?? '-'} 小时`);
        }
        console.log(`合计 ${stats.totals.total}`);
      }),
    );
}
