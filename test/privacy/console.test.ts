// The console's admin action: export and erase the player of a ticket, in Chromium, as an admin clicks it.
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { listTickets } from '../../src/store/tickets';
import { addAgent, playerSays } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';
import { foundInFiles } from './helpers';
import { CHROMIUM, signIn } from '../helpers/chromium';

const SECRET = '我的邮寄地址是翠湖路八十八号';

let k: RunningKefu;
let browser: Browser;
beforeAll(async () => {
  k = await startKefu();
  browser = await chromium.launch(CHROMIUM);
});
afterAll(async () => {
  await browser?.close();
  await k?.stop();
});

async function signedInAs(username: string, role: 'agent' | 'admin'): Promise<Page> {
  const password = await addAgent(k.kefu.db, username, role);
  const page = await (await browser.newContext({ locale: 'zh-CN', acceptDownloads: true })).newPage();
  await signIn(page, k.url, username, password);
  await page.locator('#app').waitFor();
  return page;
}

it('an admin exports and erases the player of a ticket from the console; an agent has no such button', async () => {
  await playerSays(k.url, 'web-console-privacy', '转人工');
  await playerSays(k.url, 'web-console-privacy', SECRET);
  const ticketId = listTickets(k.kefu.db, { status: 'queued' })[0].id;

  const agent = await signedInAs('yixian', 'agent');
  await agent.click(`#ticket-${ticketId}`);
  await agent.locator('#messages li', { hasText: SECRET }).waitFor();
  expect(await agent.isVisible('#privacy-open')).toBe(false);
  expect(await agent.locator('.privacy-link').count()).toBe(0);

  const admin = await signedInAs('guanli', 'admin');
  expect(await admin.isVisible('#privacy-open')).toBe(true);
  await admin.click(`#ticket-${ticketId}`);
  await admin.click('.privacy-link');
  await admin.locator('#privacy-from-ticket', { hasText: '当前工单的玩家' }).waitFor();
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.click('#privacy-export')]);
  expect(readFileSync((await download.path())!, 'utf8')).toContain(SECRET);
  await admin.locator('#privacy-result', { hasText: '已导出 4 条消息' }).waitFor();

  admin.once('dialog', (d) => void d.accept());
  await admin.click('#privacy-erase');
  await admin.locator('#privacy-result', { hasText: '已删除：' }).waitFor();
  await admin.screenshot({ path: '/tmp/kefu-privacy-console.png' });
  expect(foundInFiles(k.dataDir, [SECRET, 'web-console-privacy'])).toEqual([]);
}, 60_000);
