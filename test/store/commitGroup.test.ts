// Group commit (issue #17): concurrent pieces of work share one SQLite transaction, each acknowledged after
// that commit; a piece that fails is rolled back alone. Against a real SQLite file.
import { readdirSync, readlinkSync } from 'node:fs';
import { createCommitGroup } from '../../src/store/commitGroup';
import { openStore, type Db } from '../../src/store/db';
import { tempDir } from '../helpers/tmp';

let db: Db;
beforeEach(() => {
  db = openStore(tempDir(), { migrate: false });
  db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
});
afterEach(() => db.close());

const add = (text: string) => () => Number(db.prepare('INSERT INTO notes (text) VALUES (?)').run(text).lastInsertRowid);
const stored = () => (db.prepare('SELECT text FROM notes ORDER BY id').all() as { text: string }[]).map((r) => r.text);
const settled = <T>(ps: Promise<T>[]) => Promise.allSettled(ps).then((rs) => rs.map((r) => (r.status === 'fulfilled' ? 'ok' : String((r.reason as Error).message))));

describe('commit group', () => {
  it('commits work queued in the same turn of the event loop in one transaction', async () => {
    const group = createCommitGroup(db);
    const ids = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((t) => group.run(add(t))));
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(stored()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(group.stats()).toMatchObject({ commits: 1, works: 5, failed: 0 });
  });

  it('acknowledges a piece of work only once its transaction has committed', async () => {
    const group = createCommitGroup(db);
    let seenByAnotherConnection: string[] | undefined;
    const reader = openStore(db.name.replace(/kefu\.db$/, ''), { migrate: false });
    await group.run(add('a')).then(() => {
      seenByAnotherConnection = (reader.prepare('SELECT text FROM notes').all() as { text: string }[]).map((r) => r.text);
    });
    reader.close();
    expect(seenByAnotherConnection).toEqual(['a']);
  });

  it("keeps the savepoints' journal in memory, however many pages a batch changes", async () => {
    // SQLite's temporary files are unlinked at once; an open one shows in /proc/self/fd as etilqs_… (deleted).
    const temporaryFiles = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`).includes('etilqs_');
        } catch {
          return false; // closed meanwhile
        }
      }).length;
    const group = createCommitGroup(db);
    // 60 rows of about a page each; every piece then rewrites them all: 240 KiB of pages to journal.
    await Promise.all(Array.from({ length: 60 }, (_, i) => group.run(add(`${i}:${'x'.repeat(3000)}`))));
    let seen = 0;
    const rewrite = (i: number) => () => {
      db.prepare(`UPDATE notes SET text = substr(text, 1, instr(text, ':')) || ?`).run(String(i).repeat(3000));
      seen = Math.max(seen, temporaryFiles());
    };
    await Promise.all([1, 2, 3].map((i) => group.run(rewrite(i))));
    expect(stored()).toHaveLength(60);
    expect(seen).toBe(0);
  });

  it('rolls back a piece that throws and commits the others of its batch', async () => {
    const group = createCommitGroup(db);
    const failing = () => {
      add('c')();
      throw new Error('form field missing');
    };
    const outcomes = await settled([group.run(add('a')), group.run(add('b')), group.run(failing), group.run(add('d'))]);
    expect(outcomes).toEqual(['ok', 'ok', 'form field missing', 'ok']);
    expect(stored()).toEqual(['a', 'b', 'd']);
    expect(group.stats()).toMatchObject({ commits: 1, works: 3, failed: 1 });
  });

  it('rolls back a piece whose statement SQLite refuses and commits the others', async () => {
    const group = createCommitGroup(db);
    const outcomes = await settled([group.run(add('a')), group.run(add('a')), group.run(add('b'))]);
    expect(outcomes[1]).toMatch(/UNIQUE constraint failed/);
    expect([outcomes[0], outcomes[2]]).toEqual(['ok', 'ok']);
    expect(stored()).toEqual(['a', 'b']);
  });

  it('runs the batch again piece by piece when its shared transaction is lost', async () => {
    const group = createCommitGroup(db);
    const endsTheTransaction = () => {
      add('x')();
      db.exec('ROLLBACK');
    };
    const outcomes = await settled<unknown>([group.run(add('a')), group.run(endsTheTransaction), group.run(add('b'))]);
    expect(outcomes[0]).toBe('ok');
    expect(outcomes[1]).not.toBe('ok');
    expect(outcomes[2]).toBe('ok');
    expect(stored()).toEqual(['a', 'b']);
    expect(group.stats()).toMatchObject({ retried: 1, works: 2, failed: 1 });
  });

  it('splits a long queue into transactions of at most maxBatch pieces', async () => {
    const group = createCommitGroup(db, { maxBatch: 4 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => group.run(add(`n${i}`))));
    expect(stored()).toHaveLength(10);
    expect(group.stats()).toMatchObject({ commits: 3, works: 10 });
  });

  it('commits what is queued when flushed (shutdown)', () => {
    const group = createCommitGroup(db);
    void group.run(add('a'));
    group.flush();
    expect(stored()).toEqual(['a']);
  });
});
