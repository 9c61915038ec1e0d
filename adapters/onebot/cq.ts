/** One piece of a OneBot message: `{type:"text", data:{text}}`, `{type:"at", data:{qq}}`… (protocols.md §3.1). */
export interface Segment {
  type: string;
  data: Record<string, string>;
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '[': '&#91;', ']': '&#93;' };
const PARAM_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, ',': '&#44;' };
const UNESCAPES: Record<string, string> = { '&amp;': '&', '&#91;': '[', '&#93;': ']', '&#44;': ',' };

// §3.4: one pass over the string does what "escape & first, unescape &amp; last" asks for.
export const escapeCqText = (s: string) => s.replace(/[&[\]]/g, (c) => TEXT_ESCAPES[c]);
export const escapeCqParam = (s: string) => s.replace(/[&[\],]/g, (c) => PARAM_ESCAPES[c]);
export const unescapeCq = (s: string) => s.replace(/&(?:amp|#91|#93|#44);/g, (e) => UNESCAPES[e]);

/**
 * A CQ string as segments (§3.4): the name runs from `[CQ:` to the first `,` or `]`, parameters split on `,`,
 * the first `=` separates key and value. A code that never closes is kept as text, so bad input cannot throw.
 */
export function parseCq(message: string): Segment[] {
  const segments: Segment[] = [];
  const text = (t: string) => {
    if (!t) return;
    const last = segments.at(-1);
    if (last?.type === 'text') last.data.text += t;
    else segments.push({ type: 'text', data: { text: t } });
  };
  let at = 0;
  while (at < message.length) {
    const open = message.indexOf('[CQ:', at);
    const close = open < 0 ? -1 : message.indexOf(']', open);
    if (close < 0) {
      text(unescapeCq(message.slice(at)));
      break;
    }
    text(unescapeCq(message.slice(at, open)));
    const [type, ...params] = message.slice(open + 4, close).split(',');
    const data: Record<string, string> = {};
    for (const p of params) {
      const eq = p.indexOf('=');
      if (eq > 0) data[p.slice(0, eq)] = unescapeCq(p.slice(eq + 1));
    }
    segments.push({ type, data });
    at = close + 1;
  }
  return segments;
}

/** Segments as a CQ string, escaped so that parseCq gives them back. */
export function toCq(segments: Segment[]): string {
  return segments
    .map((s) => {
      if (s.type === 'text') return escapeCqText(s.data.text ?? '');
      const params = Object.entries(s.data).map(([k, v]) => `,${k}=${escapeCqParam(v)}`);
      return `[CQ:${s.type}${params.join('')}]`;
    })
    .join('');
}
