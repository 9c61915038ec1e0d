// Ed25519 for the QQ callback URL, against the vectors of protocols.md §4.
import { botKeys, callbackSignatureValid, validationSignature } from '../../../adapters/qq-official/sign';

const BOTGO = {
  secret: '123456abcdef',
  timestamp: '1728981195',
  body: '{"id":"ROBOT1.0_veoihSEXDc8Q.g-6eLpNIa11bH8MisOjn-m-LKxCPntMk6exUXgcWCGpVO7L2QKTNZzjZzFFDSbiOFcqAPWyVA!!","content":"哦一下","timestamp":"2024-10-15T16:33:15+08:00","author":{"id":"675860273","user_openid":"675860273"}}',
  signature:
    'e949b5b94ef4103df903fb031d1d16e358db3db83e79e117edd404c8508be3ce8a76d7bad1bed353194c126a1a5915b4ad8b5288c1191cc53a12acffccd82004',
};

describe('QQ callback signatures', () => {
  it('derives the public key from the secret repeated to 32 bytes', () => {
    const spki = botKeys('naOC0ocQE3shWLAfffVLB1rhYPG7').publicKey.export({ format: 'der', type: 'spki' });
    expect(spki.subarray(-32).toString('hex')).toBe('d7c362fe78aef81ff23287b493628b5db02a3c4fe30b215e4d19609b5d76673a');
  });

  it('signs the official op 13 validation vector', () => {
    expect(validationSignature(botKeys('DG5g3B4j9X2KOErG'), '1725442341', 'Arq0D5A61EgUu4OxUvOp')).toBe(
      '87befc99c42c651b3aac0278e71ada338433ae26fcb24307bdc5ad38c1adc2d01bcfcadc0842edac85e85205028a1132afe09280305f13aa6909ffc2d652c706',
    );
  });

  it("verifies botgo's event vector over timestamp + raw body bytes", () => {
    expect(callbackSignatureValid(botKeys(BOTGO.secret), BOTGO.signature, BOTGO.timestamp, Buffer.from(BOTGO.body))).toBe(true);
  });

  it('refuses a changed body, timestamp or secret, and malformed signatures', () => {
    const keys = botKeys(BOTGO.secret);
    const body = Buffer.from(BOTGO.body);
    expect(callbackSignatureValid(keys, BOTGO.signature, BOTGO.timestamp, Buffer.from(BOTGO.body.replace('哦', '噢')))).toBe(false);
    expect(callbackSignatureValid(keys, BOTGO.signature, '1728981196', body)).toBe(false);
    expect(callbackSignatureValid(botKeys('123456abcdeg'), BOTGO.signature, BOTGO.timestamp, body)).toBe(false);
    const highBits = BOTGO.signature.slice(0, 126) + 'e4';
    for (const sig of [undefined, '', 'zz', BOTGO.signature.slice(2), highBits]) expect(callbackSignatureValid(keys, sig, BOTGO.timestamp, body)).toBe(false);
  });
});
