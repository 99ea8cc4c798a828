import fc from 'fast-check';
import {
  CalendarDate,
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  daysInMonth,
  formatDate,
  formatPeriod,
  formatShortDate,
  fromSerial,
  isLeapYear,
  isValidDate,
  parseFrenchDate,
  parseIsoDate,
  toIso,
  toSerial,
  weekday,
} from './calendar';

const PROPERTY = { seed: 42, numRuns: 500 };

// Built without the parser under test, so that its tables check it rather than echo it.
const date = (iso: string): CalendarDate => {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
};

const validDate: fc.Arbitrary<CalendarDate> = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    fc.integer({ min: 1, max: daysInMonth(year, month) }).map((day) => ({ year, month, day })),
  );
// Keeps results of date arithmetic inside years 1..9999.
const modernDate = validDate.filter((d) => d.year >= 1800 && d.year <= 9000);

describe('isLeapYear', () => {
  it.each([
    [2018, false],
    [2020, true],
    [1900, false],
    [2000, true],
    [2100, false],
    [2400, true],
  ])('says %i is leap: %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2018, 1, 31],
    [2018, 2, 28],
    [2020, 2, 29],
    [1900, 2, 28],
    [2000, 2, 29],
    [2018, 4, 30],
    [2018, 6, 30],
    [2018, 9, 30],
    [2018, 11, 30],
    [2018, 12, 31],
  ])('gives %i-%i %i days', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected);
  });
});

describe('isValidDate', () => {
  it.each([
    ['an ordinary date', { year: 2018, month: 3, day: 31 }, true],
    ['29 February of a leap year', { year: 2020, month: 2, day: 29 }, true],
    ['29 February of a common year', { year: 2018, month: 2, day: 29 }, false],
    ['31 April', { year: 2018, month: 4, day: 31 }, false],
    ['day 0', { year: 2018, month: 1, day: 0 }, false],
    ['month 0', { year: 2018, month: 0, day: 1 }, false],
    ['month 13', { year: 2018, month: 13, day: 1 }, false],
    ['a fractional day', { year: 2018, month: 1, day: 1.5 }, false],
    ['year 0', { year: 0, month: 1, day: 1 }, false],
    ['year 10000', { year: 10000, month: 1, day: 1 }, false],
    ['NaN parts', { year: NaN, month: 1, day: 1 }, false],
  ])('says %s is valid: %s', (_, d, expected) => {
    expect(isValidDate(d)).toBe(expected);
  });
});

describe('parseIsoDate', () => {
  it.each([
    ['2018-01-01', date('2018-01-01')],
    ['2018-03-31', date('2018-03-31')],
    ['2020-02-29', date('2020-02-29')],
    [' 2018-03-31 ', date('2018-03-31')],
  ])('reads %j', (text, expected) => {
    expect(parseIsoDate(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a day February does not have', '2018-02-30', 'février 2018 compte 28 jours'],
    ['29 February of a common year', '2019-02-29', 'février 2019 compte 28 jours'],
    ['31 April', '2018-04-31', 'avril 2018 compte 30 jours'],
    ['month 13', '2018-13-01', 'pas de mois 13'],
    ['day 0', '2018-01-00', 'pas 0'],
    ['year 0', '0000-01-01', 'hors des années'],
    ['a French date', '01/01/2018', 'AAAA-MM-JJ'],
    ['missing zero padding', '2018-1-1', 'AAAA-MM-JJ'],
    ['a time suffix', '2018-01-01T00:00:00', 'AAAA-MM-JJ'],
    ['an empty text', '  ', 'vide'],
  ])('refuses %s (%j) with a French reason', (_, text, reason) => {
    const result = parseIsoDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('parseFrenchDate', () => {
  it.each([
    ['2018-01-01', '2018-01-01'],
    ['01/01/2018', '2018-01-01'],
    ['1/1/2018', '2018-01-01'],
    ['31/03/2018', '2018-03-31'],
    ['31.03.2018', '2018-03-31'],
    ['31-03-2018', '2018-03-31'],
    ['1er janvier 2018', '2018-01-01'],
    ['1 janvier 2018', '2018-01-01'],
    ['01 janvier 2018', '2018-01-01'],
    ['premier janvier 2018', '2018-01-01'],
    ['1^{er} janvier 2018', '2018-01-01'],
    ['1ᵉʳ janvier 2018', '2018-01-01'],
    ['1ER JANVIER 2018', '2018-01-01'],
    ['31 mars 2018', '2018-03-31'],
    ['31 Mars 2018', '2018-03-31'],
    ['28 février 2018', '2018-02-28'],
    ['28 fevrier 2018', '2018-02-28'],
    ['28 févr. 2018', '2018-02-28'],
    ['15 août 2018', '2018-08-15'],
    ['15 aout 2018', '2018-08-15'],
    ['15 AOÛT 2018', '2018-08-15'],
    ['31 décembre 2018', '2018-12-31'],
    ['31 decembre 2018', '2018-12-31'],
    ['3 sept. 2018', '2018-09-03'],
    ['12 juin 2018', '2018-06-12'],
    ['12 juil. 2018', '2018-07-12'],
    ['31\u00a0mars\u202f2018', '2018-03-31'],
    ['  31   mars   2018 ', '2018-03-31'],
    ['le 31 mars 2018', '2018-03-31'],
    ['lundi 1er janvier 2018', '2018-01-01'],
    ['samedi 31 mars 2018', '2018-03-31'],
    ['29 février 2020', '2020-02-29'],
  ])('reads %j as %s', (text, iso) => {
    expect(parseFrenchDate(text)).toEqual({ ok: true, value: date(iso) });
  });

  it.each([
    ['a day February does not have', '30/02/2018', 'février 2018 compte 28 jours'],
    ['29 February of a common year in words', '29 février 2019', 'février 2019 compte 28 jours'],
    ['month 13', '01/13/2018', 'pas de mois 13'],
    ['a US-style date whose day would be the month', '12/31/2018', 'pas de mois 31'],
    ['a two-digit year', '01/01/18', 'année sur deux chiffres'],
    ['an unknown month', '1er brumaire 2018', 'brumaire'],
    ['an ordinal other than "er"', '2e janvier 2018', 'pas reconnue'],
    ['"er" on another day than the first', '31er mars 2018', '« 1er »'],
    ['a weekday that contradicts the date', 'mardi 1er janvier 2018', 'un lundi, pas un mardi'],
    ['mixed separators', '01/01-2018', 'pas reconnue'],
    ['a month and year without a day', 'mars 2018', 'pas reconnue'],
    ['plain words', 'demain', 'pas reconnue'],
    ['an invalid ISO date', '2018-02-30', 'février 2018 compte 28 jours'],
    ['an empty text', '', 'vide'],
  ])('refuses %s (%j) with a French reason', (_, text, reason) => {
    const result = parseFrenchDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('reads back what formatDate writes (four-digit years, the only ones it reads)', () => {
    fc.assert(
      fc.property(validDate.filter((d) => d.year >= 1000), (d) => {
        expect(parseFrenchDate(formatDate(d))).toEqual({ ok: true, value: d });
      }),
      PROPERTY,
    );
  });

  it('reads back what formatShortDate and toIso write', () => {
    fc.assert(
      fc.property(validDate, (d) => {
        expect(parseFrenchDate(formatShortDate(d))).toEqual({ ok: true, value: d });
        expect(parseIsoDate(toIso(d))).toEqual({ ok: true, value: d });
      }),
      PROPERTY,
    );
  });
});

describe('serial day numbers', () => {
  it.each([
    [1, '1899-12-31'],
    [2, '1900-01-01'],
    // Sheets, unlike Excel, has no 29 February 1900: serial 60 is the 28th.
    [60, '1900-02-28'],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [36526, '2000-01-01'],
    [43101, '2018-01-01'],
    [43190, '2018-03-31'],
    [43101.75, '2018-01-01'],
    [43190.999, '2018-03-31'],
    [43890, '2020-02-29'],
    [2958465, '9999-12-31'],
  ])('fromSerial(%d) is %s', (serial, iso) => {
    expect(fromSerial(serial)).toEqual({ ok: true, value: date(iso) });
  });

  it.each([
    ['NaN', NaN, 'nombre fini'],
    ['Infinity', Infinity, 'nombre fini'],
    ['-Infinity', -Infinity, 'nombre fini'],
    ['0', 0, 'commence à 1'],
    ['0.5', 0.5, 'commence à 1'],
    ['a negative number', -1, 'commence à 1'],
    ['a serial after 9999', 2958466, '31/12/9999'],
  ])('fromSerial refuses %s with a French reason', (_, serial, reason) => {
    const result = fromSerial(serial);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  // Found by test/fuzz/dates.fuzz.test.ts: the reason quoted JavaScript's « -Infinity ».
  it.each([NaN, Infinity, -Infinity])('fromSerial(%p) does not print the engine spelling of the number', (serial) => {
    const result = fromSerial(serial);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toMatch(/NaN|Infinity/);
  });

  it.each([
    ['2018-01-01', 43101],
    ['2018-03-31', 43190],
    ['1899-12-30', 0],
    ['1899-12-31', 1],
  ])('toSerial(%s) is %d', (iso, serial) => {
    expect(toSerial(date(iso))).toBe(serial);
  });

  it('agrees with an independent count from the JavaScript UTC calendar', () => {
    fc.assert(
      fc.property(validDate, (d) => {
        const utc = new Date(0);
        utc.setUTCFullYear(d.year, d.month - 1, d.day);
        expect(toSerial(d)).toBe(Math.round(utc.getTime() / 86_400_000) + 25569);
      }),
      PROPERTY,
    );
  });

  it('round-trips date → serial → date', () => {
    fc.assert(
      fc.property(validDate.filter((d) => d.year >= 1900), (d) => {
        expect(fromSerial(toSerial(d))).toEqual({ ok: true, value: d });
      }),
      PROPERTY,
    );
  });

  it('round-trips serial → date → serial, dropping the time of day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2958465 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (serial, time) => {
        const result = fromSerial(serial + time);
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(isValidDate(result.value)).toBe(true);
          expect(toSerial(result.value)).toBe(serial);
        }
      }),
      PROPERTY,
    );
  });
});

describe('weekday', () => {
  it.each([
    ['2018-01-01', 0],
    ['2018-03-31', 5],
    ['2018-04-01', 6],
    ['1970-01-01', 3],
    ['1899-12-30', 5],
  ])('%s is weekday %i (0 = Monday)', (iso, expected) => {
    expect(weekday(date(iso))).toBe(expected);
  });
});

describe('compareDates', () => {
  it.each([
    ['2018-01-01', '2018-01-02', -1],
    ['2018-01-31', '2018-02-01', -1],
    ['2017-12-31', '2018-01-01', -1],
    ['2018-03-31', '2018-03-31', 0],
    ['2019-01-01', '2018-12-31', 1],
  ])('orders %s and %s as %i', (a, b, sign) => {
    expect(Math.sign(compareDates(date(a), date(b)))).toBe(sign);
  });

  it('has the sign of daysBetween(b, a)', () => {
    fc.assert(
      fc.property(validDate, validDate, (a, b) => {
        expect(Math.sign(compareDates(a, b))).toBe(Math.sign(daysBetween(b, a)));
      }),
      PROPERTY,
    );
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2018-01-01', 89, '2018-03-31'],
    ['2018-01-01', 90, '2018-04-01'],
    ['2018-02-28', 1, '2018-03-01'],
    ['2020-02-28', 1, '2020-02-29'],
    ['2018-12-31', 1, '2019-01-01'],
    ['2018-01-01', -1, '2017-12-31'],
    ['2018-03-31', 0, '2018-03-31'],
    ['2019-01-01', 365, '2020-01-01'],
    ['2020-01-01', 366, '2021-01-01'],
  ])('%s + %i days is %s', (start, n, expected) => {
    expect(addDays(date(start), n)).toEqual(date(expected));
    expect(daysBetween(date(start), date(expected))).toBe(n);
  });

  it('refuses a fractional number of days, a programming error', () => {
    expect(() => addDays(date('2018-01-01'), 1.5)).toThrow(RangeError);
  });

  it('agree: daysBetween(d, addDays(d, n)) is n and the result is a valid date', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -200_000, max: 200_000 }), (d, n) => {
        const moved = addDays(d, n);
        expect(isValidDate(moved)).toBe(true);
        expect(daysBetween(d, moved)).toBe(n);
      }),
      PROPERTY,
    );
  });

  it('agree: addDays(a, daysBetween(a, b)) is b', () => {
    fc.assert(
      fc.property(validDate, validDate, (a, b) => {
        expect(addDays(a, daysBetween(a, b))).toEqual(b);
      }),
      PROPERTY,
    );
  });
});

describe('addMonths', () => {
  // Hand-written from Sheets' EDATE.
  it.each([
    ['2018-01-15', 1, '2018-02-15'],
    ['2018-01-31', 1, '2018-02-28'],
    ['2020-01-31', 1, '2020-02-29'],
    ['2018-01-31', 2, '2018-03-31'],
    ['2018-01-31', 3, '2018-04-30'],
    ['2018-05-31', 1, '2018-06-30'],
    ['2018-10-31', 4, '2019-02-28'],
    ['2018-03-31', -1, '2018-02-28'],
    ['2018-08-31', -6, '2018-02-28'],
    ['2020-02-29', 12, '2021-02-28'],
    ['2020-02-29', 48, '2024-02-29'],
    ['2018-02-28', 1, '2018-03-28'],
    ['2018-12-15', 1, '2019-01-15'],
    ['2018-01-15', -1, '2017-12-15'],
    ['2018-01-15', -13, '2016-12-15'],
    ['2018-01-15', 120, '2028-01-15'],
    ['2018-01-01', 0, '2018-01-01'],
  ])('EDATE(%s, %i) is %s', (start, n, expected) => {
    expect(addMonths(date(start), n)).toEqual(date(expected));
  });

  it('refuses a fractional number of months, a programming error', () => {
    expect(() => addMonths(date('2018-01-01'), 0.5)).toThrow(RangeError);
  });

  it('keeps the day number, clamped to the end of the target month', () => {
    fc.assert(
      fc.property(modernDate, fc.integer({ min: -1200, max: 1200 }), (d, n) => {
        const moved = addMonths(d, n);
        expect(isValidDate(moved)).toBe(true);
        expect(moved.year * 12 + moved.month - (d.year * 12 + d.month)).toBe(n);
        expect(moved.day).toBe(Math.min(d.day, daysInMonth(moved.year, moved.month)));
      }),
      PROPERTY,
    );
  });
});

describe('formatting', () => {
  it.each([
    ['2018-01-01', '1er janvier 2018', '01/01/2018', '2018-01-01'],
    ['2018-02-02', '2 février 2018', '02/02/2018', '2018-02-02'],
    ['2018-03-31', '31 mars 2018', '31/03/2018', '2018-03-31'],
    ['2018-08-15', '15 août 2018', '15/08/2018', '2018-08-15'],
    ['2018-12-01', '1er décembre 2018', '01/12/2018', '2018-12-01'],
    ['0987-06-05', '5 juin 987', '05/06/0987', '0987-06-05'],
  ])('writes %s as %j, %j and %j', (iso, long, short, isoOut) => {
    const d = date(iso);
    expect(formatDate(d)).toBe(long);
    expect(formatShortDate(d)).toBe(short);
    expect(toIso(d)).toBe(isoOut);
  });

  it.each([
    [1, 'janvier'],
    [2, 'février'],
    [3, 'mars'],
    [4, 'avril'],
    [5, 'mai'],
    [6, 'juin'],
    [7, 'juillet'],
    [8, 'août'],
    [9, 'septembre'],
    [10, 'octobre'],
    [11, 'novembre'],
    [12, 'décembre'],
  ])('names month %i %j, in lower case', (month, name) => {
    expect(formatDate({ year: 2018, month, day: 10 })).toBe(`10 ${name} 2018`);
  });

  it.each([
    ['2018-01-01', '2018-03-31', 'du 1er janvier 2018 au 31 mars 2018'],
    ['2018-07-01', '2018-10-15', 'du 1er juillet 2018 au 15 octobre 2018'],
    ['2019-12-01', '2020-01-31', 'du 1er décembre 2019 au 31 janvier 2020'],
  ])('writes the period %s – %s as %j', (start, end, expected) => {
    expect(formatPeriod(date(start), date(end))).toBe(expected);
  });
});
