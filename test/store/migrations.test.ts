import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listMigrations, migrate, openStore, SchemaTooNewError } from '../../src/store/db';
import { tempDir } from '../helpers/tmp';

describe('migrations', () => {
  it('creates every table on an empty database, in WAL mode', () => {
    const db = openStore(tempDir());
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['players', 'conversations', 'messages', 'tickets', 'ticket_events', 'bug_reports', 'complaints', 'agents', 'outbox', 'faq_gaps']) {
      expect(tables).toContain(t);
    }
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('records what it applied and applies nothing twice', () => {
    const dir = tempDir();
    openStore(dir).close();
    const db = openStore(dir);
    const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(applied.map((a) => a.version)).toEqual(listMigrations().map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('applies only the new migrations to an existing database and keeps its data', () => {
    const dir = tempDir();
    const migrations = listMigrations();
    const first = openStore(dir, { migrations: migrations.slice(0, 1) });
    first.prepare("INSERT INTO faq_gaps (normalized, sample, first_seen, last_seen) VALUES ('x', 'x', 1, 1)").run();
    first.close();

    const extraDir = mkdtempSync(join(dir, 'migrations-'));
    for (const m of migrations) writeFileSync(join(extraDir, m.name), m.sql);
    writeFileSync(join(extraDir, '999_test_extra.sql'), 'CREATE TABLE test_extra (id INTEGER PRIMARY KEY);');
    const db = openStore(dir, { migrations: listMigrations(extraDir) });
    expect(db.prepare('SELECT COUNT(*) AS n FROM faq_gaps').get()).toEqual({ n: 1 });
    expect(db.prepare("SELECT name FROM schema_migrations WHERE version = 999").get()).toEqual({ name: '999_test_extra.sql' });
    db.close();
  });

  it('rolls back a failing migration completely', () => {
    const dir = tempDir();
    const migrationsDir = mkdtempSync(join(dir, 'migrations-'));
    writeFileSync(join(migrationsDir, '001_ok.sql'), 'CREATE TABLE a (id INTEGER);');
    writeFileSync(join(migrationsDir, '002_broken.sql'), 'CREATE TABLE b (id INTEGER); THIS IS NOT SQL;');
    expect(() => openStore(dir, { migrations: listMigrations(migrationsDir) })).toThrow();
    const db = new Database(join(dir, 'kefu.db'));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    expect(db.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }]);
    db.close();
  });

  it('refuses a database migrated by a newer Kefu', () => {
    const dir = tempDir();
    openStore(dir).close();
    const db = new Database(join(dir, 'kefu.db'));
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 0)").run();
    db.close();
    expect(() => openStore(dir)).toThrow(SchemaTooNewError);
    expect(() => openStore(dir)).toThrow(/schema is at version 9999.*upgrade Kefu/);
  });
});
