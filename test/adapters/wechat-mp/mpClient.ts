// A test-side WeChat server: signs and (in safe mode) encrypts pushes the way WeChat does (protocols.md §1.1, §1.4).
import { createWechatCipher, wechatSignature } from '../../../adapters/wechat-common/crypto';
import { buildWechatXml, parseWechatXml } from '../../../adapters/wechat-common/xml';

export const MP = { token: 'pamtest', appId: 'wxb11529c136998cb6', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', secret: 'mp-secret', gh: 'gh_kefu0000001' };
export const OPENID = 'oPlayer0000000000000000001';

export function mpEnv(apiBase: string): Record<string, string> {
  return {
    KEFU_WECHAT_MP_TOKEN: MP.token,
    KEFU_WECHAT_MP_APPID: MP.appId,
    KEFU_WECHAT_MP_SECRET: MP.secret,
    KEFU_WECHAT_MP_AES_KEY: MP.aesKey,
    KEFU_WECHAT_API_BASE: apiBase,
  };
}

let seq = 0;
/** A text push from the player, with a fresh 64-bit MsgId unless given. */
export function textPush(content: string, msgId = `43636899638967${String(++seq).padStart(5, '0')}`, from = OPENID): string {
  const head = buildWechatXml({ ToUserName: MP.gh, FromUserName: from, CreateTime: 1700000000 + seq, MsgType: 'text', Content: content });
  return head.replace('</xml>', `<MsgId>${msgId}</MsgId></xml>`); // bare 64-bit digits, as WeChat sends them
}

export function eventPush(event: string, key = '', from = OPENID): string {
  return buildWechatXml({ ToUserName: MP.gh, FromUserName: from, CreateTime: 1700000000 + ++seq, MsgType: 'event', Event: event, EventKey: key });
}

export interface MpResponse {
  status: number;
  body: string;
  /** The reply's fields, decrypted in safe mode. */
  reply?: Record<string, string>;
}

/** The query a push carries, signed at `at` (ms) with a fresh nonce unless given (§1.1). */
export function signedQuery(at = Date.now(), nonce = `n${++seq}`): URLSearchParams {
  const timestamp = String(Math.floor(at / 1000));
  return new URLSearchParams({ signature: wechatSignature(MP.token, timestamp, nonce), timestamp, nonce, openid: OPENID });
}

/**
 * POSTs a push; `mode` safe sends only Encrypt, compatible sends both (§1.4), plain sends the XML as is
 * (accepted only by an account without KEFU_WECHAT_MP_AES_KEY).
 */
export async function postPush(base: string, xml: string, mode: 'plain' | 'safe' | 'compatible' = 'compatible', appId = MP.appId, q = signedQuery()): Promise<MpResponse> {
  const timestamp = q.get('timestamp')!;
  const nonce = q.get('nonce')!;
  let body = xml;
  const cipher = createWechatCipher(MP.aesKey, appId);
  if (mode !== 'plain') {
    const encrypted = cipher.encrypt(xml);
    q.set('encrypt_type', 'aes');
    q.set('msg_signature', wechatSignature(MP.token, timestamp, nonce, encrypted));
    const envelope = `<ToUserName><![CDATA[${MP.gh}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt>`;
    body = mode === 'safe' ? `<xml>${envelope}</xml>` : xml.replace('<xml>', `<xml>${envelope}`);
  }
  const res = await fetch(`${base}/wechat/mp?${q}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
  const text = await res.text();
  if (res.status !== 200 || !text.startsWith('<xml>')) return { status: res.status, body: text };
  const fields = parseWechatXml(text);
  if (!fields.Encrypt) return { status: res.status, body: text, reply: fields };
  if (fields.MsgSignature !== wechatSignature(MP.token, fields.TimeStamp, fields.Nonce, fields.Encrypt)) throw new Error('reply MsgSignature is wrong');
  return { status: res.status, body: text, reply: parseWechatXml(createWechatCipher(MP.aesKey, MP.appId).decrypt(fields.Encrypt)) };
}

/** POSTs raw bytes, encrypted as in safe mode, with valid signatures unless `signature` is given (for bad-input tests). */
export async function postRaw(base: string, body: string, signature?: string): Promise<{ status: number; text: string }> {
  const q = signedQuery();
  const encrypted = createWechatCipher(MP.aesKey, MP.appId).encrypt(body);
  if (signature) q.set('signature', signature);
  q.set('encrypt_type', 'aes');
  q.set('msg_signature', wechatSignature(MP.token, q.get('timestamp')!, q.get('nonce')!, encrypted));
  const res = await fetch(`${base}/wechat/mp?${q}`, { method: 'POST', body: `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>` });
  return { status: res.status, text: await res.text() };
}
