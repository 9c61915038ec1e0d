import fc from 'fast-check';
import { buildWechatXml, cdata, parseGeneral, parseWechatXml, XmlError } from '../../../adapters/wechat-common/xml';

describe('WeChat XML', () => {
  it('keeps numbers as strings, exactly (MsgId > 2^53, protocols.md §1.2)', () => {
    const f = parseWechatXml('<xml><MsgId>4363689963896700987</MsgId><CreateTime>1348831860</CreateTime></xml>');
    expect(f).toEqual({ MsgId: '4363689963896700987', CreateTime: '1348831860' });
  });

  it('writes "]]>" inside CDATA so that it reads back the same (§1.3)', () => {
    const text = 'a]]>b <c> & ]]]>';
    expect(cdata(']]>')).toBe('<![CDATA[]]]]><![CDATA[>]]>');
    expect(parseWechatXml(buildWechatXml({ Content: text, CreateTime: 1 }))).toEqual({ Content: text, CreateTime: '1' });
  });

  it.each([
    ['an entity-expansion bomb', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]><xml><C>&b;</C></xml>'],
    ['an external entity', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><C>&e;</C></xml>'],
    ['malformed XML', '<xml><Content>hi</xml>'],
    ['another root', '<note><Content>hi</Content></note>'],
    ['JSON', '{"MsgType":"text"}'],
  ])('refuses %s', (_name, raw) => {
    expect(() => parseWechatXml(raw)).toThrow(XmlError);
  });

  it('never expands an entity reference in the text', () => {
    expect(parseWechatXml('<xml><C>&amp;lt;</C></xml>')).toEqual({ C: '&amp;lt;' });
  });

  it('refuses an unclosed CDATA that the validator lets through', () => {
    expect(() => parseWechatXml('<C></C><![CDATA[<xml>')).toThrow(XmlError);
  });

  it('gives fields or an XmlError for any input, never another error', () => {
    const tags = fc.constantFrom('<xml>', '</xml>', '<C>', '</C>', '<![CDATA[', ']]>', '<!DOCTYPE', '&', '<', '>', 'x', '"');
    const input = fc.oneof(fc.string(), fc.array(tags).map((t) => t.join('')));
    fc.assert(
      fc.property(input, (raw) => {
        try {
          return typeof parseWechatXml(raw) === 'object';
        } catch (err) {
          return err instanceof XmlError;
        }
      }),
    );
  });

  // The hand reader of WeChat's flat shape (flatFields) must read exactly as fast-xml-parser does.
  it('reads the flat WeChat shape as the general parser does, whitespace, CDATA runs and oddities included', () => {
    const space = fc.constantFrom('', ' ', '\n', '\r\n', '\t', 'x');
    const name = fc.constantFrom('ToUserName', 'Content', 'MsgId', 'A', '_b', 'c1', 'constructor', 'a-b');
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom('', '1348831860', 'a>b', 'a]]>b', 'x&amp;y', '<C>1</C>', '中文'),
      fc.array(fc.string(), { minLength: 1, maxLength: 3 }).map((parts) => parts.map((p) => `<![CDATA[${p}]]>`).join('')),
      fc.string().map(cdata),
    );
    const field = fc.tuple(space, name, value).map(([s, n, v]) => `${s}<${n}>${v}</${n}>`);
    const doc = fc.tuple(space, fc.array(field, { maxLength: 6 }), space, fc.constantFrom('', '\n', '<!-- c -->')).map(([a, fields, b, tail]) => `${a}<xml>${fields.join('')}${b}</xml>${tail}`);
    const outcome = (read: () => Record<string, string>) => {
      try {
        return read();
      } catch (err) {
        return err instanceof XmlError ? 'XmlError' : err;
      }
    };
    fc.assert(fc.property(doc, (raw) => expect(outcome(() => parseWechatXml(raw))).toEqual(outcome(() => parseGeneral(raw)))), { numRuns: 2000 });
  });
});
