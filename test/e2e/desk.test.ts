import { chromium, type Browser } from 'playwright-core';
import { getTicket, listTickets } from '../../src/store/tickets';
import { addAgent } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';
import { CHROMIUM, signIn } from '../helpers/chromium';

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

it('a player asks for a person in /chat, an agent claims and answers with a canned reply in /console, then resolves and the player is asked to rate', async () => {
  const password = await addAgent(k.kefu.db, 'xiaowang');

  const player = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await player.goto(`${k.url}/chat`);
  await player.fill('#text', '转人工');
  await player.press('#text', 'Enter');
  await player.locator('.msg.bot', { hasText: '已为您转接人工客服' }).waitFor();
  const ticketId = listTickets(k.kefu.db, { status: 'queued' })[0].id;

  const agent = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await signIn(agent, k.url, 'xiaowang', password);
  await agent.locator('#app').waitFor();
  // What the agent sees, not only what can be clicked: the login form gone, no ticket open yet.
  expect(await agent.isVisible('#login')).toBe(false);
  expect(await agent.isVisible('#ticket')).toBe(false);
  expect(await agent.isVisible('#placeholder')).toBe(true);
  await agent.click(`#ticket-${ticketId}`);
  await agent.locator('#messages li', { hasText: '转人工' }).waitFor();
  await agent.keyboard.press('Alt+KeyC'); // claim
  await agent.locator('#t-status', { hasText: '处理中' }).waitFor();
  await agent.locator('#profile li', { hasText: '接单' }).waitFor(); // the history in the agent's words, not event codes
  expect(getTicket(k.kefu.db, ticketId)!.status).toBe('assigned');

  await agent.click('#canned-open');
  await agent.fill('#canned-q', '问候');
  await agent.locator('#canned-list li', { hasText: '问候' }).waitFor();
  await agent.press('#canned-q', 'Enter');
  expect(await agent.isVisible('#canned')).toBe(false);
  expect(await agent.inputValue('#reply')).toBe('您好 玩家，我是客服xiaowang，很高兴为您服务！请问有什么可以帮您？');
  await agent.click('#send');
  await agent.locator('#messages li.agent', { hasText: '很高兴为您服务' }).waitFor();

  await player.locator('.msg.agent', { hasText: '您好 玩家，我是客服xiaowang，很高兴为您服务！' }).waitFor();

  await agent.click('#resolve');
  await agent.locator('#t-status', { hasText: '已解决' }).waitFor();
  await player.locator('.msg', { hasText: '请为本次服务打分' }).waitFor();
  await player.locator('.rating button', { hasText: '5' }).click();
  await player.locator('.msg', { hasText: '感谢您的评价' }).waitFor();
  expect(getTicket(k.kefu.db, ticketId)).toMatchObject({ status: 'resolved', rating: 5 });
});
