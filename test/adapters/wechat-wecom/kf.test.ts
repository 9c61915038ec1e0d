// The WeCom kf door end to end: encrypted callbacks into the real Kefu, sync_msg and send_msg against a loopback WeCom API.
import { createWechatCipher, wechatSignature } from '../../../adapters/wechat-common/crypto';
import { startFakeWecomApi, type FakeWecomApi } from '../../fakes/wecom-api';
import { startKefu, type RunningKefu } from '../../helpers/kefu';

// wechatpy's WeCom vector (protocols.md §1.5 B): token, EncodingAESKey and receive id.
const CORP = { id: 'wx49f0ab532d5d035a', token: '123456', aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', secret: 'kf-secret' };
const KF = 'wkKF000001';
const PLAYER = 'wmPlayer0001';

let api: FakeWecomApi;
let k: RunningKefu;
const env = (extra: Record<string, string> = {}) => ({
  KEFU_WECOM_CORPID: CORP.id,
  KEFU_WECOM_SECRET: CORP.secret,
  KEFU_WECOM_TOKEN: CORP.token,
  KEFU_WECOM_AES_KEY: CORP.aesKey,
  KEFU_WECOM_API_BASE: api.url,
  ...extra,
});
beforeEach(async () => {
  api = await startFakeWecomApi(CORP.id, CORP.secret);
  k = await startKefu(env());
});
afterEach(async () => {
  await k.stop();
  await api.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 150 && !check(); i++) await sleep(20);
}
const customerText = (msgid: string, content: string) => ({
  msgid,
  open_kfid: KF,
  external_userid: PLAYER,
  send_time: Math.floor(Date.now() / 1000),
  origin: 3,
  msgtype: 'text',
  text: { content },
});

let nonces = 0;
/** WeCom's callback: kf_msg_or_event, encrypted and signed (§2). */
async function notify(base: string, signature?: string): Promise<Response> {
  const inner = `<xml><ToUserName><![CDATA[${CORP.id}]]></ToUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[SYNC_TOKEN]]></Token><OpenKfId><![CDATA[${KF}]]></OpenKfId></xml>`;
  const encrypted = createWechatCipher(CORP.aesKey, CORP.id).encrypt(inner);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(++nonces); // each callback its own nonce, as WeCom sends them
  const q = new URLSearchParams({ msg_signature: signature ?? wechatSignature(CORP.token, timestamp, nonce, encrypted), timestamp, nonce });
  return fetch(`${base}/wecom/kf?${q}`, { method: 'POST', body: `<xml><ToUserName><![CDATA[${CORP.id}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>` });
}

describe('WeCom kf', () => {
  it('answers the encrypted URL verification with the plaintext echostr', async () => {
    const q = 'msg_signature=dd6b9c95b495b3f7e2901bfbc76c664930ffdb96&timestamp=1411443780&nonce=437374425&echostr=' +
      encodeURIComponent('4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==');
    const res = await fetch(`${k.url}/wecom/kf?${q}`);
    expect([res.status, await res.text()]).toEqual([200, '5927782489442352469']);
    expect((await fetch(`${k.url}/wecom/kf?${q.replace('dd6b', '0000')}`)).status).toBe(401);
  });

  it('pulls the messages after a callback and answers through send_msg', async () => {
    api.messages.push(customerText('msg_1', '忘记密码怎么办'));
    const res = await notify(k.url);
    expect([res.status, await res.text()]).toEqual([200, 'success']);
    await until(() => api.sent.length > 0);
    const answer = k.kefu.matcher().entry('account.password-reset')!.answer!.trim();
    expect(api.sent).toEqual([{ touser: PLAYER, open_kfid: KF, msgtype: 'text', text: { content: answer } }]);
    expect(api.cursors[0]).toBe('');
  });

  it('rejects a callback with a bad msg_signature and pulls nothing', async () => {
    api.messages.push(customerText('msg_1', '忘记密码怎么办'));
    expect((await notify(k.url, '0'.repeat(40))).status).toBe(401);
    await sleep(100);
    expect(api.cursors).toEqual([]);
  });

  it('follows has_more, keeps the cursor across a restart and stores a replayed msgid once', async () => {
    api.messages.push(customerText('msg_1', 'a'), customerText('msg_2', 'b'), customerText('msg_3', 'c'));
    await notify(k.url);
    await until(() => api.cursors.length === 2);
    const dataDir = k.dataDir;
    await k.kefu.stop();
    api.messages.push(customerText('msg_3', 'c')); // WeCom replays one
    k = await startKefu(env({ KEFU_DATA_DIR: dataDir }));
    await notify(k.url);
    await until(() => api.cursors.length === 3);
    await sleep(50);
    expect(api.cursors).toEqual(['', '2', '3']);
    const stored = k.kefu.db.prepare(`SELECT external_id AS id FROM messages WHERE direction = 'in' ORDER BY id`).all();
    expect(stored).toEqual([{ id: 'msg_1' }, { id: 'msg_2' }, { id: 'msg_3' }]);
    expect(api.tokenFetches).toBe(1);
  });

  it('moves the WeCom session to "handled" (0 → 1) on handoff, so Kefu agents can still reply', async () => {
    api.messages.push(customerText('msg_1', '转人工'));
    await notify(k.url);
    await until(() => api.transitions.length > 0);
    expect(api.transitions).toEqual([{ open_kfid: KF, external_userid: PLAYER, service_state: 1 }]);
    await until(() => api.sent.length > 0);
    expect(api.sent[0].text.content).toContain('工单');
    expect(k.kefu.channels.get('wecom-kf')!.reachability!({ channel: 'wecom-kf', account: KF, userId: PLAYER })).toMatchObject({ reachable: true, remaining: 4 });
  });

  it('welcomes a player who opens a session with faq/welcome.yaml, once, through the event code', async () => {
    const enter = (msgid: string, code: string, sentAt: number) => ({
      msgid,
      open_kfid: KF,
      send_time: Math.floor(sentAt / 1000),
      origin: 4,
      msgtype: 'event',
      event: { event_type: 'enter_session', open_kfid: KF, external_userid: PLAYER, welcome_code: code },
    });
    api.codes.add('WELCOME_1');
    api.codes.add('STALE');
    api.messages.push(enter('ev_1', 'WELCOME_1', Date.now()), enter('ev_0', 'STALE', Date.now() - 60_000));
    await notify(k.url);
    await until(() => api.eventSends.length > 0);
    await sleep(100);
    expect(api.eventSends).toEqual([{ code: 'WELCOME_1', msgtype: 'text', text: { content: expect.stringContaining('欢迎') } }]);
    expect(api.codes.has('STALE')).toBe(true); // a replayed, expired event is not answered
    expect(api.sent).toEqual([]);
  });
});
