import { Worker } from 'node:worker_threads';
import { restoreMatcher } from '../matcher';
import { buildHere, type FaqBuild } from './build';
import { READY, type BuildReply, type BuildRequest } from './buildProtocol';

/**
 * How long the thread stays after its last build. It holds its own copy of jieba's dictionary, the semantic
 * model and what its last build left (~170 MB at 10,000 entries): an operator's burst of edits reuses it, a
 * service between edits gives that memory back. A reload after it has gone waits ~1 s more for a new one,
 * while the last FAQ keeps answering.
 */
const IDLE_MS = 30_000;

/**
 * Reloads built in a second thread, one at a time. Should the thread fail to start or die, that reload
 * and later ones are built in this thread instead: slower for the players waiting meanwhile, never lost.
 */
export class FaqBuildThread {
  private worker?: Worker;
  private failed = false;
  private nextId = 0;
  private readonly pending = new Map<number, (reply: BuildReply | undefined) => void>();
  private idle?: NodeJS.Timeout;
  private warm!: () => void;
  /** Resolves when a build can start at once: the thread is warm, or builds happen in this thread. */
  readonly ready = new Promise<void>((resolve) => (this.warm = resolve));

  /** `workerFile`: the thread's program (tests give one that fails); `idleMs`: how long it stays unused. */
  constructor(
    private readonly workerFile = require.resolve('./buildWorker'),
    private readonly idleMs = IDLE_MS,
  ) {}

  /** Whether a thread is there now (it ends when idle and starts again for the next build). */
  get running(): boolean {
    return !!this.worker;
  }

  /** Starts the thread ahead of the first edit: it loads jieba's dictionary and the rest in ~1 s. */
  start(): this {
    this.thread();
    return this;
  }

  async build(dir: string): Promise<FaqBuild> {
    const reply = await this.ask(dir);
    if (!reply) return buildHere(dir);
    if (!reply.ok) return { ok: false, problems: reply.problems };
    return { ok: true, faq: reply.faq, matcher: restoreMatcher(reply.faq, reply.settings, reply.model) };
  }

  stop(): void {
    clearTimeout(this.idle);
    void this.worker?.terminate();
    this.worker = undefined;
    this.warm();
    this.settle();
  }

  private ask(dir: string): Promise<BuildReply | undefined> {
    clearTimeout(this.idle);
    const worker = this.thread();
    if (!worker) return Promise.resolve(undefined);
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, dir } satisfies BuildRequest);
    });
  }

  private thread(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      // Run from TypeScript sources (npm start, tests), the thread needs tsx to load them too.
      const file = this.workerFile;
      const execArgv = file.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : undefined;
      const worker = new Worker(file, { execArgv });
      worker.unref(); // an idle build thread does not keep the process alive
      worker.on('message', (reply: BuildReply | typeof READY) => {
        if ('ready' in reply) this.warm();
        else {
          this.pending.get(reply.id)?.(reply);
          this.pending.delete(reply.id);
        }
        if (!this.pending.size) this.retireWhenIdle(worker);
      });
      // A thread that ended because it was idle is no failure; the current one ending is.
      worker.on('error', () => worker === this.worker && this.giveUp());
      worker.on('exit', () => worker === this.worker && this.giveUp());
      this.worker = worker;
    } catch {
      this.giveUp();
    }
    return this.worker;
  }

  private retireWhenIdle(worker: Worker): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (this.worker !== worker || this.pending.size) return;
      this.worker = undefined;
      void worker.terminate();
    }, this.idleMs);
    this.idle.unref();
  }

  /** The thread is gone: what it was building is built here, and so is everything after. */
  private giveUp(): void {
    this.failed = true;
    this.worker = undefined;
    this.warm();
    this.settle();
  }

  private settle(): void {
    for (const resolve of this.pending.values()) resolve(undefined);
    this.pending.clear();
  }
}
