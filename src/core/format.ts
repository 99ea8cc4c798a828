import { Dec, HUNDRED, roundCents } from './decimal';

/** narrow: U+202F between digit groups (the typographer's choice, default); nbsp: U+00A0. */
export type Spacing = 'narrow' | 'nbsp';

const NBSP = '\u00a0';
const GROUP_SEPARATOR: Record<Spacing, string> = { narrow: '\u202f', nbsp: NBSP };

/** `formatDecimal(new Dec('47500'), 2)` → "47 500,00" (U+202F between groups), half up. */
export function formatDecimal(value: Dec, decimals: number, spacing: Spacing = 'narrow'): string {
  const fixed = value.abs().toFixed(decimals, Dec.ROUND_HALF_UP);
  const [intPart, decPart] = fixed.split('.') as [string, string | undefined];
  const grouped = intPart.replace(/\B(?=(\d{3})+$)/g, GROUP_SEPARATOR[spacing]);
  // A value that rounds to zero prints without a sign: "-0,00" would read as a debt.
  const negative = value.isNeg() && !new Dec(fixed).isZero();
  return `${negative ? '-' : ''}${grouped}${decPart ? `,${decPart}` : ''}`;
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
  const cents = roundCents(value);
  // Whole euros are rounded once from the exact value: rounding to the cent first would
  // turn 0,495 into 0,50 and then 1.
  const places = decimals === 'auto' ? (cents.isInteger() ? 0 : 2) : decimals;
  const digits = formatDecimal(places === 0 ? value : cents, places, spacing);
  if (unit === 'none') return digits;
  if (unit === '€') return `${digits}${NBSP}€`;
  // French makes the unit plural from two on: "1,50 euro", "2 euros".
  const shown = (places === 0 ? value.toDecimalPlaces(0, Dec.ROUND_HALF_UP) : cents).abs();
  return `${digits}${NBSP}${shown.lt(2) ? 'euro' : 'euros'}`;
}

/** A percentage already multiplied by 100: `formatPercentValue(new Dec('23.75'), 2)` → "23,75 %". */
export function formatPercentValue(percent: Dec, decimals: number, spacing: Spacing = 'narrow'): string {
  return `${formatDecimal(percent, decimals, spacing)}${NBSP}%`;
}

/** `formatRate(new Dec('0.2375'))` → "23,75 %"; `{ prose: true }` prints 0.3 as "30 %". */
export function formatRate(fraction: Dec, opts: { decimals?: number; prose?: boolean; spacing?: Spacing } = {}): string {
  const { decimals = 2, prose = false, spacing = 'narrow' } = opts;
  const percent = fraction.times(HUNDRED);
  const whole = percent.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).isInteger();
  return formatPercentValue(percent, prose && whole ? 0 : decimals, spacing);
}

/** `formatMonths(new Dec(3))` → "3"; 2 + 16/31 → "2,52"; 2.5 → "2,5". */
export function formatMonths(months: Dec): string {
  const rounded = months.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  return formatDecimal(rounded, rounded.decimalPlaces());
}
