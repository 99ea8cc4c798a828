import { Dec } from './decimal';
import { formatAmount, formatDecimal, formatPercentValue } from './format';
import { describeKind, numberMessages as m } from './messages/numbers';
import { fail, ok, type Result } from './result';

export type Grouping = 'space' | 'dot' | 'none';
export interface ParsedNumber {
  value: Dec;
  decimals: number;
  grouping: Grouping;
  text: string;
}
export interface ParsedRate {
  fraction: Dec;
  percentDecimals: number;
}

/** The spaces people and spreadsheets put between digit groups: all count as one kind. */
export const GROUP_SPACES = ' \u00a0\u202f\u2009';
const SPACE_CLASS = `[${GROUP_SPACES}]`;
const isGroupSpace = (ch: string) => GROUP_SPACES.includes(ch);
const isTrimmed = (ch: string) => /\s/.test(ch) || isGroupSpace(ch);
/**
 * Trimming also drops tabs and line breaks pasted along with a cell's content. A loop, not
 * a `[\s]+$` regex: that one retries at every space of a long inner run (quadratic, seconds
 * on a cell of 40 000 spaces between two digits).
 */
function trimAll(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmed(text[start]!)) start++;
  while (end > start && isTrimmed(text[end - 1]!)) end--;
  return text.slice(start, end);
}
// Built once: the audit parses every figure of a text through here, and compiling these per
// call dominated its profile.
const NOT_NUMBER_CHAR = new RegExp(`[^0-9.,${GROUP_SPACES}]`);
const HAS_SPACE = new RegExp(SPACE_CLASS);

// Decimal strings, not Decimals: a module constant made with `new Dec` would set decimal.js
// up as the bundle loads (see decimal.ts).
/** A millionth of a cent (DOMAIN.md "Money"): below it, a float's distance to a cent value is noise. */
const CENT_SNAP_TOLERANCE = '1e-8';
/** A few units in the last place of a double near 1: noise, not a digit anyone stated. */
const RATE_SNAP_TOLERANCE = '1e-15';

function suggestComma(text: string): string {
  return text.replace('.', ',');
}

/**
 * Reads a bare French number (sign allowed, no unit): `parseNumberText('1.234,56')` → 1234.56,
 * 2 decimals, grouped by dots. Refuses, with the reason, what a person could mean two ways.
 */
export function parseNumberText(text: string): Result<ParsedNumber> {
  const r = readNumberText(text);
  if (!r.ok) return r;
  const { digits, decimals, negative, grouping, text: shown } = r.value;
  const value = new Dec(`${digits}${decimals ? `.${decimals}` : ''}`);
  return ok({ value: negative && !value.isZero() ? value.neg() : value, decimals: decimals.length, grouping, text: shown });
}

/** A number's written parts, read and checked without making a Decimal (see decimal.ts). */
interface NumberParts {
  digits: string;
  decimals: string;
  negative: boolean;
  grouping: Grouping;
  text: string;
}

function readNumberText(text: string): Result<NumberParts> {
  const trimmed = trimAll(text);
  if (trimmed === '') return fail(m.emptyNumber());

  let rest = trimmed;
  let negative = false;
  // U+2212 is the minus sign word processors put in typeset documents.
  const sign = /^([-+\u2212])[\s\u00a0\u202f\u2009]*/.exec(rest);
  if (sign) {
    negative = sign[1] !== '+';
    rest = rest.slice(sign[0].length);
  }

  const bad = NOT_NUMBER_CHAR.exec(rest);
  if (bad) return fail(m.unexpectedCharacter(trimmed, bad[0]));
  if (!/[0-9]/.test(rest)) return fail(m.noDigits(trimmed));

  const commaParts = rest.split(',');
  if (commaParts.length > 2) return fail(m.severalCommas(trimmed));
  const [intText, decText] = commaParts as [string, string | undefined];

  const hasDot = intText.includes('.') || (decText ?? '').includes('.');
  const hasSpace = HAS_SPACE.test(rest);
  if (hasDot && hasSpace) return fail(m.mixedSeparators(trimmed));

  let decimals = '';
  if (decText !== undefined) {
    if (decText === '') return fail(m.missingDecimals(trimmed));
    if (!/^[0-9]+$/.test(decText)) return fail(m.groupedDecimals(trimmed));
    decimals = decText;
    if (intText === '') return fail(m.missingIntegerPart(trimmed, `${negative ? '-' : ''}0,${decText}`));
  }

  const integer = readGroups(intText, trimmed, decText !== undefined);
  if (!integer.ok) return integer;
  const { digits, grouping } = integer.value;
  return ok({ digits, decimals, negative, grouping, text: trimmed });
}

function readGroups(
  intText: string,
  shown: string,
  hasComma: boolean,
): Result<{ digits: string; grouping: Grouping }> {
  if (/^[0-9]+$/.test(intText)) return ok({ digits: intText, grouping: 'none' });
  if (!/^[0-9]/.test(intText) || !/[0-9]$/.test(intText)) return fail(m.misplacedSeparator(shown));

  const groups = intText.split(/[^0-9]+/);
  const separators = intText.match(/[^0-9]+/g) ?? [];
  if (separators.some((s) => s.length > 1)) return fail(m.doubledSeparator(shown));
  const grouping: Grouping = isGroupSpace(separators[0]!) ? 'space' : 'dot';
  const [first, ...others] = groups as [string, ...string[]];

  // "47.5" or "0.2375" is an English decimal point or a typo; only the writer knows.
  if (grouping === 'dot' && !hasComma && others.length === 1 && (others[0]!.length !== 3 || first.length > 3 || first.startsWith('0'))) {
    return fail(m.ambiguousDot(shown, suggestComma(shown)));
  }
  if (first.length > 3) return fail(m.firstGroupTooLong(shown, first));
  const wrong = others.find((g) => g.length !== 3);
  if (wrong !== undefined) return fail(m.groupNotThree(shown, wrong));
  if (first.startsWith('0')) return fail(m.leadingZeroGroup(shown));
  return ok({ digits: groups.join(''), grouping });
}

/**
 * A JS number to the decimal it stands for: `decimalFromNumber(17499.999999999996)` → 17500
 * (it lies within a millionth of a cent of 17 500,00); `decimalFromNumber(0.125)` → 0.125.
 */
export function decimalFromNumber(n: number): Result<Dec> {
  if (!Number.isFinite(n)) return fail(m.notFinite());
  // String(n) is the shortest decimal that reads back as the same double.
  const text = String(n);
  // Two decimals or fewer (most cells): already a cent value, nothing to snap; one Decimal
  // instead of five, since a custom function reads a whole column.
  const dot = text.indexOf('.');
  if (n !== 0 && !text.includes('e') && (dot < 0 || text.length - dot <= 3)) return ok(new Dec(text));
  const exact = new Dec(text);
  const cents = exact.toDecimalPlaces(2, Dec.ROUND_HALF_UP);
  const value = cents.minus(exact).abs().lte(CENT_SNAP_TOLERANCE) ? cents : exact;
  return ok(value.isZero() ? new Dec(0) : value);
}

/**
 * A positive cell number as whole cents, when its shortest decimal form has at most two
 * decimals and it lies below 10^12 (wholeCents' range): `centsFromNumber(47500.5)` → 4750050.
 * What `wholeCents(decimalFromNumber(n))` gives, without a Decimal; null for anything else
 * (zero, a negative, more decimals, an exponent, NaN), which the Decimal path reads.
 */
export function centsFromNumber(n: number): number | null {
  if (!(n > 0 && n < 1e12)) return null;
  const text = String(n);
  // Below 10^12 an exponent only shows for n < 10^-6: never a cent value.
  if (text.includes('e')) return null;
  const dot = text.indexOf('.');
  // A whole number below 10^12 times 100 stays an exact integer (below 2^53).
  if (dot < 0) return n * 100;
  if (text.length - dot > 3) return null;
  // At most 14 digits: read exactly.
  return Number(text.slice(0, dot) + text.slice(dot + 1).padEnd(2, '0'));
}

// The unit, before or after the number; the spaces around it are trimmed apart (a lazy
// `(.*?)\s*unit$` shape would be quadratic on a long run of spaces).
const UNIT_BEFORE = /^(?:€|euros?|eur)/i;
const UNIT_AFTER = /(?:€|euros?|eur)$/i;

/** "€ 47 500", "47 500 euros" → "47 500": the number without its unit. */
function withoutUnit(text: string): string {
  const before = UNIT_BEFORE.exec(text);
  const rest = before ? trimAll(text.slice(before[0].length)) : text;
  const after = UNIT_AFTER.exec(rest);
  return after ? trimAll(rest.slice(0, after.index)) : rest;
}

/**
 * An amount as a cell, JSON or a person gives it: `parseAmount('47.500 euros')` → 47500,
 * `parseAmount(17499.999999999996)` → 17500. Exact, not rounded; negative only when allowed.
 */
export function parseAmount(input: unknown, opts: { allowNegative?: boolean } = {}): Result<Dec> {
  const read = readAmount(input);
  if (!read.ok) return read;
  if (read.value.isNeg() && !opts.allowNegative) return fail(m.negative(formatAmount(read.value)));
  return read;
}

function readAmount(input: unknown): Result<Dec> {
  if (typeof input === 'number') return decimalFromNumber(input);
  if (typeof input === 'bigint') return ok(new Dec(input.toString()));
  if (Dec.isDecimal(input)) {
    const d = input as Dec;
    return d.isFinite() ? ok(d) : fail(m.notFinite());
  }
  if (typeof input !== 'string') {
    return input === null || input === undefined ? fail(m.empty()) : fail(m.notANumberType(describeKind(input)));
  }
  const parts = readAmountText(input);
  if (!parts.ok) return parts;
  const { digits, decimals, negative } = parts.value;
  const value = new Dec(`${digits}${decimals ? `.${decimals}` : ''}`);
  return ok(negative && !value.isZero() ? value.neg() : value);
}

function readAmountText(input: string): Result<NumberParts> {
  const text = trimAll(input);
  if (text === '') return fail(m.empty());
  if (text.includes('%')) return fail(m.rateNotAmount(text));
  const numberText = withoutUnit(text);
  if (!/^[-+\u2212]?[\s0-9.,\u00a0\u202f\u2009]*$/.test(numberText) || !/[0-9]/.test(numberText)) {
    return fail(m.notAnAmount(text));
  }
  const parsed = readNumberText(numberText);
  if (!parsed.ok) return parsed;
  if (parsed.value.decimals.length > 2) return fail(m.tooManyDecimals(parsed.value.text, parsed.value.decimals.length));
  return parsed;
}

/**
 * A positive amount written as text (« 800 000 € », « 47.500 euros », « 1 234,5 ») as whole
 * cents, below 10^12 like centsFromNumber: what `wholeCents(parseAmount(text))` gives,
 * without a Decimal; null for anything else (zero, a negative, a refusal), which parseAmount
 * reads and explains.
 */
export function centsFromAmountText(input: string): number | null {
  const parts = readAmountText(input);
  if (!parts.ok || parts.value.negative) return null;
  const digits = parts.value.digits.replace(/^0+/, '');
  // At most 12 digits of euros: the cents are an exact integer below 10^14.
  if (digits.length > 12) return null;
  const cents = Number(digits + parts.value.decimals.padEnd(2, '0'));
  return cents > 0 ? cents : null;
}

/**
 * A stated rate: `parseRate('23,75 %')` → 0.2375 stated to 2 percent decimals;
 * `parseRate(0.2375)` → the same. A bare number above 1 is refused: 23,75 % or 2 375 %?
 */
export function parseRate(input: unknown): Result<ParsedRate> {
  if (typeof input === 'number') {
    const fraction = rateFromNumber(input);
    if (!fraction.ok) return fraction;
    return fromFraction(fraction.value, fraction.value.decimalPlaces(), formatDecimal(fraction.value, fraction.value.decimalPlaces()));
  }
  if (Dec.isDecimal(input)) {
    const d = input as Dec;
    if (!d.isFinite()) return fail(m.notFinite());
    return fromFraction(d, d.decimalPlaces(), formatDecimal(d, d.decimalPlaces()));
  }
  if (typeof input !== 'string') {
    return input === null || input === undefined ? fail(m.emptyRate()) : fail(m.notARateType(describeKind(input)));
  }
  const text = trimAll(input);
  if (text === '') return fail(m.emptyRate());

  const percent = text.endsWith('%');
  const numberText = percent ? trimAll(text.slice(0, -1)) : text;
  if (numberText.includes('%') || !/[0-9]/.test(numberText)) return fail(m.notARate(text));
  const parsed = parseNumberText(numberText);
  if (!parsed.ok) return parsed;
  const { value, decimals } = parsed.value;
  // The written digits set the precision: "0,2400" is stated to 2 percent decimals.
  if (!percent) return fromFraction(value, decimals, text);
  if (value.isNeg()) return fail(m.negativeRate(text));
  return ok({ fraction: value.div(100), percentDecimals: decimals });
}

function fromFraction(fraction: Dec, places: number, shown: string): Result<ParsedRate> {
  if (fraction.isNeg()) return fail(m.negativeRate(shown));
  if (fraction.gt(1)) {
    return fail(
      m.ambiguousRate(
        shown,
        formatPercentValue(fraction, places),
        formatDecimal(fraction.div(100), places + 2),
        formatPercentValue(fraction.times(100), Math.max(0, places - 2)),
      ),
    );
  }
  return ok({ fraction, percentDecimals: Math.max(0, places - 2) });
}

/**
 * A rate computed in a cell (=B2/B3) carries a double's noise in its last digits
 * (0.30000000000000004); read it as the short decimal it lies on, so that its stated
 * precision is the one the user sees.
 */
function rateFromNumber(n: number): Result<Dec> {
  if (!Number.isFinite(n)) return fail(m.notFinite());
  const exact = new Dec(String(n));
  for (let places = 0; places < exact.decimalPlaces(); places++) {
    const short = exact.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
    if (short.minus(exact).abs().lte(RATE_SNAP_TOLERANCE)) return ok(short);
  }
  return ok(exact.isZero() ? new Dec(0) : exact);
}
