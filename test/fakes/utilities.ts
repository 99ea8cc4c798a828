import { wallClock, type WallClock } from './zones';
/**
 * Utilities.formatDate as Apps Script has it: java.text.SimpleDateFormat patterns, a time
 * zone id, read through Intl so that the host's own zone never leaks in. The subset the
 * project uses; any other pattern letter throws, so that a test cannot pass on a guess.
 */
type Fields = WallClock;
const fieldsIn = wallClock;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function formatDate(date: Date, timeZone: string, pattern: string): string {
  if (Number.isNaN(date.getTime())) throw new Error('Utilities.formatDate: invalid Date');
  const f = fieldsIn(date, timeZone);
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === -1) throw new Error(`Utilities.formatDate: unterminated quote in ${pattern}`);
      out += end === i + 1 ? "'" : pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    switch (ch) {
      case 'y':
        out += n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        break;
      case 'M':
        out += pad(f.month, n);
        break;
      case 'd':
        out += pad(f.day, n);
        break;
      case 'H':
        out += pad(f.hour, n);
        break;
      case 'm':
        out += pad(f.minute, n);
        break;
      case 's':
        out += pad(f.second, n);
        break;
      case 'S':
        out += pad(f.millisecond, n);
        break;
      default:
        throw new Error(`Utilities.formatDate: pattern letter ${ch} is not supported by the fake`);
    }
  }
  return out;
}

/** The fake `Utilities` global; `calls` counts formatDate calls (a cost measured on purpose). */
export function createUtilities(): { formatDate: typeof formatDate; calls: { formatDate: number } } {
  const calls = { formatDate: 0 };
  return {
    calls,
    formatDate(date, timeZone, pattern) {
      calls.formatDate++;
      return formatDate(date, timeZone, pattern);
    },
  };
}

/**
 * The instant a Sheets date cell holds in a spreadsheet of zone `timeZone`: midnight there.
 * Found by correcting a UTC guess with the zone's offset until it settles (DST moves it).
 */
export function midnightIn(timeZone: string, year: number, month: number, day: number): Date {
  const target = Date.UTC(year, month - 1, day);
  let t = target;
  for (let i = 0; i < 4; i++) {
    const f = fieldsIn(new Date(t), timeZone);
    const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
    if (wall === target) return new Date(t);
    t -= wall - target;
  }
  throw new Error(`no midnight on ${year}-${month}-${day} in ${timeZone}`);
}
