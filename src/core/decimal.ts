import type DecimalJs from 'decimal.js';

// esbuild bundles a module named by `require` as a function it runs on the first call, where
// an `import` would run decimal.js' whole set-up (its constants, its first clone) as the
// bundle loads. Jest and the command line resolve it to decimal.js' CommonJS build.
// Both builds offer the class as `default`: the ES module's namespace, and the CommonJS
// class itself (decimal.js sets Decimal.default = Decimal).
declare const require: (id: 'decimal.js') => { default: typeof DecimalJs };

export type Dec = DecimalJs;

/** What the project uses of decimal.js' class: `new Dec(v)`, its half-up mode, isDecimal. */
interface DecConstructor {
  new (value: DecimalJs.Value): Dec;
  readonly ROUND_HALF_UP: 4;
  isDecimal(value: unknown): value is Dec;
}

let decimal_: typeof DecimalJs | undefined;

/**
 * The project's private decimal configuration: enough precision for any budget, half-up
 * rounding as French public accounting rounds. A clone, so that no other code sharing
 * decimal.js (or its global configuration) changes our results. Made on first use: every
 * custom-function cell is an execution that loads the whole bundle, and a cell of whole
 * cents (PRORATA, TAUX on numbers) never needs it, which spares it decimal.js' set-up,
 * about a third of decimal.js' own load (measured, issue 15).
 */
function decimalClass(): typeof DecimalJs {
  if (!decimal_) {
    const D = require('decimal.js').default;
    decimal_ = D.clone({ precision: 40, rounding: D.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
  }
  return decimal_;
}

/** Whether this execution has made its decimal class yet (the tests of the cells that must not). */
export const decimalLoaded = (): boolean => decimal_ !== undefined;

/**
 * Stands for the class: `new Dec(v)` returns the class's own instance (a constructor that
 * returns an object gives that object), so every value is a plain decimal.js Decimal.
 */
function DecFacade(value: DecimalJs.Value): Dec {
  return new (decimalClass())(value);
}
export const Dec = Object.defineProperties(DecFacade, {
  ROUND_HALF_UP: { value: 4 },
  // Only an object can be a Decimal: a string or number cell asks nothing of decimal.js.
  isDecimal: { value: (value: unknown): value is Dec => typeof value === 'object' && value !== null && decimalClass().isDecimal(value) },
  // Defined, not assigned: Function.prototype's is read-only.
  [Symbol.hasInstance]: { value: (value: unknown): boolean => decimal_ !== undefined && value instanceof decimal_ },
}) as unknown as DecConstructor;

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
  // With at most two decimals, the rounded cents are the value's own; roundedCents also
  // keeps a cell's first call from compiling decimal.js' toFixed.
  return value.decimalPlaces() > 2 ? null : roundedCents(value);
}

/** wholeCents' inverse, exact: `fromWholeCents(4750050)` → 47500.5. */
export function fromWholeCents(cents: number): Dec {
  return new Dec(cents).div(100);
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

// Exact powers of ten as binary integers, 10^0 to 10^15 (all below 2^53).
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * `value.toFixed(2, ROUND_HALF_UP)` as signed whole cents, or null beyond 10^12 (or for a
 * non-finite value): `roundedCents(new Dec('-0.125'))` → -13. Read from decimal.js' documented
 * digits (`d`, base 10^7 limbs, the first without leading zeros) and exponent (`e`), in exact
 * integer arithmetic: every partial sum is a safe integer below 10^15. Half up needs only the
 * thousandths digit, so the value is truncated to thousandths, and 5 added before dropping it.
 * A column of amounts written out (EUROS, MONTANT_LETTRES) would otherwise pay one Decimal
 * toFixed per cell, as much as writing the words.
 */
export function roundedCents(value: Dec): number | null {
  const digits = value.d;
  const e = value.e;
  if (!digits || e > 11) return null;
  const first = digits[0]!;
  // Exponent, plus 3 (thousandths), of the last digit of the first limb.
  let p = e + 3 - (first >= 1e6 ? 7 : first >= 1e5 ? 6 : first >= 1e4 ? 5 : first >= 1e3 ? 4 : first >= 100 ? 3 : first >= 10 ? 2 : 1) + 1;
  let thousandths = 0;
  for (let i = 0; i < digits.length && p > -7; i++, p -= 7) {
    const limb = digits[i]!;
    if (p >= 0) thousandths += limb * POW10[p]!;
    else {
      const cut = POW10[-p]!;
      thousandths += (limb - (limb % cut)) / cut;
    }
  }
  const up = thousandths + 5;
  const cents = (up - (up % 10)) / 10;
  return value.s < 0 ? -cents : cents;
}
