// The whole service's memory with the generated 10,000-entry FAQ (answers of three clauses): the process as
// `npm start` runs it, read from outside (/proc/PID/status: VmRSS now, VmHWM its peak) while it boots and
// fine-tunes, and again through one hot reload (built in the FAQ build thread, fine-tuned again). Each phase
// ends SETTLE_MS after its fine-tuning, past the build thread's idle time. Linux only (returns undefined
// elsewhere).
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { generatedFaq, withClauseAnswers } from './generatedFaq';

const ROOT = resolve(__dirname, '../..');
const SETTLE_MS = 40_000;
const TUNED = 'semantic model fine-tuned on the FAQ';

/** Per phase: the peak since the start (VmHWM), the RSS once settled, and when its fine-tuning was done. */
export interface ServiceMemory {
  boot: { peakMb: number; settledMb: number; tunedAfterS: number };
  reload: { peakMb: number; settledMb: number; tunedAfterS: number };
}

export async function serviceMemory(): Promise<ServiceMemory | undefined> {
  if (!existsSync('/proc/self/status')) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-10k-'));
  const faqDir = join(dir, 'faq');
  const dataDir = join(dir, 'data');
  const entries = withClauseAnswers(generatedFaq(10_000)).entries.map(({ id, questions, answer }) => ({ id, questions, answer }));
  // The sample FAQ's action intents (handoff, bug report, complaint) as every FAQ has them.
  mkdirSync(faqDir);
  writeFileSync(join(faqDir, 'intents.yaml'), readFileSync(join(ROOT, 'faq/intents.yaml')));
  writeFileSync(join(faqDir, 'generated.yaml'), stringify(entries));
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', KEFU_FAQ_DIR: faqDir, KEFU_DATA_DIR: dataDir, KEFU_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const status = (field: string) => {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  };
  let tunings = 0;
  let waiting: (() => void) | undefined;
  let failed: ((err: Error) => void) | undefined;
  child.on('exit', (code) => failed?.(new Error(`the service exited (${code}) before its fine-tuning was logged`)));
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.includes(TUNED)) {
      tunings++;
      waiting?.();
    }
  });
  const tuned = (n: number) =>
    new Promise<void>((done, fail) => {
      failed = fail;
      waiting = () => tunings >= n && done();
      waiting();
    });
  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
  try {
    const started = Date.now();
    await tuned(1);
    const bootTuned = (Date.now() - started) / 1000;
    await sleep(SETTLE_MS);
    const boot = { peakMb: status('VmHWM'), settledMb: status('VmRSS'), tunedAfterS: bootTuned };
    const edited = Date.now();
    appendFileSync(join(faqDir, 'generated.yaml'), '# edited\n');
    await tuned(2);
    const reloadTuned = (Date.now() - edited) / 1000;
    await sleep(SETTLE_MS);
    return { boot, reload: { peakMb: status('VmHWM'), settledMb: status('VmRSS'), tunedAfterS: reloadTuned } };
  } finally {
    failed = undefined;
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
