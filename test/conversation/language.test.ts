import { writeFaq } from '../helpers/faqFiles';
import { playerSays } from '../helpers/desk';
import { startKefu, type RunningKefu } from '../helpers/kefu';

describe("answers in the player's language", () => {
  let k: RunningKefu;
  beforeAll(async () => (k = await startKefu()));
  afterAll(() => k.stop());

  it('answers "forgot my password" in English from the sample FAQ', async () => {
    const [reply] = await playerSays(k.url, 'en-player', 'forgot my password');
    expect(reply).toMatch(/^On the login screen tap "Forgot password"/);
    expect(reply).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers the same player in Chinese once they write Chinese', async () => {
    await playerSays(k.url, 'switcher', 'forgot my password');
    const [reply] = await playerSays(k.url, 'switcher', '忘记密码怎么办');
    expect(reply).toMatch(/^在登录界面点击“忘记密码”/);
  });

  it('greets an English speaker in English', async () => {
    const [reply] = await playerSays(k.url, 'greeter', 'hello there');
    expect(reply).toMatch(/^Hello! I'm Xiaoxing/);
  });
});

it('gives an entry without answer_en in Chinese, after one line that says so', async () => {
  const k = await startKefu({ KEFU_FAQ_DIR: writeFaq() });
  try {
    const [reply] = await playerSays(k.url, 'en-player', 'how to get a refund');
    const [first, ...rest] = reply.split('\n');
    expect(first).toBe('(This answer is only available in Chinese for now.)');
    expect(rest.join('\n')).toBe('未消费的充值可在7天内申请退款。');
  } finally {
    await k.stop();
  }
});
