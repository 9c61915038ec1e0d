// The QQ platform's side of the webhook (protocols.md §4): dispatches signed with the bot's Ed25519 key,
// as the platform POSTs them to /qq/webhook.
import { sign } from 'node:crypto';
import { botKeys } from '../../../adapters/qq-official/sign';

// The secret of the official validation vector (§4), so op 13 can be checked end to end.
export const APP = { id: '102000001', secret: 'DG5g3B4j9X2KOErG' };
export const PLAYER = 'E4F4AEA33253A2797FB897C50B81D7ED';
export const GROUP = 'C9F778FE6ADF9D1D1DBE395BF744A33A';
export const keys = botKeys(APP.secret);

/** POSTs `payload` to Kefu as the platform does at `at` (ms): Ed25519 over timestamp + body, or the given signature. */
export function callback(baseUrl: string, payload: object, signature?: string, at = Date.now()): Promise<Response> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(at / 1000));
  const sig = signature ?? sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex');
  return fetch(`${baseUrl}/qq/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-bot-appid': APP.id,
      'user-agent': 'QQBot-Callback',
      'x-signature-ed25519': sig,
      'x-signature-timestamp': timestamp,
      'x-signature-method': 'Ed25519',
    },
    body,
  });
}

/** A private message (C2C_MESSAGE_CREATE) sent at `at`. */
export const c2c = (id: string, content: string, at = new Date()) => ({
  op: 0, s: 1, t: 'C2C_MESSAGE_CREATE', id: `C2C_MESSAGE_CREATE:${id}`,
  d: { id, author: { user_openid: PLAYER }, content, timestamp: at.toISOString(), attachments: [] },
});

/** An @ of the bot in a group (GROUP_AT_MESSAGE_CREATE): content led by a space where the @ was. */
export const groupAt = (id: string, content: string, at = new Date()) => ({
  op: 0, s: 2, t: 'GROUP_AT_MESSAGE_CREATE', id: `GROUP_AT_MESSAGE_CREATE:${id}`,
  d: { id, author: { member_openid: PLAYER }, content, group_openid: GROUP, timestamp: at.toISOString(), attachments: [] },
});
