import type Router from '@koa/router';
import { createServer, type Server } from 'node:http';
import { createChannels } from './channels';
import type { Config } from './config';
import { KefuEvents } from './core/events';
import { createMailbox } from './core/mailbox';
import { loadPhrases } from './core/phrases';
import { createPipeline } from './core/pipeline';
import type { ChannelId } from './core/types';
import type { DeskContext } from './desk/context';
import { startOutboxWorker } from './desk/outbox';
import { FaqLoadError, loadFaq } from './faq/load';
import { buildHere, questionCount } from './faq/build';
import { watchFaq } from './faq/watch';
import { createDeskApi } from './http/api';
import { assistRoutes } from './http/api/assist';
import { cannedLibrary } from './desk/canned';
import { createLlm } from './llm';
import { withDefaultMetrics } from './llm/metrics';
import { mountCases } from './http/api/cases';
import { syncAnnouncementFile } from './cases/announcements';
import { classifyByCategories, loadComplaintCategories, type ComplaintCategory } from './cases/categories';
import type { CasesContext } from './cases/context';
import { startCaseJobs } from './cases/jobs';
import { createApp } from './http/app';
import { webhookFront } from './http/webhookFront';
import { startDeskJobs } from './jobs/desk';
import { startRetentionJob } from './jobs/retention';
import { startSupervisorJobs } from './jobs/supervisor';
import { createSupervisorApi } from './http/api/supervisor';
import { createMetrics } from './http/metrics';
import type { Logger } from './log';
import { buildMatcher, type RankingMatcher } from './matcher';
import { createOnSiteTuning } from './matcher/onSite';
import { loadMatcherSettings } from './matcher/settings';
import type { Matcher } from './matcher/types';
import { openSignedEntry } from './players/webchatEntry';
import { openStore } from './store/db';
import { startCheckpointer } from './store/checkpointer';
import { createCommitGroup } from './store/commitGroup';
import { markInlineSent } from './store/outbox';

export interface KefuOptions {
  now?: () => number;
  /** Extra routes, for modules that mount their own API. */
  mount?: ((router: Router) => void)[];
  /** Watch the FAQ folder and reload on change (on by default). */
  watch?: boolean;
  /** Fine-tune the semantic model on each FAQ version in the background (on by default; tests turn it off). */
  fineTune?: boolean;
}

/**
 * Builds the whole service from its configuration: store, FAQ and matcher, pipeline, channels, outbox
 * worker and HTTP app. Nothing listens until `listen()`; `stop()` undoes everything in order.
 */
export function createKefu(config: Config, log: Logger, options: KefuOptions = {}) {
  const now = options.now ?? Date.now;
  const db = openStore(config.dataDir);
  // Concurrent messages (and their inline confirmations) share one transaction: group commit.
  const commits = createCommitGroup(db);
  // WAL checkpoints in a thread of their own, not inside some message's COMMIT (src/store/checkpointer.ts).
  const checkpointer = startCheckpointer(db, log);
  const events = new KefuEvents();

  // A broken FAQ at start-up stops the start (loadFaq throws with file:line); later a broken edit keeps the last good one.
  const faq = loadFaq(config.faqDir);
  let matcher: Matcher = buildMatcher(faq, loadMatcherSettings(config.faqDir));
  const tuning = createOnSiteTuning(log);
  if (options.fineTune !== false) tuning.start(faq, matcher as RankingMatcher);
  let phrases = loadPhrases(config.faqDir);
  let categories: ComplaintCategory[] = loadComplaintCategories(config.faqDir);
  const watcher =
    options.watch === false
      ? undefined
      : watchFaq(
          config.faqDir,
          {
            onLoad(next, nextMatcher) {
              matcher = nextMatcher;
              if (options.fineTune !== false) tuning.start(next, nextMatcher as RankingMatcher);
              phrases = loadPhrases(config.faqDir);
              try {
                categories = loadComplaintCategories(config.faqDir);
              } catch (err) {
                log.error(`${(err as Error).message} (the last good complaint categories keep serving)`);
              }
              syncAnnouncementFile(cases);
              log.info({ entries: next.entries.length }, 'FAQ reloaded');
            },
            onError(problems) {
              for (const p of problems) log.error(`${p.file}:${p.line}: ${p.message}`);
              log.error('FAQ edit rejected: the last good FAQ keeps serving');
            },
          },
          { questions: questionCount(faq) },
        );

  // Off (undefined) unless configured: then no request ever leaves the machine.
  const canned = cannedLibrary(config.faqDir, (message) => log.error(message));
  const llm = createLlm(config, { db, log, now, matcher: () => matcher, canned: canned.all });

  /** Without the watcher (tests, `watch: false`): reload in place when the desk writes the FAQ. */
  const reloadNow = async () => {
    const built = buildHere(config.faqDir);
    if (!built.ok) throw new FaqLoadError(built.problems);
    matcher = built.matcher;
    if (options.fineTune !== false) tuning.start(built.faq, built.matcher as RankingMatcher);
    phrases = loadPhrases(config.faqDir);
  };

  const pipeline = createPipeline({
    db,
    events,
    log,
    now,
    commits,
    matcher: () => matcher,
    phrases: () => phrases,
    desk: config.desk,
    consult: llm?.consult,
    complaintCategory: (text) => classifyByCategories(categories, text),
  });
  const mailbox = createMailbox(db, events);
  // After the response is written, in the next shared transaction: nobody waits for it, and an inline reply
  // left unconfirmed by a crash is sent again by the outbox (promoteStaleInline), never lost.
  // The confirmations gathered until that transaction runs go in one piece of work (one savepoint, not one per
  // response); taken once, so a batch run again after a lost COMMIT marks the same ids.
  const unconfirmed: number[] = [];
  const confirmInline = (ids: number[]) => {
    if (!ids.length) return;
    const first = !unconfirmed.length;
    unconfirmed.push(...ids);
    if (!first) return;
    let taken: number[] | undefined;
    void commits
      .run(() => {
        taken ??= unconfirmed.splice(0);
        markInlineSent(db, taken, now());
      })
      .catch((err: unknown) => log.error({ err }, 'inline reply not marked sent'));
  };
  const signedEntry = (params: Record<string, unknown>) => openSignedEntry({ db, events, now }, config.webchat.secret, params);
  const channels = createChannels({ config, db, pipeline, mailbox, events, log, now, confirmInline, signedEntry });
  const byId = new Map<ChannelId, (typeof channels)[number]>(channels.map((c) => [c.id, c]));
  const metrics = withDefaultMetrics(createMetrics({ events, db, channels, now, commits: commits.stats }));
  const desk: DeskContext = { db, events, log, now, policy: config.desk, phrases: () => phrases };
  const deskApi = createDeskApi({
    ...desk,
    channels: byId,
    faqDir: config.faqDir,
    profileSecret: config.webchat.secret,
    mediaMaxBytes: config.mediaMaxBytes,
    matcher: () => matcher,
    reloadFaq: () => (watcher ? watcher.reload() : reloadNow()),
  });
  const cases: CasesContext = {
    ...desk,
    channels: byId,
    faqDir: config.faqDir,
    webhook: config.cases.webhook,
    followups: config.cases.followups,
  };
  syncAnnouncementFile(cases);
  const casesApi = mountCases({ ...cases, timeZone: config.cases.timeZone });
  const supervisorApi = createSupervisorApi({ ...desk, supervisor: config.supervisor, faqDir: config.faqDir });
  const app = createApp({
    db,
    log,
    metrics,
    channels,
    trustProxy: config.trustProxy,
    webchatOrigins: config.webchat.origins,
    mount: [deskApi.mount, supervisorApi.mount, assistRoutes({ db, now, llm }), casesApi, ...(options.mount ?? [])],
  });
  let outbox: ReturnType<typeof startOutboxWorker> | undefined;
  let deskJobs: ReturnType<typeof startDeskJobs> | undefined;
  let retention: ReturnType<typeof startRetentionJob> | undefined;
  let caseJobs: ReturnType<typeof startCaseJobs> | undefined;
  let supervisorJobs: ReturnType<typeof startSupervisorJobs> | undefined;
  let server: Server | undefined;
  let detach: (() => void)[] = [];

  return {
    db,
    events,
    pipeline,
    app,
    channels: byId,
    matcher: () => matcher,
    /** The LLM assist, when configured. */
    llm,
    /** Resolves when the semantic model's fine-tuning on the current FAQ has finished (tests). */
    fineTuned: () => tuning.settled(),
    confirmInline,
    /** The WAL checkpoint thread (tests look at its counts). */
    checkpointer,
    /** The desk's operations' context (claim, reply, resolve… in src/desk), for scripts and tests. */
    desk,
    /** Runs the retention job now (KEFU_RETENTION_DAYS; undefined when unset or not listening). */
    applyRetention: () => retention?.run(),
    /** Case work's context (bug board, complaints, follow-ups, announcements in src/cases), for scripts and tests. */
    cases,
    /** Starts the channels' sockets and the outbox worker, then listens. */
    async listen(port: number, host?: string): Promise<Server> {
      for (const c of channels) await c.start?.((msg) => pipeline.consultAndHandle(msg, { delivery: 'outbox' }));
      outbox = startOutboxWorker({ db, channels: byId, events, log, now });
      deskJobs = startDeskJobs(desk);
      if (config.retentionDays) retention = startRetentionJob({ db, log, now, days: config.retentionDays });
      caseJobs = startCaseJobs(cases);
      supervisorJobs = startSupervisorJobs(desk, config.supervisor);
      // The vendors' pushes are answered in front of koa; everything else goes through koa.
      server = createServer(webhookFront(app.callback(), channels.flatMap((c) => c.pushes ?? []), log)).listen(port, host);
      detach = channels.flatMap((c) => (c.attach ? [c.attach(server!)] : []));
      await new Promise<void>((resolve, reject) => server!.once('listening', resolve).once('error', reject));
      return server;
    },
    /**
     * Graceful (README "Shutdown"): the outbox takes no new work at once and its sends under way get a
     * bounded time; long polls answer empty; the server stops accepting and lets requests in flight finish;
     * then the channels stop and the database closes.
     */
    async stop(): Promise<void> {
      const outboxStopped = outbox?.stop();
      watcher?.stop();
      tuning.stop();
      await deskJobs?.stop();
      await retention?.stop();
      await caseJobs?.stop();
      await supervisorJobs?.stop();
      deskApi.closeStreams();
      mailbox.close();
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        for (const close of detach) close(); // upgraded sockets would hold the close forever
        // A request that still holds the close after a short grace is cut.
        const force = setTimeout(() => server!.closeAllConnections(), 2000);
        await closed;
        clearTimeout(force);
      }
      await outboxStopped;
      for (const c of channels) await c.stop?.();
      commits.flush();
      await checkpointer.stop();
      db.close();
    },
  };
}

export type Kefu = ReturnType<typeof createKefu>;
