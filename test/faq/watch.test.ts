import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { watchFaq } from '../../src/faq/watch';
import { generatedFaq } from '../../bench/lib/generatedFaq';
import type { Faq, FaqProblem } from '../../src/faq/types';
import type { Matcher } from '../../src/matcher/types';
import { writeFaq } from '../helpers/faqFiles';
import { tempDir } from '../helpers/tmp';

/** Watches a folder and records what it reports; `next()` waits for the next report. */
async function watching(dir: string) {
  const reports: ({ ok: true; faq: Faq; matcher: Matcher } | { ok: false; problems: FaqProblem[] })[] = [];
  let wake: (() => void) | undefined;
  const watcher = watchFaq(dir, {
    onLoad: (faq, matcher) => (reports.push({ ok: true, faq, matcher }), wake?.()),
    onError: (problems) => (reports.push({ ok: false, problems }), wake?.()),
  });
  const next = (): Promise<(typeof reports)[number]> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reload within 2 s')), 2000);
      wake = () => {
        clearTimeout(timer);
        resolve(reports.at(-1)!);
      };
    });
  await watcher.ready(); // an operator's edit comes after start-up, when the build thread is warm
  return { watcher, next };
}

describe('FAQ hot reload', () => {
  it('serves an edit within 2 seconds, without a restart', async () => {
    const dir = writeFaq();
    const { watcher, next } = await watching(dir);
    try {
      const reloaded = next();
      appendFileSync(join(dir, 'entries.yaml'), '- id: game.maintenance\n  questions: [什么时候维护, 停服维护到几点]\n  answer: 每周二 6:00-9:00 例行维护。\n');
      const report = await reloaded;
      expect(report.ok).toBe(true);
      if (!report.ok) return;
      expect(report.matcher.decide('今天停服维护到几点')).toMatchObject({ kind: 'answer', entry: { id: 'game.maintenance' } });
    } finally {
      watcher.stop();
    }
  });

  it('keeps reloading after a file is replaced by renaming a new one over it, as git and sed -i do', async () => {
    const dir = writeFaq();
    const { watcher, next } = await watching(dir);
    const file = join(dir, 'entries.yaml');
    const replace = (extra: string) => {
      writeFileSync(join(dir, '.entries.tmp'), readFileSync(file, 'utf8') + extra);
      renameSync(join(dir, '.entries.tmp'), file);
    };
    try {
      let reloaded = next();
      replace('- id: game.maintenance\n  questions: [什么时候维护, 停服维护到几点]\n  answer: 每周二 6:00-9:00 例行维护。\n');
      let report = await reloaded;
      expect(report.ok && report.matcher.decide('停服维护到几点')).toMatchObject({ kind: 'answer', entry: { id: 'game.maintenance' } });
      // The replaced file is a new file: its edits must still be seen, by rename and in place.
      reloaded = next();
      replace('- id: game.server-merge\n  questions: [什么时候合服, 合区是哪天]\n  answer: 合服公告见官网。\n');
      report = await reloaded;
      expect(report.ok && report.matcher.decide('什么时候合服')).toMatchObject({ kind: 'answer', entry: { id: 'game.server-merge' } });
      reloaded = next();
      appendFileSync(file, '- id: game.events\n  questions: [最近有什么活动, 活动在哪看]\n  answer: 活动见游戏内公告。\n');
      report = await reloaded;
      expect(report.ok && report.matcher.decide('最近有什么活动')).toMatchObject({ kind: 'answer', entry: { id: 'game.events' } });
    } finally {
      watcher.stop();
    }
  });

  it('watches a folder added under the FAQ folder after start', async () => {
    const dir = writeFaq();
    const { watcher, next } = await watching(dir);
    try {
      mkdirSync(join(dir, 'events'));
      await new Promise((r) => setTimeout(r, 100));
      const reloaded = next();
      writeFileSync(join(dir, 'events', 'spring.yaml'), '- id: events.spring\n  questions: [春节活动什么时候开始]\n  answer: 除夕当天开始。\n');
      const report = await reloaded;
      expect(report.ok && report.matcher.decide('春节活动什么时候开始')).toMatchObject({ kind: 'answer', entry: { id: 'events.spring' } });
    } finally {
      watcher.stop();
    }
  });

  it('rejects a broken edit with file:line and hands over nothing', async () => {
    const dir = writeFaq();
    const { watcher, next } = await watching(dir);
    try {
      const rejected = next();
      writeFileSync(join(dir, 'broken.yaml'), '- id: broken\n  questions: [坏了]\n  action: explode\n');
      const report = await rejected;
      expect(report.ok).toBe(false);
      if (report.ok) return;
      expect(report.problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringContaining('unknown action "explode"') })]);
      expect(report.problems[0].file).toMatch(/broken\.yaml$/);
    } finally {
      watcher.stop();
    }
  });

  it('reports what the service fails to load beside the FAQ (a broken phrases.yaml) instead of crashing', async () => {
    const reported: FaqProblem[][] = [];
    const watcher = watchFaq(writeFaq(), {
      onLoad: () => {
        throw new Error('faq/phrases.yaml: unknown phrase "helo"');
      },
      onError: (problems) => reported.push(problems),
    });
    try {
      await watcher.reload();
      expect(reported).toEqual([[expect.objectContaining({ message: 'faq/phrases.yaml: unknown phrase "helo"' })]]);
    } finally {
      watcher.stop();
    }
  });

  describe('a large FAQ', () => {
    // 3,000 entries (12,000 questions): a build of some hundreds of milliseconds.
    const dir = tempDir();
    const entries = generatedFaq(3000).entries.map(({ id, questions, answer }) => ({ id, questions, answer }));
    writeFileSync(join(dir, 'entries.yaml'), stringify(entries));

    /** How often the event loop turns while a reload runs: never, if the build holds this thread. */
    async function turnsDuring(reload: () => Promise<void>): Promise<number> {
      let turns = 0;
      let done = false;
      const spin = () => {
        if (done) return;
        turns++;
        setImmediate(spin);
      };
      setImmediate(spin);
      await reload();
      done = true;
      return turns;
    }

    async function reloadOnce(buildThread: boolean): Promise<{ turns: number; matcher?: Matcher }> {
      let matcher: Matcher | undefined;
      const watcher = watchFaq(dir, { onLoad: (_faq, m) => (matcher = m), onError: () => undefined }, { buildThread });
      try {
        return { turns: await turnsDuring(watcher.reload), matcher };
      } finally {
        watcher.stop();
      }
    }

    it('is rebuilt in a second thread while this one keeps answering, and serves the same answers', async () => {
      const inThread = await reloadOnce(true);
      const here = await reloadOnce(false);
      expect(here.turns).toBe(0);
      expect(inThread.turns).toBeGreaterThan(10);
      const question = `为什么${entries[1234].questions[0]}`;
      expect(inThread.matcher!.decide(question)).toEqual(here.matcher!.decide(question));
      expect(inThread.matcher!.decide(question)).toMatchObject({ kind: 'answer', entry: { id: entries[1234].id } });
    }, 30_000);

    it('gets a build thread by default once the FAQ is that large, not before', async () => {
      const watcher = watchFaq(dir, { onLoad: () => undefined, onError: () => undefined });
      try {
        expect(await turnsDuring(watcher.reload)).toBe(0); // nothing loaded yet: taken as small
        expect(await turnsDuring(watcher.reload)).toBeGreaterThan(10); // 12,000 questions: in the thread
      } finally {
        watcher.stop();
      }
    }, 30_000);
  });
});
