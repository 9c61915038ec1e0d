import type { Db } from './db';

/** What a commit group has done since it was made (tests, /metrics, the bench). */
export interface CommitGroupStats {
  /** Transactions committed by the group (each holding one or more pieces of work). */
  commits: number;
  /** Pieces of work committed. */
  works: number;
  /** Pieces of work that threw: rolled back alone, the others of their batch committed. */
  failed: number;
  /** Batches whose shared transaction was lost (COMMIT failed): their work was run again one by one. */
  retried: number;
}

export interface CommitGroup {
  /**
   * Runs `work` (synchronous, database only) in the next shared transaction, inside its own savepoint, and
   * resolves with what it returned once that transaction has committed; rejects with what it threw, its
   * writes rolled back and nobody else's.
   */
  run<T>(work: () => T): Promise<T>;
  stats(): CommitGroupStats;
  /** Commits what is queued now (shutdown; `run` keeps working afterwards). */
  flush(): void;
}

interface Queued {
  work: () => unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown };

/** The shared transaction was lost under a piece of work: the batch is run again one piece at a time. */
class BatchLost extends Error {}

/**
 * Group commit: every piece of work queued while the event loop is busy (the requests read in one turn of the
 * loop) shares one SQLite transaction, so N concurrent messages cost one COMMIT and one WAL write of each
 * shared page instead of N. Each piece is acknowledged only after the commit that holds it, so "answered"
 * still means "stored". The transaction is opened and committed within one synchronous call: no other code
 * runs inside it, and the synchronous store functions used elsewhere never meet an open group transaction.
 */
export function createCommitGroup(db: Db, options: { maxBatch?: number } = {}): CommitGroup {
  const maxBatch = options.maxBatch ?? 256;
  const stats: CommitGroupStats = { commits: 0, works: 0, failed: 0, retried: 0 };
  let queue: Queued[] = [];
  let scheduled = false;

  // Nested in the batch's transaction, better-sqlite3 runs this as a savepoint: a throw rolls back this
  // piece alone.
  const inSavepoint = db.transaction((work: () => unknown) => work());

  const runBatch = db.transaction((batch: Queued[]): Outcome[] =>
    batch.map((q) => {
      try {
        return { ok: true, value: inSavepoint(q.work) };
      } catch (err) {
        // Some errors (SQLITE_FULL, an I/O error) end the whole transaction, not just the savepoint.
        if (!db.inTransaction) throw new BatchLost();
        return { ok: false, err };
      }
    }),
  );

  function alone(q: Queued): Outcome {
    try {
      return { ok: true, value: db.transaction(q.work).immediate() };
    } catch (err) {
      return { ok: false, err };
    }
  }

  function settle(batch: Queued[], outcomes: Outcome[]): void {
    batch.forEach((q, i) => {
      const o = outcomes[i];
      if (o.ok) q.resolve(o.value);
      else q.reject(o.err);
    });
  }

  function flush(): void {
    scheduled = false;
    while (queue.length) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      let outcomes: Outcome[];
      try {
        outcomes = runBatch.immediate(batch);
        stats.commits++;
      } catch {
        // BEGIN, COMMIT or the transaction itself failed: nothing of the batch is stored. Each piece gets its
        // own transaction, so one bad piece or a passing lock error costs no one else their message.
        stats.retried++;
        outcomes = batch.map(alone);
        stats.commits += outcomes.filter((o) => o.ok).length;
      }
      const failed = outcomes.filter((o) => !o.ok).length;
      stats.failed += failed;
      stats.works += outcomes.length - failed;
      settle(batch, outcomes);
    }
  }

  return {
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        if (queue.length >= maxBatch && !db.inTransaction) return flush();
        if (scheduled) return;
        scheduled = true;
        // After the poll phase: every request whose bytes arrived in this turn of the loop has queued by then.
        setImmediate(flush);
      });
    },
    stats: () => ({ ...stats }),
    flush,
  };
}
