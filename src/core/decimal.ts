import DecimalJs from 'decimal.js';

/**
 * The project's private decimal configuration: enough precision for any budget, half-up
 * rounding as French public accounting rounds. A clone, so that no other code sharing
 * decimal.js (or its global configuration) changes our results.
 */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);
export const HUNDRED = new Dec(100);

/** Rounds to the cent, half up: `roundCents(new Dec('0.125'))` → 0.13. */
export function roundCents(value: Dec): Dec {
  return value.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
}

/** A money value as the two-decimal string that crosses boundaries: "200000.00". */
export function centsString(value: Dec): string {
  return roundCents(value).toFixed(2);
}

/**
 * The value in whole cents as a safe binary integer, or null when it has more than two
 * decimals or is too large: `wholeCents(new Dec('47500.05'))` → 4750005. Lets a column of
 * amounts be computed in exact integers where that gives what Decimal gives.
 */
export function wholeCents(value: Dec): number | null {
  if (value.decimalPlaces() > 2) return null;
  const cents = Number(value.toFixed(2).replace('.', ''));
  return Number.isSafeInteger(cents) ? cents : null;
}

/**
 * `a.div(b).toNumber()`, b not zero: `quotientToNumber(new Dec(47500), new Dec(200000))` → 0.2375.
 * For whole cents the binary division is the answer itself: IEEE rounds the exact quotient of
 * two safe integers correctly, and no such quotient lies close enough to a rounding midpoint
 * for Decimal's 40 digits to round differently (its reduced numerator has at most 53 bits).
 */
export function quotientToNumber(a: Dec, b: Dec): number {
  const x = wholeCents(a);
  const y = x === null ? null : wholeCents(b);
  if (x !== null && y !== null && y !== 0 && !(x === 0 && (a.isNeg() || b.isNeg()))) return x / y;
  return a.div(b).toNumber();
}
