// Webhook paths end to end, measured from outside (issue #17): the server and the load generator each run
// in their own Node process, so the load generator is never the bottleneck. WeChat: autocannon, 16
// connections, signed plain-mode pushes with unique MsgIds, FAQ questions in turn, against a bare koa
// handler. OneBot: every event at once over the reverse WebSocket, against a bare ws server. Every message
// must be stored. KEFU_BENCH_PROFILE=DIR writes a CPU profile of the Kefu process under load there (bench/lib/profile.ts).
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REQUESTS = Number(process.env.KEFU_BENCH_REQUESTS ?? 10_000);
const EVENTS = Number(process.env.KEFU_BENCH_EVENTS ?? 3000);
const WARM = 500;
const CONNECTIONS = 16;
const LIB = resolve(__dirname, 'lib');

interface Usage {
  cpuMs: number;
  /** The main thread's CPU time alone (Linux), when the server has worker threads too. */
  mainMs?: number;
  commits: number;
}

interface Server {
  port: number;
  /** CPU time (user + system, ms) the server process has used so far, and Kefu's commits so far. */
  usage(): Promise<Usage>;
  stop(): Promise<void>;
}

function startServer(kind: 'kefu' | 'koa' | 'ws', dataDir = ''): Promise<Server> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(LIB, 'serve.ts'), kind, dataDir], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolvePort, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.once('message', (m) =>
      resolvePort({
        port: (m as { port: number }).port,
        usage: () =>
          new Promise((r) => {
            child.once('message', (reply) => r(reply as Usage));
            child.send('cpu');
          }),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      }),
    );
  });
}

/** What bench/lib/loadgen.ts prints: throughput, and for HTTP latency and failures. */
interface LoadResult {
  perSecond: number;
  p50?: number;
  p99?: number;
  non2xx?: number;
  errors?: number;
}

function loadgen(mode: 'http' | 'ws', opts: object): Promise<LoadResult> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', join(LIB, 'loadgen.ts'), mode, JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolveResult, reject) =>
    child.once('exit', (code) => (code === 0 ? resolveResult(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`loadgen ${mode} exited with ${code}`)))),
  );
}

const inbound = (dataDir: string) => {
  const db = new Database(join(dataDir, 'kefu.db'), { readonly: true });
  const n = (db.prepare(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'`).get() as { n: number }).n;
  db.close();
  return n;
};

/** A load run with what it cost the server: CPU ms per message, and messages per commit (Kefu). */
async function measured(server: Server, messages: number, load: () => Promise<LoadResult>) {
  const before = await server.usage();
  const result = await load();
  const after = await server.usage();
  const commits = after.commits - before.commits;
  const mainPerMessage = after.mainMs !== undefined && before.mainMs !== undefined ? (after.mainMs - before.mainMs) / messages : undefined;
  return { ...result, cpuPerMessage: (after.cpuMs - before.cpuMs) / messages, mainPerMessage, perCommit: commits ? messages / commits : 0 };
}

const cpu = (ms: number) => ms.toFixed(3);
/** Process CPU per message, and the main thread's share when known: "0.612 (main 0.540)". */
const cpuMain = (r: { cpuPerMessage: number; mainPerMessage?: number }) =>
  r.mainPerMessage === undefined ? cpu(r.cpuPerMessage) : `${cpu(r.cpuPerMessage)} (main ${r.mainPerMessage.toFixed(2)})`;

async function wechatRows(kefu: Server, koa: Server): Promise<string[]> {
  const http = (server: Server, run: string, requests = REQUESTS, unique = false) =>
    measured(server, requests, () => loadgen('http', { url: `http://127.0.0.1:${server.port}`, requests, connections: CONNECTIONS, run, unique }));
  await http(kefu, 'warm', WARM);
  await http(koa, 'warm', WARM);
  const ours = await http(kefu, 'plain');
  const floor = await http(koa, 'bare');
  // The question mix above repeats (as players' questions do), so the matcher's memory of decisions answers
  // most of them; here no text is ever asked twice (bench/lib/loadgen.ts `spelled`).
  const fresh = await http(kefu, 'unique', REQUESTS, true);
  for (const r of [ours, fresh]) if (r.non2xx || r.errors) throw new Error(`WeChat: ${r.non2xx} non-2xx, ${r.errors} errors`);
  const row = (path: string, r: typeof ours) =>
    `| ${path} | ${REQUESTS} | ${r.perSecond.toFixed(0)} | ${r.p50} / ${r.p99} | ${cpuMain(r)} | ${r.perCommit.toFixed(1)} | ${floor.perSecond.toFixed(0)} (bare koa) | ${floor.p50} / ${floor.p99} | ${cpu(floor.cpuPerMessage)} | ${(r.perSecond / floor.perSecond).toFixed(2)} |`;
  return [row('WeChat 公众号, plain mode', ours), row('WeChat 公众号, plain mode, no question asked twice', fresh)];
}

async function onebotRow(kefu: Server, ws: Server): Promise<string> {
  const onebot = (server: Server, path: string, run: string, events = EVENTS) =>
    measured(server, events, () => loadgen('ws', { url: `ws://127.0.0.1:${server.port}${path}`, events, run }));
  await onebot(kefu, '/onebot/ws', 'warm', WARM);
  const ours = await onebot(kefu, '/onebot/ws', 'burst');
  const floor = await onebot(ws, '/', 'bare');
  return `| OneBot v11, reverse WebSocket burst | ${EVENTS} | ${ours.perSecond.toFixed(0)} | | ${cpuMain(ours)} | ${ours.perCommit.toFixed(1)} | ${floor.perSecond.toFixed(0)} (bare ws) | | ${cpu(floor.cpuPerMessage)} | ${(ours.perSecond / floor.perSecond).toFixed(2)} |`;
}

export async function run(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-bench-webhook-'));
  const kefu = await startServer('kefu', dataDir);
  const koa = await startServer('koa');
  const ws = await startServer('ws');
  const rows: string[] = [];
  try {
    rows.push(...(await wechatRows(kefu, koa)));
    rows.push(await onebotRow(kefu, ws));
  } finally {
    await Promise.all([kefu.stop(), koa.stop(), ws.stop()]);
  }
  const stored = inbound(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  const expected = 2 * REQUESTS + EVENTS + 2 * WARM;
  if (stored !== expected) throw new Error(`${stored} of ${expected} messages stored`);
  return [
    '## Webhook paths, measured from outside',
    '',
    `Load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} cores. Compare the rows of one run; the CPU columns (the server process's user + system time per message, all its threads; in brackets the main thread's alone, the one that must keep up with the requests) are what other load on the machine disturbs least.`,
    '',
    `Server and load generator in separate Node processes, on the same machine, in the same run. WeChat: autocannon, ${CONNECTIONS} connections, signed plain-mode pushes, each with its own MsgId, from 500 players, FAQ questions in turn (the second row: each followed by a run of spaces, ? and ! spelling its number, which the matcher's normaliser drops: the same decisions, but no text asked twice, so the matcher's memory of decisions never answers); Kefu checks the signature, parses the XML, runs the pipeline, stores every message with its answer in SQLite and answers with a passive reply. OneBot: ${EVENTS} private-message events sent at once over one reverse WebSocket, each answered with send_private_msg. All ${expected} messages were stored. Logging at info, to /dev/null.`,
    '',
    '| path | messages | Kefu msg/s | Kefu p50 / p99 ms | Kefu CPU ms/msg | messages per commit | floor msg/s | floor p50 / p99 ms | floor CPU ms/msg | ratio |',
    '|---|---:|---:|---|---:|---:|---:|---|---:|---:|',
    ...rows,
    '',
  ].join('\n');
}
