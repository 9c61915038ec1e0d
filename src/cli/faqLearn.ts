import type { Command } from 'commander';
import { loadConfig } from '../config';
import { acceptSuggestion, rejectSuggestion } from '../learning/review';
import { listSuggestions } from '../store/faqSuggestions';
import { openStore } from '../store/db';

const faqDirOption = () => process.env.KEFU_FAQ_DIR ?? './faq';
const toId = (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`not a suggestion id: ${v}`);
  return n;
};

/**
 * `kefu faq learn`: the agents' suggestions for the FAQ, and their review. Accepting writes the phrasing
 * into the entry's YAML file (or a new entry into learned.yaml); a running server reloads it by itself.
 */
export function registerFaqLearn(faq: Command): void {
  faq
    .command('learn')
    .description("review what agents suggested for the FAQ: list pending suggestions, --accept or --reject them")
    .option('--faq <dir>', 'FAQ folder', faqDirOption())
    .option('--accept <id>', 'accept a suggestion: write its question into the FAQ', toId)
    .option('--reject <id>', 'reject a suggestion', toId)
    .option('--entry <entryId>', 'with --accept: add the question to this entry instead')
    .option('--id <newId>', 'with --accept of a new entry: its id (default learned.q<suggestion id>)')
    .option('--json', 'print JSON')
    .action((opts: { faq: string; accept?: number; reject?: number; entry?: string; id?: string; json?: boolean }) => {
      const db = openStore(loadConfig().dataDir);
      try {
        const deps = { db, faqDir: opts.faq, now: Date.now };
        if (opts.accept || opts.reject) {
          const s = opts.accept
            ? acceptSuggestion(deps, opts.accept, 'cli', { entryId: opts.entry, newId: opts.id })
            : rejectSuggestion(deps, opts.reject!, 'cli');
          if (opts.json) console.log(JSON.stringify({ suggestion: s }));
          else console.log(s.status === 'accepted' ? `accepted #${s.id}: "${s.question}" → ${s.entryId} (${s.writtenTo})` : `rejected #${s.id}`);
          return;
        }
        const suggestions = listSuggestions(db, 'pending');
        if (opts.json) return console.log(JSON.stringify({ suggestions }));
        if (!suggestions.length) return console.log('no pending suggestions');
        for (const s of suggestions) {
          const target = s.entryId ? `→ ${s.entryId}` : `→ new entry: ${(s.answer ?? '').split('\n')[0].slice(0, 60)}`;
          console.log(`#${s.id}  "${s.question}"  ${target}  (${s.agentName ?? '?'}, ticket #${s.ticketId ?? '-'})`);
        }
        console.log(`\naccept: npx kefu faq learn --accept ID [--entry ENTRY_ID]   reject: npx kefu faq learn --reject ID`);
      } catch (err) {
        console.error((err as Error).message);
        process.exitCode = 1;
      } finally {
        db.close();
      }
    });
}
