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
  return flatFields(raw) ?? parseGeneral(raw);
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const SPACE = /[ \t\n]*/y;
const TEXT = /[^<&]*/y;

/**
 * The shape WeChat actually sends — `<xml>`, then `<Name>` with plain text or CDATA sections and `</Name>`,
 * nothing else — read by hand: validating and parsing it with fast-xml-parser was most of the XML cost of a
 * webhook request. Anything else (attributes, entities, nesting, repeats, comments, a declaration) gives
 * undefined and goes to parseGeneral; for what it accepts the result is what parseGeneral gives (a test
 * compares the two on generated inputs), including the whitespace between elements as `#text`.
 */
function flatFields(raw: string): Record<string, string> | undefined {
  if (raw.includes('\r')) return undefined; // line ends normalised by fast-xml-parser: left to it
  let at = skip(raw, SPACE, 0);
  if (!raw.startsWith('<xml>', at)) return undefined;
  at += 5;
  const fields: Record<string, string> = {};
  let between = '';
  for (;;) {
    const gap = skip(raw, SPACE, at);
    between += raw.slice(at, gap);
    at = gap;
    if (raw.startsWith('</xml>', at)) break;
    if (raw[at] !== '<') return undefined;
    NAME.lastIndex = at + 1;
    const name = NAME.exec(raw)?.[0];
    if (!name || raw[at + 1 + name.length] !== '>' || name in fields) return undefined;
    at += name.length + 2;
    let value = '';
    if (raw.startsWith('<![CDATA[', at)) {
      while (raw.startsWith('<![CDATA[', at)) {
        const end = raw.indexOf(']]>', at + 9);
        if (end < 0) return undefined;
        value += raw.slice(at + 9, end);
        at = end + 3;
      }
    } else {
      const end = skip(raw, TEXT, at);
      value = raw.slice(at, end);
      at = end;
    }
    const close = `</${name}>`;
    if (!raw.startsWith(close, at)) return undefined;
    at += close.length;
    fields[name] = value;
  }
  // An <xml> without elements is refused by parseGeneral (no fields object): left to it.
  if (skip(raw, SPACE, at + 6) !== raw.length || !Object.keys(fields).length) return undefined;
  if (between) fields['#text'] = between;
  return fields;
}

/** Where a sticky expression's match at `at` ends. */
function skip(raw: string, re: RegExp, at: number): number {
  re.lastIndex = at;
  re.exec(raw);
  return re.lastIndex;
}

/**
 * Any other input: refused with XmlError unless well-formed, then fast-xml-parser's reading (exported for the
 * test that holds flatFields to it).
 */
export function parseGeneral(raw: string): Record<string, string> {
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
