import fc from 'fast-check';
import { Dec, roundCents } from './decimal';
import { formatAmount, formatDecimal } from './format';
import { amountInWords, numberInWords } from './words';

// The Decimal-only forms these functions had before they read one toFixed() as text (issue 15):
// the fast forms must give the same text for every value, ties, signs and zeros included.
const NBSP = '\u00a0';
function referenceDecimal(value: Dec, decimals: number, spacing: 'narrow' | 'nbsp' = 'narrow'): string {
  const fixed = value.abs().toFixed(decimals, Dec.ROUND_HALF_UP);
  const [intPart, decPart] = fixed.split('.') as [string, string | undefined];
  const grouped = intPart.replace(/\B(?=(\d{3})+$)/g, spacing === 'narrow' ? '\u202f' : NBSP);
  const negative = value.isNeg() && !new Dec(fixed).isZero();
  return `${negative ? '-' : ''}${grouped}${decPart ? `,${decPart}` : ''}`;
}
function referenceAmount(value: Dec, decimals: 'auto' | 0 | 2, unit: '€' | 'euros' | 'none'): string {
  const cents = roundCents(value);
  const places = decimals === 'auto' ? (cents.isInteger() ? 0 : 2) : decimals;
  const digits = referenceDecimal(places === 0 ? value : cents, places);
  if (unit === 'none') return digits;
  if (unit === '€') return `${digits}${NBSP}€`;
  const shown = (places === 0 ? value.toDecimalPlaces(0, Dec.ROUND_HALF_UP) : cents).abs();
  return `${digits}${NBSP}${shown.lt(2) ? 'euro' : 'euros'}`;
}
function referenceCents(value: Dec): { cents: bigint; negative: boolean } {
  const rounded = roundCents(value);
  const cents = BigInt(rounded.abs().times(100).toFixed(0));
  return { cents, negative: rounded.isNeg() && cents > 0n };
}

// Thousandths of a euro over ±10^15, with the ties (…5) and the values near zero drawn often.
const amounts = fc.oneof(
  fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map((m) => new Dec(m.toString()).dividedBy(1000)),
  fc.integer({ min: -3000, max: 3000 }).map((m) => new Dec(m).dividedBy(1000)),
  fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map((m) => new Dec(m.toString()).plus('0.005')),
  fc.double({ min: -1e12, max: 1e12, noNaN: true }).map((x) => new Dec(x)),
);

describe('formatting and words read from one rounding, as the Decimal forms did', () => {
  it.each([0, 1, 2, 3] as const)('formatDecimal to %i places matches', (places) => {
    fc.assert(fc.property(amounts, (v) => formatDecimal(v, places) === referenceDecimal(v, places)), { numRuns: 3000 });
  });

  it.each([
    ['auto', '€'],
    [0, 'euros'],
    [2, 'euros'],
    ['auto', 'euros'],
    [2, 'none'],
  ] as const)('formatAmount with decimals %s and unit %s matches', (decimals, unit) => {
    fc.assert(fc.property(amounts, (v) => formatAmount(v, { decimals, unit }) === referenceAmount(v, decimals, unit)), { numRuns: 3000 });
  });

  it('amountInWords names the same cents and sign', () => {
    fc.assert(
      fc.property(amounts, (v) => {
        const { cents, negative } = referenceCents(v);
        const whole = numberInWords(cents / 100n);
        const words = amountInWords(v, { currency: 'none' });
        return words.startsWith(`${negative ? 'moins ' : ''}${whole}`) && (cents % 100n === 0n) === !words.includes(' virgule ');
      }),
      { numRuns: 3000 },
    );
  });
});
