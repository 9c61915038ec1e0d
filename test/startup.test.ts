import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { tempDir } from './helpers/tmp';

const ROOT = resolve(__dirname, '..');

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Runs `src/main.ts` as `npm start` does, in its own process. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, KEFU_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited, output: () => output };
}

async function waitForHealth(url: string, exited: Promise<unknown>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 200 && !gone; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('service did not become healthy');
}

describe('start-up and shutdown', () => {
  it('stops start-up with file:line when an FAQ file is broken', async () => {
    const faq = tempDir();
    writeFileSync(join(faq, 'a.yaml'), '- id: dup\n  questions: [一]\n  answer: 一\n');
    writeFileSync(join(faq, 'b.yaml'), '- id: other\n  questions: [二]\n  answer: 二\n- id: dup\n  questions: [三]\n  answer: 三\n');
    const run = start({ KEFU_FAQ_DIR: faq, KEFU_DATA_DIR: tempDir(), PORT: String(await freePort()) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/b\.yaml:4: .*duplicate id "dup"/);
  });

  it('stops start-up naming a wrong variable', async () => {
    const run = start({ PORT: 'eighty', KEFU_DATA_DIR: tempDir() });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT: ');
  });

  it('shuts down cleanly on SIGTERM with the database closed', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    const port = await freePort();
    const run = start({ KEFU_DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealth(`http://127.0.0.1:${port}/healthz`, run.exited);
    const answer = await fetch(`http://127.0.0.1:${port}/webchat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: 'shutdown-1', text: '忘记密码怎么办' }),
    });
    expect(answer.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('shutting down');
    // Logged just before exit: the buffered log is flushed then, not lost.
    expect(run.output()).toMatch(/"msg":"stopped"/);
  }, 60_000);
});
