import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * WeChat's flat `<xml>` documents. Every value stays a string (MsgId > 2^53, protocols.md §1.2), entities
 * are never expanded and a DOCTYPE is refused outright, so entity bombs and external entities go nowhere.
 */
export class XmlError extends Error {}

const parser = new XMLParser({
  parseTagValue: false,
  processEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: false,
});

/** The top-level string fields of `<xml>…</xml>`; nested or repeated elements are left out. */
export function parseWechatXml(raw: string): Record<string, string> {
  if (/<!DOCTYPE|<!ENTITY/i.test(raw)) throw new XmlError('DOCTYPE and entities are not accepted');
  const valid = XMLValidator.validate(raw);
  if (valid !== true) throw new XmlError(`malformed XML: ${valid.err.msg}`);
  let doc: { xml?: unknown };
  try {
    doc = parser.parse(raw) as { xml?: unknown };
  } catch (err) {
    // The validator passes some inputs the parser then refuses (an unclosed CDATA after a root element).
    throw new XmlError(`malformed XML: ${(err as Error).message}`, { cause: err });
  }
  if (!doc.xml || typeof doc.xml !== 'object') throw new XmlError('root element <xml> missing');
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(doc.xml)) if (typeof value === 'string') fields[name] = value;
  return fields;
}

/** A CDATA section; `]]>` inside the text is split across two sections (§1.3). */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** `<xml>` from fields in order: strings in CDATA, numbers bare (§1.2). */
export function buildWechatXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === 'number' ? value : cdata(value)}</${name}>`)
    .join('');
  return `<xml>${body}</xml>`;
}
