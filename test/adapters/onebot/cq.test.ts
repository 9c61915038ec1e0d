// CQ codes (protocols.md §3.4): escaping both ways, parsing, and round trips over any input.
import fc from 'fast-check';
import { escapeCqParam, escapeCqText, parseCq, toCq, unescapeCq, type Segment } from '../../../adapters/onebot/cq';

describe('CQ codes', () => {
  it('escapes & first, then [ and ]; parameters also escape commas', () => {
    expect(escapeCqText('a&b[c]d,e')).toBe('a&amp;b&#91;c&#93;d,e');
    expect(escapeCqParam('a&b[c]d,e')).toBe('a&amp;b&#91;c&#93;d&#44;e');
  });

  it('unescapes &amp; last, so an escaped entity stays an entity', () => {
    expect(unescapeCq('&amp;#91;')).toBe('&#91;');
    expect(unescapeCq('&#91;x&#93;&#44;&amp;')).toBe('[x],&');
  });

  it('parses codes and text, the first = separating key and value', () => {
    expect(parseCq('[CQ:reply,id=12][CQ:at,qq=10001000] hi &#91;1&#93; [CQ:image,file=a=b.png,url=https://x/?a=1&#44;2]')).toEqual([
      { type: 'reply', data: { id: '12' } },
      { type: 'at', data: { qq: '10001000' } },
      { type: 'text', data: { text: ' hi [1] ' } },
      { type: 'image', data: { file: 'a=b.png', url: 'https://x/?a=1,2' } },
    ]);
  });

  it('keeps a code that never closes as text', () => {
    expect(parseCq('a [CQ:at,qq=1')).toEqual([{ type: 'text', data: { text: 'a [CQ:at,qq=1' } }]);
  });

  it('round-trips any text through escaping', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => unescapeCq(escapeCqText(s)) === s && unescapeCq(escapeCqParam(s)) === s));
  });

  it('round-trips any text through toCq and parseCq', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const back = parseCq(toCq([{ type: 'text', data: { text: s } }]));
        return s === '' ? back.length === 0 : back.length === 1 && back[0].data.text === s;
      }),
    );
  });

  it('round-trips any segments through toCq and parseCq', () => {
    const name = fc.stringMatching(/^[a-z_]{1,8}$/).filter((n) => n !== 'text');
    const code = fc.record({ type: name, data: fc.dictionary(name, fc.string({ unit: 'grapheme' }), { maxKeys: 3 }) });
    const text = fc.string({ unit: 'grapheme', minLength: 1 }).map((t): Segment => ({ type: 'text', data: { text: t } }));
    fc.assert(
      fc.property(fc.array(fc.oneof(code, text), { maxLength: 6 }), (segments) => {
        // Adjacent texts are one text once written out.
        const merged: Segment[] = [];
        for (const s of segments) {
          const last = merged.at(-1);
          if (s.type === 'text' && last?.type === 'text') last.data = { text: last.data.text + s.data.text };
          else merged.push({ type: s.type, data: { ...s.data } });
        }
        expect(parseCq(toCq(segments))).toEqual(merged);
      }),
    );
  });
});
