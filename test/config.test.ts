import { ConfigError, loadConfig } from '../src/config';

describe('config', () => {
  it('starts with nothing set: port 3000, ./data, ./faq, web chat only', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', faqDir: './faq', logLevel: 'info' });
    expect(config.wechatMp).toBeUndefined();
    expect(config.qqOfficial).toBeUndefined();
    expect(config.desk.firstResponseMs).toBe(300_000);
  });

  it('names the variable when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT: /);
    expect(() => loadConfig({ KEFU_LOG_LEVEL: 'loud' })).toThrow(/KEFU_LOG_LEVEL/);
    expect(() => loadConfig({ KEFU_WECHAT_API_BASE: 'not a url' })).toThrow(/KEFU_WECHAT_API_BASE/);
  });

  it('names what a half-configured channel is missing', () => {
    expect(() => loadConfig({ KEFU_QQ_APPID: '102000' })).toThrow(/KEFU_QQ_SECRET: required when KEFU_QQ_APPID is set/);
    expect(() => loadConfig({ KEFU_WECHAT_MP_TOKEN: 'tok' })).toThrow(/KEFU_WECHAT_MP_APPID/);
  });

  it('checks the EncodingAESKey shape', () => {
    expect(() => loadConfig({ KEFU_WECHAT_MP_TOKEN: 'tok', KEFU_WECHAT_MP_APPID: 'wx1', KEFU_WECHAT_MP_AES_KEY: 'short' })).toThrow(
      /KEFU_WECHAT_MP_AES_KEY: must be the 43-character EncodingAESKey/,
    );
  });

  it('turns a channel on when its variables are set, with the real vendor hosts by default', () => {
    const config = loadConfig({ KEFU_WECHAT_MP_TOKEN: 'tok', KEFU_WECHAT_MP_APPID: 'wx1' });
    expect(config.wechatMp).toEqual({ token: 'tok', appId: 'wx1', secret: undefined, aesKey: undefined, apiBase: 'https://api.weixin.qq.com' });
  });

  it('limits the media the console fetches: 10 MB unless KEFU_MEDIA_MAX_MB says otherwise, never 0 or above 100', () => {
    expect(loadConfig({}).mediaMaxBytes).toBe(10 * 1024 * 1024);
    expect(loadConfig({ KEFU_MEDIA_MAX_MB: '2.5' }).mediaMaxBytes).toBe(2.5 * 1024 * 1024);
    expect(() => loadConfig({ KEFU_MEDIA_MAX_MB: '0' })).toThrow(/^KEFU_MEDIA_MAX_MB: must be a number of megabytes above 0/);
    expect(() => loadConfig({ KEFU_MEDIA_MAX_MB: '500' })).toThrow(/^KEFU_MEDIA_MAX_MB: must be at most 100/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', KEFU_QQ_APPID: '' }).port).toBe(3000);
  });
});
