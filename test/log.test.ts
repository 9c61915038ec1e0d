import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, pseudonym, redactText, untrusted } from '../src/log';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { log: createLogger('debug', sink as never), text: () => lines.join('') };
}

describe('log redaction', () => {
  it('masks phone numbers, ID numbers, e-mail addresses and tokens in text', () => {
    expect(redactText('我的手机13812345678，身份证110105199001011234')).toBe('我的手机138****5678，身份证110105********1234');
    expect(redactText('mail me: player.one@example.com')).toBe('mail me: p***@example.com');
    expect(redactText('/cgi-bin/token?access_token=abc123&x=1')).toBe('/cgi-bin/token?access_token=***&x=1');
    expect(redactText('订单号 4200001234567890123')).toBe('订单号 4200001234567890123');
  });

  it('masks QQ numbers of every length in text, and keeps vendors error codes', () => {
    for (const qq of ['10001', '123456', '87654321', '3889012345', '123456789012']) {
      expect(redactText(`send_private_msg to ${qq} failed`)).not.toContain(qq);
    }
    expect(redactText('WeChat errcode 45015, QQ code: 304003')).toBe('WeChat errcode 45015, QQ code: 304003');
  });

  it('gives a player id a pseudonym that is stable within a run and does not hold the id', () => {
    expect(pseudonym('12345')).toBe(pseudonym(12345));
    expect(pseudonym('12345')).toMatch(/^p_[0-9a-f]{10}$/);
    expect(pseudonym('12345')).not.toBe(pseudonym('12346'));
    expect(pseudonym(pseudonym('oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'))).toBe(pseudonym('oUpF8uMuAJO_M2pxb1Q9zNjWeS6o'));
  });

  it('logs a value copied from a request by its shape unless it is a short plain word', () => {
    expect(untrusted('notice')).toBe('notice');
    expect(untrusted('a'.repeat(40))).toBe('<string, 40 chars>');
    expect(untrusted('我的QQ是12345')).toBe('<string, 10 chars>');
    expect(untrusted({ user_id: 12345 })).toBe('<object>');
    expect(untrusted([1, 2])).toBe('<array of 2>');
  });

  it('never writes player data to the log stream, whatever the key, nesting or message', () => {
    const { log, text } = capture();
    log.info({ text: '电话 13912345678', userId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', password: 'hunter2' }, 'handled');
    log.info({ userId: '1234567' }, 'short QQ number as a string');
    log.info({ user_id: 7654321, to: { userId: '24681357', nickname: '小明同学' } }, 'nested address');
    log.warn({ err: new Error('user 13572468 is not a friend') }, 'send failed');
    log.warn({}, 'QQ bot offline while answering 11223344');
    log.error('plain message about 99887766');
    const line = text();
    for (const secret of ['13912345678', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', 'hunter2', '1234567', '7654321', '24681357', '小明同学', '13572468', '11223344', '99887766']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('139****5678');
    expect(line).toContain(pseudonym('1234567'));
  });

  it('writes *** for credentials at any depth, and plain words as they are', () => {
    const { log, text } = capture();
    log.info({ token: 'tok-abcdef', config: { secret: 'shh-123', nested: { password: 'pw-xyz' } }, req: { headers: { authorization: 'Bearer qwerty', cookie: 'sid=zzz' } } }, 'with secrets');
    log.info({ channel: 'wechat-mp', decision: 'answer', entry: 'account.password-reset' }, 'message handled');
    const line = text();
    for (const secret of ['tok-abcdef', 'shh-123', 'pw-xyz', 'qwerty', 'sid=zzz']) expect(line).not.toContain(secret);
    expect(line.match(/\*\*\*/g)).toHaveLength(5);
    expect(line).toContain('"channel":"wechat-mp","decision":"answer","entry":"account.password-reset"');
  });
});

describe('the default destination (stdout, written asynchronously)', () => {
  it('loses no line when the process exits right after logging', () => {
    // 20,000 lines and an immediate exit: far more than one asynchronous write takes, so whatever is still
    // buffered at exit must be flushed then.
    const script = `const log = require('./src/log').createLogger('info'); for (let i = 0; i < 20000; i++) log.info({ i }, 'line'); process.exit(0);`;
    const run = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: resolve(__dirname, '..'), encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(20000);
    expect(JSON.parse(lines.at(-1)!).i).toBe(19999);
  });
});
