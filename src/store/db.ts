import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type Db = Database.Database;

export const MIGRATIONS_DIR = resolve(__dirname, '../../migrations');

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered files `NNN_name.sql`, in order. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_.+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.split('_')[0]), name: f, sql: readFileSync(join(dir, f), 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

export class SchemaTooNewError extends Error {}

/**
 * Applies every migration not yet recorded, each in its own transaction.
 * A database migrated by newer code is refused: running old code on it could corrupt it.
 */
export function migrate(db: Db, migrations = listMigrations()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const newestKnown = migrations.at(-1)?.version ?? 0;
  const newestApplied = Math.max(0, ...applied);
  if (newestApplied > newestKnown) {
    throw new SchemaTooNewError(
      `database schema is at version ${newestApplied}, but this Kefu knows migrations up to ${newestKnown}: upgrade Kefu or use another KEFU_DATA_DIR`,
    );
  }
  const done: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    })();
    done.push(m.name);
  }
  return done;
}

/**
 * Store modules call db.prepare(sql) where they need it; compiling the SQL each time was the largest
 * cost of handling a message. Statements are kept per SQL text and reused (none of them is iterated or
 * switched to raw/pluck mode, which would make sharing unsafe).
 */
function cachePrepared(db: Db): Db {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql);
    if (!statement) cache.set(sql, (statement = prepare(sql)));
    return statement;
  }) as Db['prepare'];
  return db;
}

/** Opens (creating if needed) `kefu.db` in dataDir, in WAL mode, migrated to the newest schema. */
export function openStore(dataDir: string, options: { migrations?: Migration[]; migrate?: boolean } = {}): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = cachePrepared(new Database(join(dataDir, 'kefu.db')));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode; fsync on checkpoint
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Savepoints (one per message inside a group commit's shared transaction) keep the pages they change in a
  // sub-journal; in memory, not a temporary file: past 64 KiB it went to disk, 16 writes per message.
  db.pragma('temp_store = MEMORY');
  db.pragma('secure_delete = ON'); // erased player data is zeroed, not left in free space (src/privacy/wipe.ts)
  try {
    if (options.migrate !== false) migrate(db, options.migrations);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
