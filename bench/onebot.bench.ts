// OneBot throughput end to end (issue #6): private-message events over one reverse WebSocket into the real
// Kefu (parse, pipeline, every message stored in SQLite, answered with send_private_msg and confirmed),
// against a bare ws server answering the same frames. Loopback only, bounded counts.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { loadConfig } from '../src/config';
import { createKefu } from '../src/kefu';
import { createLogger } from '../src/log';
import { FakeOnebot } from '../test/fakes/onebot';

const EVENTS = 3000;
const ROUND_TRIPS = 300;
const TOKEN = 'bench-token';
const QUESTIONS = ['忘记密码怎么办', '怎么充值', '游戏卡顿怎么办', '你好'];

/** Resolves when `n` more actions have arrived at the bot, or rejects after 60 s. */
function answers(bot: FakeOnebot, n: number): Promise<void> {
  const target = bot.actions.length + n;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${bot.actions.length - target + n} of ${n} answered`)), 60_000);
    bot.onAction = () => {
      if (bot.actions.length < target) return;
      clearTimeout(timer);
      resolve();
    };
  });
}

/** Every event at once; returns events answered per second. */
async function burst(bot: FakeOnebot, firstId: number): Promise<number> {
  const done = answers(bot, EVENTS);
  const started = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) bot.privateMessage(String(20_000_000 + (i % 500)), QUESTIONS[i % QUESTIONS.length], firstId + i);
  await done;
  return EVENTS / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** One event at a time; returns the round-trip times in ms, sorted. */
async function roundTrips(bot: FakeOnebot, firstId: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const done = answers(bot, 1);
    const started = process.hrtime.bigint();
    bot.privateMessage(String(30_000_000 + (i % 50)), QUESTIONS[i % QUESTIONS.length], firstId + i);
    await done;
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return ms.sort((a, b) => a - b);
}

/** The floor: a ws server that answers each event frame with an action, nothing else. */
async function bareServer(): Promise<{ url: string; close(): void }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const e = JSON.parse(data.toString());
      if (e.post_type === 'message') ws.send(JSON.stringify({ action: 'send_private_msg', params: { user_id: e.user_id, message: [{ type: 'text', data: { text: 'ok' } }] }, echo: e.message_id }));
    }),
  );
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`, close: () => wss.close() };
}

const count = (db: ReturnType<typeof createKefu>['db'], sql: string) => (db.prepare(sql).get() as { n: number }).n;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))].toFixed(2);

export async function run(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-bench-onebot-'));
  const config = loadConfig({ KEFU_DATA_DIR: dataDir, KEFU_FAQ_DIR: resolve(__dirname, '../faq'), KEFU_LOG_LEVEL: 'silent', KEFU_ONEBOT_ACCESS_TOKEN: TOKEN });
  const kefu = createKefu(config, createLogger('silent'), { watch: false });
  const server = await kefu.listen(0, '127.0.0.1');
  const bot = new FakeOnebot('10001000');
  const floorBot = new FakeOnebot('10001000');
  const bare = await bareServer();
  try {
    await bot.connect(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/onebot/ws`, TOKEN);
    await floorBot.connect(bare.url, TOKEN);
    await burst(bot, 1_000_000); // warm-up
    const ours = await burst(bot, 2_000_000);
    const floor = await burst(floorBot, 2_000_000);
    const rtt = await roundTrips(bot, 3_000_000);
    const stored = count(kefu.db, `SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'`);
    await new Promise((r) => setTimeout(r, 100)); // the last answers' responses are on their way back
    const unsent = count(kefu.db, `SELECT COUNT(*) AS n FROM outbox WHERE status != 'sent'`);
    if (stored !== 2 * EVENTS + ROUND_TRIPS || unsent) throw new Error(`${stored} stored, ${unsent} replies not confirmed`);
    return [
      '## OneBot v11 over one reverse WebSocket',
      '',
      `Private-message events through /onebot/ws: parse, pipeline, every message stored in SQLite, answered with send_private_msg (echo matched) and confirmed. Burst: ${EVENTS} events sent at once. Round trip: ${ROUND_TRIPS} events one at a time.`,
      '',
      '| measure | Kefu | bare ws floor | ratio |',
      '|---|---|---|---|',
      `| burst events/s | ${ours.toFixed(0)} | ${floor.toFixed(0)} | ${(ours / floor).toFixed(2)} |`,
      `| round trip p50 / p99 ms | ${pct(rtt, 50)} / ${pct(rtt, 99)} | | |`,
      '',
    ].join('\n');
  } finally {
    await bot.close();
    await floorBot.close();
    bare.close();
    await kefu.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
