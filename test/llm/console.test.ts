// The draft and summary buttons in Chromium, against the loopback OpenAI-compatible fake.
import { chromium, type Browser } from 'playwright-core';
import { resolve } from 'node:path';
import { llmEnv, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';
import { addAgent, playerSays, queuedTicket } from '../helpers/desk';
import { startKefu, tempDir, type RunningKefu } from '../helpers/kefu';
import { CHROMIUM, signIn } from '../helpers/chromium';

const DRAFT = '您好，充值未到账一般 5 分钟内会自动补发，我帮您核实一下。';
const SUMMARY = '玩家充值后钻石未到账，已转人工，待核实订单。';

let fake: FakeOpenAi;
let k: RunningKefu;
let browser: Browser;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  k = await startKefu({ KEFU_FAQ_DIR: resolve(__dirname, '../fixtures/llm-faq'), ...llmEnv(fake) });
  browser = await chromium.launch(CHROMIUM);
});
afterAll(async () => {
  await browser?.close();
  await k?.stop();
  await fake?.close();
});

it('an agent gets a reply draft into the composer, edits and sends it, and reads a summary', async () => {
  await playerSays(k.url, 'web-1', '充值成功但是没有钻石');
  const ticketId = await queuedTicket(k.url, 'web-1');
  const password = await addAgent(k.kefu.db, 'xiaowang');
  fake.answer = (req) => ({ content: req.messages[0].content.includes('摘要') ? SUMMARY : DRAFT });

  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signIn(page, k.url, 'xiaowang', password);
  await page.click(`#ticket-${ticketId}`);
  await page.click('#claim');
  await page.locator('#t-status', { hasText: '处理中' }).waitFor();

  await page.click('#assist-draft');
  await page.waitForFunction((text) => (document.getElementById('reply') as HTMLTextAreaElement).value === text, DRAFT);
  expect(await page.locator('#messages li.agent').count()).toBe(0); // a draft is never sent by itself
  await page.fill('#reply', `${DRAFT}请稍等。`);
  await page.click('#send');
  await page.locator('#messages li.agent', { hasText: '请稍等' }).waitFor();

  await page.click('#assist-summary');
  await page.locator('#assist-text', { hasText: SUMMARY }).waitFor();
  expect(await page.textContent('#assist-out strong')).toBe('对话摘要');
  await page.screenshot({ path: process.env.KEFU_SCREENSHOT ?? `${tempDir()}/assist.png` });

  await page.click('#transfer');
  await page.click('#assist-transfer-summary');
  await page.waitForFunction((text) => (document.getElementById('transfer-note') as HTMLTextAreaElement).value === text, SUMMARY);
  await page.click('#transfer-form button[value="cancel"]');

  fake.answer = () => ({ status: 500, error: 'down' });
  await page.click('#assist-summary');
  await page.locator('#assist-text', { hasText: '大模型暂时不可用' }).waitFor();
});
