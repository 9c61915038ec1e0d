import { ConfigError, loadConfig } from '../../src/config';
import { createMasker } from '../../src/llm/mask';

describe('LLM configuration', () => {
  it('is off with nothing set', () => {
    expect(loadConfig({}).llm).toBeUndefined();
    expect(loadConfig({ OPENAI_API_KEY: '', KEFU_LLM_MODEL: '' }).llm).toBeUndefined();
  });

  it('needs a model once any of its variables is set, and a key or a base URL', () => {
    expect(() => loadConfig({ OPENAI_API_KEY: 'sk-1' })).toThrow(/KEFU_LLM_MODEL: required/);
    expect(() => loadConfig({ KEFU_LLM_MODEL: 'm' })).toThrow(ConfigError);
    expect(loadConfig({ OPENAI_BASE_URL: 'http://10.0.0.5:8000/v1', KEFU_LLM_MODEL: 'm' }).llm).toMatchObject({ apiKey: 'none', baseUrl: 'http://10.0.0.5:8000/v1' });
  });

  it('rejects a reply budget that would not fit WeChat\'s 5 seconds and an order pattern that is not a regex', () => {
    const on = { OPENAI_API_KEY: 'sk-1', KEFU_LLM_MODEL: 'm' };
    expect(() => loadConfig({ ...on, KEFU_LLM_REPLY_BUDGET_MS: '6000' })).toThrow(/KEFU_LLM_REPLY_BUDGET_MS/);
    expect(() => loadConfig({ ...on, KEFU_LLM_ORDER_PATTERN: 'DD(' })).toThrow(/KEFU_LLM_ORDER_PATTERN/);
  });
});

describe('masking what is sent', () => {
  const mask = createMasker('DD\\d{12}');
  it.each([
    ['我的手机是 138-1234-5678', '我的手机是 [手机号]'],
    ['+86 13812345678', '[手机号]'],
    ['身份证 11010119900307451X 被盗', '身份证 [身份证号] 被盗'],
    ['发到 wang.xiao@example.com 吧', '发到 [邮箱] 吧'],
    ['订单DD202612020001没到', '订单[订单号]没到'],
    ['QQ 123456789 角色 20001', 'QQ [号码] 角色 20001'],
  ])('%s → %s', (text, masked) => {
    expect(mask(text)).toBe(masked);
  });
});
