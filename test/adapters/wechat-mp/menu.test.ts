import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { menuQuestion } from '../../../adapters/wechat-mp/menu';
import { loadWelcome } from '../../../adapters/wechat-common/welcome';
import { tempDir } from '../../helpers/tmp';

function faqDir(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('welcome and menu files', () => {
  const dir = faqDir({
    'account.yaml': '- id: account.password-reset\n  questions: [忘记密码怎么办, 怎么找回密码]\n  answer: 重设。\n',
    'menu.yaml': 'FAQ_PASSWORD:\n  entry: account.password-reset\nCONTACT_HUMAN:\n  text: 转人工\nGONE:\n  entry: no.such-entry\n',
    'welcome.yaml': 'text: |\n  欢迎关注！\n',
  });

  it('turns a menu key into the question it stands for', () => {
    expect(menuQuestion(dir, 'FAQ_PASSWORD')).toBe('忘记密码怎么办');
    expect(menuQuestion(dir, 'CONTACT_HUMAN')).toBe('转人工');
    expect(menuQuestion(dir, 'GONE')).toBeUndefined();
    expect(menuQuestion(dir, 'UNKNOWN')).toBeUndefined();
  });

  it('reads the welcome text, and nothing when the file is absent', () => {
    expect(loadWelcome(dir)).toBe('欢迎关注！');
    expect(loadWelcome(faqDir({}))).toBeUndefined();
  });

  it('names the file when it is broken', () => {
    const broken = faqDir({ 'menu.yaml': 'KEY: just a string\n', 'welcome.yaml': 'hello: 1\n' });
    expect(() => menuQuestion(broken, 'KEY')).toThrow(/menu\.yaml/);
    expect(() => loadWelcome(broken)).toThrow(/welcome\.yaml/);
  });
});
