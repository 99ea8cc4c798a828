/**
 * Fuzz test of the date readers (src/core/calendar.ts): French dates as people type them
 * (« 1er janvier 2024 », « 31/02/2024 », « lundi 1 janvier 2018 »), the ISO form of the
 * dossier JSON, and spreadsheet serial numbers. Every input gets a Result; a refusal is
 * French and quotes the date; what the formatters write reads back as the same day.
 */
import fc from 'fast-check';
import {
  daysInMonth,
  formatDate,
  formatShortDate,
  fromSerial,
  isValidDate,
  parseFrenchDate,
  parseIsoDate,
  toIso,
  toSerial,
  type CalendarDate,
} from '../../src/core/calendar';
import { MONTH_NAMES, WEEKDAY_NAMES } from '../../src/core/messages/periods';
import type { Result } from '../../src/core/result';
import { anyText, fuzzParams, NASTY_WORDS, readChecked as read } from './support';

const validDate: fc.Arbitrary<CalendarDate> = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map((d) => ({ ...d, day: Math.min(d.day, daysInMonth(d.year, d.month)) }));

/** Any triple, most of them impossible days: 31/02, 29/02 of a common year, month 13, year 0. */
const anyTriple = fc.record({ year: fc.integer({ min: -5, max: 100_000 }), month: fc.integer({ min: -1, max: 14 }), day: fc.integer({ min: -1, max: 40 }) });

const MONTH_SPELLINGS = [...MONTH_NAMES, 'fevrier', 'aout', 'decembre', 'janv', 'fév', 'févr.', 'sept.', 'JANVIER', 'Mars', 'marz', 'brumaire', 'constructor', '__proto__', 'toString'];
const sep = fc.constantFrom(' ', '  ', '\u00a0', '\u202f', '\t', ' \n ');

/** Dates as people write them, right or wrong: the pieces of a real date, recombined. */
const frenchLike: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(anyTriple, fc.constantFrom('/', '.', '-', '/ ', '//'), fc.constantFrom(0, 2, 4, 5)).map(([d, s, pad]) => `${String(d.day).padStart(2, '0')}${s}${String(d.month).padStart(2, '0')}${s}${String(d.year).padStart(pad, '0')}`),
  fc
    .tuple(
      fc.option(fc.constantFrom(...WEEKDAY_NAMES, 'Lundi', 'dimanche,', 'jeudi', 'hier', 'valueOf')),
      fc.oneof(fc.integer({ min: -1, max: 40 }).map(String), fc.constantFrom('1er', '1ᵉʳ', '2er', 'premier', '01', '1 er', '31')),
      fc.constantFrom(...MONTH_SPELLINGS),
      fc.oneof(fc.integer({ min: -1, max: 12_000 }).map(String), fc.constantFrom('2024', '18', '02024', '२०२४')),
      sep,
      fc.boolean(),
    )
    .map(([wd, day, month, year, s, le]) => `${le ? `le${s}` : ''}${wd ? `${wd}${s}` : ''}${day}${s}${month}${s}${year}`),
  fc.tuple(anyTriple, fc.constantFrom('-', '/')).map(([d, s]) => `${String(d.year).padStart(4, '0')}${s}${String(d.month).padStart(2, '0')}${s}${String(d.day).padStart(2, '0')}`),
);

const anyDateText = fc.oneof(anyText, frenchLike, fc.constantFrom(...NASTY_WORDS), fc.constantFrom('31/02/2024', '29/02/2023', '1er janvier 2024', '00/00/0000', '2024-02-30', '9999-12-31', '0000-01-01', '1er février 2024', 'lundi 1er janvier 2024'));

describe('the date readers, fuzzed', () => {
  it('parseFrenchDate answers every text with a Result; a date it accepts exists; a refusal is French and quotes the text', () => {
    fc.assert(
      fc.property(anyDateText, (text) => {
        const r = read(() => parseFrenchDate(text), [text]);
        if (r.ok && !isValidDate(r.value)) throw new Error(`accepted an impossible date: ${JSON.stringify(r.value)}`);
        if (!r.ok && text.trim() !== '' && !r.reason.includes('«')) throw new Error(`the refusal does not quote the date: ${r.reason}`);
      }),
      fuzzParams(),
    );
  });

  it('parseIsoDate answers every text with a Result, and accepts only what toIso writes', () => {
    fc.assert(
      fc.property(anyDateText, (text) => {
        const r = read(() => parseIsoDate(text), [text]);
        if (r.ok && toIso(r.value) !== text.trim()) throw new Error(`« ${text} » accepted as ${toIso(r.value)}`);
      }),
      fuzzParams(),
    );
  });

  it('fromSerial answers every number; a serial it accepts is a valid date that reads back', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer({ min: -10, max: 3_000_000 })), (serial) => {
        const r = read(() => fromSerial(serial), []);
        if (r.ok && (!isValidDate(r.value) || toSerial(r.value) !== Math.floor(serial))) throw new Error(`${serial} read as ${JSON.stringify(r.value)}`);
      }),
      fuzzParams(),
    );
  });
});

describe('the date readers read back what is written', () => {
  it('formatShortDate (« 01/01/2024 ») and toIso read back as the same day, years 1 to 9999', () => {
    fc.assert(
      fc.property(validDate, (d) => {
        for (const text of [formatShortDate(d), toIso(d)]) {
          const r = read(() => parseFrenchDate(text), [text]);
          if (!r.ok || toIso(r.value) !== toIso(d)) throw new Error(`« ${text} » read as ${r.ok ? toIso(r.value) : r.reason}`);
        }
      }),
      fuzzParams(),
    );
  });

  // formatDate writes the year unpadded (« 1er janvier 999 ») and the reader takes four-digit
  // years in words only, as people write them: the round trip holds from year 1000.
  it('formatDate (« 1er janvier 2024 ») reads back as the same day, years 1000 to 9999', () => {
    fc.assert(
      fc.property(validDate.filter((d) => d.year >= 1000), (d) => {
        for (const text of [formatDate(d)]) {
          const r = read(() => parseFrenchDate(text), [text]);
          if (!r.ok || toIso(r.value) !== toIso(d)) throw new Error(`« ${text} » read as ${r.ok ? toIso(r.value) : r.reason}`);
        }
      }),
      fuzzParams(),
    );
  });

  it('a triple that is not a day of the calendar is refused in every written form', () => {
    fc.assert(
      fc.property(anyTriple.filter((d) => !isValidDate(d) && d.year >= 1 && d.year <= 9999 && d.month >= 0 && d.day >= 0), (d) => {
        const short = `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${String(d.year).padStart(4, '0')}`;
        const iso = `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
        for (const text of [short, iso]) if (read(() => parseFrenchDate(text), [text]).ok) throw new Error(`« ${text} » accepted`);
      }),
      fuzzParams(),
    );
  });
});
