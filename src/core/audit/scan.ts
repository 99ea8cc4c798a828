/**
 * Stage 1 of the audit: find the figures of a report's text. One left-to-right pass with
 * bounded look-ahead and look-behind, so the work is linear in the text's length; the only
 * regular expressions run on short, bounded slices.
 *
 * What is not a figure is skipped on purpose: years and bare numbers (no unit), article
 * references (L5218-7), names with digits (CT2, AMFT 2.0), ranges and act numbers
 * (2016-2018, n° 2000-321), phone numbers (04 91 …). A number counts as money only with a
 * unit (€, euros, EUR, F, francs, k€, M€, « millions d'euros »).
 */
import { parseFrenchDate, type CalendarDate } from '../calendar';
import { Dec } from '../decimal';
import { auditMessages } from '../messages/audit';
import { numberMessages } from '../messages/numbers';
import { parseNumberText, type Grouping } from '../parse';

export type Currency = 'EUR' | 'FRF';
/** How a hedged figure is meant: « plus de 50 % » is at least, « environ » is neither. */
export type Hedge = 'atLeast' | 'atMost' | 'approx';

interface Span {
  start: number;
  end: number;
  /** The text of the span, units included: what findings quote. */
  text: string;
}

export interface NumberToken extends Span {
  kind: 'money' | 'percent' | 'count';
  /** Null when the number is malformed: nothing may be computed from a misread figure. */
  value: Dec | null;
  decimals: number;
  grouping: Grouping;
  /** Digits before the comma: a style shows on numbers of five digits or more when ungrouped. */
  integerDigits: number;
  currency?: Currency;
  /** « 8 milliards d'euros », « 1,5 M€ »: no grouping style to speak of. */
  scaled: boolean;
  /** The French reason why the number cannot be read, from the shared number grammar. */
  malformed?: string;
  hedge?: Hedge;
}

export interface DateToken extends Span {
  kind: 'date';
  day: number;
  month: number;
  /** Absent in « du 1er janvier au 31 mars 2018 », where the end date gives it. */
  year?: number;
}

export interface DurationToken extends Span {
  kind: 'duration';
  months: Dec;
}

export type Token = NumberToken | DateToken | DurationToken;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isGroupSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\u00a0' || c === '\u202f' || c === '\u2009' || c === '\u2007';
const LETTER = /\p{L}/u;
/** `/\s/.test(c)`, without the regular expression for the printable ASCII and Latin-1 characters that most text is made of. */
const isWhite = (c: string): boolean => (c > ' ' && c < '\u00a0' ? false : /\s/.test(c));
function isLetter(c: string | undefined): boolean {
  if (c === undefined) return false;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c > '\u007f' && LETTER.test(c);
}
const isAlnum = (c: string | undefined): boolean => isDigit(c) || isLetter(c);

function digitsEnd(text: string, i: number): number {
  while (isDigit(text[i])) i++;
  return i;
}
function lettersEnd(text: string, i: number): number {
  while (isLetter(text[i])) i++;
  return i;
}

const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ’‘';
const PLAIN = ['a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 'n', 'o', 'o', 'o', 'o', 'o', 'u', 'u', 'u', 'u', 'y', 'y', 'oe', 'ae', "'", "'"];

/**
 * Lower case without accents, straight apostrophes, every run of spaces as one space:
 * « Février », « l’État » → « fevrier », « l'etat ». One pass with a table, since the
 * relation finders fold many short windows and `normalize` dominated the profile.
 */
export function foldWord(text: string): string {
  // Already folded (printable ASCII and « € », lower case, single spaces): most windows are.
  if (!NEEDS_FOLD.test(text)) return text;
  let out = '';
  let space = false;
  for (let i = 0; i < text.length; i++) {
    let c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || isGroupSpace(c)) {
      if (!space) out += ' ';
      space = true;
      continue;
    }
    space = false;
    if (c >= 'A' && c <= 'Z') c = c.toLowerCase();
    else if (c > '\u007f') {
      const lower = c.toLowerCase();
      const k = ACCENTED.indexOf(lower);
      c = k >= 0 ? PLAIN[k]! : lower.length === 1 ? lower : c;
    }
    out += c;
  }
  return out;
}

const NEEDS_FOLD = /[^\x20-\x7e€]|[A-Z]| {2}/;

const MONTHS: ReadonlyMap<string, number> = new Map(
  ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'].map(
    (name, i) => [name, i + 1],
  ),
);

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['un', 1], ['deux', 2], ['trois', 3], ['quatre', 4], ['cinq', 5], ['six', 6], ['sept', 7], ['huit', 8],
  ['neuf', 9], ['dix', 10], ['onze', 11], ['douze', 12], ['dix-huit', 18], ['vingt-quatre', 24], ['trente-six', 36],
]);

// Words after a number that do not make it a count of things: « 200 00 et … » says nothing.
const NOT_COUNT_NOUNS = new Set([
  'les', 'des', 'aux', 'par', 'pour', 'sur', 'dans', 'avec', 'une', 'est', 'sont', 'qui', 'que', 'dont', 'entre',
  'soit', 'contre', 'avant', 'apres', 'selon', 'mois', 'ans', 'jours', 'heures', 'relatif', 'relative', 'alinea',
]);

interface Unit {
  end: number;
  kind: 'money' | 'percent';
  currency?: Currency;
  /** The power of ten the unit multiplies by, as decimal text ('1e6'): a Decimal made here would set decimal.js up as the bundle loads. */
  scale?: string;
}

const SCALES: ReadonlyMap<string, string> = new Map([
  ['million', '1e6'], ['millions', '1e6'], ['milliard', '1e9'], ['milliards', '1e9'],
]);
const PREFIXES: ReadonlyMap<string, string> = new Map([
  ['k', '1e3'], ['K', '1e3'], ['M', '1e6'], ['Md', '1e9'], ['Mds', '1e9'],
]);

/** The unit written after a number at `k`, after at most one space. */
function matchUnit(text: string, k: number): Unit | null {
  let p = isGroupSpace(text[k]) ? k + 1 : k;
  const c = text[p];
  if (c === '%') return { end: p + 1, kind: 'percent' };
  if (c === '€') return { end: p + 1, kind: 'money', currency: 'EUR' };
  if (!isLetter(c)) return null;
  const wordEnd = lettersEnd(text, p);
  const word = text.slice(p, Math.min(wordEnd, p + 12));
  const after = text[wordEnd];
  if (word === 'EUR' || /^[Ee]uros?$/.test(word)) return { end: wordEnd, kind: 'money', currency: 'EUR' };
  if (word === 'F' || word === 'FF' || /^[Ff]rancs?$/.test(word)) {
    // « 3 F. » ends a sentence; « F.O. » is a name.
    if (after === '.' && isLetter(text[wordEnd + 1])) return null;
    return { end: wordEnd, kind: 'money', currency: 'FRF' };
  }
  const prefix = PREFIXES.get(word);
  if (prefix && after === '€') return { end: wordEnd + 1, kind: 'money', currency: 'EUR', scale: prefix };
  if ((word === 'kF' || word === 'KF' || word === 'MF') && !isLetter(after)) {
    return { end: wordEnd, kind: 'money', currency: 'FRF', scale: word === 'MF' ? '1e6' : '1e3' };
  }
  if (word === 'pour' && text.slice(wordEnd, wordEnd + 5) === ' cent' && !isLetter(text[wordEnd + 5])) {
    return { end: wordEnd + 5, kind: 'percent' };
  }
  const scale = SCALES.get(word);
  if (scale) {
    // « 8 milliards d'euros », « 1,5 million € », « 2 millions de francs »; « 2 millions d'habitants » is a count.
    p = wordEnd;
    if (isGroupSpace(text[p])) p++;
    if (text[p] === '€') return { end: p + 1, kind: 'money', currency: 'EUR', scale };
    const tail = text.slice(p, p + 10).replace('’', "'");
    const euros = /^(?:d'euros|euros|d'€)/.exec(tail);
    if (euros && !isLetter(text[p + euros[0].length])) return { end: p + euros[0].length, kind: 'money', currency: 'EUR', scale };
    const francs = /^de francs/.exec(tail);
    if (francs && !isLetter(text[p + francs[0].length])) return { end: p + francs[0].length, kind: 'money', currency: 'FRF', scale };
  }
  return null;
}

// Checked with endsWith on a short folded window: an anchored alternation of regular
// expressions would be retried at every position of every window.
const HEDGES: ReadonlyArray<[string, Hedge]> = [
  ...['plus ou moins', 'pres de', "pres d'", 'environ', "de l'ordre de", "de l'ordre d'", 'quelque', 'quelques', 'autour de',
    'approximativement', 'presque', 'quasiment', 'avoisinant', 'env.', '~', '≈'].map((p): [string, Hedge] => [p, 'approx']),
  ...['au moins', 'au minimum', 'minimum de', "minimum d'", 'minimale de', 'plus de', "plus d'", 'superieur a', 'superieure a',
    'superieurs a', 'superieures a', 'superieur ou egal a', 'superieure ou egale a', 'au-dela de', "au-dela d'", 'depassant',
    'excedant'].map((p): [string, Hedge] => [p, 'atLeast']),
  ...['moins de', "moins d'", 'au plus', 'au maximum', 'maximum de', "maximum d'", 'maximal de', 'maximale de', "jusqu'a",
    'inferieur a', 'inferieure a', 'inferieurs a', 'inferieures a', 'inferieur ou egal a', 'inferieure ou egale a',
    'plafonne a', 'plafonnee a', 'plafonnes a', 'plafonnees a', 'dans la limite de', "dans la limite d'", "n'excedant pas",
    'ne pouvant exceder', 'ne depassant pas', 'plafond de'].map((p): [string, Hedge] => [p, 'atMost']),
];

/** The phrases by their last word, so that most figures are cleared by one map look-up. */
const HEDGES_BY_LAST_WORD = new Map<string, Array<[string, Hedge]>>();
for (const entry of HEDGES) {
  const last = entry[0].slice(entry[0].lastIndexOf(' ') + 1);
  HEDGES_BY_LAST_WORD.set(last, [...(HEDGES_BY_LAST_WORD.get(last) ?? []), entry]);
}

/** « plus de 50 % », « environ 47 500 € », « 47 500 € environ »: the words around the figure. */
function hedgeAround(text: string, start: number, end: number): Hedge | undefined {
  // Most figures have no « environ » after them: one look at the next letter clears them.
  let k = end;
  while (k < end + 20 && k < text.length && (isGroupSpace(text[k]) || isWhite(text[k]!))) k++;
  const next = k < end + 20 ? text[k] : undefined;
  const initial = next === undefined ? '' : foldWord(next);
  if (initial === 'e' || initial === 'a') {
    const after = foldWord(text.slice(end, end + 20)).trimStart();
    if ((after.startsWith('environ') && !isLetter(after[7])) || (after.startsWith('approximativement') && !isLetter(after[17]))) return 'approx';
  }
  let wordEnd = start;
  while (wordEnd > 0 && wordEnd > start - 8 && isWhite(text[wordEnd - 1]!)) wordEnd--;
  let wordStart = wordEnd;
  while (wordStart > 0 && wordEnd - wordStart < 20 && !isWhite(text[wordStart - 1]!)) wordStart--;
  const candidates = HEDGES_BY_LAST_WORD.get(foldWord(text.slice(wordStart, wordEnd)));
  if (!candidates) return undefined;
  const before = foldWord(text.slice(Math.max(0, start - 40), start)).trimEnd();
  for (const [phrase, hedge] of candidates) {
    // « au plus » must not be read in « moins » nor « plus de » in « en plus de »: whole words only, and the longest first.
    if (before.endsWith(phrase) && !isLetter(before[before.length - phrase.length - 1])) {
      if (hedge === 'atMost' && phrase.startsWith('moins') && /(?:au|plus ou) $/.test(before.slice(0, before.length - phrase.length))) continue;
      return hedge;
    }
  }
  return undefined;
}

interface Piece {
  start: number;
  end: number;
  spaceSeparated: boolean;
}

/**
 * Splits a run of space-separated digit groups into numbers. « 17 500 30 000 » (two columns)
 * is two numbers; « 200 00 » and « 47 50 » are one number with a digit lost, not « 200 » and
 * « 00 »: a split is only accepted where it leaves a year-like or a grouped number after it.
 */
function splitRun(text: string, words: Array<[number, number]>): Piece[] | null {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < words.length) {
    const [s, e] = words[i]!;
    const len = e - s;
    if (len > 1 && text[s] === '0') return null;
    let j = i;
    if (len <= 3) while (j + 1 < words.length && words[j + 1]![1] - words[j + 1]![0] === 3) j++;
    pieces.push({ start: s, end: words[j]![1], spaceSeparated: j > i });
    i = j + 1;
  }
  for (let p = 1; p < pieces.length; p++) {
    const before = pieces[p - 1]!;
    const after = pieces[p]!;
    const strong = (q: Piece) => q.spaceSeparated || q.end - q.start >= 4;
    if (!(before.end - before.start >= 4 && !before.spaceSeparated) && !strong(after)) return null;
  }
  return pieces;
}

/** Scans the whole text: `scan('47 500 € soit 23,75 %')` → a money token and a percent token. */
export function scan(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (isLetter(c)) {
      const end = wordWithDigitsEnd(text, i);
      const duration = numberWordDuration(text, i, end);
      if (duration) {
        tokens.push(duration);
        i = duration.end;
      } else i = end;
      continue;
    }
    if (!isDigit(c)) {
      i++;
      continue;
    }
    // A digit right after a letter, or after « - / . _ » glued to one, belongs to a name or a reference.
    const prev = text[i - 1];
    if (isAlnum(prev) || (prev !== undefined && '-/._'.includes(prev) && isAlnum(text[i - 2]))) {
      i = identifierEnd(text, i);
      continue;
    }
    i = readNumber(text, i, tokens);
  }
  return tokens;
}

function wordWithDigitsEnd(text: string, i: number): number {
  while (isAlnum(text[i])) i++;
  return i;
}

function identifierEnd(text: string, i: number): number {
  while (isAlnum(text[i]) || (text[i] !== undefined && '-/._'.includes(text[i]!) && isAlnum(text[i + 1]))) i++;
  return i;
}

function numberWordDuration(text: string, start: number, wordEnd: number): DurationToken | null {
  let end = wordEnd;
  // « dix-huit mois »: one hyphenated word.
  if (text[end] === '-' && isLetter(text[end + 1])) end = lettersEnd(text, end + 1);
  const months = NUMBER_WORDS.get(foldWord(text.slice(start, Math.min(end, start + 14))));
  if (months === undefined || !isGroupSpace(text[end])) return null;
  if (text.slice(end + 1, end + 5) !== 'mois' || isLetter(text[end + 5])) return null;
  return { kind: 'duration', start, end: end + 5, text: text.slice(start, end + 5), months: new Dec(months) };
}

/** More digit groups in one run than any figure or pair of table columns has (a SIRET has four). */
const MAX_RUN_GROUPS = 24;

/** Reads what starts at the digit `i`; pushes its tokens; returns where scanning resumes. */
function readNumber(text: string, i: number, tokens: Token[]): number {
  const firstEnd = digitsEnd(text, i);
  const date = readDate(text, i, firstEnd);
  if (date) {
    tokens.push(date);
    return date.end;
  }
  const after = text[firstEnd];
  // Ordinals and glued words: « 1er », « 3e », « 14h30 », « 1^{er} », « 3D ».
  if (after === '^' || (isLetter(after) && !matchUnit(text, firstEnd))) return identifierEnd(text, firstEnd);
  // Phone numbers and codes: « 04 91 99 99 99 ».
  if (text[i] === '0' && firstEnd - i >= 2 && (isGroupSpace(after) || after === '.')) return skipRun(text, firstEnd);

  const words: Array<[number, number]> = [[i, firstEnd]];
  let k = firstEnd;
  let dots = false;
  let dotSpace = false;
  for (;;) {
    const ch = text[k];
    if (isGroupSpace(ch) && isDigit(text[k + 1])) {
      const e = digitsEnd(text, k + 1);
      if (isLetter(text[e]) && !matchUnit(text, e)) break;
      if (text[e] === '^') break;
      // No figure has that many groups: a run of digits like this is a list of numbers, or noise.
      if (words.length >= MAX_RUN_GROUPS) return skipRun(text, e);
      words.push([k + 1, e]);
      k = e;
      continue;
    }
    if (ch === '.' && isDigit(text[k + 1])) {
      dots = true;
      k = digitsEnd(text, k + 1);
      words[words.length - 1]![1] = k;
      continue;
    }
    // « 300. 000 € »: a dot and a space inside one amount; only with a money unit right after,
    // since « … de l'article 12. 300 entreprises … » is two sentences.
    if (ch === '.' && isGroupSpace(text[k + 1]) && isDigit(text[k + 2]) && words.length === 1 && k - i <= 3) {
      const e = digitsEnd(text, k + 2);
      const unit = e - (k + 2) === 3 && !(isGroupSpace(text[e]) && isDigit(text[e + 1])) ? matchUnit(text, e) : null;
      if (unit?.kind === 'money') {
        dotSpace = true;
        words[0]![1] = e;
        k = e;
      }
      break;
    }
    break;
  }
  let decimalsEnd = k;
  if (text[k] === ',' && isDigit(text[k + 1])) decimalsEnd = digitsEnd(text, k + 1);
  // Ranges, act numbers, numeric dates: « 2016-2018 », « 2000-321 », « 31/03/2018 ».
  const next = text[decimalsEnd];
  if (next !== undefined && '-/_'.includes(next) && isAlnum(text[decimalsEnd + 1])) {
    const end = identifierEnd(text, decimalsEnd);
    const numeric = /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(text.slice(i, end)) ? parseFrenchDate(text.slice(i, end)) : null;
    if (numeric?.ok) tokens.push(dateToken(text, i, end, numeric.value));
    return end;
  }
  if (isLetter(next) && !matchUnit(text, decimalsEnd)) return identifierEnd(text, decimalsEnd);

  const unit = matchUnit(text, decimalsEnd);
  const runText = text.slice(i, decimalsEnd);
  const pieces = dots || dotSpace || words.length === 1 ? [{ start: i, end: k, spaceSeparated: false }] : splitRun(text, words);
  if (pieces === null) {
    pushNumber(text, tokens, i, decimalsEnd, unit, runText, true);
    return unit ? unit.end : decimalsEnd;
  }
  const last = pieces[pieces.length - 1]!;
  // « 12 5000 € »: an amount whose later group has four digits or more, not « 12 » then « 5000 € ».
  const long = unit?.kind === 'money' ? longGroupStart(text, pieces) : -1;
  if (long >= 0) {
    const numberText = text.slice(long, decimalsEnd);
    const reason = auditMessages.longGroup(numberText, text.slice(last.start, last.end));
    pushNumber(text, tokens, long, decimalsEnd, unit, numberText, true, reason);
    return unit!.end;
  }
  // « 2 85 000 € »: a lone short number glued to an amount by one space is its first group gone wrong.
  const lead = unit?.kind === 'money' ? shortLeadStart(text, pieces) : -1;
  if (lead >= 0) {
    pushNumber(text, tokens, lead, decimalsEnd, unit, text.slice(lead, decimalsEnd), true);
    return unit!.end;
  }
  if (!unit) {
    const duration = readDuration(text, last.start, decimalsEnd);
    if (duration) {
      tokens.push(duration);
      return duration.end;
    }
  }
  pushNumber(text, tokens, last.start, decimalsEnd, unit, text.slice(last.start, decimalsEnd), dotSpace || words.length > 1);
  return unit ? unit.end : decimalsEnd;
}

// Words after which a short number is a reference, not the first group of an amount: « lot 2 4500 € ».
const REFERENCE_WORDS = new Set([
  'article', 'art.', 'art', 'n°', 'no', 'numero', 'lot', 'lots', 'ligne', 'chapitre', 'page', 'p.', 'alinea', 'annexe',
  'tranche', 'phase', 'action', 'poste', 'paragraphe', 'compte', 'rang', 'etape', 'axe', 'mesure', 'fiche', 'titre',
]);

/**
 * Where the malformed amount starts when a run split into numbers ends in an ungrouped number
 * of four digits or more right after a short one or a grouped one: « 12 5000 € », « 17 500 3000 € »
 * (-1 when the split stands). A year before it (« en 2018 5000 € ») is a number of its own, and
 * so is a reference (« lot 2 4500 € »). Constant work: two pieces and one word before them.
 */
function longGroupStart(text: string, pieces: readonly Piece[]): number {
  if (pieces.length < 2) return -1;
  const last = pieces[pieces.length - 1]!;
  const prev = pieces[pieces.length - 2]!;
  if (last.spaceSeparated || last.end - last.start < 4) return -1;
  if (!prev.spaceSeparated && prev.end - prev.start > 3) return -1;
  return referenceBefore(text, prev.start) ? -1 : prev.start;
}

/**
 * Where the malformed amount starts when a run ends in a grouped amount right after a lone number
 * of one to three digits: « 2 85 000 € » is « 285 000 € » or « 2 850 000 € » mistyped, not a count
 * then an amount (-1 when the split stands). Columns of a table (« 17 500 30 000 € ») have a
 * grouped number first; a reference (« lot 2 85 000 € ») and a year (« en 2023 85 000 € ») stand
 * on their own. Constant work, like longGroupStart.
 */
function shortLeadStart(text: string, pieces: readonly Piece[]): number {
  if (pieces.length < 2) return -1;
  const last = pieces[pieces.length - 1]!;
  const prev = pieces[pieces.length - 2]!;
  if (!last.spaceSeparated || prev.spaceSeparated || prev.end - prev.start > 3) return -1;
  return referenceBefore(text, prev.start) ? -1 : prev.start;
}

/** Whether the word before `start` makes the number there a reference: « lot 2 », « article 12 », « n° 3 ». */
function referenceBefore(text: string, start: number): boolean {
  let wordEnd = start;
  if (isGroupSpace(text[wordEnd - 1])) wordEnd--;
  let wordStart = wordEnd;
  while (wordStart > 0 && wordEnd - wordStart < 12 && !isGroupSpace(text[wordStart - 1]) && !isWhite(text[wordStart - 1]!)) wordStart--;
  const word = foldWord(text.slice(wordStart, wordEnd)).replace(/^[(\[]+|[,;:)]+$/g, '');
  return REFERENCE_WORDS.has(word.slice(word.lastIndexOf("'") + 1));
}

function skipRun(text: string, k: number): number {
  while (isDigit(text[k]) || ((isGroupSpace(text[k]) || text[k] === '.') && isDigit(text[k + 1]))) k++;
  return k;
}

function pushNumber(
  text: string,
  tokens: Token[],
  start: number,
  numberEnd: number,
  unit: Unit | null,
  numberText: string,
  spaceGrouped: boolean,
  /** A reason the scanner found, over the number grammar's own. */
  reason?: string,
): void {
  // A bare number (a year, a quantity without noun) states no figure to check: decided before
  // parsing, since a run of digit groups may be as long as the text.
  if (!unit && !(spaceGrouped && isCountNoun(text, numberEnd))) return;
  const parsed = quickParse(numberText) ?? parseNumberText(numberText);
  let kind: NumberToken['kind'];
  if (unit) kind = unit.kind;
  else if (!parsed.ok) kind = 'count';
  else return;
  const end = unit ? unit.end : numberEnd;
  let integerDigits = 0;
  for (let k = 0; k < numberText.length && numberText[k] !== ','; k++) if (isDigit(numberText[k])) integerDigits++;

  let malformed = reason ?? (parsed.ok ? undefined : parsed.reason);
  // An amount has at most two decimals (the cents) unless a scale word follows: « 1,275 milliard ».
  if (parsed.ok && kind === 'money' && !unit?.scale && parsed.value.decimals > 2 && !perUnit(text, end)) malformed = numberMessages.tooManyDecimals(numberText, parsed.value.decimals);
  const scale = unit?.scale;
  const value = parsed.ok && malformed === undefined ? (scale ? parsed.value.value.times(scale) : parsed.value.value) : null;
  tokens.push({
    kind,
    start,
    end,
    text: text.slice(start, end),
    value,
    decimals: parsed.ok && malformed === undefined ? parsed.value.decimals : 0,
    grouping: parsed.ok && malformed === undefined ? parsed.value.grouping : 'none',
    integerDigits,
    currency: unit?.currency,
    scaled: scale !== undefined,
    malformed,
    hedge: kind === 'count' ? undefined : hedgeAround(text, start, end),
  });
}

// The shapes most figures take, read without the full grammar: plain digits, or groups of three
// after a first group of one to three digits (no leading zero), by spaces or by dots, then the
// decimals. parseNumberText gives the same reading for each; anything else goes to it.
const PLAIN_NUMBER = /^(\d+)(?:,(\d+))?$/;
const SPACED_NUMBER = /^([1-9]\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+)(?:,(\d+))?$/;
const DOTTED_NUMBER = /^([1-9]\d{0,2}(?:\.\d{3})+)(?:,(\d+))?$/;

export function quickParse(numberText: string): ReturnType<typeof parseNumberText> | null {
  let grouping: Grouping = 'none';
  let match = PLAIN_NUMBER.exec(numberText);
  if (!match) {
    grouping = 'space';
    match = SPACED_NUMBER.exec(numberText);
  }
  if (!match) {
    grouping = 'dot';
    match = DOTTED_NUMBER.exec(numberText);
  }
  if (!match) return null;
  const digits = grouping === 'none' ? match[1]! : match[1]!.replace(/\D/g, '');
  const decimals = match[2] ?? '';
  // Decimal's constructor has a fast path for small integers given as numbers; the value is the same.
  const value = !decimals && digits.length <= 7 ? new Dec(Number(digits)) : new Dec(decimals ? `${digits}.${decimals}` : digits);
  return { ok: true, value: { value, decimals: decimals.length, grouping, text: numberText } };
}

// « 6,55957 francs pour un euro », « 0,125 € par kWh », « 0,321 €/km »: a price per unit is no sum
// to pay and may be finer than the cent. « par la Région » names a payer, not a unit.
const PER_UNIT = /^ ?(?:\/ ?\p{L}|par (?!(?:la|le|les|l'|l|des|du|son|sa|ses|leur|leurs|un|une)\b)\p{L}|pour (?:un|une|1)\b)/u;

function perUnit(text: string, end: number): boolean {
  return PER_UNIT.test(foldWord(text.slice(end, end + 16)));
}

function isCountNoun(text: string, k: number): boolean {
  const p = isGroupSpace(text[k]) ? k + 1 : k;
  const c = text[p];
  if (c === undefined || c.toLowerCase() !== c || !isLetter(c)) return false;
  const word = foldWord(text.slice(p, Math.min(lettersEnd(text, p), p + 20)));
  return word.length >= 3 && !NOT_COUNT_NOUNS.has(word) && !MONTHS.has(word);
}

function readDuration(text: string, start: number, k: number): DurationToken | null {
  if (!isGroupSpace(text[k]) || text.slice(k + 1, k + 5) !== 'mois' || isLetter(text[k + 5])) return null;
  const parsed = parseNumberText(text.slice(start, k));
  if (!parsed.ok) return null;
  return { kind: 'duration', start, end: k + 5, text: text.slice(start, k + 5), months: parsed.value.value };
}

function dateToken(text: string, start: number, end: number, d: CalendarDate): DateToken {
  return { kind: 'date', start, end, text: text.slice(start, end), day: d.day, month: d.month, year: d.year };
}

/** « 1er janvier 2018 », « 1^{er} janvier 2018 », « 1ᵉʳ janvier », « 31 mars 2018 ». */
function readDate(text: string, start: number, dayEnd: number): DateToken | null {
  if (dayEnd - start > 2) return null;
  let p = dayEnd;
  if (text.startsWith('^{er}', p)) p += 5;
  else if (text.startsWith('er', p) || text.startsWith('ᵉʳ', p)) p += 2;
  if (p !== dayEnd && text.slice(start, dayEnd) !== '1') return null;
  if (!isGroupSpace(text[p]) || !isLetter(text[p + 1])) return null;
  const monthEnd = lettersEnd(text, p + 1);
  const month = MONTHS.get(foldWord(text.slice(p + 1, Math.min(monthEnd, p + 12))));
  if (month === undefined) return null;
  const day = Number(text.slice(start, dayEnd));
  if (day < 1 || day > 31) return null;
  let end = monthEnd;
  let year: number | undefined;
  if (isGroupSpace(text[monthEnd]) && isDigit(text[monthEnd + 1])) {
    const yearEnd = digitsEnd(text, monthEnd + 1);
    if (yearEnd - monthEnd - 1 === 4 && !isAlnum(text[yearEnd])) {
      year = Number(text.slice(monthEnd + 1, yearEnd));
      end = yearEnd;
    }
  }
  return { kind: 'date', start, end, text: text.slice(start, end), day, month, year };
}
