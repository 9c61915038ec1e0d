import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's message signatures and AES envelope, shared by the Official Account and WeCom
 * (protocols.md §1.1, §1.4, §2: same algorithm; the trailing id is the appid or the CorpID).
 */

/** Lowercase hex SHA-1 of the parts sorted lexicographically and joined with no separator (§1.1). */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time comparison of a received signature with the expected one. */
export function signatureMatches(received: unknown, expected: string): boolean {
  if (typeof received !== 'string' || received.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(received.toLowerCase()), Buffer.from(expected));
}

export class DecryptError extends Error {}

const BLOCK = 32; // PKCS#7 to 32-byte blocks, not AES's 16 (§1.4)

export function pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

export function unpad(data: Buffer): Buffer {
  const n = data.length ? data[data.length - 1] : 0;
  if (n < 1 || n > BLOCK || n > data.length) throw new DecryptError('bad padding');
  return data.subarray(0, data.length - n);
}

/**
 * The AES-256-CBC envelope for one account: `receiveId` is our appid (Official Account) or CorpID (WeCom).
 * Plaintext = 16 random bytes ‖ 4-byte big-endian byte length ‖ message ‖ receiveId (§1.4).
 */
export function createWechatCipher(encodingAesKey: string, receiveId: string) {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes (43 base64 characters)');
  const iv = key.subarray(0, 16);

  return {
    encrypt(message: string, random: Buffer = randomBytes(16)): string {
      const body = Buffer.from(message, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      const plain = pad(Buffer.concat([random, length, body, Buffer.from(receiveId, 'utf8')]));
      const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    },

    /** The message inside `encrypted`; throws DecryptError on bad input or when the receiveId is not ours. */
    decrypt(encrypted: string): string {
      const data = Buffer.from(encrypted, 'base64');
      if (data.length === 0 || data.length % BLOCK !== 0) throw new DecryptError('ciphertext is not a whole number of blocks');
      const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      const plain = unpad(Buffer.concat([decipher.update(data), decipher.final()]));
      if (plain.length < 20) throw new DecryptError('plaintext too short');
      const length = plain.readUInt32BE(16);
      if (20 + length > plain.length) throw new DecryptError('length field out of bounds');
      const from = plain.subarray(20 + length).toString('utf8');
      if (from !== receiveId) throw new DecryptError(`message is for ${from || 'nobody'}, not for this account`);
      return plain.subarray(20, 20 + length).toString('utf8');
    },
  };
}

export type WechatCipher = ReturnType<typeof createWechatCipher>;
