// Runs the real `kefu` command against a test's data folder and returns what it printed.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { SAMPLE_FAQ } from './kefu';

const BIN = resolve(__dirname, '../../bin/kefu.js');

export function kefuCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, KEFU_FAQ_DIR: SAMPLE_FAQ, KEFU_LOG_LEVEL: 'silent', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
