import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { claimTicket } from '../../src/desk/claim';
import { replyToTicket } from '../../src/desk/reply';
import { resolveTicket } from '../../src/desk/resolve';
import { flagSlaBreaches } from '../../src/desk/sla';
import { getAgent } from '../../src/store/agents';
import { addAgent, playerSays, queuedTicket, signedInAgent } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';
import { CHROMIUM, signIn } from '../helpers/chromium';

// Screenshots go to a temp folder to look at; KEFU_SCREENSHOTS=docs refreshes the README's pictures.
const SHOTS = process.env.KEFU_SCREENSHOTS === 'docs' ? resolve(__dirname, '../../docs') : resolve(tmpdir(), 'kefu-screenshots');
const TABLET = { width: 1024, height: 768 };

let clock = Date.UTC(2026, 10, 20, 3, 0); // 2026-11-20 11:00 in Asia/Shanghai
let k: RunningKefu;
let browser: Browser;
let page: Page;
let late: number;

beforeAll(async () => {
  k = await startKefu({}, { now: () => clock });
  browser = await chromium.launch(CHROMIUM);
  // The morning so far: questions the bot answered, one it did not, a ticket resolved and rated 4.
  await playerSays(k.url, 'p1', '忘记密码怎么办');
  await playerSays(k.url, 'p2', '怎么修改密码');
  await playerSays(k.url, 'p3', '那个东西还是不行');
  const xiaowang = await signedInAgent(k.url, k.kefu.db, 'xiaowang');
  await signedInAgent(k.url, k.kefu.db, 'laoli', 'agent', 'L2');
  const me = getAgent(k.kefu.db, xiaowang.id)!;
  const done = await queuedTicket(k.url, 'p4');
  clock += 40_000;
  claimTicket(k.kefu.desk, done, me);
  replyToTicket(k.kefu.desk, done, me, '已为您重置，请重新登录');
  resolveTicket(k.kefu.desk, done, me);
  await playerSays(k.url, 'p4', '4');
  // A ticket that fell late before the supervisor logged in.
  late = await queuedTicket(k.url, 'p5');
  clock += 6 * 60_000;
  expect(flagSlaBreaches(k.kefu.desk)).toEqual([late]);
});
afterAll(async () => {
  await browser?.close();
  await k?.stop();
});

it('a supervisor opens the dashboard from the console; it shows an earlier breach and updates live when a ticket is created and breaches', async () => {
  const password = await addAgent(k.kefu.db, 'zhuguan', 'supervisor');
  page = await (await browser.newContext({ locale: 'zh-CN', viewport: TABLET })).newPage();
  await signIn(page, k.url, 'zhuguan', password);
  await page.click('#to-supervisor');
  await page.waitForURL(/\/console\/supervisor#dashboard$/);
  await page.locator(`#dash-breaching li[data-id="${late}"]`, { hasText: '已超时' }).waitFor();
  await page.locator('#dash-queue-L1 .value', { hasText: /^1$/ }).waitFor();
  expect(await page.textContent('#dash-agent-' + getAgentId('xiaowang'))).toContain('在线');

  const fresh = await queuedTicket(k.url, 'p6'); // nothing reloads the page: the stream brings it
  await page.locator('#dash-queue-L1 .value', { hasText: /^2$/ }).waitFor();
  await page.locator('#dash-messages-in .value', { hasText: /^7$/ }).waitFor();
  expect(await page.locator(`#dash-breaching li[data-id="${fresh}"]`).count()).toBe(0);

  clock += 6 * 60_000;
  expect(flagSlaBreaches(k.kefu.desk)).toEqual([fresh]);
  await page.locator(`#dash-breaching li[data-id="${fresh}"]`).waitFor();
  await page.locator('#dash-breaching-count .value', { hasText: /^2$/ }).waitFor();
  expect(await page.textContent('#sup-banner')).toBe(`工单 #${fresh} 首响超时`);
  // A tablet shows it all without sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SHOTS, 'supervisor-dashboard.png') });
});

it('the report page draws its charts with the day\'s figures and links the CSV export', async () => {
  await page.goto(`${k.url}/console/supervisor#report`);
  await page.locator('#view-report[data-loaded="2026-11-20"]').waitFor();
  const charts = await page.evaluate(() =>
    Object.fromEntries(
      ['chart-bot', 'chart-channels', 'chart-csat', 'chart-trend'].map((id) => {
        const chart = (window as any).Chart.getChart(id);
        return [id, chart && { type: chart.config.type, labels: chart.data.labels, data: chart.data.datasets.map((d: { data: number[] }) => d.data) }];
      }),
    ),
  );
  expect(charts['chart-bot']).toEqual({ type: 'doughnut', labels: ['解答', '澄清', '不会', '转人工'], data: [[2, 0, 1, 3]] });
  expect(charts['chart-channels']).toEqual({ type: 'bar', labels: ['webchat'], data: [[7], [expect.any(Number)]] });
  expect(charts['chart-csat'].data).toEqual([[0, 0, 0, 1, 0]]);
  expect(charts['chart-trend'].type).toBe('line');
  expect(charts['chart-trend'].labels).toHaveLength(7);
  expect(charts['chart-trend'].labels.at(-1)).toBe('11-20');
  expect(charts['chart-trend'].data.map((series: number[]) => series.at(-1))).toEqual([7, 3, 1]);
  expect(await page.getAttribute('#report-csv', 'href')).toBe('/api/reports/daily.csv?date=2026-11-20');
  // The canvases hold pixels, not just objects.
  expect(await page.evaluate(() => (document.getElementById('chart-bot') as HTMLCanvasElement).toDataURL().length)).toBeGreaterThan(2000);
  await page.setViewportSize({ width: TABLET.width, height: 1180 }); // the whole page in one picture
  await page.screenshot({ path: resolve(SHOTS, 'supervisor-report.png') });
  await page.setViewportSize(TABLET);

  await page.selectOption('#report-trend', '30');
  await page.waitForFunction(() => (window as any).Chart.getChart('chart-trend').data.labels.length === 30);
});

it('the pages switch to English, roles and banners included', async () => {
  await page.click('#sup-lang');
  await page.locator('#sup-nav a[data-view="report"]', { hasText: 'Daily report' }).waitFor();
  expect(await page.textContent('#sup-me')).toContain('supervisor');
  await page.evaluate(() => (location.hash = '#dashboard'));
  await page.locator('#dash-breaching li', { hasText: 'late by' }).first().waitFor();
  await page.click('#sup-lang'); // back to Chinese for whoever reads the console next
});

function getAgentId(username: string): number {
  return (k.kefu.db.prepare('SELECT id FROM agents WHERE username = ?').get(username) as { id: number }).id;
}
