// The OneBot channel's variables (DESIGN §5): on when any is set, each checked with a message naming it.
import { ConfigError, loadConfig } from '../../../src/config';

describe('OneBot configuration', () => {
  it('is off with nothing set, and on with any one of its variables', () => {
    expect(loadConfig({}).onebot).toBeUndefined();
    expect(loadConfig({ KEFU_ONEBOT_ACCESS_TOKEN: 'tok' }).onebot).toEqual({ accessToken: 'tok', secret: undefined, wsUrl: undefined });
    expect(loadConfig({ KEFU_ONEBOT_SECRET: 'sec' }).onebot).toEqual({ accessToken: undefined, secret: 'sec', wsUrl: undefined });
    expect(loadConfig({ KEFU_ONEBOT_WS_URL: 'ws://127.0.0.1:3001/' }).onebot?.wsUrl).toBe('ws://127.0.0.1:3001/');
  });

  it('names a forward URL that is not ws:// or wss://', () => {
    for (const bad of ['http://127.0.0.1:3001/', 'ws://', '127.0.0.1:3001']) {
      expect(() => loadConfig({ KEFU_ONEBOT_WS_URL: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ KEFU_ONEBOT_WS_URL: bad })).toThrow(/^KEFU_ONEBOT_WS_URL: must be a ws:\/\/ or wss:\/\/ URL/);
    }
    expect(loadConfig({ KEFU_ONEBOT_WS_URL: 'wss://bot.example.com/onebot' }).onebot?.wsUrl).toBe('wss://bot.example.com/onebot');
  });

  it('names a token or secret with a space or quotes in it, without showing the value', () => {
    expect(() => loadConfig({ KEFU_ONEBOT_ACCESS_TOKEN: 'abc def' })).toThrow(/^KEFU_ONEBOT_ACCESS_TOKEN: must not contain spaces or quotes/);
    expect(() => loadConfig({ KEFU_ONEBOT_SECRET: '"abc"' })).toThrow(/^KEFU_ONEBOT_SECRET: must not contain spaces or quotes/);
    expect(() => loadConfig({ KEFU_ONEBOT_ACCESS_TOKEN: 'abc def' })).not.toThrow(/abc/);
  });
});
