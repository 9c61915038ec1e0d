import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checkFaq, FaqLoadError, formatProblem, loadFaq } from '../../src/faq/load';
import { SAMPLE_FAQ } from '../helpers/kefu';
import { writeFaq } from '../helpers/faqFiles';

/** The problems of a folder with one extra file, as `file:line: problem` with the temp folder cut off. */
function problemsWith(name: string, text: string): string[] {
  const dir = writeFaq({ [name]: text });
  return checkFaq(dir).map((p) => formatProblem(p).replace(`${basename(dir)}/`, ''));
}

describe('loading and checking FAQ files', () => {
  it('loads the sample FAQ with its entries, actions and synonyms', () => {
    const faq = loadFaq(SAMPLE_FAQ);
    expect(faq.entries.length).toBeGreaterThanOrEqual(35);
    expect(faq.entries.find((e) => e.id === 'account.password-reset')?.questions).toContain('忘记密码怎么办');
    const actions = new Set(faq.entries.map((e) => e.action));
    for (const a of ['answer', 'handoff', 'bug_report', 'complaint', 'greeting', 'thanks']) expect(actions).toContain(a);
    expect(faq.synonyms.length).toBeGreaterThanOrEqual(25);
    expect(checkFaq(SAMPLE_FAQ)).toEqual([]);
  });

  it('reports broken YAML with its line', () => {
    expect(problemsWith('bad.yaml', '- id: a\n  questions: [一, 二\n  answer: x\n')[0]).toMatch(/^bad\.yaml:\d+: YAML: /);
  });

  it('reports a duplicate id at the second one, naming the first', () => {
    expect(problemsWith('zz-dup.yaml', '- id: game.gift-code\n  questions: [礼包]\n  answer: x\n')).toEqual([
      expect.stringMatching(/^zz-dup\.yaml:1: duplicate id "game.gift-code" \(first at .*entries\.yaml:\d+\)$/),
    ]);
  });

  it('reports one question under two entries', () => {
    expect(problemsWith('q.yaml', '- id: other\n  questions: [其他问题, 忘记密码怎么办]\n  answer: x\n')).toEqual([
      expect.stringMatching(/^q\.yaml:1: question "忘记密码怎么办" is also under "account.password-reset"/),
    ]);
  });

  it('reports empty answers, unknown actions, bad ids, missing questions and unknown fields at their lines', () => {
    const text = [
      '- id: ok.one', '  questions: [一]', '  answer: ""',
      '- id: ok.two', '  questions: [二]', '  action: refund',
      '- id: Bad Id', '  questions: [三]', '  answer: x',
      '- id: ok.four', '  answer: x',
      '- id: ok.five', '  questions: [五]', '  answr: x',
    ].join('\n');
    expect(problemsWith('many.yaml', text)).toEqual([
      'many.yaml:3: answer is empty',
      'many.yaml:6: unknown action "refund" (expected answer | handoff | bug_report | complaint | greeting | thanks)',
      'many.yaml:7: id must match [a-z0-9._-]+, got "Bad Id"',
      'many.yaml:10: questions is required (a list of example phrasings)',
      'many.yaml:12: answer is required when action is answer',
      'many.yaml:14: unknown field "answr" (expected id, questions, answer, answer_en, action, keywords, tags)',
    ]);
  });

  it('reports a term that sits in two synonym groups', () => {
    const dir = writeFaq();
    writeFileSync(join(dir, 'synonyms.yaml'), '- [充值, 氪金]\n- [花钱, 氪金]\n');
    expect(checkFaq(dir).map(formatProblem)).toEqual([expect.stringMatching(/synonyms\.yaml:2: term "氪金" is already in the group at line 1$/)]);
  });

  it('compares synonym terms as the matcher sees them, across groups only', () => {
    const dir = writeFaq();
    writeFileSync(join(dir, 'synonyms.yaml'), '- [账号, 帳號, 帐号]\n- [外挂, hack]\n- [盗号, hacked]\n');
    expect(checkFaq(dir).map(formatProblem)).toEqual([expect.stringMatching(/synonyms\.yaml:3: term "hacked" \(as "hack"\) is already in the group at line 2$/)]);
  });

  it('throws FaqLoadError listing every problem, and loads nothing', () => {
    const dir = writeFaq({ 'x.yaml': '- id: x\n  questions: []\n  answer: y\n' });
    expect(() => loadFaq(dir)).toThrow(FaqLoadError);
    expect(() => loadFaq(dir)).toThrow(/x\.yaml:2: questions must hold at least one phrasing/);
  });
});
