import { rmSync } from 'node:fs';
import { PLAYER_DATA_TABLES, TABLES_WITHOUT_PLAYER_DATA } from '../../src/privacy/tables';
import { openStore } from '../../src/store/db';
import { tempDir } from '../helpers/tmp';

it('knows, for every table of the schema, whether it holds player data (export and erase cover those)', () => {
  const dir = tempDir();
  const db = openStore(dir);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((t) => t.name);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const known = new Set([...Object.keys(PLAYER_DATA_TABLES), ...Object.keys(TABLES_WITHOUT_PLAYER_DATA)]);
  // A table missing here: list it in src/privacy/tables.ts, and if it holds player data, export and erase it.
  expect(tables.filter((t) => !known.has(t))).toEqual([]);
});
