import { DEFAULT_SHIFTS, parseShifts, shiftAt, shiftBefore } from '../../src/shifts/schedule';

const TZ = 'Asia/Shanghai';
const shanghai = (d: number, h: number, m = 0) => Date.UTC(2026, 10, d, h - 8, m);
const rota = parseShifts(DEFAULT_SHIFTS);

it('finds the shift on duty with its start and end, including 晚 after midnight', () => {
  expect(shiftAt(rota, shanghai(20, 9), TZ)).toEqual({ name: '早', startsAt: shanghai(20, 8), endsAt: shanghai(20, 16) });
  expect(shiftAt(rota, shanghai(20, 23, 59), TZ)).toEqual({ name: '中', startsAt: shanghai(20, 16), endsAt: shanghai(21, 0) });
  expect(shiftAt(rota, shanghai(21, 0), TZ)).toEqual({ name: '晚', startsAt: shanghai(21, 0), endsAt: shanghai(21, 8) });
});

it('knows which shift handed over, across midnight too', () => {
  expect(shiftBefore(rota, shiftAt(rota, shanghai(20, 16, 1), TZ)!, TZ)?.name).toBe('早');
  expect(shiftBefore(rota, shiftAt(rota, shanghai(21, 8), TZ)!, TZ)?.name).toBe('晚');
});

it('handles a shift that spans midnight and a gap in the rota', () => {
  const two = parseShifts('白=09:00-21:00,夜=21:00-03:00');
  expect(shiftAt(two, shanghai(21, 2), TZ)).toEqual({ name: '夜', startsAt: shanghai(20, 21), endsAt: shanghai(21, 3) });
  expect(shiftAt(two, shanghai(21, 5), TZ)).toBeUndefined();
  expect(shiftBefore(two, shiftAt(two, shanghai(21, 10), TZ)!, TZ)).toBeUndefined(); // 03:00-09:00 nobody
});

it('refuses a rota it cannot read, naming the part', () => {
  expect(() => parseShifts('早=08:00-16:00,中=1600-24:00')).toThrow('"中=1600-24:00" is not NAME=HH:MM-HH:MM');
  expect(() => parseShifts('早=08:00-08:00')).toThrow('has no length');
  expect(() => parseShifts('早=08:00-16:00,早=16:00-24:00')).toThrow('shift names must differ');
});
