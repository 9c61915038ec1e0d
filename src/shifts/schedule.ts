import { dayOf, dayStart } from '../reports/day';

/** One shift of the rota, as minutes after local midnight; `end` may be 1440 (24:00), `end < start` spans midnight. */
export interface Shift {
  name: string;
  start: number;
  end: number;
}

/** 三班倒: the support floor's default rota (Asia/Shanghai unless KEFU_TIMEZONE says otherwise). */
export const DEFAULT_SHIFTS = '早=08:00-16:00,中=16:00-24:00,晚=00:00-08:00';

const ITEM = /^([^=,]+)=([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

/** `早=08:00-16:00,中=16:00-24:00,…` → shifts; throws a message naming the bad part. */
export function parseShifts(spec: string): Shift[] {
  const shifts = spec.split(',').map((raw) => {
    const m = ITEM.exec(raw.trim());
    if (!m) throw new Error(`"${raw.trim()}" is not NAME=HH:MM-HH:MM`);
    const start = Number(m[2]) * 60 + Number(m[3]);
    const end = Number(m[4]) * 60 + Number(m[5]);
    if (start === end || start >= 1440) throw new Error(`"${raw.trim()}" has no length`);
    return { name: m[1].trim(), start, end };
  });
  const names = new Set(shifts.map((s) => s.name));
  if (names.size !== shifts.length) throw new Error('shift names must differ');
  return shifts;
}

const covers = (s: Shift, minute: number) => (s.start < s.end ? minute >= s.start && minute < s.end : minute >= s.start || minute < s.end);

/** The shift on duty at `at`, with its start and end instants; undefined in a gap of the rota. */
export function shiftAt(shifts: Shift[], at: number, timeZone: string): { name: string; startsAt: number; endsAt: number } | undefined {
  const midnight = dayStart(dayOf(at, timeZone), timeZone);
  const minute = Math.floor((at - midnight) / 60_000);
  const shift = shifts.find((s) => covers(s, minute));
  if (!shift) return undefined;
  // A shift that spans midnight and is in its early-morning part started yesterday.
  const startDay = shift.start > shift.end && minute < shift.end ? midnight - 86_400_000 : midnight;
  const startsAt = startDay + shift.start * 60_000;
  const length = ((shift.end - shift.start + 1440) % 1440 || 1440) * 60_000;
  return { name: shift.name, startsAt, endsAt: startsAt + length };
}

/** The shift that ended exactly when `current` began (the one handing over), if the rota has one. */
export function shiftBefore(shifts: Shift[], current: { startsAt: number }, timeZone: string) {
  const prev = shiftAt(shifts, current.startsAt - 1, timeZone);
  return prev && prev.endsAt === current.startsAt ? prev : undefined;
}
