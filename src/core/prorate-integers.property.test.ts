import fc from 'fast-check';
import { addDays, type CalendarDate, fromSerial } from './calendar';
import { Dec, roundCents } from './decimal';
import { decimalFromNumber } from './parse';
import { PRORATION_METHODS, prorateToNumber, prorationRatio, type Ratio } from './proration';

// The Decimal path PRORATA took before its integer path (issue 15): the answers must be the
// same doubles, -0 included, for every amount and every ratio the calendar gives.
const decimalPath = (annual: Dec, r: Ratio) => roundCents(annual.times(r.numerator).div(r.denominator)).toNumber();
const same = (a: number, b: number) => Object.is(a, b);

const date: fc.Arbitrary<CalendarDate> = fc.integer({ min: 1, max: 2_958_465 }).map((s) => fromSerial(s).value as CalendarDate);
const calendarRatio = fc
  .tuple(date, fc.integer({ min: 0, max: 4000 }), fc.constantFrom(...PRORATION_METHODS))
  .map(([start, days, method]) => prorationRatio(start, addDays(start, days), method));
const anyRatio = fc.record({ numerator: fc.integer({ min: -1e9, max: 1e9 }), denominator: fc.integer({ min: 1, max: 1e9 }) });

// Cells as Sheets gives them (floats read by the snapping rule), cent strings over the whole
// safe range and beyond (the BigInt and the Decimal fallbacks), and amounts with more decimals.
const amounts = fc.oneof(
  fc.double({ min: -1e13, max: 1e13, noNaN: true }).map((x) => decimalFromNumber(x).value as Dec),
  fc.integer({ min: 0, max: 10_000_000 }).map((c) => decimalFromNumber(c / 100).value as Dec),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((c) => new Dec(c.toString()).div(100)),
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((c) => new Dec(c.toString()).div(1000)),
  fc.constantFrom(new Dec(0), new Dec('-0'), new Dec('0.01'), new Dec('-0.01'), new Dec('0.05')),
);

describe('PRORATA in integers gives what Decimal gives', () => {
  it('on the calendar’s ratios, for every method', () => {
    fc.assert(fc.property(amounts, calendarRatio, (a, r) => same(prorateToNumber(a, r), decimalPath(a, r))), { numRuns: 20000 });
  });

  it('on any ratio of integers, signs, ties and huge products included', () => {
    fc.assert(fc.property(amounts, anyRatio, (a, r) => same(prorateToNumber(a, r), decimalPath(a, r))), { numRuns: 20000 });
  });

  it.each([
    [47500 * 0.3684, { numerator: 3, denominator: 12 }],
    [17499.999999999996, { numerator: 1, denominator: 3 }],
    [0.015, { numerator: 1, denominator: 1 }],
    [800000, { numerator: 90, denominator: 360 }],
    [1234.5, { numerator: 1, denominator: 8 }],
    [1e13, { numerator: 133590, denominator: 133590 }],
    [5, { numerator: -0, denominator: 3 }],
    [-0.01, { numerator: 1, denominator: 3 }],
  ])('%p × %p, the float-snapping and tie cases', (cell, r) => {
    const a = decimalFromNumber(cell).value as Dec;
    expect(prorateToNumber(a, r)).toBe(decimalPath(a, r));
  });
});

describe('decimalFromNumber’s shortcut for cells of two decimals or fewer', () => {
  // The snapping rule as it read every cell before the shortcut.
  const reference = (n: number) => {
    const exact = new Dec(String(n));
    const cents = exact.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    const value = cents.minus(exact).abs().lte('1e-8') ? cents : exact;
    return value.isZero() ? new Dec(0) : value;
  };
  const cells = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 100), fc.constantFrom(-0, 0, 1e21, 1e-7, 17499.999999999996));
  it('reads every finite double as the snapping rule does', () => {
    fc.assert(
      fc.property(cells, (n) => {
        const got = decimalFromNumber(n).value as Dec;
        const want = reference(n);
        return got.eq(want) && got.isNeg() === want.isNeg() && got.toString() === want.toString();
      }),
      { numRuns: 20000 },
    );
  });
});
