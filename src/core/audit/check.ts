/**
 * Stage 3 of the audit: check the figures and the relations found, and say what is wrong
 * in French, quoting the text. Nothing is computed from a malformed or hedged figure: a
 * mismatch built on a misread number would bury the one finding that matters.
 */
import { Dec, roundCents } from '../decimal';
import type { AuditFinding, FindingCode } from '../findings';
import { countMonths, prorate, type ProrationMethod } from '../proration';
import { formatAmount, formatMonths, formatPercentValue, type Spacing } from '../format';
import { auditMessages as m, type NumberStyle } from '../messages/audit';
import type { ProrationRelation, RateRelation, Relation, SumRelation, WordsRelation } from './relations';
import type { Currency, NumberToken, Token } from './scan';
import { misspelledWords } from './words';

const FIELD = 'texte';
/** Beyond this length an excerpt stops being a pointer and becomes a paragraph. */
const MAX_EXCERPT = 220;

interface Options {
  spacing: Spacing;
  /** Stated figures already formatted in this check, by currency and text: lists repeat their amounts. */
  shown?: Map<string, string>;
}

/** Bounds the memory of `shown` on an endless text. */
const MAX_SHOWN = 4096;

/** `money` of a stated figure, whose text gives its value: formatted once per check. */
function moneyOf(t: NumberToken, currency: Currency | undefined, o: Options): string {
  const key = `${currency}|${t.text}`;
  let shown = o.shown?.get(key);
  if (shown === undefined) {
    shown = money(t.value!, currency, o.spacing);
    if (o.shown && o.shown.size < MAX_SHOWN) o.shown.set(key, shown);
  }
  return shown;
}

function money(value: Dec, currency: Currency | undefined, spacing: Spacing): string {
  if (currency === 'FRF') return `${formatAmount(value, { unit: 'none', spacing })}\u00a0F`;
  return formatAmount(value, { spacing });
}

/** The shortest honest excerpt: the whole statement when short, else its parts, else the stated figure. */
function excerptOf(text: string, primary: NumberToken, groups: ReadonlyArray<readonly Token[]>): { excerpt: string; offset: number } {
  for (const group of groups) {
    if (group.length === 0) continue;
    // reduce, not Math.min(...): a long list would overflow the argument stack.
    const start = group.reduce((acc, t) => Math.min(acc, t.start), Infinity);
    const end = group.reduce((acc, t) => Math.max(acc, t.end), -Infinity);
    if (end - start <= MAX_EXCERPT) return { excerpt: text.slice(start, end), offset: start };
  }
  return { excerpt: primary.text, offset: primary.start };
}

function finding(
  code: FindingCode,
  severity: AuditFinding['severity'],
  message: string,
  place: { excerpt: string; offset: number },
  expected?: string,
  actual?: string,
): AuditFinding {
  // One literal per shape, fields in the same order: a text may have thousands of findings, and
  // spreads or fields added one by one were a tenth of the check.
  const { excerpt, offset } = place;
  if (expected !== undefined && actual !== undefined) return { code, severity, field: FIELD, message, expected, actual, excerpt, offset };
  if (expected !== undefined) return { code, severity, field: FIELD, message, expected, excerpt, offset };
  if (actual !== undefined) return { code, severity, field: FIELD, message, actual, excerpt, offset };
  return { code, severity, field: FIELD, message, excerpt, offset };
}

const sameCurrency = (tokens: readonly NumberToken[]) => tokens.every((t) => t.currency === tokens[0]!.currency);
const usable = (t: NumberToken): t is NumberToken & { value: Dec } => t.value !== null && t.hedge === undefined;

function computedProration(p: ProrationRelation): Dec | null {
  if (!usable(p.annual) || p.annual.currency !== p.prorated.currency || p.months.lte(0)) return null;
  return roundCents(p.annual.value.times(p.months).div(12));
}

/**
 * A month count written with decimals is a rounding (2 + 16/31 months prints « 2,52 ») and
 * stands for any count within half a unit of its last digit: the stated prorated budget holds
 * when it lies between the two ends, to the cent. Whole months (« sur 3 mois ») are exact, as
 * councils write them: taken as 2,5 to 3,5 months, a wrong budget would pass.
 */
function prorationHolds(p: ProrationRelation, stated: Dec, expected: Dec): boolean {
  if (stated.eq(expected)) return true;
  const decimals = /\d,(\d+)/.exec(p.duration.text)?.[1]?.length ?? 0;
  if (p.period && periodProrationHolds(p, p.period, stated, decimals)) return true;
  if (decimals === 0) return false;
  const half = new Dec(10).pow(-decimals).div(2);
  const annual = p.annual.value!;
  const low = roundCents(annual.times(p.months.minus(half)).div(12));
  const high = roundCents(annual.times(p.months.plus(half)).div(12));
  return stated.gte(low) && stated.lte(high);
}

/**
 * DOMAIN.md: a report prints the number of months « whatever the proration method », so with
 * the days or the 30/360 method its prorated budget is not annual × months / 12. When the text
 * states the period and the months are that period's, the budget prorated over it by any of
 * the three methods is an honest reading.
 */
const METHODS: readonly ProrationMethod[] = ['months', 'days', '30/360'];
function periodProrationHolds(p: ProrationRelation, period: NonNullable<ProrationRelation['period']>, stated: Dec, decimals: number): boolean {
  if (!countMonths(period.start, period.end).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).eq(p.months)) return false;
  return METHODS.some((method) => prorate(p.annual.value!, period.start, period.end, method).eq(stated));
}

function checkProration(text: string, p: ProrationRelation, o: Options): AuditFinding[] {
  const expected = computedProration(p);
  if (expected === null || !usable(p.prorated) || prorationHolds(p, p.prorated.value, expected)) return [];
  const shown = money(expected, p.annual.currency, o.spacing);
  return [
    finding(
      'PRORATED_BUDGET_MISMATCH',
      'error',
      m.prorationMismatch(p.prorated.text, money(p.annual.value!, p.annual.currency, o.spacing), formatMonths(p.months), shown),
      excerptOf(text, p.prorated, [[p.annual, p.prorated, p.duration], [p.prorated, p.duration]]),
      shown,
      p.prorated.text,
    ),
  ];
}

function rateHolds(rate: NumberToken & { value: Dec }, percent: Dec): boolean {
  if (rate.hedge === 'atLeast') return percent.gte(rate.value);
  if (rate.hedge === 'atMost') return percent.lte(rate.value);
  return percent.toDecimalPlaces(rate.decimals, Dec.ROUND_HALF_UP).eq(rate.value);
}

function checkRate(text: string, r: RateRelation, o: Options): AuditFinding[] {
  const { amount, rate } = r;
  if (!usable(amount) || rate.value === null || rate.hedge === 'approx') return [];
  if (!sameCurrency([amount, r.base])) return [];
  const stated = rate as NumberToken & { value: Dec };
  // A stated proration gives a second reading of the base: when the stated prorated budget is
  // itself wrong or unreadable, the rate is judged against the computed one, so that one
  // error is reported once.
  const bases: Dec[] = [];
  if (usable(r.base)) bases.push(r.base.value);
  const computed = r.proration ? computedProration(r.proration) : null;
  if (computed !== null && (bases.length === 0 || !computed.eq(bases[0]!))) bases.push(computed);
  for (const other of r.alternatives ?? []) if (usable(other) && other.currency === amount.currency) bases.push(other.value);
  if (bases.length === 0 || bases.some((b) => b.lte(0))) return [];
  const percents = bases.map((b) => amount.value.div(b).times(100));
  if (percents.some((p) => rateHolds(stated, p))) return [];

  const base = bases[0]!;
  const percent = percents[0]!;
  const decimals = Math.max(stated.decimals, 2);
  const shownRate = formatPercentValue(percent, decimals, o.spacing);
  const amountShown = money(amount.value, amount.currency, o.spacing);
  const baseShown = money(base, amount.currency, o.spacing);
  const message = stated.hedge
    ? m.rateInequality(text.slice(hedgeStart(text, stated), stated.end), amountShown, baseShown, shownRate)
    : m.rateMismatch(stated.text, amountShown, baseShown, shownRate);
  return [
    finding(
      'RATE_MISMATCH',
      'error',
      message,
      // A part's share of a list's total: the total stands elsewhere, the part and its rate say it all.
      excerptOf(text, stated, r.base.start > stated.start ? [[amount, stated, r.base], [amount, stated]] : [[amount, stated]]),
      formatPercentValue(percent, stated.decimals, o.spacing),
      stated.text,
    ),
  ];
}

/** Where « plus de » starts before « 50 % », to quote the claim whole. */
function hedgeStart(text: string, t: NumberToken): number {
  const before = text.slice(Math.max(0, t.start - 30), t.start);
  const match = /(?:plus|moins|au moins|au plus|jusqu['’]à|près|supérieure?s?|inférieure?s?)[\p{L}'’ \u00a0-]*$/iu.exec(before);
  return match ? t.start - before.length + match.index : t.start;
}

function checkSum(text: string, s: SumRelation, o: Options): AuditFinding[] {
  const all = [s.total, ...s.parts];
  if (!all.every(usable) || !sameCurrency(all)) return [];
  const total = s.total.value!;
  const sum = s.parts.reduce((acc, p) => acc.plus(p.value!), new Dec(0));
  if (s.mode === 'equal' ? sum.eq(total) : sum.lte(total)) return [];

  const c = s.total.currency;
  const parts = s.parts.map((p) => moneyOf(p, c, o));
  const sumShown = money(sum, c, o.spacing);
  const difference = money(sum.minus(total).abs(), c, o.spacing);
  const place = excerptOf(text, s.total, [all, s.parts]);
  if (s.mode === 'atMost') {
    return [finding('TOTAL_MISMATCH', 'error', m.partsExceedTotal(s.total.text, parts, sumShown), place, `au plus ${moneyOf(s.total, c, o)}`, sumShown)];
  }
  const code: FindingCode = s.cofinancing ? 'COFINANCING_SUM_MISMATCH' : 'TOTAL_MISMATCH';
  const message = s.cofinancing
    ? m.cofinancingMismatch(s.total.text, parts, sumShown, difference)
    : m.totalMismatch(s.total.text, parts, sumShown, difference);
  return [finding(code, 'error', message, place, moneyOf(s.total, c, o), sumShown)];
}

function checkWords(text: string, r: WordsRelation, o: Options): AuditFinding[] {
  const { amount, words } = r;
  if (!usable(amount) || amount.currency !== words.currency) return [];
  const start = Math.min(amount.start, words.start);
  const end = Math.max(amount.end, words.end + (text[words.end] === ')' ? 1 : 0));
  const place = end - start <= MAX_EXCERPT ? { excerpt: text.slice(start, end), offset: start } : { excerpt: amount.text, offset: amount.start };
  if (amount.value.eq(words.value)) {
    // In a convention the words are the legal amount: the right value misspelled is still worth a word.
    const right = misspelledWords(words.text, words.value, words.currency);
    return right ? [finding('AMOUNT_WORDS_MISSPELLED', 'warning', m.wordsMisspelled(words.text, money(words.value, words.currency, o.spacing), right.traditional, right.rectified), place, right.traditional, words.text)] : [];
  }
  // A misspelling read loosely is no ground to say the words give another amount.
  if (words.loose) return [];
  const digits = money(amount.value, amount.currency, o.spacing);
  const inWords = money(words.value, words.currency, o.spacing);
  return [finding('AMOUNT_WORDS_MISMATCH', 'error', m.wordsMismatch(amount.text, words.text, inWords), place, digits, inWords)];
}

function checkMalformed(tokens: readonly Token[], relations: readonly Relation[], o: Options): AuditFinding[] {
  const likely = new Map<Token, string>();
  for (const r of relations) {
    if (r.kind !== 'proration') continue;
    const computed = computedProration(r);
    if (computed !== null) likely.set(r.prorated, money(computed, r.prorated.currency, o.spacing));
  }
  const found: AuditFinding[] = [];
  for (const t of tokens) {
    if (t.kind === 'date' || t.kind === 'duration' || t.malformed === undefined) continue;
    const guess = likely.get(t);
    found.push(finding('NUMBER_MALFORMED', 'error', m.malformed(t.text, t.malformed, guess), { excerpt: t.text, offset: t.start }, guess, t.text));
  }
  return found;
}

function styleOf(t: NumberToken): NumberStyle | null {
  if (t.kind !== 'money' || t.value === null || t.scaled) return null;
  if (t.grouping !== 'none') return t.grouping;
  return t.integerDigits >= 5 ? 'none' : null;
}

/** One warning per text, naming every style with two examples, pointing at the first figure of a minority style. */
function checkStyles(tokens: readonly Token[]): AuditFinding[] {
  // Per style, its count and its first two figures: all the warning needs, without a list of every figure.
  const byStyle = new Map<NumberStyle, { count: number; list: NumberToken[] }>();
  for (const t of tokens) {
    if (t.kind === 'date' || t.kind === 'duration') continue;
    const style = styleOf(t);
    if (style === null) continue;
    let seen = byStyle.get(style);
    if (!seen) {
      seen = { count: 0, list: [] };
      byStyle.set(style, seen);
    }
    seen.count++;
    if (seen.list.length < 2) seen.list.push(t);
  }
  if (byStyle.size < 2) return [];
  const styles = [...byStyle.entries()].map(([style, { count, list }]) => ({ style, count, list }));
  // On a tie, the recommended style (spaces) is the one to keep.
  const rank = (s: { style: NumberStyle; count: number }) => s.count * 2 + (s.style === 'space' ? 1 : 0);
  const majority = styles.reduce((a, b) => (rank(b) > rank(a) ? b : a));
  const odd = styles.filter((s) => s !== majority).map((s) => s.list[0]!);
  const first = odd.reduce((a, b) => (b.start < a.start ? b : a));
  return [
    finding(
      'NUMBER_FORMAT_INCONSISTENT',
      'warning',
      m.inconsistentStyles(styles.map(({ style, list }) => ({ style, examples: list.map((t) => t.text) }))),
      { excerpt: first.text, offset: first.start },
      m.styleName(majority.style),
      styles.map((s) => m.styleName(s.style)).join(', '),
    ),
  ];
}

/** Every finding of the text, in text order. */
export function check(text: string, tokens: readonly Token[], relations: readonly Relation[], given: Options): AuditFinding[] {
  const options: Options = { ...given, shown: new Map() };
  const findings = [...checkMalformed(tokens, relations, options), ...checkStyles(tokens)];
  for (const r of relations) {
    if (r.kind === 'proration') findings.push(...checkProration(text, r, options));
    else if (r.kind === 'rate') findings.push(...checkRate(text, r, options));
    else if (r.kind === 'words') findings.push(...checkWords(text, r, options));
    else findings.push(...checkSum(text, r, options));
  }
  // Sorted first (a stable sort), then the same finding twice dropped within each offset: no key
  // string per finding.
  findings.sort((a, b) => a.offset - b.offset);
  const kept: AuditFinding[] = [];
  let groupStart = 0;
  for (const f of findings) {
    if (kept.length > 0 && kept[kept.length - 1]!.offset !== f.offset) groupStart = kept.length;
    let duplicate = false;
    for (let k = groupStart; k < kept.length && !duplicate; k++) {
      duplicate = kept[k]!.code === f.code && kept[k]!.excerpt.length === f.excerpt.length;
    }
    if (!duplicate) kept.push(f);
  }
  return kept;
}
