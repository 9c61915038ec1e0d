// The QQ official bot's variables (DESIGN §5): AppID and secret turn it on; the hosts default to the real ones.
import { ConfigError, loadConfig } from '../../../src/config';

describe('QQ official bot configuration', () => {
  it('is on with AppID and secret, against the real hosts by default', () => {
    expect(loadConfig({ KEFU_QQ_APPID: '102000001', KEFU_QQ_SECRET: 'DG5g3B4j9X2KOErG' }).qqOfficial).toEqual({
      appId: '102000001',
      secret: 'DG5g3B4j9X2KOErG',
      apiBase: 'https://api.sgroup.qq.com',
      authBase: 'https://bots.qq.com',
    });
  });

  it('takes the hosts from KEFU_QQ_API_BASE and KEFU_QQ_AUTH_BASE', () => {
    const config = loadConfig({ KEFU_QQ_APPID: '1', KEFU_QQ_SECRET: 's', KEFU_QQ_API_BASE: 'http://127.0.0.1:9001', KEFU_QQ_AUTH_BASE: 'http://127.0.0.1:9002' });
    expect(config.qqOfficial).toMatchObject({ apiBase: 'http://127.0.0.1:9001', authBase: 'http://127.0.0.1:9002' });
  });

  it('names the missing half', () => {
    expect(() => loadConfig({ KEFU_QQ_APPID: '102000001' })).toThrow(/KEFU_QQ_SECRET: required when KEFU_QQ_APPID is set/);
    expect(() => loadConfig({ KEFU_QQ_SECRET: 'DG5g3B4j9X2KOErG' })).toThrow(/KEFU_QQ_APPID: required when KEFU_QQ_SECRET is set/);
  });

  it('names a wrong value', () => {
    expect(() => loadConfig({ KEFU_QQ_APPID: 'bot-102000001', KEFU_QQ_SECRET: 's' })).toThrow(ConfigError);
    expect(() => loadConfig({ KEFU_QQ_APPID: 'bot-102000001', KEFU_QQ_SECRET: 's' })).toThrow(/^KEFU_QQ_APPID: must be the numeric AppID/);
    expect(() => loadConfig({ KEFU_QQ_APPID: '1', KEFU_QQ_SECRET: 'with space' })).toThrow(/^KEFU_QQ_SECRET: must not contain spaces/);
    expect(() => loadConfig({ KEFU_QQ_APPID: '1', KEFU_QQ_SECRET: 's', KEFU_QQ_API_BASE: 'api.sgroup.qq.com' })).toThrow(/^KEFU_QQ_API_BASE: must be an http/);
    expect(() => loadConfig({ KEFU_QQ_APPID: '1', KEFU_QQ_SECRET: 's', KEFU_QQ_AUTH_BASE: 'ftp://bots.qq.com' })).toThrow(/^KEFU_QQ_AUTH_BASE: must be an http/);
  });
});
