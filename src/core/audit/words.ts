/**
 * Reading amounts written in French words, the inverse of src/core/words.ts: both spellings
 * (traditional and 1990 hyphens), « d'euros », « de francs », « … et vingt centimes ». The
 * grammar is strict on the order of numerals, so that a phrase which is not a number gives
 * null rather than a guess: the audit compares the result with digits, and a misreading
 * would be a false alarm.
 */
import { Dec } from '../decimal';
import { amountInWords } from '../words';
import { foldWord } from './scan';

const UNITS: ReadonlyMap<string, number> = new Map(
  ['zero', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze', 'treize', 'quatorze', 'quinze', 'seize'].map(
    (w, i) => [w, i],
  ),
);
const TENS: ReadonlyMap<string, number> = new Map([
  ['vingt', 20], ['vingts', 20], ['trente', 30], ['quarante', 40], ['cinquante', 50], ['soixante', 60],
]);
const SCALES: ReadonlyMap<string, bigint> = new Map([
  ['million', 10n ** 6n], ['millions', 10n ** 6n], ['milliard', 10n ** 9n], ['milliards', 10n ** 9n],
]);
const CURRENCY_WORDS: ReadonlyMap<string, 'EUR' | 'FRF'> = new Map([
  ['euro', 'EUR'], ['euros', 'EUR'], ["d'euros", 'EUR'], ['franc', 'FRF'], ['francs', 'FRF'], ['de francs', 'FRF'],
]);

/** Every word the grammar knows, to find where a phrase in words starts. */
export function isNumberWord(word: string): boolean {
  return (
    UNITS.has(word) || TENS.has(word) || SCALES.has(word) || word === 'cent' || word === 'cents' || word === 'mille' || word === 'et' ||
    word === 'centime' || word === 'centimes' || CURRENCY_WORDS.has(word) || word === 'de' || word === "d'euros" ||
    // Not a numeral, but how « mille » is misspelled: the loose reading takes it.
    word === 'milles'
  );
}

/** Splits folded words on spaces and hyphens, keeping « d'euros » whole. */
export function numberWords(folded: string): string[] {
  return folded
    .replace(/['’]/g, "'")
    .split(/[\s-]+/)
    .filter((w) => w !== '');
}

/**
 * 0–999 999 999 999 from numerals only, or null when the words are not one well-formed number.
 * `loose` also takes the misspellings whose value is still unambiguous (« un mille », « milles »,
 * « quatre-vingt et un »), for the spelling check only: never to say the words give another amount.
 */
function parseWhole(words: readonly string[], loose = false): bigint | null {
  if (words.length === 0) return null;
  let total = 0n;
  let lastScale = 10n ** 13n;
  let hundreds = 0;
  let rest = 0;
  let any = false;
  const closeGroup = (scale: bigint): boolean => {
    const value = hundreds + rest;
    if (scale >= lastScale) return false;
    // « mille » alone is one thousand; « un million » needs its « un ».
    if (value === 0 && scale !== 1000n) return false;
    if (value === 1 && scale === 1000n && hundreds === 0 && !loose) return false; // « un mille » is never written
    total += BigInt(value === 0 ? 1 : value) * scale;
    lastScale = scale;
    hundreds = 0;
    rest = 0;
    return true;
  };
  for (let i = 0; i < words.length; i++) {
    const w = loose && words[i] === 'milles' ? 'mille' : words[i]!;
    any = true;
    if (w === 'et') {
      const next = words[i + 1];
      const tens = rest >= 20 && rest <= 60 && rest % 10 === 0;
      if (!((tens || (loose && rest === 80)) && (next === 'un' || (rest === 60 && next === 'onze')))) return null;
      continue;
    }
    const unit = UNITS.get(w);
    if (unit !== undefined) {
      if (unit === 0) {
        if (words.length !== 1) return null;
        continue;
      }
      if (w === 'quatre' && (words[i + 1] === 'vingt' || words[i + 1] === 'vingts') && rest === 0) {
        rest = 80;
        i++;
        continue;
      }
      if (rest === 0) rest = unit;
      else if ([20, 30, 40, 50].includes(rest) && unit <= 9) rest += unit;
      else if ((rest === 60 || rest === 80) && unit <= 16) rest += unit;
      else if ((rest === 10 || rest === 70 || rest === 90) && unit >= 7 && unit <= 9) rest += unit;
      else return null;
      continue;
    }
    const tens = TENS.get(w);
    if (tens !== undefined) {
      if (rest !== 0) return null;
      rest = tens;
      continue;
    }
    if (w === 'cent' || w === 'cents') {
      if (hundreds !== 0 || rest === 1 || rest > 9) return null;
      hundreds = (rest === 0 ? 1 : rest) * 100;
      rest = 0;
      continue;
    }
    if (w === 'mille') {
      if (!closeGroup(1000n)) return null;
      continue;
    }
    const scale = SCALES.get(w);
    if (scale !== undefined) {
      if (!closeGroup(scale)) return null;
      continue;
    }
    return null;
  }
  return any ? total + BigInt(hundreds + rest) : null;
}

export interface WordsAmount {
  value: Dec;
  currency: 'EUR' | 'FRF';
}

/**
 * An amount in French words: `parseAmountWords('quarante-sept mille cinq cents euros')` →
 * 47 500 EUR; « deux cents millions d'euros », « vingt euros et cinquante centimes »,
 * « cinquante centimes », « cent mille francs ». Null when it is not one amount.
 * `{ loose: true }` also reads the misspellings parseWhole's `loose` takes, and « euros » /
 * « d'euros » in the wrong place (« deux millions euros »).
 */
export function parseAmountWords(text: string, opts: { loose?: boolean } = {}): WordsAmount | null {
  const loose = opts.loose === true;
  const words = numberWords(foldWord(text).trim());
  // Join « de francs » into one word, as « d'euros » is.
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 'de' && words[i + 1] === 'francs') {
      joined.push('de francs');
      i++;
    } else joined.push(words[i]!);
  }
  const c = joined.findIndex((w) => CURRENCY_WORDS.has(w));
  if (c < 0) {
    // « cinquante centimes »: under one euro.
    if (joined.length >= 2 && (joined[joined.length - 1] === 'centimes' || joined[joined.length - 1] === 'centime')) {
      const cents = parseWhole(joined.slice(0, -1), loose);
      if (cents === null || cents === 0n || cents > 99n) return null;
      return { value: new Dec(cents.toString()).div(100), currency: 'EUR' };
    }
    return null;
  }
  const currency = CURRENCY_WORDS.get(joined[c]!)!;
  const whole = parseWhole(joined.slice(0, c), loose);
  if (whole === null) return null;
  const noun = joined[c]!;
  const endsWithScale = SCALES.has(joined[c - 1] ?? '');
  // « d'euros » only after a scale noun, « euros » never right after one; « un euro » alone is singular.
  if ((noun === "d'euros" || noun === 'de francs') !== endsWithScale && !loose) return null;
  let value = new Dec(whole.toString());
  const tail = joined.slice(c + 1);
  if (tail.length > 0) {
    if (tail[0] !== 'et' || (tail[tail.length - 1] !== 'centimes' && tail[tail.length - 1] !== 'centime')) return null;
    const cents = parseWhole(tail.slice(1, -1), loose);
    if (cents === null || cents === 0n || cents > 99n) return null;
    value = value.plus(new Dec(cents.toString()).div(100));
  }
  return { value, currency };
}

/** What the spelling check compares: folded (case, accents, apostrophes, runs of spaces and line breaks), any hyphen as « - ». */
const spellingKey = (text: string) => foldWord(text).replace(/[\u2010\u2011]/g, '-').replace(/[ʼ`´]/g, "'").trim();

/**
 * The right spellings of an amount in words when `written` is neither of them, else null:
 * `misspelledWords('deux cent millions d’euros', new Dec(200000000), 'EUR')` →
 * `{ traditional: 'deux cents millions d’euros', rectified: 'deux-cents millions d’euros' }`.
 * Both the traditional and the 1990 spelling (src/core/words.ts) are right; so are any case,
 * a capital, line breaks, several spaces and either apostrophe.
 */
export function misspelledWords(written: string, value: Dec, currency: WordsAmount['currency']): { traditional: string; rectified: string } | null {
  const c = currency === 'FRF' ? 'francs' : 'euros';
  const typographic = (s: string) => s.replace(/'/g, '’');
  const traditional = typographic(amountInWords(value, { currency: c, spelling: 'traditional' }));
  const rectified = typographic(amountInWords(value, { currency: c, spelling: '1990' }));
  const key = spellingKey(written);
  return key === spellingKey(traditional) || key === spellingKey(rectified) ? null : { traditional, rectified };
}
