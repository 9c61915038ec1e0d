import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

// PKCS#8 DER header for a raw 32-byte Ed25519 seed (protocols.md §4).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface BotKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The bot secret repeated until at least 32 bytes; the first 32 are the Ed25519 seed (§4). */
export function botKeys(secret: string): BotKeys {
  const bytes = Buffer.from(secret, 'utf8');
  if (!bytes.length) throw new Error('the QQ bot secret is empty');
  const seed = Buffer.concat(Array.from({ length: Math.ceil(32 / bytes.length) }, () => bytes)).subarray(0, 32);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** op 13's answer: hex Ed25519 signature of event_ts + plain_token (§4). */
export function validationSignature(keys: BotKeys, eventTs: string, plainToken: string): string {
  return sign(null, Buffer.from(eventTs + plainToken, 'utf8'), keys.privateKey).toString('hex');
}

/** Checks X-Signature-Ed25519 over X-Signature-Timestamp + the raw body bytes (§4), for every callback. */
export function callbackSignatureValid(keys: BotKeys, signatureHex: string | undefined, timestamp: string | undefined, body: Buffer): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-fA-F]{128}$/.test(signatureHex)) return false;
  const sig = Buffer.from(signatureHex, 'hex');
  if ((sig[63] & 0xe0) !== 0) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), keys.publicKey, sig);
}
