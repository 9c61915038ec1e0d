// OneBot events into InboundMessages, against golden fixtures (test/fixtures/onebot/events.json).
import { parseEvent } from '../../../adapters/onebot/parse';
import fixtures from '../../fixtures/onebot/events.json';

const NOW = 1_700_000_000_000;

describe('OneBot parseEvent', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    const msg = parseEvent(f.event, NOW);
    if (f.expect === null) return expect(msg).toBeNull();
    expect(msg).toEqual({ channel: 'onebot', receivedAt: NOW, raw: f.event, ...f.expect });
  });

  it('never throws on arbitrary JSON', () => {
    for (const raw of [null, 1, 'x', [], { post_type: 'message', message: [null] }, { post_type: 'message', message: [{ type: 1 }] }]) {
      expect(parseEvent(raw, NOW)).toBeNull();
    }
  });

  it('reads segment types that are names of Object.prototype as plain unknown segments', () => {
    const raw = { post_type: 'message', message_type: 'private', self_id: 1, user_id: 2, message_id: 3, message: [{ type: 'constructor', data: {} }, { type: 'toString' }] };
    expect(parseEvent(raw, NOW)).toMatchObject({ kind: 'text', text: '' });
  });
});
