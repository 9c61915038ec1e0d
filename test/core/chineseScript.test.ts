import { answerScript, detectScript, inScript } from '../../src/core/chineseScript';

describe("a player's Chinese script", () => {
  it.each([
    ['帳號被盜了怎麼辦', 'simplified', 'traditional'],
    ['我的遊戲一直閃退', 'simplified', 'traditional'],
    ['游戏老是闪退', 'traditional', 'simplified'],
    ['你们几点下班', 'traditional', 'simplified'],
  ] as const)('%s, written before in %s → %s', (text, previous, expected) => {
    expect(detectScript(text, previous)).toBe(expected);
  });

  it('stays as it was for text both scripts write the same, for no Chinese, and for a tie', () => {
    for (const previous of ['simplified', 'traditional'] as const) {
      expect(detectScript('好的', previous)).toBe(previous);
      expect(detectScript('2', previous)).toBe(previous);
      expect(detectScript('VIP 客服', previous)).toBe(previous);
      expect(detectScript('', previous)).toBe(previous);
    }
    expect(detectScript('台灣')).toBe('simplified'); // 灣 against 台 (which cn→tw writes 臺): a tie
  });

  it('is not flipped by one stray character in a longer message', () => {
    expect(detectScript('乾杯！我们这个活动的奖励怎么领', 'simplified')).toBe('simplified');
  });

  it('turns the bot’s Simplified text into Traditional, with 帳 for 账', () => {
    expect(inScript('账号被盗请立即修改密码，游戏内的钻石会在 5 个工作日内找回。', 'traditional')).toBe(
      '帳號被盜請立即修改密碼，遊戲內的鑽石會在 5 個工作日內找回。',
    );
    expect(inScript('账号被盗', 'simplified')).toBe('账号被盗');
    expect(inScript('Your ticket #12 is queued.', 'traditional')).toBe('Your ticket #12 is queued.');
  });

  it('has none to convert for English', () => {
    expect(answerScript('en', 'traditional')).toBe('simplified');
    expect(answerScript('zh', 'traditional')).toBe('traditional');
    expect(answerScript('zh')).toBe('simplified');
  });
});
