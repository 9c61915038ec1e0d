// Forward-WebSocket client mode: Kefu dials the bot (KEFU_ONEBOT_WS_URL) and redials after a drop.
import { reconnectDelayMs } from '../../../adapters/onebot/forward';
import { FakeOnebot } from '../../fakes/onebot';
import { startKefu, type RunningKefu } from '../../helpers/kefu';
import { sleep, until } from '../../helpers/wait';

const TOKEN = 'forward-token';
let k: RunningKefu;
let bot: FakeOnebot;
beforeEach(async () => {
  bot = new FakeOnebot('10001000');
  k = await startKefu({ KEFU_ONEBOT_ACCESS_TOKEN: TOKEN, KEFU_ONEBOT_WS_URL: await bot.serve(TOKEN) });
});
afterEach(async () => {
  await k.stop();
  await bot.close();
});

describe('OneBot forward WebSocket', () => {
  it('backs off 1 s, 2 s, 4 s … up to 30 s between attempts', () => {
    expect([0, 1, 2, 4, 5, 20].map(reconnectDelayMs)).toEqual([1000, 2000, 4000, 16000, 30000, 30000]);
  });

  it('connects with the token, answers, reconnects after a drop and answers a replay once', async () => {
    await until(() => bot.connected);
    bot.privateMessage('12345678', '忘记密码怎么办', 1);
    await until(() => bot.actions.length === 1);
    expect(bot.actions[0].action).toBe('send_private_msg');

    bot.drop();
    await sleep(50);
    await until(() => bot.connected); // Kefu redials after its backoff (1 s)
    expect(bot.connected).toBe(true);
    bot.privateMessage('12345678', '忘记密码怎么办', 1);
    bot.privateMessage('12345678', '忘记密码怎么办', 2);
    await until(() => bot.actions.length === 2);
    await sleep(200);
    expect(bot.actions).toHaveLength(2);
  });
});
