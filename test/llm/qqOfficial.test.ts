// The second opinion on a channel that answers through the vendor's API (QQ official bot, outbox delivery).
import { resolve } from 'node:path';
import { APP, c2c, callback } from '../adapters/qq-official/callbacks';
import { llmEnv, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';
import { startFakeQqApi, type FakeQqApi } from '../fakes/qq-api';
import { startKefu, type RunningKefu } from '../helpers/kefu';
import { until } from '../helpers/wait';

let fake: FakeOpenAi;
let api: FakeQqApi;
let k: RunningKefu;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  api = await startFakeQqApi(APP.id, APP.secret);
  k = await startKefu({
    KEFU_FAQ_DIR: resolve(__dirname, '../fixtures/llm-faq'),
    KEFU_QQ_APPID: APP.id,
    KEFU_QQ_SECRET: APP.secret,
    KEFU_QQ_API_BASE: api.url,
    KEFU_QQ_AUTH_BASE: api.url,
    ...llmEnv(fake),
  });
});
afterAll(async () => {
  await k?.stop();
  await api?.close();
  await fake?.close();
});

it('answers an unsure QQ message with the entry the LLM chose', async () => {
  fake.answer = () => ({ content: { entry_id: 'recharge.missing' } });
  expect(await (await callback(k.url, c2c('q1', '充值问题'))).json()).toEqual({ op: 12, d: 0 });
  await until(() => api.sent.length === 1);
  expect((api.sent[0].body as { content: string }).content).toBe('充值未到账一般 5 分钟内会自动补发；超过 30 分钟请提供订单号联系客服。');
  expect(fake.received).toHaveLength(1);
});
