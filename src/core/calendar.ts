/**
 * Calendar dates as plain values. The core never uses `Date`: a `Date` is an instant, and
 * turning it into a day needs a time zone, which only the adapters know (the spreadsheet's).
 */
import { MONTH_NAMES, WEEKDAY_NAMES, periodMessages as m } from './messages/periods';
import { Result, fail, ok } from './result';

export interface CalendarDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
}

const MIN_YEAR = 1;
const MAX_YEAR = 9999;
/** Day number (days since 1970-01-01) of the spreadsheet epoch, 1899-12-30. */
const SERIAL_EPOCH = -25569;
const MAX_SERIAL = 2958465; // 9999-12-31

/** Gregorian rule: `isLeapYear(2020)` → true, `isLeapYear(1900)` → false. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `daysInMonth(2020, 2)` → 29. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1];
}

/** `daysInYear(2020)` → 366. */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Years 1 to 9999 only, so that every valid date has a four-digit ISO form. */
export function isValidDate(d: CalendarDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= MIN_YEAR &&
    d.year <= MAX_YEAR &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's civil algorithms):
// pure integer arithmetic, so no time zone or DST can shift a day.
function toDayNumber(d: CalendarDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5) + d.day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function checkParts(text: string, year: number, month: number, day: number): Result<CalendarDate> {
  if (year < MIN_YEAR || year > MAX_YEAR) return fail(m.yearOutOfRange(text));
  if (month < 1 || month > 12) return fail(m.monthOutOfRange(text, month));
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return fail(m.dayOutOfRange(text, day, month, year, days));
  return ok({ year, month, day });
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The dossier format: `parseIsoDate("2018-03-31")` → {2018, 3, 31}; "2018-02-30" is refused. */
export function parseIsoDate(text: string): Result<CalendarDate> {
  const trimmed = text.trim();
  if (trimmed === '') return fail(m.dateEmpty());
  const match = ISO.exec(trimmed);
  if (!match) return fail(m.dateNotIso(trimmed));
  return checkParts(trimmed, Number(match[1]), Number(match[2]), Number(match[3]));
}

// Accent-free keys, because people type "fevrier" and "aout" as often as the accented forms.
// Built on the first date written in words: every custom-function cell loads this module,
// and most read serial numbers, Date cells or "31/03/2018".
let monthWords: ReadonlyMap<string, number> | undefined;
const MONTH_WORDS = (): ReadonlyMap<string, number> => (monthWords ??= new Map([
  ...MONTH_NAMES.map((name, i): [string, number] => [stripAccents(name), i + 1]),
  ...(
    [
      ['janv', 1],
      ['fev', 2],
      ['fevr', 2],
      ['avr', 4],
      ['juil', 7],
      ['sept', 9],
      ['oct', 10],
      ['nov', 11],
      ['dec', 12],
    ] as [string, number][]
  ),
]));

const WEEKDAY_WORDS: ReadonlyMap<string, number> = new Map(WEEKDAY_NAMES.map((name, i) => [name, i]));

function stripAccents(text: string): string {
  // NFKD also turns "1ᵉʳ" into "1er" and no-break spaces into spaces.
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d+)$/;
const WORDS = /^(?:le )?(?:([a-z]+),? )?(?:(\d{1,2})(er)?|premier) ([a-z]+)\.? (\d{4})$/;

/**
 * What people type, French order: `parseFrenchDate("1er janvier 2018")`, "01/01/2018",
 * "1/1/2018", "31 mars 2018", "2018-01-01" → {2018, 1, 1 | 3, 31}.
 */
export function parseFrenchDate(text: string): Result<CalendarDate> {
  const trimmed = text.trim();
  if (trimmed === '') return fail(m.dateEmpty());
  if (/^\d{4}-/.test(trimmed)) return parseIsoDate(trimmed);

  const numeric = NUMERIC.exec(trimmed);
  if (numeric) {
    const yearDigits = numeric[4].length;
    if (yearDigits !== 4) return fail(yearDigits <= 2 ? m.dateTwoDigitYear(trimmed) : m.dateUnrecognised(trimmed));
    return checkParts(trimmed, Number(numeric[4]), Number(numeric[3]), Number(numeric[1]));
  }

  const normalised = stripAccents(trimmed)
    .toLowerCase()
    .replace(/[\^{}]/g, '')
    .replace(/\s+/g, ' ');
  const words = WORDS.exec(normalised);
  if (!words) return fail(m.dateUnrecognised(trimmed));
  const [, weekdayWord, dayWord, ordinal, monthWord, yearWord] = words;
  const day = dayWord === undefined ? 1 : Number(dayWord);
  if (ordinal && day !== 1) return fail(m.dateOrdinalNotFirst(trimmed));
  const month = MONTH_WORDS().get(monthWord);
  if (month === undefined) return fail(m.monthUnknown(trimmed, monthWord));
  const parsed = checkParts(trimmed, Number(yearWord), month, day);
  if (!parsed.ok || weekdayWord === undefined) return parsed;
  const writtenWeekday = WEEKDAY_WORDS.get(weekdayWord);
  if (writtenWeekday === undefined) return fail(m.dateUnrecognised(trimmed));
  const actual = weekday(parsed.value);
  if (writtenWeekday !== actual) {
    return fail(m.weekdayMismatch(trimmed, WEEKDAY_NAMES[writtenWeekday], WEEKDAY_NAMES[actual]));
  }
  return parsed;
}

/** ISO weekday index, 0 = Monday: `weekday({year: 2018, month: 1, day: 1})` → 0. */
export function weekday(d: CalendarDate): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((toDayNumber(d) + 3) % 7) + 7) % 7;
}

/** Sheets serial day number to a date, time of day dropped: `fromSerial(43101)` → 2018-01-01. */
export function fromSerial(serial: number): Result<CalendarDate> {
  if (!Number.isFinite(serial)) return fail(m.serialNotFinite());
  if (serial < 1) return fail(m.serialTooSmall(serial));
  const whole = Math.floor(serial);
  if (whole > MAX_SERIAL) return fail(m.serialTooLarge(serial));
  return ok(fromDayNumber(whole + SERIAL_EPOCH));
}

/** `toSerial({year: 2018, month: 1, day: 1})` → 43101. */
export function toSerial(d: CalendarDate): number {
  return toDayNumber(d) - SERIAL_EPOCH;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `toIso({year: 2018, month: 3, day: 31})` → "2018-03-31". */
export function toIso(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** Negative, zero or positive as `a` is before, on or after `b`; fits `Array.prototype.sort`. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function requireInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/** `addDays({2018, 2, 28}, 1)` → 2018-03-01. `n` must be an integer (a programming error otherwise). */
export function addDays(d: CalendarDate, n: number): CalendarDate {
  requireInteger(n, 'addDays: n');
  return fromDayNumber(toDayNumber(d) + n);
}

/** `b - a` in days: `daysBetween(1 Jan 2018, 1 Apr 2018)` → 90. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * Sheets' EDATE: `addMonths(31 Jan 2018, 1)` → 28 Feb 2018. Always computed from `d`, never by
 * chaining, since clamping loses the day (31 Jan +1 +1 = 28 Mar, but 31 Jan +2 = 31 Mar).
 * `n` must be an integer.
 */
export function addMonths(d: CalendarDate, n: number): CalendarDate {
  requireInteger(n, 'addMonths: n');
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/** `formatDate({2018, 1, 1})` → "1er janvier 2018"; `{2018, 3, 31}` → "31 mars 2018". */
export function formatDate(d: CalendarDate): string {
  return `${d.day === 1 ? '1er' : d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
}

/** "du 1er janvier 2018 au 31 mars 2018", as council reports write a period. */
export function formatPeriod(start: CalendarDate, end: CalendarDate): string {
  return `du ${formatDate(start)} au ${formatDate(end)}`;
}

/** "01/01/2018", what tables and Sheets show. */
export function formatShortDate(d: CalendarDate): string {
  return `${pad(d.day, 2)}/${pad(d.month, 2)}/${pad(d.year, 4)}`;
}
