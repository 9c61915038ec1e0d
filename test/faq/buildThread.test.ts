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
