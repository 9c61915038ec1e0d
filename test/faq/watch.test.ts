import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchFaq } from '../../src/faq/watch';
import type { Faq, FaqProblem } from '../../src/faq/types';
import type { Matcher } from '../../src/matcher/types';
import { writeFaq } from '../helpers/faqFiles';

/** Watches a folder and records what it reports; `next()` waits for the next report. */
function watching(dir: string) {
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
  return { watcher, next };
}

describe('FAQ hot reload', () => {
  it('serves an edit within 2 seconds, without a restart', async () => {
    const dir = writeFaq();
    const { watcher, next } = watching(dir);
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

  it('rejects a broken edit with file:line and hands over nothing', async () => {
    const dir = writeFaq();
    const { watcher, next } = watching(dir);
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
});
