import { chromium, type Browser } from 'playwright-core';
import { signParams } from '../../src/players/signature';
import { getPlayer } from '../../src/store/players';
import { getTicket, listTickets, ticketEvents } from '../../src/store/tickets';
import { addAgent } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';
import { CHROMIUM, signIn } from '../helpers/chromium';

const SECRET = 'game-secret-0123456789';

let k: RunningKefu;
let browser: Browser;
beforeAll(async () => {
  k = await startKefu({ KEFU_WEBCHAT_SECRET: SECRET });
  browser = await chromium.launch(CHROMIUM);
});
afterAll(async () => {
  await browser?.close();
  await k?.stop();
});

// A line the bot (semantic layer included) cannot answer, so the ticket's summary is the player's own question.
it('a VIP player opens /chat from a signed game link; the agent sees who and what in the VIP queue and edits the profile', async () => {
  const params = { uid: '20001', server: '天秤座', role: 'R-42', nickname: '小龙女', vip: '6', ts: String(Date.now()) };
  const query = new URLSearchParams({ ...params, sig: signParams(params, SECRET) });
  const player = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await player.goto(`${k.url}/chat?${query}`);
  await player.fill('#text', '那个东西还是不行');
  await player.press('#text', 'Enter');
  await player.locator('.msg.bot', { hasText: '抱歉' }).waitFor();
  await player.fill('#text', '转人工');
  await player.press('#text', 'Enter');
  await player.locator('.msg.bot', { hasText: '已为您转接人工客服' }).waitFor();
  const [ticket] = listTickets(k.kefu.db, { status: 'queued' });
  expect(ticket.tier).toBe('VIP');

  const password = await addAgent(k.kefu.db, 'vip-agent', 'agent', 'VIP');
  const agent = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } })).newPage();
  await signIn(agent, k.url, 'vip-agent', password);
  const row = agent.locator(`#ticket-${ticket.id}`);
  await row.waitFor();
  expect(await row.locator('.who').textContent()).toBe(`#${ticket.id} 小龙女 · 天秤座 · VIP6`);
  expect(await row.locator('.summary').textContent()).toContain('那个东西还是不行');

  await row.click();
  await agent.locator('#pf-server').waitFor();
  expect(await agent.inputValue('#pf-roleId')).toBe('R-42');
  await agent.fill('#pf-server', '天秤座二区');
  await agent.fill('#pf-notes', '道具丢失，已核实充值记录');
  await agent.click('#pf-save');
  await agent.locator('#pf-status', { hasText: '已保存' }).waitFor();
  await agent.locator('#profile li', { hasText: '资料修改' }).waitFor();
  await agent.screenshot({ path: '/tmp/kefu-profile-console.png' });

  expect(getPlayer(k.kefu.db, ticket.playerId)).toMatchObject({ server: '天秤座二区', notes: '道具丢失，已核实充值记录', vipLevel: 6 });
  expect(ticketEvents(k.kefu.db, ticket.id).find((e) => e.kind === 'profile_changed')).toMatchObject({ data: { source: 'agent' } });
  expect(getTicket(k.kefu.db, ticket.id)!.tier).toBe('VIP');
});
