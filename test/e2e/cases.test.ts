import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { takeIn } from '../../src/cases/intake';
import { fileComplaint, reportBug } from '../helpers/cases';
import { addAgent } from '../helpers/desk';
import { startKefu, tempDir, type RunningKefu } from '../helpers/kefu';
import { CHROMIUM, signIn } from '../helpers/chromium';

const SHOTS = process.env.KEFU_SCREENSHOTS ?? join(tempDir(), 'shots');

jest.setTimeout(120_000); // three pages' worth of clicking on a shared 2-core machine

let k: RunningKefu;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  k = await startKefu();
  browser = await chromium.launch(CHROMIUM);
  const password = await addAgent(k.kefu.db, 'zhuguan', 'supervisor');
  page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } })).newPage();
  page.on('pageerror', (err) => console.error('console page error:', err.message));
  await signIn(page, k.url, 'zhuguan', password);
  await page.locator('#app').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await k?.stop();
});

it('bug board: filters to the crash on S1, shows its players, marks it fixed and lists who could not be told', async () => {
  for (const [i, text] of ['进副本就闪退', '打开背包闪退', '一直闪退进不去副本'].entries()) {
    await reportBug(k.url, `web-${i}`, { server: 'S1', description: text });
  }
  // A player whose channel (WeChat) is not configured here: the fix cannot reach them.
  k.kefu.pipeline.handle({ channel: 'wechat-mp', account: 'gh_1', externalId: 'm1', from: { userId: 'o-abc' }, kind: 'text', text: '我要报bug', receivedAt: Date.now() });
  for (const [n, text] of ['S1', '阿强', 'Android', '副本闪退了'].entries()) {
    k.kefu.pipeline.handle({ channel: 'wechat-mp', account: 'gh_1', externalId: `m${n + 2}`, from: { userId: 'o-abc', nickname: '阿强' }, kind: 'text', text, receivedAt: Date.now() });
  }
  await reportBug(k.url, 'other', { server: 'S2', description: '商城图标错位' });
  takeIn(k.kefu.cases);

  await page.click('#cases-link');
  await page.locator('#cases').waitFor();
  await page.fill('#f-server', 'S1');
  await page.click('#f-apply');
  await page.locator('#incident-list tr').first().waitFor();
  expect(await page.locator('#incident-list tr').count()).toBe(1);
  await page.locator('#incident-list tr').first().click();
  await page.locator('#incident-players', { hasText: '4' }).waitFor();
  expect(await page.locator('#incident-reports tr').count()).toBe(4);
  await page.selectOption('#incident-status', 'fixed');
  await page.click('#incident-set-status');
  await page.locator('#incident-result .ok-notice', { hasText: '已通知 3 位玩家' }).waitFor();
  await page.locator('#unreachable', { hasText: '阿强' }).waitFor();
  expect(await page.textContent('#unreachable')).toContain('channel wechat-mp is not configured');
  await page.screenshot({ path: join(SHOTS, 'bug-board.png') });
});

it('complaint: moves through 判断, 调查, 方案, 实施 and 总结 in the console, each stage in its history', async () => {
  const id = await fileComplaint(k.url, 'angry', '充值了没到账，客服还不理人');
  await page.click('[data-view="complaints"]');
  await page.locator(`#complaint-${id}`).click();
  await page.locator('#c-stages li.now', { hasText: '受理' }).waitFor();
  await page.selectOption('#c-valid', 'true');
  await page.selectOption('#c-severity', 'high');
  await page.selectOption('#c-category', '充值消费');
  await page.click('#c-next');
  await page.locator('#c-stages li.now', { hasText: '判断' }).waitFor();
  for (const [stage, note] of [['调查', '查到订单支付成功但发货失败'], ['方案', '补发钻石并送补偿礼包'], ['实施', '已补发 648 钻石'], ['总结', '支付回调加告警']]) {
    await page.fill('#c-note', note);
    await page.click('#c-next');
    await page.locator('#c-stages li.now', { hasText: stage }).waitFor();
  }
  await page.locator('#complaint-detail .ok-notice', { hasText: '已结案' }).waitFor();
  expect(await page.locator('#c-history li').count()).toBe(5);
  expect(await page.textContent('#c-history')).toContain('实施 → 总结：支付回调加告警');
  await page.screenshot({ path: join(SHOTS, 'complaint.png') });
});

it('follow-up: the script is sent in the player’s web chat, and the outcome is recorded', async () => {
  takeIn(k.kefu.cases);
  const player = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await player.goto(`${k.url}/chat`);
  const sessionId = await player.evaluate(() => localStorage.getItem('kefu.session'));
  expect(sessionId).toBeTruthy();
  const complaintId = await fileComplaint(k.url, sessionId!, '活动奖励没发');
  takeIn(k.kefu.cases);

  await page.click('[data-view="followups"]');
  await page.locator('#followup-list tr', { hasText: `投诉 #${complaintId}` }).click();
  await page.selectOption('#fu-script', 'complaint.apology');
  await page.waitForFunction(() => (document.getElementById('fu-text') as HTMLTextAreaElement).value.includes('再次为之前的'));
  await page.click('#fu-send');
  await page.locator('#fu-message .ok-notice').waitFor();
  await player.locator('.msg', { hasText: '再次为之前的' }).waitFor();
  await page.selectOption('#fu-outcome', 'satisfied');
  await page.fill('#fu-note', '玩家表示满意');
  await page.click('#fu-record');
  await page.locator('#fu-done', { hasText: '满意' }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'followup.png') });

  // An announcement shows as the web chat's banner.
  await page.click('[data-view="announcements"]');
  await page.fill('#a-title', 'S1 紧急维护');
  await page.fill('#a-text', '预计 10:00 开服');
  await page.fill('#a-keywords', '维护, 开服');
  await page.click('#a-publish');
  await page.locator('#announcement-list li', { hasText: 'S1 紧急维护' }).waitFor();
  await page.locator('#announce-bar', { hasText: 'S1 紧急维护' }).waitFor();
  await player.reload();
  await player.locator('#notice', { hasText: 'S1 紧急维护' }).waitFor();
  await player.screenshot({ path: join(SHOTS, 'chat-banner.png') });

  // A critical report reaches the supervisor's open page at once, over the live stream.
  await reportBug(k.url, 'paid', { server: 'S1', description: '充值648没到账' });
  await page.locator('#alert-bar', { hasText: '充值648没到账' }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'alert-bar.png') });
});
