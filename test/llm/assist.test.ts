import { resolve } from 'node:path';
import { register } from 'prom-client';
import { llmEnv, payloadOf, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';
import { playerSays, queuedTicket, signedInAgent, type AgentSession } from '../helpers/desk';
import { postJson, startKefu, type RunningKefu } from '../helpers/kefu';

const FAQ = resolve(__dirname, '../fixtures/llm-faq');

let fake: FakeOpenAi;
let k: RunningKefu;
let agent: AgentSession;
let ticketId: number;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  k = await startKefu({ KEFU_FAQ_DIR: FAQ, ...llmEnv(fake, { KEFU_LLM_DAILY_TOKENS: '5000' }) });
  await playerSays(k.url, 'vip-1', '充值成功但是没有钻石');
  await playerSays(k.url, 'vip-1', '还是没到，我手机13812345678，订单 DD202612020001');
  ticketId = await queuedTicket(k.url, 'vip-1');
  agent = await signedInAgent(k.url, k.kefu.db, 'xiaoli');
  expect((await agent.post(`/api/tickets/${ticketId}/claim`)).status).toBe(200);
});
afterAll(async () => {
  await k?.stop();
  await fake?.close();
});
beforeEach(() => {
  fake.received.length = 0;
});

it('drafts a reply from the masked conversation and the relevant FAQ entries; nothing is sent to the player', async () => {
  fake.answer = () => ({ content: '您好，充值未到账一般 5 分钟内会自动补发，我帮您核实一下订单。' });
  const messagesBefore = k.kefu.db.prepare('SELECT COUNT(*) AS n FROM messages').get();
  const res = await agent.post(`/api/tickets/${ticketId}/draft`);
  expect(res).toEqual({ status: 200, body: { text: '您好，充值未到账一般 5 分钟内会自动补发，我帮您核实一下订单。' } });
  const payload = payloadOf(fake.received[0].body);
  expect(payload.faq.map((e: { id: string }) => e.id)).toContain('recharge.missing');
  expect(payload.conversation.map((l: { text: string }) => l.text)).toContain('还是没到，我手机[手机号]，订单 DD[号码]');
  expect(fake.received[0].raw).not.toContain('13812345678');
  expect(fake.received[0].raw).not.toContain('vip-1');
  expect(k.kefu.db.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual(messagesBefore);
});

it('summarises the conversation for a transfer or the handover', async () => {
  fake.answer = () => ({ content: '玩家充值后钻石未到账，已转人工，待核实订单。' });
  expect(await agent.post(`/api/tickets/${ticketId}/summary`)).toEqual({ status: 200, body: { text: '玩家充值后钻石未到账，已转人工，待核实订单。' } });
  expect(fake.received[0].body.messages[0].content).toContain('摘要');
});

it('suggests a category and severity from the fixed lists only', async () => {
  fake.answer = () => ({ content: { category: '充值消费', severity: 'critical', reason: '充值未到账' } });
  expect((await agent.post(`/api/tickets/${ticketId}/triage`)).body).toEqual({ category: '充值消费', severity: 'critical', reason: '充值未到账' });
  fake.answer = () => ({ content: { category: '送钻石', severity: 'apocalyptic' } });
  expect((await agent.post(`/api/tickets/${ticketId}/triage`)).body).toEqual({ category: '其他', severity: 'minor', reason: '' });
});

it('answers 503 with a reason when the LLM fails, and logs every call with tokens and latency', async () => {
  fake.answer = () => ({ status: 500, error: 'upstream exploded' });
  const res = await agent.post(`/api/tickets/${ticketId}/draft`);
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ code: 'llm_failed' });
  expect(res.body.error).toContain('500');
  // The agent's calls only: whether the player's own lines went for a second opinion depends on how sure
  // the matcher was of them, which is the second-opinion tests' business.
  const calls = k.kefu.db.prepare("SELECT kind, ok, prompt_tokens AS p, completion_tokens AS c, ms FROM llm_calls WHERE kind != 'second_opinion' ORDER BY id").all() as any[];
  expect(calls.map((c) => [c.kind, c.ok])).toEqual([['draft', 1], ['summary', 1], ['triage', 1], ['triage', 1], ['draft', 0]]);
  expect(calls[0]).toMatchObject({ p: 120, c: 12 });
  expect(calls.every((c) => Number.isInteger(c.ms) && c.ms >= 0)).toBe(true);
  expect(await register.getSingleMetricAsString('kefu_llm_calls_total')).toContain('kefu_llm_calls_total{kind="draft",outcome="failed"} 1');
  const served = await (await fetch(`${k.url}/metrics`)).text();
  expect(served).toMatch(/^kefu_llm_tokens_total\{kind="draft"\} \d+$/m);
  expect(served).toContain('kefu_messages_total'); // the app's own metrics still there
});

it('is only for the agent holding the ticket, with the CSRF token', async () => {
  const other = await signedInAgent(k.url, k.kefu.db, 'xiaozhao');
  expect((await other.post(`/api/tickets/${ticketId}/draft`)).body).toMatchObject({ code: 'held_by_other' });
  expect((await postJson(`${k.url}/api/tickets/${ticketId}/draft`, {}, { cookie: agent.cookie })).status).toBe(403);
  expect(fake.received).toHaveLength(0);
});

it('stops calling once the daily token budget is spent', async () => {
  fake.answer = () => ({ content: '好的', usage: { prompt: 6000, completion: 10 } });
  expect((await agent.post(`/api/tickets/${ticketId}/summary`)).status).toBe(200);
  const res = await agent.post(`/api/tickets/${ticketId}/summary`);
  expect(res).toMatchObject({ status: 503, body: { code: 'llm_budget' } });
  expect(fake.received).toHaveLength(1);
});

it('with no LLM configured: 503 llm_off, and nothing is ever sent', async () => {
  const offline = await startKefu({ KEFU_FAQ_DIR: FAQ });
  try {
    expect(offline.kefu.llm).toBeUndefined();
    const id = await queuedTicket(offline.url, 'p-off');
    const a = await signedInAgent(offline.url, offline.kefu.db, 'xiaochen');
    await a.post(`/api/tickets/${id}/claim`);
    expect(await a.post(`/api/tickets/${id}/draft`)).toMatchObject({ status: 503, body: { code: 'llm_off' } });
    expect(await playerSays(offline.url, 'p-off-2', '充值问题')).toEqual([expect.stringMatching(/^您想问的是下面哪一个？/)]);
    expect(fake.received).toHaveLength(0);
  } finally {
    await offline.stop();
  }
});
