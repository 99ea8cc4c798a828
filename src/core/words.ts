import { Dec, roundedCents } from './decimal';
import { describeKind, numberMessages as m } from './messages/numbers';
import { fail, ok, type Result } from './result';

/** 'traditional': hyphens below one hundred only (default); '1990': between all numerals. */
export type Spelling = 'traditional' | '1990';
export type Currency = 'euros' | 'francs' | 'none';

const UNITS = [
  'zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf',
  'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize',
];
const TENS = ['', 'dix', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];

/**
 * The nouns of the long scale, from 10^6 up. They are nouns, not numerals: they take an s,
 * never a 1990 hyphen, and make a round amount "d'euros".
 */
const SCALE_NOUNS = ['million', 'milliard', 'billion', 'billiard', 'trillion'];
const LIMIT = 10n ** BigInt(6 + 3 * SCALE_NOUNS.length);

/**
 * 0–99. `plural` says whether "quatre-vingt" may take its s: only when it ends the number
 * or stands before a noun (million…), never before "mille".
 */
function belowHundred(n: number, plural: boolean, spelling: Spelling): string {
  if (n <= 16) return UNITS[n]!;
  if (n < 20) return `dix-${UNITS[n - 10]}`;
  const and = spelling === '1990' ? '-et-' : ' et ';
  if (n < 70) {
    const tens = TENS[Math.floor(n / 10)]!;
    const unit = n % 10;
    if (unit === 0) return tens;
    return unit === 1 ? `${tens}${and}un` : `${tens}-${UNITS[unit]}`;
  }
  if (n < 80) return n === 71 ? `soixante${and}onze` : `soixante-${belowHundred(n - 60, false, spelling)}`;
  if (n === 80) return plural ? 'quatre-vingts' : 'quatre-vingt';
  return `quatre-vingt-${belowHundred(n - 80, false, spelling)}`;
}

/** 0–999, same `plural` rule for "cent" as for "quatre-vingt". */
function belowThousand(n: number, plural: boolean, spelling: Spelling): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0) return belowHundred(rest, plural, spelling);
  const join = spelling === '1990' ? '-' : ' ';
  const cent = hundreds === 1 ? 'cent' : `${UNITS[hundreds]}${join}cent${rest === 0 && plural ? 's' : ''}`;
  return rest === 0 ? cent : `${cent}${join}${belowHundred(rest, plural, spelling)}`;
}

/**
 * A whole number in French words: `numberInWords(80000)` → "quatre-vingt mille",
 * `numberInWords(200000000, '1990')` → "deux-cents millions".
 */
export function numberInWords(n: number | bigint, spelling: Spelling = 'traditional'): string {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) {
    throw new RangeError(Number.isInteger(n) && n > 0 ? m.tooLargeForWords(String(n)) : m.notAWholeNumber(String(n)));
  }
  if (typeof n === 'number') {
    if (n < 0) throw new RangeError(m.notAWholeNumber(String(n)));
    return n === 0 ? UNITS[0]! : wordsOf(n % 1_000_000, (n - (n % 1_000_000)) / 1_000_000, spelling);
  }
  if (n < 0n) throw new RangeError(m.notAWholeNumber(String(n)));
  if (n >= LIMIT) throw new RangeError(m.tooLargeForWords(String(n)));
  if (n === 0n) return UNITS[0]!;
  const millions = n / 1_000_000n;
  // Below 2^53 millions, plain numbers hold it exactly; a bigint beyond needs its own groups.
  return wordsOf(Number(n % 1_000_000n), millions <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(millions) : millions, spelling);
}

/**
 * The words of `millions` × 10^6 + `low`, not both zero. A safe integer is split in plain
 * exact arithmetic (a column of amounts is written per call); larger ones in bigints.
 */
function wordsOf(low: number, millions: number | bigint, spelling: Spelling): string {
  const join = spelling === '1990' ? '-' : ' ';
  const thousands = (low - (low % 1000)) / 1000;
  const units = low % 1000;
  // "mille" is a numeral (hyphenated in 1990, "vingt-et-un-mille"), never "un mille".
  let lowWords = '';
  if (thousands === 1) lowWords = 'mille';
  else if (thousands > 1) lowWords = `${belowThousand(thousands, false, spelling)}${join}mille`;
  if (units > 0) lowWords = lowWords ? `${lowWords}${join}${belowThousand(units, true, spelling)}` : belowThousand(units, true, spelling);

  let high = '';
  const scale = (count: number, i: number) => {
    if (count !== 0) high = `${belowThousand(count, true, spelling)} ${SCALE_NOUNS[i]}${count > 1 ? 's' : ''}${high ? ` ${high}` : ''}`;
  };
  if (typeof millions === 'number') {
    for (let i = 0, rest = millions; rest > 0; i++) {
      const count = rest % 1000;
      scale(count, i);
      rest = (rest - count) / 1000;
    }
  } else {
    for (let i = 0, rest = millions; rest > 0n; i++, rest /= 1000n) scale(Number(rest % 1000n), i);
  }
  return high && lowWords ? `${high} ${lowWords}` : high || lowWords;
}

const CURRENCY_NOUNS: Record<Exclude<Currency, 'none'>, { one: string; many: string; of: string }> = {
  euros: { one: 'euro', many: 'euros', of: "d'euros" },
  francs: { one: 'franc', many: 'francs', of: 'de francs' },
};
/** The words end with a noun (million…) exactly when the number is whole millions: "un million d'euros". */
const endsWithNoun = (n: number | bigint): boolean => (typeof n === 'number' ? n >= 1_000_000 && n % 1_000_000 === 0 : n >= 1_000_000n && n % 1_000_000n === 0n);

/**
 * An amount in words, as conventions write it: `amountInWords(new Dec(47500))` →
 * "quarante-sept mille cinq cents euros"; 1 000 000 → "un million d'euros"; 0,5 →
 * "cinquante centimes". Rounded half up to the cent; a negative amount starts with "moins".
 */
export function amountInWords(value: Dec, opts: { currency?: Currency; spelling?: Spelling } = {}): string {
  const { currency = 'euros', spelling = 'traditional' } = opts;
  // One rounding, half up to the cent: "-47500.05" → 4750005 cents. In plain exact integers
  // where they hold it (roundedCents), else read back from Decimal's digits as a bigint.
  const rounded = roundedCents(value);
  let negative: boolean;
  let whole: number | bigint;
  let cents: number;
  if (rounded !== null) {
    negative = rounded < 0;
    const abs = negative ? -rounded : rounded;
    cents = abs % 100;
    whole = (abs - cents) / 100;
  } else {
    const fixed = value.toFixed(2, Dec.ROUND_HALF_UP);
    const totalCents = BigInt((fixed.charCodeAt(0) === 45 ? fixed.slice(1) : fixed).replace('.', ''));
    negative = fixed.charCodeAt(0) === 45 && totalCents > 0n;
    whole = totalCents / 100n;
    cents = Number(totalCents % 100n);
  }
  const sign = negative ? 'moins ' : '';
  const wholeWords = numberInWords(whole, spelling);

  if (currency === 'none') {
    if (cents === 0) return sign + wholeWords;
    // Read as the written decimals are: 12,05 is "douze virgule zéro cinq".
    const decimals = cents < 10 ? `zéro ${UNITS[cents]}` : belowHundred(cents, true, spelling);
    return `${sign}${wholeWords} virgule ${decimals}`;
  }

  const nouns = CURRENCY_NOUNS[currency];
  const centWords = () => `${belowHundred(cents, true, spelling)} centime${cents > 1 ? 's' : ''}`;
  if (whole === 0 || whole === 0n) return sign + (cents === 0 ? `zéro ${nouns.one}` : centWords());
  const unit = whole === 1 || whole === 1n ? nouns.one : endsWithNoun(whole) ? nouns.of : nouns.many;
  return `${sign}${wholeWords} ${unit}${cents === 0 ? '' : ` et ${centWords()}`}`;
}

/**
 * The `devise` argument of MONTANT_LETTRES: `parseCurrency('EUR')` → 'euros',
 * `parseCurrency('aucune')` → 'none'. Empty means the default, euros.
 */
export function parseCurrency(input: unknown): Result<Currency> {
  if (input === undefined || input === null) return ok('euros');
  if (typeof input !== 'string') return fail(m.notACurrencyType(describeKind(input)));
  const key = input.trim().toLowerCase();
  if (['', 'euros', 'euro', 'eur', '€'].includes(key)) return ok('euros');
  if (['francs', 'franc', 'f', 'frf'].includes(key)) return ok('francs');
  if (['aucune', 'aucun', 'sans'].includes(key)) return ok('none');
  return fail(m.unknownCurrency(input.trim()));
}
