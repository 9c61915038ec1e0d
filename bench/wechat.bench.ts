// Official Account webhook throughput end to end (issue #5): signed pushes through the real Kefu (signature,
// XML, pipeline, SQLite, passive reply), plain and safe mode, against a bare koa handler answering the same
// requests in the same run. Loopback only, bounded request counts.
import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import getRawBody from 'raw-body';
import { createWechatCipher, wechatSignature } from '../adapters/wechat-common/crypto';
import { loadConfig } from '../src/config';
import { createKefu } from '../src/kefu';
import { createLogger } from '../src/log';

const REQUESTS = 2000;
const CONCURRENCY = 16;
const MP = { token: 'benchtoken', appId: 'wxb11529c136998cb6', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
const QUESTIONS = ['忘记密码怎么办', '怎么充值', '游戏卡顿怎么办', '你好'];

interface Req {
  path: string;
  body: string;
}

/** Pre-built signed pushes, each from its own player with its own MsgId, so every one is stored. */
function pushes(mode: 'plain' | 'safe', run: string): Req[] {
  const cipher = createWechatCipher(MP.aesKey, MP.appId);
  return Array.from({ length: REQUESTS }, (_, i) => {
    const timestamp = String(1700000000 + i);
    const nonce = `${run}${i}`;
    const xml = `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o${run}${i % 500}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${QUESTIONS[i % QUESTIONS.length]}]]></Content><MsgId>${9_000_000_000_000_000_000n + BigInt(i)}${run.length}</MsgId></xml>`;
    const q = new URLSearchParams({ signature: wechatSignature(MP.token, timestamp, nonce), timestamp, nonce, openid: 'o' });
    if (mode === 'plain') return { path: `/wechat/mp?${q}`, body: xml };
    const encrypted = cipher.encrypt(xml);
    q.set('encrypt_type', 'aes');
    q.set('msg_signature', wechatSignature(MP.token, timestamp, nonce, encrypted));
    return { path: `/wechat/mp?${q}`, body: `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>` };
  });
}

/** Sends every request with CONCURRENCY in flight; returns requests per second. */
async function load(base: string, reqs: Req[]): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < reqs.length) {
        const r = reqs[next++];
        const res = await fetch(base + r.path, { method: 'POST', body: r.body });
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  return reqs.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function listen(app: Koa): Promise<{ url: string; server: Server }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The floor: koa reading the body and answering a fixed passive reply. */
function bareKoa(): Koa {
  const app = new Koa();
  app.use(async (ctx) => {
    await getRawBody(ctx.req, { limit: 64 * 1024 });
    ctx.type = 'application/xml';
    ctx.body = '<xml><ToUserName><![CDATA[o]]></ToUserName><FromUserName><![CDATA[gh_bench]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[ok]]></Content></xml>';
  });
  return app;
}

export async function run(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-bench-wechat-'));
  const config = loadConfig({
    KEFU_DATA_DIR: dataDir,
    KEFU_FAQ_DIR: resolve(__dirname, '../faq'),
    KEFU_LOG_LEVEL: 'silent',
    KEFU_WECHAT_MP_TOKEN: MP.token,
    KEFU_WECHAT_MP_APPID: MP.appId,
    KEFU_WECHAT_MP_AES_KEY: MP.aesKey,
  });
  const kefu = createKefu(config, createLogger('silent'), { watch: false });
  const server = await kefu.listen(0, '127.0.0.1');
  const kefuUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bare = await listen(bareKoa());
  const rows: string[] = [];
  try {
    await load(kefuUrl, pushes('plain', 'warm').slice(0, 200));
    await load(bare.url, pushes('plain', 'warm').slice(0, 200));
    for (const mode of ['plain', 'safe'] as const) {
      const before = (kefu.db.prepare(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'`).get() as { n: number }).n;
      const ours = await load(kefuUrl, pushes(mode, mode));
      const stored = (kefu.db.prepare(`SELECT COUNT(*) AS n FROM messages WHERE direction = 'in'`).get() as { n: number }).n - before;
      if (stored !== REQUESTS) throw new Error(`${mode}: ${stored} of ${REQUESTS} messages stored`);
      const floor = await load(bare.url, pushes(mode, `bare${mode}`));
      rows.push(`| ${mode} | ${REQUESTS} | ${ours.toFixed(0)} | ${floor.toFixed(0)} | ${(ours / floor).toFixed(2)} |`);
    }
  } finally {
    bare.server.close();
    await kefu.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return [
    '## WeChat official account webhook',
    '',
    `Signed pushes (${CONCURRENCY} in flight) through /wechat/mp: signature, XML, pipeline, every message stored in SQLite, passive reply. Target ratio ≥ 0.5.`,
    '',
    '| mode | requests | Kefu msg/s | bare koa req/s | ratio |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
