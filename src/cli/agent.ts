import type { Command } from 'commander';
import { loadConfig } from '../config';
import { createAccount, resetPassword } from '../desk/accounts';
import { listAgents, ROLES, TIERS, type Role } from '../store/agents';
import { openStore } from '../store/db';
import type { Tier } from '../store/tickets';

function choice<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${what} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** Runs a command; a mistake (a taken username, a bad option) is one line on stderr and exit code 1. */
const run =
  <A extends unknown[]>(action: (...args: A) => Promise<void> | void) =>
  async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (err) {
      console.error(`kefu agent: ${(err as Error).message}`);
      process.exitCode = 1;
    }
  };

/**
 * `kefu agent add|list|reset-password`: accounts for the console, in KEFU_DATA_DIR's database.
 * A password is printed once, as the last line of stdout, so scripts can take it with `tail -n 1`.
 */
export function registerAgentCommands(program: Command): void {
  const agent = program.command('agent').description('console accounts (一线/二线/VIP agents, supervisors, admins)');

  agent
    .command('add <name>')
    .description('create an account and print its initial password (last line of stdout)')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'agent')
    .option('--tier <tier>', `the queue they work: ${TIERS.join(', ')}`, 'L1')
    .option('--display-name <text>', 'the name agents and players see (default: the username)')
    .option('--capacity <n>', 'open tickets at once for auto-assignment', '5')
    .action(
      run(async (name: string, opts: { role: string; tier: string; displayName?: string; capacity: string }) => {
        const role = choice<Role>(opts.role, ROLES, '--role');
        const tier = choice<Tier>(opts.tier, TIERS, '--tier');
        const capacity = Number(opts.capacity);
        if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`--capacity must be a whole number ≥ 1 (got "${opts.capacity}")`);
        const db = openStore(loadConfig().dataDir);
        try {
          const { agent: created, password } = await createAccount(db, { username: name, displayName: opts.displayName, role, tier, capacity, at: Date.now() });
          console.log(`created ${created.role} "${created.username}" (id ${created.id}, tier ${created.tier}); initial password:`);
          console.log(password);
        } finally {
          db.close();
        }
      }),
    );

  agent
    .command('list')
    .description('list accounts')
    .action(() => {
      const db = openStore(loadConfig().dataDir);
      try {
        for (const a of listAgents(db)) {
          console.log([a.id, a.username, a.role, a.tier, a.active ? (a.online ? 'online' : 'offline') : 'inactive'].join('\t'));
        }
      } finally {
        db.close();
      }
    });

  agent
    .command('reset-password <name>')
    .description('set a new generated password (last line of stdout) and log the agent out everywhere')
    .action(
      run(async (name: string) => {
        const db = openStore(loadConfig().dataDir);
        try {
          const password = await resetPassword(db, name);
          console.log(`new password for "${name}":`);
          console.log(password);
        } finally {
          db.close();
        }
      }),
    );
}
