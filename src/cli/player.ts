import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { loadConfig } from '../config';
import { CHANNEL_IDS } from '../core/types';
import { erasePlayer } from '../privacy/erase';
import { exportPlayer, type PlayerRequest } from '../privacy/export';
import { openStore } from '../store/db';

interface PlayerOptions {
  channel: string;
  user: string;
  account?: string;
  json?: boolean;
}

/** A mistake or an unknown player is one line on stderr and exit code 1. */
const run =
  (action: (opts: PlayerOptions) => void) =>
  (opts: PlayerOptions): void => {
    try {
      if (!(CHANNEL_IDS as readonly string[]).includes(opts.channel)) {
        throw new Error(`--channel must be one of ${CHANNEL_IDS.join(', ')} (got "${opts.channel}")`);
      }
      action(opts);
    } catch (err) {
      console.error(`kefu player: ${(err as Error).message}`);
      process.exitCode = 1;
    }
  };

function withStore<T>(fn: (db: ReturnType<typeof openStore>) => T): T {
  const db = openStore(loadConfig().dataDir);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const request = (o: PlayerOptions): PlayerRequest => ({ channel: o.channel, userId: o.user, account: o.account });
const actor = () => `cli:${userInfo().username}`;
const unknown = (o: PlayerOptions) => new Error(`no player "${o.user}" on ${o.channel}${o.account ? ` (account ${o.account})` : ''}`);

/** `kefu player export|erase`: a player's data on request (个人信息保护法), audited in audit_events. */
export function registerPlayerCommands(program: Command): void {
  const player = program.command('player').description("a player's personal data: export a copy, or erase it");
  const common = (c: Command) =>
    c
      .requiredOption('--channel <channel>', `the player's channel: ${CHANNEL_IDS.join(', ')}`)
      .requiredOption('--user <id>', "the player's id on that channel (openid, QQ number, web chat session…)")
      .option('--account <id>', 'only this official account / bot (default: all of the channel)')
      .option('--json', 'print JSON only');

  common(player.command('export').description('print everything held about the player')).action(
    run((o) => {
      const data = withStore((db) => exportPlayer(db, request(o), actor(), Date.now()));
      if (!data) throw unknown(o);
      if (o.json) return console.log(JSON.stringify(data, null, 2));
      for (const p of data.players) {
        console.log(`player #${p.player.id} (${p.player.channel}, account ${p.player.account}): ${p.messages.length} messages, ` +
          `${p.tickets.length} tickets, ${p.bugReports.length} bug reports, ${p.complaints.length} complaints`);
      }
      console.log('add --json for the full copy');
    }),
  );

  common(player.command('erase').description("erase the player's messages' text, profile and forms' personal fields")).action(
    run((o) => {
      const result = withStore((db) => erasePlayer(db, request(o), actor(), Date.now()));
      if (!result) throw unknown(o);
      if (o.json) return console.log(JSON.stringify(result));
      const changed = Object.entries(result.erased).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`);
      console.log(`erased player #${result.playerIds.join(', #')}: ${changed.join(', ') || 'nothing held'}`);
      if (!result.walCleared) {
        console.error('kefu player: the WAL file still holds old pages (the service kept reading): run the command again');
        process.exitCode = 2;
      }
    }),
  );
}
