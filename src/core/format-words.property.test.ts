import fc from 'fast-check';
import { Dec, roundCents, roundedCents } from './decimal';
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

  it('roundedCents is toFixed(2) half up in cents, or null beyond 10^12', () => {
    fc.assert(
      fc.property(amounts, (v) => {
        const fast = roundedCents(v);
        if (v.abs().gte(1e12)) return fast === null;
        return fast !== null && fast === Number(v.toFixed(2, Dec.ROUND_HALF_UP).replace('.', '')) && fast !== 0 === !roundCents(v).isZero();
      }),
      { numRuns: 5000 },
    );
  });

  // MONTANT_LETTRES before its fast path: one Decimal toFixed, cents as a bigint, the noun
  // rule read from the words. The fast path must write the same text.
  function referenceAmountWords(value: Dec, currency: 'euros' | 'francs' | 'none'): string {
    const fixed = value.toFixed(2, Dec.ROUND_HALF_UP);
    const negative = fixed.startsWith('-');
    const totalCents = BigInt((negative ? fixed.slice(1) : fixed).replace('.', ''));
    const whole = totalCents / 100n;
    const cents = totalCents % 100n;
    const sign = negative && totalCents > 0n ? 'moins ' : '';
    const wholeWords = numberInWords(whole);
    const centNumber = numberInWords(cents);
    if (currency === 'none') {
      if (cents === 0n) return sign + wholeWords;
      return `${sign}${wholeWords} virgule ${cents < 10n ? `zéro ${centNumber}` : centNumber}`;
    }
    const [one, many, of] = currency === 'euros' ? ['euro', 'euros', "d'euros"] : ['franc', 'francs', 'de francs'];
    const centWords = `${centNumber} centime${cents > 1n ? 's' : ''}`;
    if (whole === 0n) return sign + (cents === 0n ? `zéro ${one}` : centWords);
    const unit = whole === 1n ? one : /(?:million|milliard|billion|billiard|trillion)s?$/.test(wholeWords) ? of : many;
    return `${sign}${wholeWords} ${unit}${cents === 0n ? '' : ` et ${centWords}`}`;
  }

  it.each(['euros', 'francs', 'none'] as const)('amountInWords in %s writes what the Decimal path wrote', (currency) => {
    fc.assert(fc.property(amounts, (v) => amountInWords(v, { currency }) === referenceAmountWords(v, currency)), { numRuns: 3000 });
  });

  // A number is split in plain arithmetic, a bigint in bigints: the same words either way,
  // and the groups above a million as their own numbers followed by their noun.
  it('numberInWords splits a number as it splits the same bigint', () => {
    const nouns = ['million', 'milliard', 'billion', 'billiard', 'trillion'];
    const reference = (n: bigint): string => {
      const parts: string[] = [];
      let high = n / 1_000_000n;
      for (let i = 0; high > 0n; i++, high /= 1000n) {
        const count = high % 1000n;
        if (count > 0n) parts.unshift(`${numberInWords(Number(count))} ${nouns[i]}${count > 1n ? 's' : ''}`);
      }
      const low = n % 1_000_000n;
      if (low > 0n || n === 0n) parts.push(numberInWords(Number(low)));
      return parts.join(' ');
    };
    const integers = fc.oneof(
      fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }),
      fc.bigInt({ min: 0n, max: 10n ** 21n - 1n }),
      fc.integer({ min: 0, max: 3000 }).map((k) => BigInt(k) * 1_000_000n),
    );
    fc.assert(
      fc.property(integers, (n) => {
        const words = numberInWords(n);
        return words === reference(n) && (n > BigInt(Number.MAX_SAFE_INTEGER) || numberInWords(Number(n)) === words);
      }),
      { numRuns: 5000 },
    );
  });
});
