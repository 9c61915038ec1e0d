import { randomBytes } from 'node:crypto';
import { wechatSignature, type WechatCipher } from '../wechat-common/crypto';
import { buildWechatXml, cdata } from '../wechat-common/xml';

/** Old docs cap a passive text reply at 2048 bytes ⚠ (protocols.md §1.3); longer answers go by the API. */
export const PASSIVE_MAX_BYTES = 2048;

/** A passive text reply: To/From swapped from the request (§1.3). */
export function textReplyXml(to: string, from: string, text: string, at: number): string {
  return buildWechatXml({ ToUserName: to, FromUserName: from, CreateTime: Math.floor(at / 1000), MsgType: 'text', Content: text });
}

/** The safe-mode envelope around a reply, signed with the request's timestamp and nonce (§1.4). */
export function encryptedReplyXml(
  cipher: WechatCipher,
  token: string,
  xml: string,
  timestamp: string,
  nonce: string,
  random: Buffer = randomBytes(16),
): string {
  const encrypted = cipher.encrypt(xml, random);
  return `<xml><Encrypt>${cdata(encrypted)}</Encrypt><MsgSignature>${cdata(wechatSignature(token, timestamp, nonce, encrypted))}</MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`;
}
