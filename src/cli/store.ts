import type { Command } from 'commander';
import { loadConfig } from '../config';
import { listMigrations, migrate, openStore } from '../store/db';

/** `kefu migrate`: apply pending migrations without starting the service (start-up does it too). */
export function registerStoreCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations in KEFU_DATA_DIR')
    .action(() => {
      const config = loadConfig();
      const db = openStore(config.dataDir, { migrate: false });
      const applied = migrate(db, listMigrations());
      db.close();
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    });
}
