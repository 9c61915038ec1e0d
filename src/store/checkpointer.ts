import { Worker } from 'node:worker_threads';
import type { Db } from './db';

/** How often the thread copies the WAL back into the database file. */
export const CHECKPOINT_EVERY_MS = 500;

/** SQLite's own default: what the service thread goes back to when the checkpoint thread is gone. */
const AUTOCHECKPOINT_PAGES = 1000;

// Plain JavaScript evaluated in the thread (no TypeScript loader needed there): its own connection to the
// same file, a PASSIVE checkpoint on a timer (it never waits for, nor blocks, the service's writes).
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage('ready');
`;

export interface CheckpointerStats {
  /** Checkpoints the thread has run. */
  runs: number;
  /** Checkpoints that failed (the next one tries again). */
  failures: number;
  /** WAL frames in the database file after the latest checkpoint (SQLite's `checkpointed`). */
  copied: number;
  /** True while the thread checkpoints; false before it is ready and after it is gone (the service thread does). */
  active: boolean;
}

export interface Checkpointer {
  stats(): CheckpointerStats;
  /** Ends the thread (before the database is closed; closing checkpoints what is left). */
  stop(): Promise<void>;
}

/**
 * WAL checkpoints off the service thread. By default SQLite checkpoints inside the COMMIT that crosses
 * 1,000 WAL pages: the message whose transaction happens to cross it waits for the copy and its fsync, and
 * the copying was a tenth of the SQLite time of the webhook path. Here a second thread with its own
 * connection checkpoints every CHECKPOINT_EVERY_MS and the service thread's automatic checkpoint is off while
 * it does. Durability is unchanged: a transaction is durable once its COMMIT has written the WAL, whoever
 * later copies it. Should the thread fail to start or die, the service thread checkpoints again as before.
 */
export function startCheckpointer(
  db: Db,
  log: { warn(obj: object, msg: string): void },
  /** `program`: the thread's code (tests give one that dies). */
  { everyMs = CHECKPOINT_EVERY_MS, program = PROGRAM }: { everyMs?: number; program?: string } = {},
): Checkpointer {
  const stats: CheckpointerStats = { runs: 0, failures: 0, copied: 0, active: false };
  let stopping = false;
  const worker = new Worker(program, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file: db.name, everyMs } });
  worker.unref(); // never what keeps the process alive
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  let gone = false;
  const fallBack = (why: string) => {
    if (gone) return;
    gone = true;
    if (stats.active && db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    stats.active = false;
    if (!stopping) log.warn({ why }, 'WAL checkpoint thread gone: the service thread checkpoints again');
  };
  worker.on('message', (m: 'ready' | { checkpointed?: number; error?: string }) => {
    if (m === 'ready') {
      if (stopping || gone || !db.open) return;
      db.pragma('wal_autocheckpoint = 0');
      stats.active = true;
      return;
    }
    stats.runs++;
    if (m.error) stats.failures++;
    else stats.copied = m.checkpointed ?? 0;
  });
  worker.on('error', (err) => fallBack(err.message));
  worker.on('exit', (code) => fallBack(`exited with ${code}`));

  return {
    stats: () => ({ ...stats }),
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      const slow = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(slow);
    },
  };
}
