// WAL checkpoints run in a thread of their own while the service writes; without that thread the service
// thread checkpoints again, as SQLite does by default.
import { startCheckpointer } from '../../src/store/checkpointer';
import { openStore, type Db } from '../../src/store/db';
import { tempDir } from '../helpers/tmp';
import { until } from '../helpers/wait';

let db: Db;
beforeEach(() => {
  db = openStore(tempDir());
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
});
afterEach(() => db.close());

const autocheckpoint = () => db.pragma('wal_autocheckpoint', { simple: true });
const write = (n: number) => db.transaction(() => {
  for (let i = 0; i < n; i++) db.prepare('INSERT INTO notes (text) VALUES (?)').run('x'.repeat(500));
})();

describe('the WAL checkpoint thread', () => {
  it('takes over checkpointing, copies what the service wrote, and hands back when stopped', async () => {
    const warnings: string[] = [];
    const cp = startCheckpointer(db, { warn: (_o, m) => warnings.push(m) }, { everyMs: 20 });
    await until(() => cp.stats().active);
    expect(autocheckpoint()).toBe(0);
    write(2000);
    // Only the thread checkpoints now: its report of frames copied shows it did the work.
    await until(() => cp.stats().copied > 0);
    expect(cp.stats().failures).toBe(0);
    await cp.stop();
    expect(autocheckpoint()).toBe(1000);
    expect(warnings).toEqual([]);
  });

  it('gives checkpointing back to the service thread when the thread dies', async () => {
    const warnings: string[] = [];
    // A thread that starts, takes over, then fails as a crash in it would.
    const program = `const { parentPort } = require('node:worker_threads'); parentPort.postMessage('ready'); setTimeout(() => { throw new Error('checkpoint thread crashed'); }, 50);`;
    const cp = startCheckpointer(db, { warn: (_o, m) => warnings.push(m) }, { program });
    await until(() => cp.stats().active);
    expect(autocheckpoint()).toBe(0);
    await until(() => warnings.length > 0);
    expect(cp.stats().active).toBe(false);
    expect(autocheckpoint()).toBe(1000);
    expect(warnings).toEqual(['WAL checkpoint thread gone: the service thread checkpoints again']);
    write(10); // the service still writes (and checkpoints itself)
    await cp.stop();
  });
});
