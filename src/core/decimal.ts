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
