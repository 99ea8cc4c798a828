/**
 * Wall-clock fields of an instant in a time zone, through Intl, so that the host's own zone
 * never leaks into a fake (Sheets' serial dates, Utilities.formatDate).
 */
export type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number };

export function wallClock(date: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date.getTime());
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const millisecond = ((date.getTime() % 1000) + 1000) % 1000;
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second'), millisecond };
}

/** The wall clock of `date` in `timeZone`, read as if it were UTC: its offset added. */
export function wallClockUtcMs(date: Date, timeZone: string): number {
  const w = wallClock(date, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) + w.millisecond;
}
