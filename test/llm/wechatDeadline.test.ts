// WeChat drops a passive reply that takes more than 5 s (protocols.md §1.3): a slow LLM must not cost it.
import { resolve } from 'node:path';
import { wechatSignature } from '../../adapters/wechat-common/crypto';
import { parseWechatXml } from '../../adapters/wechat-common/xml';
import { MP, mpEnv, textPush } from '../adapters/wechat-mp/mpClient';
import { llmEnv, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';
import { startFakeWechatApi, type FakeWechatApi } from '../fakes/wechat-api';
import { startKefu, type RunningKefu } from '../helpers/kefu';

const WECHAT_DEADLINE_MS = 5000;

let fake: FakeOpenAi;
let api: FakeWechatApi;
let k: RunningKefu;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  api = await startFakeWechatApi(MP.appId, MP.secret);
  // The default reply budget, as an operator would run it.
  // A plain-mode account (no AES key): safe mode accepts only encrypted pushes.
  const { KEFU_WECHAT_MP_AES_KEY: _safeMode, ...plainMode } = mpEnv(api.url);
  k = await startKefu({ KEFU_FAQ_DIR: resolve(__dirname, '../fixtures/llm-faq'), ...plainMode, ...llmEnv(fake) });
});
afterAll(async () => {
  await k?.stop();
  await api?.close();
  await fake?.close();
});

let nonces = 0;
/** A push the way WeChat sends it, given up after WeChat's deadline (then WeChat retries or shows an error). */
async function pushAsWechat(xml: string): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(++nonces); // each push its own nonce: a reused one is refused as a replay
  const q = new URLSearchParams({ signature: wechatSignature(MP.token, timestamp, nonce), timestamp, nonce });
  const res = await fetch(`${k.url}/wechat/mp?${q}`, { method: 'POST', body: xml, signal: AbortSignal.timeout(WECHAT_DEADLINE_MS) });
  return parseWechatXml(await res.text());
}

it('a slow LLM never makes a passive reply miss WeChat\'s 5 seconds: the player gets the choices in time', async () => {
  fake.answer = () => ({ content: { entry_id: 'recharge.refund' }, delayMs: 60_000 });
  const reply = await pushAsWechat(textPush('充值问题'));
  expect(reply.MsgType).toBe('text');
  expect(reply.Content).toMatch(/^您想问的是下面哪一个？/);
  expect(fake.received).toHaveLength(1);
  const row = k.kefu.db.prepare("SELECT decision FROM messages WHERE direction = 'in' ORDER BY id DESC LIMIT 1").get() as { decision: string };
  expect(JSON.parse(row.decision)).toMatchObject({ kind: 'clarify', llm: { verdict: 'failed', reason: 'timeout' } });
});

it('an LLM that answers within the budget picks the passive reply', async () => {
  fake.answer = () => ({ content: { entry_id: 'recharge.invoice' }, delayMs: 200 });
  const reply = await pushAsWechat(textPush('充值问题'));
  expect(reply.Content).toBe('在官网“充值记录”里选择订单，点击“申请发票”即可。');
});
