import type { Command } from 'commander';
import { loadConfig } from '../config';
import { sheetFor } from '../shifts/handover';
import { openStore } from '../store/db';

const PENDING: Record<string, string> = { claim: '待接单', first_response: '待首响', agent_reply: '待客服回复', player_reply: '等玩家回复' };

/** `kefu handover [--shift NAME] [--json]`: the handover sheet (交接表), every unresolved ticket. */
export function registerHandoverCommand(program: Command): void {
  program
    .command('handover')
    .description('the handover sheet: every unresolved ticket with its owner, last player message and what is pending')
    .option('--shift <name>', 'the sheet that shift handed over last (default: the live sheet of the shift on duty)')
    .option('--json', 'print one JSON object and nothing else')
    .action((opts: { shift?: string; json?: boolean }) => {
      const config = loadConfig();
      const names = config.supervisor.shifts.map((s) => s.name);
      if (opts.shift !== undefined && !names.includes(opts.shift)) {
        console.error(`kefu handover: --shift must be one of ${names.join(', ')} (got "${opts.shift}")`);
        process.exitCode = 1;
        return;
      }
      const db = openStore(config.dataDir);
      try {
        const sheet = sheetFor({ db, now: Date.now }, config.supervisor, opts.shift);
        if (opts.json) {
          console.log(JSON.stringify(sheet));
          return;
        }
        console.log(`交接表 ${sheet.shift || '-'}  ${new Date(sheet.ended_at ?? sheet.generated_at).toISOString()}  未结工单 ${sheet.tickets.length}`);
        for (const t of sheet.tickets) {
          console.log(`#${t.id}\t${t.status}\t${t.agent ?? '-'}\t${PENDING[t.pending]}\t${(t.last_message ?? '').replace(/\s+/g, ' ').slice(0, 60)}`);
          for (const n of t.handover_notes) console.log(`\t交接备注 ${n.agent}: ${n.text}`);
        }
      } finally {
        db.close();
      }
    });
}
