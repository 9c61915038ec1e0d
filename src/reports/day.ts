/** Calendar days in the service time zone (KEFU_TIMEZONE): what "today" and "2026-12-02" mean to reports. */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds the zone's wall clock is ahead of UTC at `at`. */
function offsetMs(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function dayOf(at: number, timeZone: string): string {
  return new Date(at + offsetMs(at, timeZone)).toISOString().slice(0, 10);
}

export function isDay(text: string): boolean {
  return DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** Local midnight of the day in the zone, as ms since epoch. */
export function dayStart(day: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Two passes settle the offset even on a day the zone changes its clocks.
  let start = utcMidnight - offsetMs(utcMidnight, timeZone);
  start = utcMidnight - offsetMs(start, timeZone);
  return start;
}

/** [start, end) of the day in the zone. */
export function dayRange(day: string, timeZone: string): { from: number; to: number } {
  return { from: dayStart(day, timeZone), to: dayStart(addDays(day, 1), timeZone) };
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
