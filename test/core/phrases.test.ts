import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PHRASES, fill, loadPhrases } from '../../src/core/phrases';
import { tempDir } from '../helpers/tmp';

describe('system phrases', () => {
  it("lay the operator's phrases.yaml over the defaults", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'phrases.yaml'), 'clarify:\n  zh: 您是想问哪一个？\n');
    const phrases = loadPhrases(dir);
    expect(phrases.clarify).toEqual({ zh: '您是想问哪一个？', en: DEFAULT_PHRASES.clarify.en });
  });

  it.each(['nosuch', 'constructor', 'toString'])('refuse an unknown phrase "%s", naming the file and line', (key) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'phrases.yaml'), `${key}:\n  zh: x\n`);
    expect(() => loadPhrases(dir)).toThrow(`phrases.yaml:1: unknown phrase "${key}"`);
    expect((Object as unknown as { zh?: string }).zh).toBeUndefined();
  });

  it('fill only their own placeholders, leaving others as written', () => {
    expect(fill('工单 #{ticketId}，{constructor}{toString}', { ticketId: 7 })).toBe('工单 #7，{constructor}{toString}');
  });
});
