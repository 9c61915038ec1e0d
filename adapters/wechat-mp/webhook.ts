import type { ParsedUrlQuery } from 'node:querystring';
import { httpError } from '../../src/http/body';
import { checkFresh, precheckFresh, secondsToMs } from '../../src/http/replay';
import type { PushRequest } from '../../src/core/types';
import type { CommitGroup } from '../../src/store/commitGroup';
import type { Db } from '../../src/store/db';
import { DecryptError, signatureMatches, wechatSignature, type WechatCipher } from '../wechat-common/crypto';
import { parseWechatXml, XmlError } from '../wechat-common/xml';
import type { MpFields } from './parse';

/** WeChat's pushes are a few hundred bytes; anything near this is not WeChat (protocols.md §1.2). */
export const MAX_BODY_BYTES = 64 * 1024;

export interface VerifiedPush {
  fields: MpFields;
  /** Safe or compatible mode: the reply must be encrypted with this request's timestamp and nonce (§1.4). */
  encrypted: boolean;
  timestamp: string;
  nonce: string;
  /**
   * With a commit group, the replay check's write (the nonce remembered), left to run inside the transaction
   * that stores the push (answerPush): one piece of shared work per push. Already refused before this if
   * stale or seen with another body.
   */
  remember?: () => unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Checks `signature` over token, timestamp and nonce (§1.1): every GET and POST; 401 when wrong. */
export function checkSignature(query: ParsedUrlQuery, token: string): { timestamp: string; nonce: string } {
  const timestamp = str(query.timestamp);
  const nonce = str(query.nonce);
  if (!/^\d{1,12}$/.test(timestamp) || !nonce) throw httpError(401, 'timestamp and nonce are required');
  if (!signatureMatches(query.signature, wechatSignature(token, timestamp, nonce))) throw httpError(401, 'bad signature');
  return { timestamp, nonce };
}

export interface PushCheck {
  token: string;
  /** Set in safe or compatible mode (KEFU_WECHAT_MP_AES_KEY): then only encrypted pushes are accepted. */
  cipher: WechatCipher | undefined;
  db: Db;
  /** When given, the nonce is remembered in the transaction shared with the other pushes (group commit). */
  commits?: CommitGroup;
  /**
   * Work is spent on a push before that transaction (an LLM's second opinion): a nonce already used with
   * another body is then refused first, by reading, so that a forged body never reaches the LLM.
   */
  workBefore?: boolean;
  now(): number;
}

/**
 * The replay window check (src/http/replay.ts). With a commit group, refused now when it can be by reading
 * alone, and its write returned to go in the push's own transaction; without one, done and committed now.
 */
function checkPushFresh(check: PushCheck, timestamp: string, nonce: string, body: Buffer): (() => unknown) | undefined {
  const r = { channel: 'wechat-mp', nonce: `${timestamp}:${nonce}`, timestampMs: secondsToMs(timestamp), body };
  if (check.commits) return precheckFresh(check.db, r, check.now(), { read: check.workBefore !== false });
  checkFresh(check.db, r, check.now());
}

/**
 * A POST's fields after every check: signature, body size, XML shape, in safe/compatible mode msg_signature
 * over Encrypt and the decrypted appid (§1.4), and the replay window. With an AES key a plaintext push is
 * refused: its URL signature does not cover the body, so one captured URL would let anyone post as anyone.
 * A timestamp outside ±5 minutes, or a nonce seen with another body, is refused too. Throws 401/400/413
 * before anything is stored.
 */
export async function readPush(req: PushRequest, check: PushCheck): Promise<VerifiedPush> {
  const { token, cipher } = check;
  const { query } = req;
  const { timestamp, nonce } = checkSignature(query, token);
  const raw = await req.body(MAX_BODY_BYTES);
  if (query.encrypt_type !== 'aes') {
    if (cipher) throw httpError(401, 'safe mode (KEFU_WECHAT_MP_AES_KEY is set): only encrypted pushes with msg_signature are accepted');
    const outer = parseXml(raw.toString('utf8'));
    const remember = checkPushFresh(check, timestamp, nonce, raw);
    return { fields: outer, encrypted: false, timestamp, nonce, remember };
  }
  const outer = parseXml(raw.toString('utf8'));
  if (!cipher) throw httpError(400, 'encrypted push, but KEFU_WECHAT_MP_AES_KEY is not set');
  if (!outer.Encrypt) throw httpError(400, 'Encrypt is missing');
  if (!signatureMatches(query.msg_signature, wechatSignature(token, timestamp, nonce, outer.Encrypt))) {
    throw httpError(401, 'bad msg_signature');
  }
  const remember = checkPushFresh(check, timestamp, nonce, raw);
  let inner: string;
  try {
    inner = cipher.decrypt(outer.Encrypt);
  } catch (err) {
    if (err instanceof DecryptError) throw httpError(400, `cannot decrypt: ${err.message}`);
    throw err;
  }
  return { fields: parseXml(inner), encrypted: true, timestamp, nonce, remember };
}

function parseXml(text: string): MpFields {
  try {
    return parseWechatXml(text);
  } catch (err) {
    if (err instanceof XmlError) throw httpError(400, err.message);
    throw err;
  }
}
