import fc from 'fast-check';
import { CalendarDate, addDays, addMonths, daysInMonth } from './calendar';
import { Dec } from './decimal';
import {
  PRORATION_METHODS,
  ProrationMethod,
  checkPeriod,
  countMonths,
  parseProrationMethod,
  prorate,
  prorationFraction,
  prorationRatio,
} from './proration';

const PROPERTY = { seed: 42, numRuns: 500 };

const date = (iso: string): CalendarDate => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
};
const ratio = (numerator: number, denominator: number): Dec => new Dec(numerator).div(denominator);

const validDate: fc.Arbitrary<CalendarDate> = fc
  .record({ year: fc.integer({ min: 1900, max: 2200 }), month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    fc.integer({ min: 1, max: daysInMonth(year, month) }).map((day) => ({ year, month, day })),
  );

describe('parseProrationMethod', () => {
  it.each([
    [undefined, 'months'],
    [null, 'months'],
    ['', 'months'],
    ['   ', 'months'],
    ['mois', 'months'],
    [' Mois ', 'months'],
    ['MOIS', 'months'],
    ['months', 'months'],
    ['jours', 'days'],
    ['Jours', 'days'],
    ['days', 'days'],
    ['30/360', '30/360'],
    [' 30/360 ', '30/360'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseProrationMethod(input)).toEqual({ ok: true, value: expected });
  });

  it.each([['semaines'], ['jour'], ['30/365'], ['actual'], [12], [true]])(
    'refuses %j, listing the accepted values in French',
    (input) => {
      const result = parseProrationMethod(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        // As the sheet shows the cell: TRUE is « VRAI » in a French spreadsheet.
        expect(result.reason).toContain(input === true ? 'VRAI' : String(input));
        expect(result.reason).toContain('mois');
        expect(result.reason).toContain('jours');
        expect(result.reason).toContain('30/360');
      }
    },
  );

  it('accepts every method it lists', () => {
    for (const method of PRORATION_METHODS) expect(parseProrationMethod(method)).toEqual({ ok: true, value: method });
  });
});

describe('countMonths', () => {
  // [whole, part, of]: whole + part/of months.
  it.each([
    ['1 Jan – 31 Mar (DOMAIN.md)', '2018-01-01', '2018-03-31', [3, 0, 1]],
    ['15 Jan – 14 Apr (DOMAIN.md)', '2018-01-15', '2018-04-14', [3, 0, 1]],
    ['16 Jan – 31 Mar (DOMAIN.md)', '2018-01-16', '2018-03-31', [2, 16, 31]],
    ['1 Jul – 15 Oct (DOMAIN.md)', '2018-07-01', '2018-10-15', [3, 15, 31]],
    ['exactly one year', '2018-01-01', '2018-12-31', [12, 0, 1]],
    ['one year from mid-March', '2018-03-15', '2019-03-14', [12, 0, 1]],
    ['a single day in January', '2018-01-01', '2018-01-01', [0, 1, 31]],
    ['February of a common year', '2018-02-01', '2018-02-28', [1, 0, 1]],
    ['February of a leap year', '2020-02-01', '2020-02-29', [1, 0, 1]],
    ['February of a leap year but its last day', '2020-02-01', '2020-02-28', [0, 28, 29]],
    ['31 Jan to the day before EDATE(31 Jan, 1) = 28 Feb', '2018-01-31', '2018-02-27', [1, 0, 1]],
    ['31 Jan – 28 Feb: one day into [28 Feb, 31 Mar)', '2018-01-31', '2018-02-28', [1, 1, 31]],
    ['31 Jan to the day before EDATE(31 Jan, 2) = 31 Mar', '2018-01-31', '2018-03-30', [2, 0, 1]],
    ['31 Jan to the day before EDATE(31 Jan, 3) = 30 Apr', '2018-01-31', '2018-04-29', [3, 0, 1]],
    ['across two years', '2019-11-01', '2020-02-29', [4, 0, 1]],
    ['across two years with a partial month', '2019-12-16', '2020-01-31', [1, 16, 31]],
    ['longer than a year', '2018-01-01', '2019-06-30', [18, 0, 1]],
    ['longer than a year with a partial month', '2018-01-01', '2019-01-15', [12, 15, 31]],
    ['the empty period ending the day before the start', '2018-01-01', '2017-12-31', [0, 0, 1]],
  ])('counts %s (%s – %s) as %j', (_, start, end, [whole, part, of]) => {
    expect(countMonths(date(start), date(end)).equals(ratio(whole * of + part, of))).toBe(true);
  });

  it('counts k whole months from any start to the day before EDATE(start, k)', () => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: 1, max: 60 }), (start, k) => {
        const end = addDays(addMonths(start, k), -1);
        expect(countMonths(start, end).equals(k)).toBe(true);
      }),
      PROPERTY,
    );
  });

  it('is strictly increasing in the end date', () => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: -1, max: 800 }), fc.integer({ min: 1, max: 400 }), (start, offset, step) => {
        const earlier = addDays(start, offset);
        const later = addDays(earlier, step);
        expect(countMonths(start, earlier).lt(countMonths(start, later))).toBe(true);
      }),
      PROPERTY,
    );
  });

  it('never moves more than one whole month from the calendar-day estimate', () => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: 0, max: 2000 }), (start, length) => {
        const months = countMonths(start, addDays(start, length)).toNumber();
        expect(Math.abs(months - (length + 1) / (365.2425 / 12))).toBeLessThan(1);
      }),
      PROPERTY,
    );
  });
});

describe('prorationFraction', () => {
  it.each<[string, ProrationMethod, string, string, number, number]>([
    ['3 months (DOMAIN.md)', 'months', '2018-01-01', '2018-03-31', 3, 12],
    ['90/365 (DOMAIN.md)', 'days', '2018-01-01', '2018-03-31', 90, 365],
    ['90/360 (DOMAIN.md)', '30/360', '2018-01-01', '2018-03-31', 90, 360],
    ['30/360 for February (DOMAIN.md)', '30/360', '2018-02-01', '2018-02-28', 30, 360],
    ['30/360 for February of a leap year', '30/360', '2020-02-01', '2020-02-29', 30, 360],
    ['28/365 for February', 'days', '2018-02-01', '2018-02-28', 28, 365],
    ['29/366 for February of a leap year', 'days', '2020-02-01', '2020-02-29', 29, 366],
    ['91/366 for a leap first quarter', 'days', '2020-01-01', '2020-03-31', 91, 366],
    ['one month for February', 'months', '2018-02-01', '2018-02-28', 1, 12],
    ['(2 + 16/31)/12 in months', 'months', '2018-01-16', '2018-03-31', 2 * 31 + 16, 31 * 12],
    ['(3 + 15/31)/12 in months', 'months', '2018-07-01', '2018-10-15', 3 * 31 + 15, 31 * 12],
    ['15 Jan – 14 Apr in 30/360', '30/360', '2018-01-15', '2018-04-14', 90, 360],
    ['a start on the 31st counted as the 30th', '30/360', '2018-01-31', '2018-04-30', 91, 360],
    ['an end on the 30th, whose next day (31st) counts as the 30th', '30/360', '2018-01-01', '2018-03-30', 89, 360],
    ['a whole common year in months', 'months', '2018-01-01', '2018-12-31', 1, 1],
    ['a whole common year in days', 'days', '2018-01-01', '2018-12-31', 1, 1],
    ['a whole leap year in days', 'days', '2020-01-01', '2020-12-31', 1, 1],
    ['a whole year in 30/360', '30/360', '2018-01-01', '2018-12-31', 1, 1],
    ['a year from mid-March across a leap day, in months', 'months', '2019-03-15', '2020-03-14', 1, 1],
    ['a period across 2019–2020 in days (31/365 + 31/366)', 'days', '2019-12-01', '2020-01-31', 31 * 366 + 31 * 365, 365 * 366],
    ['a period across 2019–2020 in 30/360', '30/360', '2019-12-01', '2020-01-31', 60, 360],
    ['two whole years, common then leap, in days', 'days', '2019-01-01', '2020-12-31', 2, 1],
    ['longer than a year in months', 'months', '2018-01-01', '2019-06-30', 18, 12],
    ['longer than a year in days', 'days', '2018-01-01', '2019-06-30', 365 + 181, 365],
    ['longer than a year in 30/360', '30/360', '2018-01-01', '2019-06-30', 540, 360],
  ])('gives %s', (_, method, start, end, numerator, denominator) => {
    expect(prorationFraction(date(start), date(end), method).equals(ratio(numerator, denominator))).toBe(true);
  });

  it('is exactly countMonths / 12 in months', () => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: 0, max: 800 }), (start, length) => {
        const end = addDays(start, length);
        const { numerator, denominator } = prorationRatio(start, end, 'months');
        expect(countMonths(start, end).times(denominator).div(12).minus(numerator).abs().lt('1e-30')).toBe(true);
      }),
      PROPERTY,
    );
  });

  it.each<ProrationMethod>(['days', '30/360'])('adds up over consecutive periods in %s', (method) => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 800 }), (start, first, second) => {
        const middle = addDays(start, first);
        const end = addDays(middle, second + 1);
        const whole = prorationRatio(start, end, method);
        const a = prorationRatio(start, middle, method);
        const b = prorationRatio(addDays(middle, 1), end, method);
        expect(a.denominator).toBe(whole.denominator);
        expect(b.denominator).toBe(whole.denominator);
        expect(a.numerator + b.numerator).toBe(whole.numerator);
      }),
      PROPERTY,
    );
  });

  it('counts each day of a period at 1/365 or 1/366 by its own year', () => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: 0, max: 1200 }), (start, length) => {
        let expected = new Dec(0);
        for (let i = 0; i <= length; i++) {
          const day = addDays(start, i);
          expected = expected.plus(new Dec(1).div(daysInMonth(day.year, 2) === 29 ? 366 : 365));
        }
        const actual = prorationFraction(start, addDays(start, length), 'days');
        expect(actual.minus(expected).abs().lt('1e-30')).toBe(true);
      }),
      { ...PROPERTY, numRuns: 100 },
    );
  });
});

describe('prorate', () => {
  it.each<[string, string, ProrationMethod, string, string, string]>([
    ['the Medinsoft budget over 3 months (DOMAIN.md)', '800000', 'months', '2018-01-01', '2018-03-31', '200000.00'],
    ['the same budget in days', '800000', 'days', '2018-01-01', '2018-03-31', '197260.27'],
    ['the same budget in 30/360', '800000', '30/360', '2018-01-01', '2018-03-31', '200000.00'],
    ['2 + 16/31 months', '120000', 'months', '2018-01-16', '2018-03-31', '25161.29'],
    ['3 + 15/31 months', '120000', 'months', '2018-07-01', '2018-10-15', '34838.71'],
    ['a whole year', '800000', 'days', '2020-01-01', '2020-12-31', '800000.00'],
    ['longer than a year', '800000', 'months', '2018-01-01', '2019-06-30', '1200000.00'],
    ['an annual amount with cents', '1234.56', 'months', '2018-01-01', '2018-01-31', '102.88'],
    // 18601.86 × 11/372 = 550.055 exactly; 11/372 rounded to 40 digits first gives 550.05.
    ['a half cent reached only through a non-terminating fraction, rounded once at the end', '18601.86', 'months', '2018-01-01', '2018-01-11', '550.06'],
    ['a half cent, rounded half up', '1.80', '30/360', '2018-01-01', '2018-01-01', '0.01'],
  ])('prorates %s', (_, annual, method, start, end, expected) => {
    expect(prorate(new Dec(annual), date(start), date(end), method).toFixed(2)).toBe(expected);
  });

  it('equals annual × fraction rounded to the cent, for every method', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        validDate,
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom(...PRORATION_METHODS),
        (cents, start, length, method) => {
          const annual = new Dec(cents).div(100);
          const end = addDays(start, length);
          const exact = annual.times(prorationFraction(start, end, method));
          expect(prorate(annual, start, end, method).minus(exact).abs().lte('0.005')).toBe(true);
        },
      ),
      PROPERTY,
    );
  });
});

describe('checkPeriod', () => {
  it.each([
    ['a one-day period', '2018-01-01', '2018-01-01', false],
    ['a quarter', '2018-01-01', '2018-03-31', false],
    ['exactly one year', '2018-01-01', '2018-12-31', false],
    ['one year from mid-March', '2018-03-15', '2019-03-14', false],
    ['one year from 29 February, to the day before EDATE', '2020-02-29', '2021-02-27', false],
    ['a year and a day', '2018-01-01', '2019-01-01', true],
    ['a year and a day from mid-March', '2018-03-15', '2019-03-15', true],
    ['eighteen months', '2018-01-01', '2019-06-30', true],
  ])('accepts %s (%s – %s), longer than a year: %s', (_, start, end, longerThanYear) => {
    expect(checkPeriod(date(start), date(end))).toEqual({
      ok: true,
      value: { start: date(start), end: date(end), longerThanYear },
    });
  });

  it.each([
    ['the day before', '2018-04-01', '2018-03-31', '1er avril 2018', '31 mars 2018'],
    ['the previous year', '2018-01-01', '2017-12-31', '1er janvier 2018', '31 décembre 2017'],
  ])('refuses an end on %s the start, quoting both dates in French', (_, start, end, startText, endText) => {
    const result = checkPeriod(date(start), date(end));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain(startText);
      expect(result.reason).toContain(endText);
    }
  });

  it('flags as longer than a year exactly the periods of more than 12 months', () => {
    fc.assert(
      fc.property(validDate, fc.integer({ min: 0, max: 800 }), (start, length) => {
        const end = addDays(start, length);
        const result = checkPeriod(start, end);
        expect(result.ok && result.value.longerThanYear).toBe(countMonths(start, end).gt(12));
      }),
      PROPERTY,
    );
  });
});
