// The server side of the out-of-process benches, in its own Node process:
//   tsx bench/lib/serve.ts kefu DATA_DIR | koa | ws
// Kefu with the WeChat official account (plain mode) and OneBot on; or the floors: a bare koa handler that
// reads the body and answers a fixed reply, or a bare ws server answering each event frame with an action.
// Reports {port} to the parent over IPC once listening; stops on SIGTERM.
import Koa from 'koa';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import getRawBody from 'raw-body';
import { WebSocketServer } from 'ws';
import { loadConfig } from '../../src/config';
import { createKefu } from '../../src/kefu';
import { createLogger } from '../../src/log';
import { BENCH } from './benchAccounts';
import { startProfile } from './profile';

const [kind, dataDir] = process.argv.slice(2);
const ready = (port: number) => process.send?.({ port });
// The parent asks for the CPU time used so far (user + system): CPU per message is the figure that other
// load on a shared machine disturbs least.
// Kefu adds how many transactions its commit group has committed (messages per commit), and the main
// thread's own share (the WAL checkpoints run in a thread of their own).
let commits = () => 0;
process.on('message', (m) => {
  if (m !== 'cpu') return;
  const used = process.cpuUsage();
  process.send?.({ cpuMs: (used.user + used.system) / 1000, mainMs: mainThreadMs(), commits: commits() });
});

/**
 * CPU time of the main thread alone (Linux: its /proc task, in clock ticks of 10 ms), for a process that also
 * has worker threads: the main thread is the one that must keep up with the requests. Undefined elsewhere.
 */
function mainThreadMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime
  } catch {
    return undefined;
  }
}

async function kefu(): Promise<() => Promise<void>> {
  const config = loadConfig({
    KEFU_DATA_DIR: dataDir,
    KEFU_FAQ_DIR: resolve(__dirname, '../../faq'),
    KEFU_LOG_LEVEL: process.env.KEFU_LOG_LEVEL ?? 'info', // as in production; stdout goes to /dev/null
    KEFU_WECHAT_MP_TOKEN: BENCH.wechatToken,
    KEFU_WECHAT_MP_APPID: BENCH.appId,
    KEFU_ONEBOT_ACCESS_TOKEN: BENCH.onebotToken,
  });
  const k = createKefu(config, createLogger(config.logLevel), { watch: false });
  // Steady state is what is measured: the semantic model's fine-tuning at start-up (seconds, in slices on
  // the service thread) is over before the load begins.
  await k.fineTuned();
  commits = () => k.pipeline.commits?.stats().commits ?? 0; // absent before group commit (comparisons with older code)
  const server = await k.listen(0, '127.0.0.1');
  const stopProfile = startProfile(process.env.KEFU_BENCH_PROFILE);
  ready((server.address() as AddressInfo).port);
  return async () => {
    await stopProfile();
    await k.stop();
  };
}

async function koa(): Promise<() => Promise<void>> {
  const app = new Koa();
  app.use(async (ctx) => {
    await getRawBody(ctx.req, { limit: 64 * 1024 });
    ctx.type = 'application/xml';
    ctx.body = '<xml><ToUserName><![CDATA[o]]></ToUserName><FromUserName><![CDATA[gh_bench]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[ok]]></Content></xml>';
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  ready((server.address() as AddressInfo).port);
  return () => new Promise<void>((r) => server.close(() => r()));
}

async function ws(): Promise<() => Promise<void>> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (socket) =>
    socket.on('message', (data) => {
      const e = JSON.parse(data.toString());
      if (e.post_type !== 'message') return;
      const params = { user_id: e.user_id, message: [{ type: 'text', data: { text: 'ok' } }] };
      socket.send(JSON.stringify({ action: 'send_private_msg', params, echo: String(e.message_id) }));
    }),
  );
  ready((wss.address() as AddressInfo).port);
  return () => new Promise<void>((r) => wss.close(() => r()));
}

const servers: Record<string, () => Promise<() => Promise<void>>> = { kefu, koa, ws };
servers[kind]().then(
  (stop) => process.once('SIGTERM', () => void stop().then(() => process.exit(0))),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
