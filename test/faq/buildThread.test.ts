import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FaqBuildThread } from '../../src/faq/buildThread';
import { writeFaq } from '../helpers/faqFiles';

describe('the FAQ build thread', () => {
  it('builds in this thread instead when the build thread dies, and keeps doing so', async () => {
    const thread = new FaqBuildThread(resolve(__dirname, '../fixtures/build-thread/dies.js')).start();
    try {
      const dir = writeFaq();
      for (let i = 0; i < 2; i++) {
        const result = await thread.build(dir);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.matcher.decide('忘记密码怎么办')).toMatchObject({ kind: 'answer', entry: { id: 'account.password-reset' } });
      }
      await thread.ready; // settled, not left waiting for a thread that is gone
    } finally {
      thread.stop();
    }
  });

  it('reports a broken FAQ with file:line from the thread, as the loader does', async () => {
    const thread = new FaqBuildThread().start();
    try {
      await thread.ready;
      const dir = writeFaq();
      writeFileSync(resolve(dir, 'bad.yaml'), '- id: x\n  questions: [坏]\n  answer: ""\n');
      const result = await thread.build(dir);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]).toMatchObject({ file: expect.stringMatching(/bad\.yaml$/), line: expect.any(Number) });
    } finally {
      thread.stop();
    }
  });
});

describe('the FAQ build thread when idle', () => {
  it('ends after its idle time and starts again for the next build, which still succeeds', async () => {
    const thread = new FaqBuildThread(undefined, 300).start();
    try {
      await thread.ready;
      const dir = writeFaq();
      expect((await thread.build(dir)).ok).toBe(true);
      expect(thread.running).toBe(true); // a burst of edits finds it there
      await until(() => !thread.running);
      const again = await thread.build(dir);
      expect(again.ok).toBe(true);
      if (again.ok) expect(again.matcher.decide('忘记密码怎么办')).toMatchObject({ kind: 'answer', entry: { id: 'account.password-reset' } });
      expect(thread.running).toBe(true); // built in a new thread, not given up on
    } finally {
      thread.stop();
    }
  }, 30_000);
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}
