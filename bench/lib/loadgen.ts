// The load side of the out-of-process benches, in its own Node process, so that the load generator is
// never what is measured:
//   tsx bench/lib/loadgen.ts http '{"url","requests","connections","run","onebotHttp"?}'
//     autocannon: signed WeChat plain-mode pushes, each with its own MsgId and nonce, FAQ questions in turn
//     (with "unique": true, no text asked twice: see `spelled`), all signed before the timed run starts
//   tsx bench/lib/loadgen.ts ws '{"url","events","run"}'
//     a OneBot client on the reverse WebSocket: every event at once, answered actions counted
// Prints one JSON line: throughput and latency.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { wechatSignature } from '../../adapters/wechat-common/crypto';
import { FakeOnebot } from '../../test/fakes/onebot';
import { BENCH } from './benchAccounts';

const [mode, json] = process.argv.slice(2);
const opts = JSON.parse(json) as { url: string; requests?: number; connections?: number; run: string; events?: number; unique?: boolean };

/**
 * `unique`: i written in spaces, ? and !, which the matcher's normaliser drops: every text differs, so the
 * matcher's memory of decisions (keyed by the text as sent) never answers, while each decision is the
 * one the repeated question gets — the same work, done every time.
 */
function spelled(i: number): string {
  let s = '';
  do {
    s += ' ?!'[i % 3];
    i = Math.floor(i / 3);
  } while (i);
  return s;
}

/** A signed push from one of 500 players, with a MsgId no other request of any run shares. */
function wechatPush(i: number): { path: string; body: Buffer } {
  const timestamp = String(Math.floor(Date.now() / 1000)); // current: a replay window may be enforced
  const nonce = `${opts.run}-${i}-${randomUUID().slice(0, 8)}`;
  const asked = BENCH.questions[i % BENCH.questions.length];
  const text = opts.unique ? asked + spelled(i) : asked;
  const msgId = `${Date.now()}${String(i).padStart(7, '0')}`;
  const xml = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o${opts.run}${i % 500}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId></xml>`;
  const q = new URLSearchParams({ signature: wechatSignature(BENCH.wechatToken, timestamp, nonce), timestamp, nonce, openid: 'o' });
  return { path: `/wechat/mp?${q}`, body: Buffer.from(xml) };
}

async function http(): Promise<object> {
  // The load generator shares the machine's cores with the server, so what it spends per request is taken
  // from the server: every push is signed and built before the timed run (their timestamps stay well inside
  // a 5-minute replay window) and only handed out during it; autocannon still frames each into its buffer.
  const pushes = Array.from({ length: opts.requests ?? 0 }, (_, i) => wechatPush(i));
  let i = 0;
  // Timed here, first request out to last response in: autocannon's own duration ends at its next 1-second
  // sampling tick after the last response, so a run of a few seconds read up to a second long (10,000
  // pushes: 1,661/s by its clock, 1,861–1,945/s by this one, minutes apart on the same VM; bare koa 4,950/s
  // against 10,063/s).
  let first = 0;
  let last = 0;
  const options: autocannon.Options = {
    url: opts.url,
    connections: opts.connections ?? 16,
    amount: opts.requests,
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    requests: [
      {
        setupRequest(req) {
          const push = pushes[i] ?? wechatPush(i); // built on the spot only past the planned count
          i++;
          return { ...req, path: push.path, body: push.body };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(options, (err, done) => (err ? reject(err) : resolve(done)));
    run.on('start', () => (first = performance.now()));
    run.on('response', () => (last = performance.now()));
  });
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / ((last - first) / 1000 || result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function ws(): Promise<object> {
  const bot = new FakeOnebot(BENCH.selfId);
  await bot.connect(opts.url, BENCH.onebotToken);
  const events = opts.events ?? 3000;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${bot.actions.length} of ${events} answered`)), 120_000);
    bot.onAction = () => {
      if (bot.actions.length < events) return;
      clearTimeout(timer);
      resolve();
    };
  });
  const base = (Date.now() % 1_000_000) * 10_000; // runs a second or more apart never share an id
  const started = process.hrtime.bigint();
  for (let i = 0; i < events; i++) bot.privateMessage(String(20_000_000 + (i % 500)), BENCH.questions[i % BENCH.questions.length], base + i);
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await bot.close();
  return { events, perSecond: events / seconds };
}

(mode === 'http' ? http() : ws()).then(
  (r) => console.log(JSON.stringify(r)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
