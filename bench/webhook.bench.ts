// Webhook paths end to end, measured from outside (issue #17): the server and the load generator each run
// in their own Node process, so the load generator is never the bottleneck. WeChat: autocannon, 16
// connections, signed plain-mode pushes with unique MsgIds, FAQ questions in turn, against a bare koa
// handler. OneBot: every event at once over the reverse WebSocket, against a bare ws server. Every message
// must be stored. KEFU_BENCH_PROFILE=DIR writes a CPU profile of the Kefu process there (node --cpu-prof).
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REQUESTS = Number(process.env.KEFU_BENCH_REQUESTS ?? 10_000);
const EVENTS = Number(process.env.KEFU_BENCH_EVENTS ?? 3000);
const WARM = 500;
const CONNECTIONS = 16;
const LIB = resolve(__dirname, 'lib');

interface Server {
  port: number;
  stop(): Promise<void>;
}

function startServer(kind: 'kefu' | 'koa' | 'ws', dataDir = '', nodeFlags: string[] = []): Promise<Server> {
  const child = spawn(process.execPath, [...nodeFlags, '-r', 'tsx/cjs', join(LIB, 'serve.ts'), kind, dataDir], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolvePort, reject) => {
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.once('message', (m) =>
      resolvePort({
        port: (m as { port: number }).port,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      }),
    );
  });
}

function loadgen(mode: 'http' | 'ws', opts: object): Promise<Record<string, number>> {
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

async function wechatRows(kefuUrl: string, koaUrl: string): Promise<string[]> {
  const http = (url: string, run: string, requests = REQUESTS) => loadgen('http', { url, requests, connections: CONNECTIONS, run });
  await http(kefuUrl, 'warm', WARM);
  await http(koaUrl, 'warm', WARM);
  const ours = await http(kefuUrl, 'plain');
  const floor = await http(koaUrl, 'bare');
  if (ours.non2xx || ours.errors) throw new Error(`WeChat: ${ours.non2xx} non-2xx, ${ours.errors} errors`);
  return [
    `| WeChat 公众号, plain mode | ${REQUESTS} | ${ours.perSecond.toFixed(0)} | ${ours.p50} / ${ours.p99} | ${floor.perSecond.toFixed(0)} (bare koa) | ${floor.p50} / ${floor.p99} | ${(ours.perSecond / floor.perSecond).toFixed(2)} |`,
  ];
}

export async function run(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-bench-webhook-'));
  const profile = process.env.KEFU_BENCH_PROFILE;
  const kefu = await startServer('kefu', dataDir, profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
  const koa = await startServer('koa');
  const ws = await startServer('ws');
  const rows: string[] = [];
  try {
    rows.push(...(await wechatRows(`http://127.0.0.1:${kefu.port}`, `http://127.0.0.1:${koa.port}`)));
    const onebot = (port: number, path: string, run: string, events = EVENTS) => loadgen('ws', { url: `ws://127.0.0.1:${port}${path}`, events, run });
    await onebot(kefu.port, '/onebot/ws', 'warm', WARM);
    const ours = await onebot(kefu.port, '/onebot/ws', 'burst');
    const floor = await onebot(ws.port, '/', 'bare');
    rows.push(`| OneBot v11, reverse WebSocket burst | ${EVENTS} | ${ours.perSecond.toFixed(0)} | | ${floor.perSecond.toFixed(0)} (bare ws) | | ${(ours.perSecond / floor.perSecond).toFixed(2)} |`);
  } finally {
    await Promise.all([kefu.stop(), koa.stop(), ws.stop()]);
  }
  const stored = inbound(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  const expected = REQUESTS + EVENTS + 2 * WARM;
  if (stored !== expected) throw new Error(`${stored} of ${expected} messages stored`);
  return [
    '## Webhook paths, measured from outside',
    '',
    `Server and load generator in separate Node processes, on the same machine, in the same run. WeChat: autocannon, ${CONNECTIONS} connections, signed plain-mode pushes, each with its own MsgId, from 500 players, FAQ questions in turn; Kefu checks the signature, parses the XML, runs the pipeline, stores every message with its answer in SQLite and answers with a passive reply. OneBot: ${EVENTS} private-message events sent at once over one reverse WebSocket, each answered with send_private_msg. All ${expected} messages were stored. Logging at info, to /dev/null.`,
    '',
    '| path | messages | Kefu msg/s | Kefu p50 / p99 ms | floor msg/s | floor p50 / p99 ms | ratio |',
    '|---|---:|---:|---|---:|---|---:|',
    ...rows,
    '',
  ].join('\n');
}
