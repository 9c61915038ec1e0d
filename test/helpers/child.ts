// The real service in its own process (`npm start`'s src/main.ts), for what only a process can show:
// that it stays up, how it answers SIGTERM, and what survives a kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { SAMPLE_FAQ } from './kefu';

const ROOT = resolve(__dirname, '../..');

export interface ChildKefu {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string | null>;
  alive(): boolean;
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | string | null>;
}

/** Starts src/main.ts with `env` on a free port and resolves once it listens (rejects if it exits first). */
export async function startChild(env: Record<string, string>): Promise<ChildKefu> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, KEFU_FAQ_DIR: SAMPLE_FAQ, KEFU_LOG_LEVEL: 'info', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ended = false;
  const exited = new Promise<number | string | null>((done) =>
    child.on('exit', (code, signal) => {
      ended = true;
      done(code ?? signal);
    }),
  );
  const port = await new Promise<number>((done, fail) => {
    child.stdout!.on('data', (d) => {
      output += d;
      const m = /"port":(\d+),[^\n]*Kefu is listening/.exec(output);
      if (m) done(Number(m[1]));
    });
    child.stderr!.on('data', (d) => (output += d));
    void exited.then((code) => fail(new Error(`service exited (${code}) before listening:\n${output}`)));
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    exited,
    alive: () => !ended,
    output: () => output,
    stop() {
      if (!ended) child.kill('SIGTERM');
      return exited;
    },
  };
}
