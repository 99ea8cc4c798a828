/**
 * Proration of an annual budget over a period (DOMAIN.md). A period is given with both ends
 * inclusive, as people write it; every measure works on the half-open interval from the
 * start to the day after the end, so that consecutive periods add up without overlap.
 *
 * Each measure is first an exact ratio of integers; `prorate` multiplies before dividing,
 * so that the only rounding is the final one to the cent (a fraction such as 2 + 16/31 has
 * no finite decimal form, and rounding it first could move a half-cent result).
 */
import { CalendarDate, addDays, addMonths, compareDates, daysBetween, daysInYear, formatDate } from './calendar';
import { Dec, roundCents, wholeCents } from './decimal';
import { periodMessages as m } from './messages/periods';
import { Result, fail, ok } from './result';

export type ProrationMethod = 'months' | 'days' | '30/360';
export const PRORATION_METHODS: readonly ProrationMethod[] = ['months', 'days', '30/360'];

const METHOD_WORDS: ReadonlyMap<string, ProrationMethod> = new Map<string, ProrationMethod>([
  ['months', 'months'],
  ['mois', 'months'],
  ['days', 'days'],
  ['jours', 'days'],
  ['30/360', '30/360'],
]);

/** `parseProrationMethod("Jours")` → 'days'; "" or undefined → 'months', the default. */
export function parseProrationMethod(input: unknown): Result<ProrationMethod> {
  if (input === undefined || input === null) return ok('months');
  // Quoted as the sheet shows the cell (VRAI, 2,5), not as JavaScript prints it (true, 2.5).
  if (typeof input !== 'string') return fail(m.prorationMethodUnknown(typeof input === 'boolean' ? (input ? 'VRAI' : 'FAUX') : String(input).replace('.', ',')));
  const key = input.trim().toLowerCase();
  if (key === '') return ok('months');
  const method = METHOD_WORDS.get(key);
  return method === undefined ? fail(m.prorationMethodUnknown(input.trim())) : ok(method);
}

/** An exact fraction of integers: `numerator / denominator`. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

/**
 * The EDATE-style month count as an exact ratio: whole months k, plus the days left over
 * the length of the month-long interval [start + k months, start + k+1 months) they lie in.
 */
function monthsRatio(start: CalendarDate, end: CalendarDate): Ratio {
  const after = addDays(end, 1);
  let k = (after.year - start.year) * 12 + (after.month - start.month);
  while (compareDates(addMonths(start, k), after) > 0) k--;
  while (compareDates(addMonths(start, k + 1), after) <= 0) k++;
  const from = addMonths(start, k);
  const monthLength = daysBetween(from, addMonths(start, k + 1));
  return { numerator: k * monthLength + daysBetween(from, after), denominator: monthLength };
}

// Days of [from, to) in common years and in leap years, for from ≤ to.
function daysByYearLength(from: CalendarDate, to: CalendarDate): { common: number; leap: number } {
  let common = 0;
  let leap = 0;
  for (let year = from.year; year <= to.year; year++) {
    const lower = year === from.year ? from : { year, month: 1, day: 1 };
    const upper = year === to.year ? to : { year: year + 1, month: 1, day: 1 };
    const days = daysBetween(lower, upper);
    if (daysInYear(year) === 366) leap += days;
    else common += days;
  }
  return { common, leap };
}

// Actual/actual: common/365 + leap/366 over one common denominator, so whole years give 1 exactly.
function daysRatio(start: CalendarDate, end: CalendarDate): Ratio {
  const after = addDays(end, 1);
  const reversed = compareDates(after, start) < 0;
  const { common, leap } = reversed ? daysByYearLength(after, start) : daysByYearLength(start, after);
  const sign = reversed ? -1 : 1;
  return { numerator: sign * (366 * common + 365 * leap), denominator: 365 * 366 };
}

// European 30E/360: a 31st counts as the 30th, at either end; February is not adjusted.
function thirty360Ratio(start: CalendarDate, end: CalendarDate): Ratio {
  const after = addDays(end, 1);
  const count =
    360 * (after.year - start.year) +
    30 * (after.month - start.month) +
    (Math.min(after.day, 30) - Math.min(start.day, 30));
  return { numerator: count, denominator: 360 };
}

const toDec = (r: Ratio): Dec => new Dec(r.numerator).div(r.denominator);

/**
 * The months of a period as a person counts them: whole months, then the days left over
 * the length of the month they fall in. 1 Jul–15 Oct → { whole: 3, days: 15, monthLength: 31 }.
 * Messages quote it so that a reader can redo the division exactly.
 */
export function monthParts(start: CalendarDate, end: CalendarDate): { whole: number; days: number; monthLength: number } {
  const { numerator, denominator } = monthsRatio(start, end);
  const whole = Math.floor(numerator / denominator);
  return { whole, days: numerator - whole * denominator, monthLength: denominator };
}

/**
 * Months of the period, both ends inclusive, EDATE-style: 1 Jan–31 Mar → 3,
 * 16 Jan–31 Mar → 2 + 16/31. Requires end ≥ start (use `checkPeriod` first); the day
 * before the start gives 0, an earlier end a negative count.
 */
export function countMonths(start: CalendarDate, end: CalendarDate): Dec {
  return toDec(monthsRatio(start, end));
}

/**
 * `countMonths(start, end).toNumber()`, NB_MOIS' answer, without a Decimal: the binary
 * division of the two integers is correctly rounded, and Decimal's 40 digits round to the
 * same double (see quotientToNumber in decimal.ts).
 */
export function countMonthsToNumber(start: CalendarDate, end: CalendarDate): number {
  const { numerator, denominator } = monthsRatio(start, end);
  return numerator / denominator;
}

/**
 * The fraction of a year the period stands for, as an exact ratio of integers:
 * `prorationRatio(1 Jan 2018, 31 Mar 2018, '30/360')` → 90/360.
 */
export function prorationRatio(start: CalendarDate, end: CalendarDate, method: ProrationMethod): Ratio {
  switch (method) {
    case 'months': {
      const months = monthsRatio(start, end);
      return { numerator: months.numerator, denominator: months.denominator * 12 };
    }
    case 'days':
      return daysRatio(start, end);
    case '30/360':
      return thirty360Ratio(start, end);
  }
}

/** `prorationFraction(1 Jan 2018, 31 Mar 2018, 'days')` → 90/365. Requires end ≥ start. */
export function prorationFraction(start: CalendarDate, end: CalendarDate, method: ProrationMethod): Dec {
  return toDec(prorationRatio(start, end, method));
}

/** `prorate(800000, 1 Jan 2018, 31 Mar 2018, 'months')` → 200000.00, rounded half up once, at the end. */
export function prorate(annual: Dec, start: CalendarDate, end: CalendarDate, method: ProrationMethod): Dec {
  const { numerator, denominator } = prorationRatio(start, end, method);
  return roundCents(annual.times(numerator).div(denominator));
}

/**
 * Refuses an end before the start; flags a period longer than a year, meaning it reaches past
 * the EDATE anniversary (1 Jan 2018–31 Dec 2018 is one year, not longer; so is 15 Mar–14 Mar).
 */
export function checkPeriod(
  start: CalendarDate,
  end: CalendarDate,
): Result<{ start: CalendarDate; end: CalendarDate; longerThanYear: boolean }> {
  if (compareDates(end, start) < 0) return fail(m.periodEndBeforeStart(formatDate(start), formatDate(end)));
  const longerThanYear = compareDates(addDays(end, 1), addMonths(start, 12)) > 0;
  return ok({ start, end, longerThanYear });
}

/**
 * `prorate(annual, …).toNumber()` for a ratio already measured, the custom function's answer:
 * `prorateToNumber(new Dec(800000), { numerator: 3, denominator: 12 })` → 200000. An amount of
 * whole cents (nearly every cell) is prorated in exact integers, which a column of 100 000
 * rows makes worth it; the same half-up rounding, and the double nearest the cent value, as
 * Decimal gives (IEEE division of two exact integers is correctly rounded).
 */
export function prorateToNumber(annual: Dec, ratio: Ratio): number {
  const cents = wholeCents(annual);
  const q = cents === null ? null : prorateCentsToNumber(cents, annual.isNeg(), ratio);
  return q ?? roundCents(annual.times(ratio.numerator).div(ratio.denominator)).toNumber();
}

/**
 * `prorateToNumber` for an amount in whole cents (`negative` its sign, which a zero keeps):
 * `prorateCentsToNumber(80000000, false, { numerator: 3, denominator: 12 })` → 200000. Null
 * when the ratio or the answer is beyond safe integers, for the Decimal path to compute.
 */
export function prorateCentsToNumber(cents: number, negative: boolean, ratio: Ratio): number | null {
  const { numerator, denominator } = ratio;
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) return null;
  const q = roundedQuotient(Math.abs(cents), Math.abs(numerator), denominator);
  if (q === null) return null;
  // Decimal's sign rule, a rounded zero keeping its sign (-0) as toNumber() gives it.
  return negative !== (numerator < 0 || Object.is(numerator, -0)) ? -q / 100 : q / 100;
}

/** a × b / d rounded half up, exact, for non-negative safe integers; null when the answer is not safe. */
function roundedQuotient(a: number, b: number, d: number): number | null {
  const twice = 2 * a * b + d;
  if (Number.isSafeInteger(twice)) {
    // (2ab + d) div 2d, the remainder taken first so that the division is exact.
    return (twice - (twice % (2 * d))) / (2 * d);
  }
  const q = (2n * BigInt(a) * BigInt(b) + BigInt(d)) / (2n * BigInt(d));
  return q <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(q) : null;
}
