// An agent sees a WeChat player's screenshot and voice message in the ticket: the console's <img> loads
// from /api/tickets/:id/media/:messageId, which fetches it from the loopback WeChat API with the token.
import { chromium, type Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildWechatXml } from '../../adapters/wechat-common/xml';
import { listTickets } from '../../src/store/tickets';
import { MP, mpEnv, OPENID, postPush } from '../adapters/wechat-mp/mpClient';
import { startFakeWechatApi, type FakeWechatApi } from '../fakes/wechat-api';
import { addAgent } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';
import { CHROMIUM, signIn } from '../helpers/chromium';

let wechat: FakeWechatApi;
let k: RunningKefu;
let browser: Browser;
beforeAll(async () => {
  wechat = await startFakeWechatApi(MP.appId, MP.secret);
  k = await startKefu(mpEnv(wechat.url));
  browser = await chromium.launch(CHROMIUM);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await k?.stop();
  await wechat?.close();
});

let seq = 0;
const push = (fields: Record<string, string>) =>
  buildWechatXml({ ToUserName: MP.gh, FromUserName: OPENID, CreateTime: 1700000200 + ++seq, ...fields }).replace('</xml>', `<MsgId>${8000000000000000000n + BigInt(seq)}</MsgId></xml>`);

it('shows the player\'s picture in the ticket, and a voice message with the platform\'s recognition', async () => {
  wechat.media.set('PIC_E2E', { body: readFileSync(resolve(__dirname, '../fixtures/media/player-screenshot.png')), type: 'image/png' });
  await postPush(k.url, push({ MsgType: 'image', PicUrl: 'http://127.0.0.1:9/unused', MediaId: 'PIC_E2E' }));
  await postPush(k.url, push({ MsgType: 'voice', MediaId: 'VOICE_E2E', Format: 'amr', Recognition: '我的装备不见了' }));
  await postPush(k.url, push({ MsgType: 'text', Content: '转人工' }));
  const [ticket] = listTickets(k.kefu.db, { status: 'queued' });

  const password = await addAgent(k.kefu.db, 'xiaowang');
  const agent = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } })).newPage();
  await signIn(agent, k.url, 'xiaowang', password);
  await agent.click(`#ticket-${ticket.id}`);
  const img = agent.locator('#messages .media-image img');
  await img.waitFor();
  // Loaded, not a broken image: the browser decoded the PNG the server fetched (160×100).
  await agent.waitForFunction(() => (document.querySelector('#messages .media-image img') as HTMLImageElement | null)?.naturalWidth === 160);
  expect(await img.getAttribute('src')).toMatch(new RegExp(`^/api/tickets/${ticket.id}/media/\\d+$`));
  const voice = agent.locator('#messages li', { hasText: '我的装备不见了' });
  expect(await voice.locator('.media-label').textContent()).toBe('语音消息，平台识别为：');
  await agent.screenshot({ path: '/tmp/kefu-media-console.png' });
  expect(wechat.mediaGets).toContain('PIC_E2E');
}, 60_000);
