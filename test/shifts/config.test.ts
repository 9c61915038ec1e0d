import { loadConfig } from '../../src/config';

it('reads the supervisor settings with the 三班倒 rota by default and names a wrong value', () => {
  expect(loadConfig({}).supervisor).toMatchObject({
    timeZone: 'Asia/Shanghai',
    shifts: [
      { name: '早', start: 480, end: 960 },
      { name: '中', start: 960, end: 1440 },
      { name: '晚', start: 0, end: 480 },
    ],
    reportAt: { hour: 0, minute: 5 },
    spotCheckSize: 2,
    presenceTimeoutMs: 90_000,
  });
  expect(() => loadConfig({ KEFU_SHIFTS: '早=8-16' })).toThrow(/^KEFU_SHIFTS: must be NAME=HH:MM-HH:MM/);
  expect(() => loadConfig({ KEFU_REPORT_TIME: '24:00' })).toThrow(/^KEFU_REPORT_TIME: must be HH:MM/);
  expect(() => loadConfig({ KEFU_REPORT_WEBHOOK: 'ftp://x' })).toThrow(/^KEFU_REPORT_WEBHOOK: must be an http/);
});
