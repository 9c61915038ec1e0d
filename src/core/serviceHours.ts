/** Daily service hours in one time zone, as minutes after local midnight; `close < open` spans midnight. */
export interface ServiceHours {
  open: number;
  close: number;
  timeZone: string;
  /** As written in KEFU_SERVICE_HOURS, for the player's message. */
  text: string;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** `09:00-22:00` in `Asia/Shanghai`; the format is validated by config. */
export function parseServiceHours(spec: string, timeZone: string): ServiceHours {
  const [from, to] = spec.split('-');
  return { open: toMinutes(from), close: toMinutes(to), timeZone, text: spec };
}

/** Minutes after local midnight at `at` in the zone. */
function minuteOfDay(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

export function isOpen(hours: ServiceHours | undefined, at: number): boolean {
  if (!hours || hours.open === hours.close) return true;
  const m = minuteOfDay(at, hours.timeZone);
  return hours.open < hours.close ? m >= hours.open && m < hours.close : m >= hours.open || m < hours.close;
}

/** When people are next at their desks: `at` itself when open now. */
export function nextOpening(hours: ServiceHours | undefined, at: number): number {
  if (isOpen(hours, at)) return at;
  const m = minuteOfDay(at, hours!.timeZone);
  const wait = (hours!.open - m + 1440) % 1440;
  return at - (at % 60_000) + wait * 60_000;
}

/** `HH:MM` in the zone, for messages ("客服将于 09:00 上线"). */
export function clockTime(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}
