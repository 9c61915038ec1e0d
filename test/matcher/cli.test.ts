import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFaq } from '../helpers/faqFiles';
import { SAMPLE_FAQ, tempDir } from '../helpers/kefu';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const kefu = (...args: string[]) => run(process.execPath, ['-r', 'tsx/cjs', 'src/cli.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, KEFU_DATA_DIR: tempDir() } });

// Each test starts the CLI in a child process that compiles, builds the matcher and fine-tunes it (4–12 s on
// a quiet 2-core machine); on a loaded one two of them passed 30 s, so the file has room of its own.
jest.setTimeout(120_000);

describe('kefu faq', () => {
  it('check passes the sample FAQ', async () => {
    const { stdout } = await kefu('faq', 'check', '--faq', SAMPLE_FAQ);
    expect(stdout).toMatch(/^OK: \d+ entries, \d+ synonym groups/);
  });

  it('check exits 1 with file:line: problem for each problem', async () => {
    const dir = writeFaq({ 'zz.yaml': '- id: game.gift-code\n  questions: [礼包]\n  answer: x\n- id: y\n  questions: [y]\n  action: dance\n' });
    writeFileSync(join(dir, 'tests.jsonl'), '{"text": "a", "expect": "nope"}\n');
    const failed = await kefu('faq', 'check', '--faq', dir).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/zz\.yaml:1: duplicate id "game.gift-code"/),
      expect.stringMatching(/zz\.yaml:6: unknown action "dance"/),
      expect.stringMatching(/tests\.jsonl:1: unknown entry id "nope"/), // reported too, not hidden behind the others
    ]);
  });

  it('check validates every file the server loads and reports all problems at once, each at its line', async () => {
    const dir = writeFaq({
      'zz.yaml': '- id: payment.refund\n  questions: [退钱]\n  action: dance\n',
      'phrases.yaml': 'dontKnow:\n  zh: 不知道\n\nqueud:\n  zh: 排队中\n',
      'canned.yaml': '- id: greet\n  title: 问候\n  text: 您好\n- id: greet\n  title: 再问候\n  text: 您好呀\n',
      'menu.yaml': 'FAQ_PASSWORD:\n  entry: account.password-reset\nFAQ_GONE:\n  entry: account.nothing\n',
      'welcome.yaml': 'txt: 欢迎\n',
    });
    const failed = await kefu('faq', 'check', '--faq', dir).catch((e) => e);
    expect(failed.code).toBe(1);
    const lines = failed.stdout.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/zz\.yaml:1: duplicate id "payment.refund" \(first at .*entries\.yaml:\d+\)/),
      expect.stringMatching(/zz\.yaml:3: unknown action "dance"/),
      expect.stringMatching(/phrases\.yaml:4: unknown phrase "queud"/),
      expect.stringMatching(/canned\.yaml:4: duplicate id "greet" \(first at line 1\)/),
      expect.stringMatching(/menu\.yaml:4: "FAQ_GONE": no FAQ entry "account.nothing"/),
      expect.stringMatching(/welcome\.yaml:1: expected "text: <welcome message>"/),
    ]));
    expect(lines).toHaveLength(6);
  });

  it('check warns, without failing, about entries that have no English answer', async () => {
    const { stdout, stderr } = await kefu('faq', 'check', '--faq', writeFaq());
    expect(stdout).toMatch(/^OK:/);
    expect(stderr).toMatch(/^warning: .*entries\.yaml:9: "payment\.refund" has no answer_en/m);
    const sample = await kefu('faq', 'check', '--faq', SAMPLE_FAQ);
    expect(sample.stderr).not.toMatch(/answer_en/);
  });

  it('check names an unknown entry id in tests.jsonl by its line', async () => {
    const dir = writeFaq();
    writeFileSync(join(dir, 'tests.jsonl'), '{"text": "忘记密码", "expect": "account.password-reset"}\n{"text": "a", "expect": "nope"}\n');
    const failed = await kefu('faq', 'check', '--faq', dir).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/tests\.jsonl:2: unknown entry id "nope"/);
  });

  it('try shows the decision, the candidates with scores and the matched terms', async () => {
    const { stdout } = await kefu('faq', 'try', '密碼忘了怎麼辦', '--faq', writeFaq(), '--json');
    const shown = JSON.parse(stdout);
    expect(shown.normalized).toBe('密码忘记怎么办'); // 忘了 → 忘记 by the built-in synonyms
    expect(shown.decision).toMatch(/^answer account\.password-reset/);
    expect(shown.candidates[0]).toMatchObject({ id: 'account.password-reset', matched: expect.arrayContaining(['密码']) });
  });

  it('try says what being about another topic took off the best score, and only then', async () => {
    const starsea = join(ROOT, 'test/fixtures/blind/starsea');
    const { stdout } = await kefu('faq', 'try', '世界boss刷新时间', '--faq', starsea);
    expect(stdout).toMatch(/decision: {3}(clarify: 1\. daily\.reset|none \(best daily\.reset)/);
    expect(stdout).toMatch(/off topic: {2}−0\.\d{3} from the best one's score before answering/);
    const onTopic = JSON.parse((await kefu('faq', 'try', '日常任务几点重置', '--faq', starsea, '--json')).stdout);
    expect(onTopic.decision).toMatch(/^answer daily\.reset/);
    expect(onTopic.off_topic).toBeUndefined();
  });

  it('eval --json prints one object with the fields of DESIGN §5 and nothing else', async () => {
    const dir = writeFaq();
    const tests = join(dir, 'set.jsonl');
    writeFileSync(tests, ['{"text":"密码忘了","expect":"account.password-reset"}', '{"text":"今天天气如何","expect":null,"kind":"oos"}', '{"text":"转人工","expect":"intent.handoff"}'].join('\n'));
    const { stdout } = await kefu('faq', 'eval', '--faq', dir, '--tests', tests, '--json');
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      total: 3,
      in_scope: { n: 2, accuracy: 1, clarified: 0, wrong: 0 },
      out_of_scope: { n: 1, recall: 1, precision: 1 },
      overall_accuracy: 1,
      wrong_answer_rate: 0,
      top1: 1,
    });
    for (const k of ['queries_per_s', 'p50_ms', 'p99_ms']) expect(typeof report[k]).toBe('number');
    expect(report.thresholds).toHaveProperty('answerThreshold');
  });

  it('eval still measures a FAQ with a question under two entries or an unknown field, warning on stderr; check still fails it', async () => {
    const dir = writeFaq({ 'zz.yaml': '- id: account.forgot\n  questions: [忘记密码怎么办, 密码想不起来]\n  answer: x\n  category: account\n' });
    const tests = join(dir, 'set.jsonl');
    writeFileSync(tests, '{"text":"今天天气如何","expect":null}\n');
    const { stdout, stderr } = await kefu('faq', 'eval', '--faq', dir, '--tests', tests, '--json');
    expect(JSON.parse(stdout)).toMatchObject({ total: 1, out_of_scope: { n: 1, recall: 1 } });
    expect(stderr).toMatch(/^warning: .*zz\.yaml:1: question "忘记密码怎么办" is also under "account\.password-reset"/m);
    expect(stderr).toMatch(/^warning: .*zz\.yaml:4: unknown field "category"/m);
    const failed = await kefu('faq', 'check', '--faq', dir).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/zz\.yaml:1: question "忘记密码怎么办" is also under/);
  });

  it('eval --calibrate chooses thresholds on a dev set and prints them for matcher.yaml', async () => {
    const dir = writeFaq();
    const dev = join(dir, 'dev.jsonl');
    writeFileSync(dev, ['{"text":"密码丢了","expect":"account.password-reset"}', '{"text":"随便聊聊","expect":null}', '{"text":"钻石没到账","expect":"payment.not-received"}'].join('\n'));
    const { stdout } = await kefu('faq', 'eval', '--faq', dir, '--tests', dev, '--calibrate', dev);
    expect(stdout).toMatch(/put in .*matcher\.yaml:\nanswerThreshold: [\d.]+\nclarifyThreshold: [\d.]+\nmargin: [\d.]+/);
    expect(stdout).toMatch(/overall accuracy 100\.0%/);
  });
});
