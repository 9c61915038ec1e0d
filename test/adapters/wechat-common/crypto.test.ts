// The published vectors of protocols.md §1.1 and §1.5, and the padding edge cases of §1.4.
import fc from 'fast-check';
import { createDecipheriv } from 'node:crypto';
import { createWechatCipher, DecryptError, pad, unpad, wechatSignature } from '../../../adapters/wechat-common/crypto';
import { parseWechatXml } from '../../../adapters/wechat-common/xml';

const A = { token: 'pamtest', key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wxb11529c136998cb6' };
const A_CIPHERTEXT = 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==';
const B = { token: '123456', key: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', receiveId: 'wx49f0ab532d5d035a' };
const B1_ECHOSTR = '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==';
const B2_ENCRYPT =
  'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=';
const B3_PLAIN = [
  '<xml>',
  '<MsgType><![CDATA[text]]></MsgType>',
  '<Content><![CDATA[test]]></Content>',
  '<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>',
  '<ToUserName><![CDATA[messense]]></ToUserName>',
  '<AgentID>1</AgentID>',
  '<CreateTime>1411525903</CreateTime>',
  '</xml>',
].join('\n');
const B3_ENCRYPT =
  '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3';

/** The raw plaintext block (to look at the padding), decrypted without any unpadding. */
function rawPlain(key: string, encrypted: string): Buffer {
  const k = Buffer.from(`${key}=`, 'base64');
  const d = createDecipheriv('aes-256-cbc', k, k.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()]);
}

describe('WeChat signatures (§1.1, §1.5)', () => {
  it('signs token, timestamp and nonce as wechatpy does', () => {
    expect(wechatSignature('test', '1410685589', 'test')).toBe('f21891de399b4e33a1a93c9a7b8a8fffb5a443ff');
  });

  it('matches the official sample signature and msg_signature', () => {
    expect(wechatSignature(A.token, '1409304348', 'xxxxxx')).toBe('76480565cbe296026c53aaacd1ad523a1ddba24f');
    expect(wechatSignature(A.token, '1409304348', 'xxxxxx', A_CIPHERTEXT)).toBe('82c962d39941aa48552f90ef55aa323dc620cc10');
  });

  it('matches the wechatpy msg_signatures for URL verification, inbound and outbound', () => {
    expect(wechatSignature(B.token, '1411443780', '437374425', B1_ECHOSTR)).toBe('dd6b9c95b495b3f7e2901bfbc76c664930ffdb96');
    expect(wechatSignature(B.token, '1411525903', '461056294', B2_ENCRYPT)).toBe('74d92dfeb87ba7c714f89d98870ae5eb62dff26d');
    expect(wechatSignature(B.token, '1411525903', '461056294', B3_ENCRYPT)).toBe('407518b7649e86ef23978113f92d27afa9296533');
  });
});

describe('WeChat AES envelope (§1.4, §1.5)', () => {
  const a = createWechatCipher(A.key, A.appId);
  const b = createWechatCipher(B.key, B.receiveId);

  it('encrypts the official sample to its published ciphertext (pad byte 7) and back', () => {
    expect(a.encrypt('我是中文abcd123', Buffer.from('aaaabbbbccccdddd'))).toBe(A_CIPHERTEXT);
    expect(rawPlain(A.key, A_CIPHERTEXT).subarray(-7)).toEqual(Buffer.alloc(7, 7));
    expect(a.decrypt(A_CIPHERTEXT)).toBe('我是中文abcd123');
  });

  it('decrypts the WeCom URL-verification echostr', () => {
    expect(b.decrypt(B1_ECHOSTR)).toBe('5927782489442352469');
  });

  it('decrypts the wechatpy inbound message (pad byte 1) and keeps its 64-bit MsgId exact', () => {
    expect(rawPlain(B.key, B2_ENCRYPT).at(-1)).toBe(1);
    const fields = parseWechatXml(b.decrypt(B2_ENCRYPT));
    expect(fields).toMatchObject({ FromUserName: 'messense', Content: 'test', MsgId: '4363689963896700987' });
  });

  it('encrypts the wechatpy outbound reply to its published Encrypt', () => {
    expect(b.encrypt(B3_PLAIN, Buffer.from('1234567890123456'))).toBe(B3_ENCRYPT);
  });

  it('pads 32-byte aligned plaintext with a full block of 0x20 and reads it back', () => {
    const message = 'x'.repeat(64 - 16 - 4 - A.appId.length); // 16 + 4 + 26 + 18 = 64
    const encrypted = a.encrypt(message);
    const plain = rawPlain(A.key, encrypted);
    expect(plain.length).toBe(96);
    expect(plain.subarray(64)).toEqual(Buffer.alloc(32, 32));
    expect(a.decrypt(encrypted)).toBe(message);
  });

  it('counts the length field in UTF-8 bytes for multi-byte text', () => {
    const message = '你好，勇者🗡️ — ñ';
    const plain = rawPlain(A.key, a.encrypt(message));
    expect(plain.readUInt32BE(16)).toBe(Buffer.byteLength(message));
    expect(a.decrypt(a.encrypt(message))).toBe(message);
  });

  it('round-trips any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => a.decrypt(a.encrypt(s)) === s));
  });

  it('rejects a message for another appid, bad padding and truncated ciphertext', () => {
    const other = createWechatCipher(A.key, 'wx0000000000000000');
    expect(() => other.decrypt(A_CIPHERTEXT)).toThrow(/not for this account/);
    expect(() => a.decrypt(A_CIPHERTEXT.slice(0, 40))).toThrow(DecryptError);
    expect(() => unpad(Buffer.alloc(32, 0))).toThrow(/bad padding/);
    expect(() => unpad(Buffer.alloc(32, 33))).toThrow(/bad padding/);
    expect(unpad(pad(Buffer.from('abc')))).toEqual(Buffer.from('abc'));
  });
});
