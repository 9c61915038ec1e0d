import { chromium, type Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listTickets } from '../../src/store/tickets';
import { addAgent, playerSays } from '../helpers/desk';
import { writeFaq } from '../helpers/faqFiles';
import { startKefu, type RunningKefu } from '../helpers/kefu';
import { CHROMIUM, signIn } from '../helpers/chromium';

let k: RunningKefu;
let browser: Browser;
let faqDir: string;
beforeAll(async () => {
  faqDir = writeFaq();
  k = await startKefu({ KEFU_FAQ_DIR: faqDir });
  browser = await chromium.launch(CHROMIUM);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await k?.stop();
});

it('an agent answers a handed-off question and says which FAQ entry it belongs to; a supervisor accepts it and the bot answers it', async () => {
  const question = '付完款页面一直转圈';
  expect(await playerSays(k.url, 'teach-1', question)).toEqual([expect.stringMatching(/^抱歉/)]);
  await playerSays(k.url, 'teach-1', '转人工');
  const [ticket] = listTickets(k.kefu.db, { status: 'queued' });

  const password = await addAgent(k.kefu.db, 'zhuguan', 'supervisor');
  const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } })).newPage();
  await signIn(page, k.url, 'zhuguan', password);
  await page.click(`#ticket-${ticket.id}`);
  await page.click('#claim');
  await page.locator('#t-status', { hasText: '处理中' }).waitFor();
  expect(await page.isVisible('#learn')).toBe(false); // nothing to learn before the agent has answered
  await page.fill('#reply', '请提供订单号，我帮您查补发。');
  await page.click('#send');
  await page.locator('#learn', { hasText: question }).waitFor();
  await page.screenshot({ path: '/tmp/kefu-learn-panel.png' });
  await page.click('#learn button[data-entry="payment.not-received"]');
  await page.locator('#learn-status', { hasText: '已提交' }).waitFor();

  await page.click('#faq-link');
  const row = page.locator('#suggestions tr', { hasText: question });
  await row.waitFor();
  expect(await row.textContent()).toContain('payment.not-received');
  await row.locator('button.accept').click();
  await row.locator('td', { hasText: /已写入 .*entries\.yaml:\d+/ }).waitFor();
  await page.screenshot({ path: '/tmp/kefu-faq-page.png' });

  expect(readFileSync(join(faqDir, 'entries.yaml'), 'utf8')).toContain(`recharge not received, ${question}]`);
  expect(await playerSays(k.url, 'teach-2', question)).toEqual(['请提供订单号，我们会在24小时内核实补发。']);
});
