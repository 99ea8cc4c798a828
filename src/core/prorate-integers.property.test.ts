import fc from 'fast-check';
import { addDays, type CalendarDate, fromSerial } from './calendar';
import { Dec, quotientToNumber, roundCents, wholeCents } from './decimal';
import type { Result } from './result';
import { centsFromNumber, decimalFromNumber } from './parse';
import { countMonths, countMonthsToNumber, PRORATION_METHODS, prorateCentsToNumber, prorateToNumber, prorationRatio, type Ratio } from './proration';

// The Decimal path PRORATA took before its integer path (issue 15): the answers must be the
// same doubles, -0 included, for every amount and every ratio the calendar gives.
const decimalPath = (annual: Dec, r: Ratio) => roundCents(annual.times(r.numerator).div(r.denominator)).toNumber();
const same = (a: number, b: number) => Object.is(a, b);
const valueOf = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

const date: fc.Arbitrary<CalendarDate> = fc.integer({ min: 1, max: 2_958_465 }).map((s) => valueOf(fromSerial(s)));
const calendarRatio = fc
  .tuple(date, fc.integer({ min: 0, max: 4000 }), fc.constantFrom(...PRORATION_METHODS))
  .map(([start, days, method]) => prorationRatio(start, addDays(start, days), method));
const anyRatio = fc.record({ numerator: fc.integer({ min: -1e9, max: 1e9 }), denominator: fc.integer({ min: 1, max: 1e9 }) });

// Cells as Sheets gives them (floats read by the snapping rule), cent strings over the whole
// safe range and beyond (the BigInt and the Decimal fallbacks), and amounts with more decimals.
const amounts = fc.oneof(
  fc.double({ min: -1e13, max: 1e13, noNaN: true }).map((x) => valueOf(decimalFromNumber(x))),
  fc.integer({ min: 0, max: 10_000_000 }).map((c) => valueOf(decimalFromNumber(c / 100))),
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
    const a = valueOf(decimalFromNumber(cell));
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
        const got = valueOf(decimalFromNumber(n));
        const want = reference(n);
        return got.eq(want) && got.isNeg() === want.isNeg() && got.toString() === want.toString();
      }),
      { numRuns: 20000 },
    );
  });
});

describe('TAUX in binary division gives what Decimal gives', () => {
  const positive = fc.oneof(
    fc.double({ min: 0.01, max: 1e13, noNaN: true }).map((x) => valueOf(decimalFromNumber(x))),
    fc.bigInt({ min: 1n, max: 2n ** 60n }).map((c) => new Dec(c.toString()).div(100)),
    fc.integer({ min: 1, max: 100_000 }).map((c) => new Dec(c).div(100)),
  );
  const amount = fc.oneof(positive, fc.constantFrom(new Dec(0), new Dec('-0'), new Dec('0.001')), positive.map((d) => d.negated()));
  it('for every amount over every base', () => {
    fc.assert(fc.property(amount, positive, (a, b) => same(quotientToNumber(a, b), a.div(b).toNumber())), { numRuns: 30000 });
  });
  it.each([
    [47500, 200000],
    [1, 3],
    [2, 3],
    [9007199254740.99, 0.03],
    [17499.999999999996, 47500],
  ])('%p / %p', (a, b) => {
    const x = valueOf(decimalFromNumber(a));
    const y = valueOf(decimalFromNumber(b));
    expect(quotientToNumber(x, y)).toBe(x.div(y).toNumber());
  });
});

// The cells PRORATA, TAUX and NB_MOIS compute without a Decimal, so that a cell of whole cents
// never sets decimal.js up (issue 15): each must give what the Decimal path gives.
describe('the cells computed without a Decimal', () => {
  const cells = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: 0, max: 2e12, noNaN: true }),
    fc.integer({ min: -1e9, max: 1e14 }).map((c) => c / 100),
    fc.integer({ min: 1, max: 1e12 }),
    fc.constantFrom(-0, 0, 1e12, 1e12 - 0.01, 999999999999.99, 1e-7, 0.001, 0.005, 0.01, 17499.999999999996, 47500 * 0.3684, 1e21),
  );

  it('centsFromNumber reads a cell as decimalFromNumber then wholeCents do, or leaves it to them', () => {
    fc.assert(
      fc.property(cells, (n) => {
        const cents = centsFromNumber(n);
        if (cents === null) return true;
        const d = valueOf(decimalFromNumber(n));
        return n > 0 && !d.isNeg() && Object.is(cents, wholeCents(d));
      }),
      { numRuns: 30000 },
    );
  });

  it('takes every positive cell of at most two decimals below 10^12', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e14 - 1 }), (c) => centsFromNumber(c / 100) === c), { numRuns: 20000 });
  });

  it('PRORATA on cents gives the Decimal path’s double', () => {
    fc.assert(
      fc.property(cells, fc.oneof(calendarRatio, anyRatio), (n, r) => {
        const cents = centsFromNumber(n);
        if (cents === null) return true;
        const got = prorateCentsToNumber(cents, false, r);
        return got === null || same(got, decimalPath(valueOf(decimalFromNumber(n)), r));
      }),
      { numRuns: 30000 },
    );
  });

  it('TAUX on two cent amounts gives Decimal’s quotient', () => {
    fc.assert(
      fc.property(cells, cells, (a, b) => {
        const x = centsFromNumber(a);
        const y = centsFromNumber(b);
        if (x === null || y === null) return true;
        return same(x / y, valueOf(decimalFromNumber(a)).div(valueOf(decimalFromNumber(b))).toNumber());
      }),
      { numRuns: 30000 },
    );
  });

  it('NB_MOIS gives countMonths’ double', () => {
    const period = fc.tuple(date, fc.integer({ min: 0, max: 40000 })).map(([start, days]) => [start, addDays(start, days)] as const);
    fc.assert(fc.property(period, ([s, e]) => same(countMonthsToNumber(s, e), countMonths(s, e).toNumber())), { numRuns: 20000 });
  });
});
