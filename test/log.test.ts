import { Writable } from 'node:stream';
import { createLogger, redactText, shortId } from '../src/log';

describe('log redaction', () => {
  it('masks phone numbers, ID numbers, e-mail addresses and tokens in text', () => {
    expect(redactText('我的手机13812345678，身份证110105199001011234')).toBe('我的手机138****5678，身份证110105********1234');
    expect(redactText('mail me: player.one@example.com')).toBe('mail me: p***@example.com');
    expect(redactText('/cgi-bin/token?access_token=abc123&x=1')).toBe('/cgi-bin/token?access_token=***&x=1');
    expect(redactText('订单号 4200001234567890123')).toBe('订单号 4200001234567890123');
  });

  it('shortens openids', () => {
    expect(shortId('oUpF8uMuAJO_M2pxb1Q9zNjWeS6o')).toBe('oUpF…eS6o');
  });

  it('never writes player data to the log stream', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const log = createLogger('info', sink as never);
    log.info({ text: '电话 13912345678', userId: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', password: 'hunter2' }, 'handled');
    const line = lines.join('');
    expect(line).not.toContain('13912345678');
    expect(line).not.toContain('oUpF8uMuAJO_M2pxb1Q9zNjWeS6o');
    expect(line).not.toContain('hunter2');
    expect(line).toContain('139****5678');
  });
});
