// Golden fixtures: each captured-style push and the InboundMessage it must become (protocols.md §1.2).
import { mpEvent, parseMpMessage } from '../../../adapters/wechat-mp/parse';
import { parseWechatXml } from '../../../adapters/wechat-common/xml';
import pushes from '../../fixtures/wechat-mp/pushes.json';

describe('parseMpMessage', () => {
  it.each(pushes.map((p) => [p.name, p] as const))('parses %s', (_name, p) => {
    const fields = parseWechatXml(p.xml);
    const parsed = parseMpMessage(fields, 1);
    if (p.expect === null) return expect(parsed).toBeNull();
    expect(parsed).toEqual({ ...p.expect, receivedAt: 1, raw: fields });
  });

  it('reads the event and its key', () => {
    const click = pushes.find((p) => p.name === 'menu CLICK event')!;
    expect(mpEvent(parseWechatXml(click.xml))).toEqual({ event: 'CLICK', key: 'FAQ_PASSWORD' });
    expect(mpEvent(parseWechatXml(pushes[0].xml))).toBeNull();
  });
});
