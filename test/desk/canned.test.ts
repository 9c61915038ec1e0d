import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cannedLibrary, loadCanned, renderCanned } from '../../src/desk/canned';
import { SAMPLE_FAQ, tempDir } from '../helpers/kefu';

const values = { nickname: '小明', ticketId: 42, agent: '小王', gameUid: '10086', server: 'S1', vipLevel: 0 };

describe('canned replies (faq/canned.yaml)', () => {
  it('loads the sample file and fills placeholders in the player language', () => {
    const canned = loadCanned(SAMPLE_FAQ);
    const greet = canned.find((c) => c.id === 'greet')!;
    expect(renderCanned(greet, 'zh', values)).toBe('您好 小明，我是客服小王，很高兴为您服务！请问有什么可以帮您？');
    expect(renderCanned(greet, 'en', values)).toBe('Hi 小明, this is 小王 from support. How can I help?');
  });

  it('reports a broken entry with file and line, and keeps serving the last good list', () => {
    const dir = tempDir();
    const file = join(dir, 'canned.yaml');
    writeFileSync(file, '- id: ok\n  title: 好\n  text: 好的\n');
    const errors: string[] = [];
    const library = cannedLibrary(dir, (m) => errors.push(m));
    expect(library.search('好').map((c) => c.id)).toEqual(['ok']);
    writeFileSync(file, '- id: ok\n  title: 好\n  text: 好的\n- id: Bad Id\n  title: 坏\n');
    const later = Date.now() / 1000 + 5;
    utimesSync(file, later, later);
    expect(() => loadCanned(dir)).toThrow(`${file}:4: id: id must be [a-z0-9._-]+; text:`);
    expect(library.all().map((c) => c.id)).toEqual(['ok']);
    expect(errors).toHaveLength(1);
  });
});
