/**
 * Fuzz test of the French number readers (src/core/parse.ts): amounts, rates and bare
 * numbers as cells, JSON and people give them. Each reader must answer every input with a
 * Result (never throw), refuse in French quoting what was typed, and read back exactly
 * what the project's own formatters write.
 */
import fc from 'fast-check';
import { Dec } from '../../src/core/decimal';
import { formatAmount, formatRate } from '../../src/core/format';
import { centsFromAmountText, decimalFromNumber, parseAmount, parseNumberText, parseRate } from '../../src/core/parse';
import { wholeCents } from '../../src/core/decimal';
import { plainAmount } from '../../src/app/dossier-table';
import type { Result } from '../../src/core/result';
import { anyJsonValue, anyText, fuzzParams, numberLike, readChecked as read } from './support';

/** Realistic amounts: a whole number of cents written the French way, with or without unit. */
const frenchAmount = fc
  .record({
    cents: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    withCents: fc.boolean(),
    group: fc.constantFrom('', ' ', '\u00a0', '\u202f', '\u2009', '.'),
    unit: fc.constantFrom('', ' €', '€', '\u00a0€', ' euros', ' euro', ' EUR', ' Euros'),
    lead: fc.constantFrom('', '€ ', 'EUR '),
    pad: fc.constantFrom('', ' ', '\t', '\n '),
  })
  .map(({ cents, withCents, group, unit, lead, pad }) => {
    const euros = (withCents ? cents / 100n : cents).toString();
    const grouped = group === '' ? euros : euros.replace(/\B(?=(\d{3})+$)/g, group);
    const decimals = withCents ? `,${(cents % 100n).toString().padStart(2, '0')}` : '';
    const value = withCents ? new Dec(cents.toString()).div(100) : new Dec(cents.toString());
    return { text: `${pad}${lead && !unit ? lead : ''}${grouped}${decimals}${unit}${pad}`, value };
  });

/** Near-misses: a realistic amount with one piece broken, swapped or doubled. */
const brokenAmount = fc
  .tuple(frenchAmount, fc.nat(), fc.constantFrom(',', '.', ' ', '  ', '%', '€', 'e5', '-', '..', ',,', 'O', 'l', '\u2212'))
  .map(([{ text }, at, piece]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + piece + text.slice(i + 1);
  });

const anyInput: fc.Arbitrary<unknown> = fc.oneof(
  anyText,
  frenchAmount.map((a) => a.text),
  brokenAmount,
  numberLike,
  fc.double(), // NaN, ±Infinity, -0, subnormals
  fc.integer(),
  fc.bigInt(),
  anyJsonValue,
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
);

const texts = (input: unknown): string[] => (typeof input === 'string' ? [input] : []);

describe('the French number readers, fuzzed', () => {
  it('parseAmount answers every input with a Result; a refusal is French; a value is exact, finite, at most cents', () => {
    fc.assert(
      fc.property(anyInput, fc.boolean(), (input, allowNegative) => {
        const r = read(() => parseAmount(input, { allowNegative }), texts(input));
        if (r.ok) {
          if (!r.value.isFinite()) throw new Error(`not finite: ${r.value}`);
          if (!allowNegative && r.value.isNeg()) throw new Error(`negative accepted: ${r.value}`);
          if (typeof input === 'string' && r.value.decimalPlaces() > 2) throw new Error(`more than cents: ${r.value}`);
        }
      }),
      fuzzParams(),
    );
  });

  it('parseRate answers every input with a Result; a value is a fraction from 0 to 1', () => {
    fc.assert(
      fc.property(fc.oneof(anyInput, numberLike.map((s) => `${s} %`), fc.double({ min: 0, max: 1 })), (input) => {
        const r = read(() => parseRate(input), texts(input));
        if (r.ok && (r.value.fraction.isNeg() || r.value.fraction.gt(1) && typeof input !== 'string')) throw new Error(`out of range: ${r.value.fraction}`);
        if (r.ok && !Number.isInteger(r.value.percentDecimals)) throw new Error(`bad precision: ${r.value.percentDecimals}`);
      }),
      fuzzParams(),
    );
  });

  it('parseNumberText answers every string with a Result; a refusal quotes the text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, numberLike, brokenAmount), (text) => {
        const r = read(() => parseNumberText(text), [text]);
        if (!r.ok && text.trim() !== '' && !r.reason.includes('«')) throw new Error(`the refusal does not quote the text: ${r.reason}`);
      }),
      fuzzParams(),
    );
  });

  it('decimalFromNumber answers every double; a finite one reads as a finite decimal', () => {
    fc.assert(
      fc.property(fc.double(), (n) => {
        const r = read(() => decimalFromNumber(n), []);
        if (Number.isFinite(n) !== r.ok) throw new Error(`finite ${Number.isFinite(n)} but ok ${r.ok}`);
      }),
      fuzzParams(),
    );
  });
});

// PRORATA and TAUX read a text amount as whole cents without a Decimal (issue 15): it must be
// what parseAmount reads, or left to it.
describe('centsFromAmountText', () => {
  it('gives wholeCents(parseAmount(text)) for every text it takes, and takes no refusal, zero or negative', () => {
    const text = fc.oneof(anyText, frenchAmount.map((a) => a.text), brokenAmount, numberLike, frenchAmount.map((a) => `-${a.text}`));
    fc.assert(
      fc.property(text, (t) => {
        const cents = centsFromAmountText(t);
        if (cents === null) return;
        const r = parseAmount(t);
        if (!r.ok) throw new Error(`taken, but parseAmount refuses « ${t} »: ${r.reason}`);
        if (!(cents > 0) || wholeCents(r.value) !== cents) throw new Error(`« ${t} »: ${cents} cents, parseAmount ${r.value}`);
      }),
      fuzzParams(),
    );
  });

  it('takes every positive French amount below 10^12 €', () => {
    fc.assert(
      fc.property(frenchAmount, ({ text, value }) => {
        const expected = value.gt(0) && value.lt(1e12) ? value.times(100).toNumber() : null;
        return centsFromAmountText(text) === expected;
      }),
      fuzzParams(),
    );
  });
});

describe('the French number readers read back what is written', () => {
  it('a French amount as people type it (« 1 234,56 € », « 12.000 euros ») reads as its value', () => {
    fc.assert(
      fc.property(frenchAmount, ({ text, value }) => {
        const r = read(() => parseAmount(text), [text]);
        if (!r.ok) throw new Error(`refused « ${text} »: ${r.reason}`);
        if (!r.value.eq(value)) throw new Error(`« ${text} » read as ${r.value}, not ${value}`);
      }),
      fuzzParams(),
    );
  });

  it('formatAmount then parseAmount gives the amount back (cents, both spacings, every unit)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }),
        fc.constantFrom('narrow', 'nbsp') as fc.Arbitrary<'narrow' | 'nbsp'>,
        fc.constantFrom('€', 'euros', 'none') as fc.Arbitrary<'€' | 'euros' | 'none'>,
        (cents, spacing, unit) => {
          const value = new Dec(cents.toString()).div(100);
          const text = formatAmount(value, { decimals: 2, spacing, unit });
          const r = read(() => parseAmount(text, { allowNegative: true }), [text]);
          if (!r.ok || !r.value.eq(value)) throw new Error(`« ${text} » read as ${r.ok ? r.value : r.reason}, not ${value}`);
        },
      ),
      fuzzParams(),
    );
  });

  it('plainAmount (the form and the sheet reader) then parseAmount gives the amount back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (cents) => {
        const value = new Dec(cents.toString()).div(100);
        const text = plainAmount(value);
        const r = read(() => parseAmount(text, { allowNegative: true }), [text]);
        if (!r.ok || !r.value.eq(value)) throw new Error(`« ${text} » read as ${r.ok ? r.value : r.reason}, not ${value}`);
      }),
      fuzzParams(),
    );
  });

  it('formatRate then parseRate gives the rate back at the precision written', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 4 }), (millionths, decimals) => {
        const fraction = new Dec(millionths).div(1_000_000).toDecimalPlaces(decimals + 2, Dec.ROUND_HALF_UP);
        const text = formatRate(fraction, { decimals });
        const r = read(() => parseRate(text), [text]);
        if (!r.ok || !r.value.fraction.eq(fraction) || r.value.percentDecimals !== decimals) {
          throw new Error(`« ${text} » read as ${r.ok ? `${r.value.fraction} (${r.value.percentDecimals})` : r.reason}, not ${fraction} (${decimals})`);
        }
      }),
      fuzzParams(),
    );
  });
});
