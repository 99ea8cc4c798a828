import { Dec, roundedCents } from './decimal';

/** narrow: U+202F between digit groups (the typographer's choice, default); nbsp: U+00A0. */
export type Spacing = 'narrow' | 'nbsp';

const NBSP = '\u00a0';
const GROUP_SEPARATOR: Record<Spacing, string> = { narrow: '\u202f', nbsp: NBSP };

/** `formatDecimal(new Dec('47500'), 2)` → "47 500,00" (U+202F between groups), half up. */
export function formatDecimal(value: Dec, decimals: number, spacing: Spacing = 'narrow'): string {
  return groupFixed(value.toFixed(decimals, Dec.ROUND_HALF_UP), spacing);
}

/**
 * decimal.js' fixed notation ("-47500.00") in French: groups, comma, and no sign on a value
 * that rounds to zero ("-0,00" would read as a debt). Pure string work on the one rounding
 * already made: the custom functions format a whole column per call.
 */
function groupFixed(fixed: string, spacing: Spacing): string {
  const negative = fixed.charCodeAt(0) === 45;
  const abs = negative ? fixed.slice(1) : fixed;
  const dot = abs.indexOf('.');
  const intPart = dot < 0 ? abs : abs.slice(0, dot);
  let grouped = intPart;
  if (intPart.length > 3) {
    // Groups of three from the right, by slices: the audit formats every figure of its messages here.
    const separator = GROUP_SEPARATOR[spacing];
    const head = intPart.length % 3 || 3;
    grouped = intPart.slice(0, head);
    for (let k = head; k < intPart.length; k += 3) grouped += separator + intPart.slice(k, k + 3);
  }
  const sign = negative && /[1-9]/.test(abs) ? '-' : '';
  return dot < 0 ? sign + grouped : `${sign}${grouped},${abs.slice(dot + 1)}`;
}

/** `value.toFixed(2, ROUND_HALF_UP)`, from exact whole cents when they are safe integers (a column per call). */
function centsFixed(value: Dec): string {
  const rounded = roundedCents(value);
  if (rounded === null) return value.toFixed(2, Dec.ROUND_HALF_UP);
  const abs = rounded < 0 ? -rounded : rounded;
  const cents = abs % 100;
  // decimal.js writes "-0.00" for a negative value that rounds to zero: groupFixed drops that sign.
  return `${value.s < 0 ? '-' : ''}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * `formatAmount(new Dec(47500))` → "47 500 €"; `{ decimals: 2 }` → "47 500,00 €" (tables);
 * `{ unit: 'euros' }` → "47 500 euros". 'auto' shows cents only when there are some.
 */
export function formatAmount(
  value: Dec,
  opts: { decimals?: 'auto' | 0 | 2; spacing?: Spacing; unit?: '€' | 'euros' | 'none' } = {},
): string {
  const { decimals = 'auto', spacing = 'narrow', unit = '€' } = opts;
  // Whole euros are rounded once from the exact value: rounding to the cent first would
  // turn 0,495 into 0,50 and then 1.
  let fixed = decimals === 0 ? value.toFixed(0, Dec.ROUND_HALF_UP) : centsFixed(value);
  // Whole cents are whole euros rounded from the exact value too (it lies within half a cent).
  if (decimals === 'auto' && fixed.endsWith('.00')) fixed = fixed.slice(0, -3);
  const digits = groupFixed(fixed, spacing);
  if (unit === 'none') return digits;
  if (unit === '€') return `${digits}${NBSP}€`;
  // French makes the unit plural from two on: "1,50 euro", "2 euros" (the shown value, unsigned).
  const shown = fixed.charCodeAt(0) === 45 ? fixed.slice(1) : fixed;
  const belowTwo = shown.length <= 4 && (shown[0] === '0' || shown[0] === '1') && (shown.length === 1 || shown[1] === '.');
  return `${digits}${NBSP}${belowTwo ? 'euro' : 'euros'}`;
}

/** A percentage already multiplied by 100: `formatPercentValue(new Dec('23.75'), 2)` → "23,75 %". */
export function formatPercentValue(percent: Dec, decimals: number, spacing: Spacing = 'narrow'): string {
  return `${formatDecimal(percent, decimals, spacing)}${NBSP}%`;
}

/** `formatRate(new Dec('0.2375'))` → "23,75 %"; `{ prose: true }` prints 0.3 as "30 %". */
export function formatRate(fraction: Dec, opts: { decimals?: number; prose?: boolean; spacing?: Spacing } = {}): string {
  const { decimals = 2, prose = false, spacing = 'narrow' } = opts;
  const percent = fraction.times(100);
  const whole = percent.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).isInteger();
  return formatPercentValue(percent, prose && whole ? 0 : decimals, spacing);
}

/** `formatMonths(new Dec(3))` → "3"; 2 + 16/31 → "2,52"; 2.5 → "2,5". */
export function formatMonths(months: Dec): string {
  const rounded = months.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  return formatDecimal(rounded, rounded.decimalPlaces());
}
