// Finding 3 of issue 17: forged and replayed signed callbacks are refused, with nothing stored, on every
// signed channel; a vendor's own retry (same nonce, same body) is still answered once.
import { createWechatCipher, wechatSignature } from '../../adapters/wechat-common/crypto';
import { startFakeQqApi, type FakeQqApi } from '../fakes/qq-api';
import { startFakeWechatApi, type FakeWechatApi } from '../fakes/wechat-api';
import { startFakeWecomApi, type FakeWecomApi } from '../fakes/wecom-api';
import { startKefu, tempDir, type RunningKefu } from '../helpers/kefu';
import { sleep, until } from '../helpers/wait';
import { APP, c2c, callback } from '../adapters/qq-official/callbacks';
import { MP, mpEnv, postPush, signedQuery, textPush } from '../adapters/wechat-mp/mpClient';

jest.setTimeout(120_000); // real services (and processes) on a machine shared by many builds

const SIX_MINUTES = 6 * 60_000;
let k: RunningKefu | undefined;
afterEach(async () => {
  await k?.stop();
  k = undefined;
});
const count = (table: string) => (k!.kefu.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('WeChat Official Account', () => {
  let api: FakeWechatApi;
  beforeAll(async () => {
    api = await startFakeWechatApi(MP.appId, MP.secret);
  });
  afterAll(() => api.close());

  it('in safe mode refuses a plaintext push with a valid URL signature, and stores nothing', async () => {
    k = await startKefu(mpEnv(api.url));
    const res = await postPush(k.url, textPush('忘记密码怎么办'), 'plain');
    expect(res.status).toBe(401);
    expect(res.body).toMatch(/only encrypted pushes/);
    expect(count('messages')).toBe(0);
    expect((await postPush(k.url, textPush('忘记密码怎么办'), 'safe')).status).toBe(200); // encrypted: fine
  });

  it.each(['safe', 'plain'] as const)('refuses a push signed more than 5 minutes ago or ahead (%s mode), and stores nothing', async (mode) => {
    const { KEFU_WECHAT_MP_AES_KEY, ...plainEnv } = mpEnv(api.url);
    k = await startKefu(mode === 'safe' ? { ...plainEnv, KEFU_WECHAT_MP_AES_KEY } : plainEnv);
    for (const at of [Date.now() - SIX_MINUTES, Date.now() + SIX_MINUTES]) {
      const res = await postPush(k.url, textPush('忘记密码怎么办'), mode, MP.appId, signedQuery(at));
      expect(res.status).toBe(401);
    }
    expect(count('messages')).toBe(0);
  });

  it('refuses a captured URL reused with another body (plain mode), even after a restart, and answers WeChat’s retry', async () => {
    const { KEFU_WECHAT_MP_AES_KEY: _key, ...plainEnv } = mpEnv(api.url);
    const dataDir = tempDir();
    k = await startKefu({ ...plainEnv, KEFU_DATA_DIR: dataDir });
    const url = signedQuery();
    const push = textPush('忘记密码怎么办');
    const first = await postPush(k.url, push, 'plain', MP.appId, new URLSearchParams(url));
    expect(first.status).toBe(200);
    const retry = await postPush(k.url, push, 'plain', MP.appId, new URLSearchParams(url)); // WeChat's retry: same request
    expect(retry.reply!.Content).toBe(first.reply!.Content);
    const forged = await postPush(k.url, textPush('我要退款', undefined, 'oSomeoneElse00000000000001'), 'plain', MP.appId, new URLSearchParams(url));
    expect(forged.status).toBe(401);
    expect(count('messages')).toBe(2); // the question and its answer, once
    await k.stop();
    k = await startKefu({ ...plainEnv, KEFU_DATA_DIR: dataDir });
    expect((await postPush(k.url, textPush('我要退款'), 'plain', MP.appId, new URLSearchParams(url))).status).toBe(401);
    expect(count('messages')).toBe(2);
  });

  // The nonce is remembered in the transaction that stores the push (one piece of group-commit work per
  // push): two bodies under one captured URL arriving together both pass the read-only pre-check, and the
  // check inside the shared transaction lets exactly one through.
  it('lets exactly one of two bodies sent at once under one captured URL through (plain mode)', async () => {
    const { KEFU_WECHAT_MP_AES_KEY: _key, ...plainEnv } = mpEnv(api.url);
    k = await startKefu(plainEnv);
    const url = signedQuery();
    const [a, b] = await Promise.all([
      postPush(k.url, textPush('忘记密码怎么办'), 'plain', MP.appId, new URLSearchParams(url)),
      postPush(k.url, textPush('我要退款', undefined, 'oSomeoneElse00000000000001'), 'plain', MP.appId, new URLSearchParams(url)),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    expect(count('signed_requests')).toBe(1);
    expect(count(`messages WHERE direction = 'in'`)).toBe(1);
    expect(count('reply_windows')).toBe(1);
  });
});

describe('WeCom customer service', () => {
  const CORP = { id: 'wx49f0ab532d5d035a', token: '123456', aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', secret: 'kf-secret' };
  let api: FakeWecomApi;
  beforeAll(async () => {
    api = await startFakeWecomApi(CORP.id, CORP.secret);
  });
  afterAll(() => api.close());

  /** A signed kf_msg_or_event callback: its query and body, to send (and send again) as they are. */
  function notification(at = Date.now(), nonce = String(Math.random()).slice(2)) {
    const inner = `<xml><ToUserName><![CDATA[${CORP.id}]]></ToUserName><CreateTime>${Math.floor(at / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[T]]></Token><OpenKfId><![CDATA[wkKF1]]></OpenKfId></xml>`;
    const encrypted = createWechatCipher(CORP.aesKey, CORP.id).encrypt(inner);
    const timestamp = String(Math.floor(at / 1000));
    const q = new URLSearchParams({ msg_signature: wechatSignature(CORP.token, timestamp, nonce, encrypted), timestamp, nonce });
    const body = `<xml><ToUserName><![CDATA[${CORP.id}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
    return () => fetch(`${k!.url}/wecom/kf?${q}`, { method: 'POST', body });
  }

  it('a replayed callback is answered but starts no second sync_msg round; a stale one is refused', async () => {
    k = await startKefu({ KEFU_WECOM_CORPID: CORP.id, KEFU_WECOM_SECRET: CORP.secret, KEFU_WECOM_TOKEN: CORP.token, KEFU_WECOM_AES_KEY: CORP.aesKey, KEFU_WECOM_API_BASE: api.url });
    const send = notification();
    expect((await send()).status).toBe(200);
    await until(() => api.cursors.length === 1, 30_000);
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    expect((await notification(Date.now() - SIX_MINUTES)()).status).toBe(401);
    await sleep(200);
    expect(api.cursors).toHaveLength(1);
  });
});

describe('QQ official bot', () => {
  let api: FakeQqApi;
  beforeAll(async () => {
    api = await startFakeQqApi(APP.id, APP.secret);
  });
  afterAll(() => api.close());

  it('refuses a callback whose signed timestamp is stale, and stores nothing', async () => {
    k = await startKefu({ KEFU_QQ_APPID: APP.id, KEFU_QQ_SECRET: APP.secret, KEFU_QQ_API_BASE: api.url, KEFU_QQ_AUTH_BASE: api.url });
    const res = await callback(k.url, c2c('old1', '忘记密码怎么办'), undefined, Date.now() - SIX_MINUTES);
    expect(res.status).toBe(401);
    expect(count('messages')).toBe(0);
    expect((await callback(k.url, c2c('new1', '忘记密码怎么办'))).status).toBe(200);
    expect(count('messages')).toBeGreaterThan(0);
  });
});
