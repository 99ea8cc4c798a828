import { Dec, roundCents, centsString } from './decimal';
import { looksLikeFormula } from './formula';
import type { Finding, FindingCode, Severity } from './findings';
import { SEVERITY_ORDER } from './findings';
import { BENEFICIARY_KINDS, SUBSIDY_KINDS, type DossierInput } from './dossier';
import { parseAmount, parseRate } from './parse';
import { formatAmount, formatRate, formatMonths } from './format';
import { parseFrenchDate, formatDate, formatPeriod, compareDates, type CalendarDate } from './calendar';
import { countMonths, monthParts, prorate, prorationFraction, parseProrationMethod, type ProrationMethod } from './proration';
import { checkMessages as M } from './messages/checks';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { normalizeName } from './names';
import { identityFindings } from './identity';
import { imputationFindings } from './imputation';
import { documentText, invisibleCharacters } from './document-text';

export interface CofinancerFigures {
  name: string;
  amount: Dec | null;
  /** Share of the subsidy, a fraction. */
  shareOfSubsidy: Dec | null;
  /** Share of the base (prorated or annual budget), a fraction. */
  shareOfBase: Dec | null;
}

/** Every figure of a dossier, as decimals, for templates, the sidebar and the JSON output. */
export interface DossierFigures {
  subsidy: Dec | null;
  annualBudget: Dec | null;
  period: { start: CalendarDate; end: CalendarDate } | null;
  method: ProrationMethod;
  months: Dec | null;
  fraction: Dec | null;
  /** The prorated budget rounded to the cent, or null without a period. */
  proratedBudget: Dec | null;
  /** What the rate divides by: the prorated budget when a period is given, else the annual budget. */
  base: Dec | null;
  rate: Dec | null;
  cofinancers: CofinancerFigures[];
  cofinancingTotal: Dec | null;
  conventionRequired: boolean | null;
  isPublic: boolean;
}

/** The `computed` object of CONTRACT.md: plain JSON, money as two-decimal strings. */
export interface ComputedJson {
  months: number | null;
  proratedBudget: string | null;
  rate: string | null;
  cofinancingTotal: string | null;
  conventionRequired: boolean | null;
  annualBudget: string | null;
  subsidy: string | null;
  base: string | null;
  prorationMethod: ProrationMethod;
  cofinancers: { name: string; amount: string | null; shareOfSubsidy: string | null; shareOfBase: string | null }[];
}

export interface DossierCheck {
  findings: Finding[];
  figures: DossierFigures;
  computed: ComputedJson;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The subsidy as checkDossier reads it into `figures.subsidy` (null when blank, unreadable or
 * negative), without the rest of the check: what the cross-dossier pass needs of each dossier
 * before any of them is checked in full (a property test keeps the two the same).
 */
export function subsidyFigure(dossier: DossierInput): Dec | null {
  const value = dossier.subsidy;
  if (isBlank(value)) return null;
  const r = parseAmount(value, { allowNegative: true });
  return r.ok && !r.value.isNegative() ? atTheCent(r.value) : null;
}

/**
 * A dossier's amounts are sums of money, in cents (a text amount has at most two decimals):
 * a cell holding 23000.004 (a formula's leftover) votes 23 000,00 €, and is compared as that
 * with the threshold, its base, the year's total and the co-financing plan. Compared
 * unrounded, they said « La subvention (23 000 €) dépasse 23 000 € », « 50 € + 50 € ≠ 100 € »,
 * or found a base of « 0 € » exceeded by 2 500 000 %.
 */
const atTheCent = (value: Dec): Dec => roundCents(value);

/**
 * Checks one dossier against the rules of DOMAIN.md and computes its figures.
 * `checkDossier(medinsoft, DEFAULT_SETTINGS).computed.proratedBudget` → "200000.00".
 */
export function checkDossier(dossier: DossierInput, settings: Settings = DEFAULT_SETTINGS): DossierCheck {
  const findings: Finding[] = [];
  const add = (code: FindingCode, severity: Severity, field: string, message: string, extra: { expected?: string; actual?: string } = {}) =>
    findings.push({ code, severity, field, message, ...extra });
  const opts = { spacing: settings.spacing };
  const money = (d: Dec) => formatAmount(d, opts);

  if (isBlank(dossier.beneficiary)) add('FIELD_MISSING', 'error', 'beneficiary', M.fieldMissing('beneficiary'));

  const readAmount = (field: string, value: unknown, required: boolean): Dec | null => {
    if (isBlank(value)) {
      if (required) add('FIELD_MISSING', 'error', field, M.fieldMissing(field));
      return null;
    }
    const r = parseAmount(value, { allowNegative: true });
    if (!r.ok) {
      add('AMOUNT_INVALID', 'error', field, M.amountInvalid(field, r.reason), { actual: String(value) });
      return null;
    }
    if (r.value.isNegative()) {
      add('AMOUNT_INVALID', 'error', field, M.amountNegative(field, money(r.value)), { actual: String(value) });
      return null;
    }
    return atTheCent(r.value);
  };

  const subsidy = readAmount('subsidy', dossier.subsidy, true);
  let annualBudget = readAmount('annualBudget', dossier.annualBudget, true);
  if (annualBudget && annualBudget.isZero()) {
    add('AMOUNT_INVALID', 'error', 'annualBudget', M.budgetZero(), { actual: String(dossier.annualBudget) });
    annualBudget = null;
  }

  let method: ProrationMethod = settings.prorationMethod;
  if (!isBlank(dossier.prorationMethod)) {
    const m = parseProrationMethod(dossier.prorationMethod);
    if (m.ok) method = m.value;
    else add('FIELD_INVALID', 'error', 'prorationMethod', M.fieldInvalid('prorationMethod', dossier.prorationMethod, 'months, days, 30/360'));
  }
  for (const [field, allowed] of [['beneficiaryKind', BENEFICIARY_KINDS], ['subsidyKind', SUBSIDY_KINDS]] as const) {
    const v = dossier[field];
    if (!isBlank(v) && !(allowed as readonly unknown[]).includes(v)) add('FIELD_INVALID', 'error', field, M.fieldInvalid(field, v, allowed.join(', ')));
  }

  // The period: absent means the annual budget is the base; half of it is a missing field.
  let period: DossierFigures['period'] = null;
  let periodBroken = false;
  const rawStart = dossier.period?.start;
  const rawEnd = dossier.period?.end;
  if (!isBlank(rawStart) || !isBlank(rawEnd)) {
    const readDate = (field: string, value: unknown): CalendarDate | null => {
      if (isBlank(value)) {
        add('FIELD_MISSING', 'error', field, M.fieldMissing(field));
        return null;
      }
      const r = parseFrenchDate(String(value));
      if (!r.ok) {
        add('PERIOD_INVALID', 'error', field, M.dateInvalid(field, r.reason), { actual: String(value) });
        return null;
      }
      return r.value;
    };
    const start = readDate('period.start', rawStart);
    const end = readDate('period.end', rawEnd);
    if (start && end) {
      const reversed = compareDates(start, end) > 0;
      if (reversed) {
        add('PERIOD_INVALID', 'error', 'period.end', M.periodReversed(formatDate(start), formatDate(end)), { actual: String(rawEnd) });
      } else period = { start, end };
    }
    periodBroken = period === null;
  }

  let months: Dec | null = null;
  let fraction: Dec | null = null;
  let proratedBudget: Dec | null = null;
  if (period) {
    months = countMonths(period.start, period.end);
    fraction = prorationFraction(period.start, period.end, method);
    if (months.greaterThan(12)) add('PERIOD_TOO_LONG', 'warning', 'period.end', M.periodTooLong(formatMonths(months)));
    if (!isBlank(dossier.budgetYear)) {
      const year = Number(dossier.budgetYear);
      if (!Number.isInteger(year) || year < 1900 || year > 2200) add('FIELD_INVALID', 'error', 'budgetYear', M.fieldInvalid('budgetYear', dossier.budgetYear, 'une année sur quatre chiffres'));
      else if (period.start.year !== year || period.end.year !== year)
        add('PERIOD_OUTSIDE_YEAR', 'warning', period.start.year !== year ? 'period.start' : 'period.end', M.periodOutsideYear(formatPeriod(period.start, period.end), String(year)));
    }
    // annual × numerator / denominator, rounded once: a fraction rounded first can move a cent.
    if (annualBudget) proratedBudget = prorate(annualBudget, period.start, period.end, method);
  }

  const base = period ? proratedBudget : periodBroken ? null : annualBudget;
  if (base && base.isZero() && period) add('AMOUNT_INVALID', 'error', 'period.end', M.baseZero());

  // Stated prorated budget: what the draft claims, checked to the cent.
  if (!isBlank(dossier.statedProratedBudget)) {
    const stated = readAmount('statedProratedBudget', dossier.statedProratedBudget, false);
    if (stated && !period && !periodBroken) add('FIELD_MISSING', 'error', 'period', M.proratedWithoutPeriod());
    if (stated && proratedBudget && !roundCents(stated).equals(proratedBudget)) {
      const message =
        method === 'months' && annualBudget && period
          ? M.proratedMismatch(money(stated), money(proratedBudget), money(annualBudget), monthParts(period.start, period.end))
          : M.proratedMismatchMethod(money(stated), money(proratedBudget), annualBudget ? money(annualBudget) : '?', M.methodLabel(method));
      add('PRORATED_BUDGET_MISMATCH', 'error', 'statedProratedBudget', message, { expected: centsString(proratedBudget), actual: centsString(stated) });
    }
  }

  const rate = subsidy && base && !base.isZero() ? subsidy.dividedBy(base) : null;
  if (rate && subsidy && base) {
    if (rate.greaterThan(1)) add('RATE_ABOVE_100', 'error', 'subsidy', M.rateAbove100(formatRate(rate, opts), money(subsidy), money(base)));
    else {
      const cap = new Dec(settings.rateCap);
      if (rate.greaterThan(cap)) add('RATE_ABOVE_CAP', 'warning', 'subsidy', M.rateAboveCap(formatRate(rate, opts), formatRate(cap, { ...opts, prose: true })));
    }
  }
  if (!isBlank(dossier.statedRate)) {
    const r = parseRate(dossier.statedRate);
    if (!r.ok) add('AMOUNT_INVALID', 'error', 'statedRate', M.amountInvalid('statedRate', r.reason), { actual: String(dossier.statedRate) });
    else if (rate && subsidy && base) {
      const places = r.value.percentDecimals;
      const computedPercent = rate.times(100).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
      if (!computedPercent.equals(r.value.fraction.times(100))) {
        const shown = Math.max(2, places);
        add('RATE_MISMATCH', 'error', 'statedRate', M.rateMismatch(formatRate(r.value.fraction, { ...opts, decimals: places }), formatRate(rate, { ...opts, decimals: shown }), money(subsidy), money(base)), {
          expected: computedPercent.dividedBy(100).toFixed(places + 2),
          actual: r.value.fraction.toFixed(places + 2),
        });
      }
    }
  }

  // Co-financing plan: every amount readable, none negative, the sum exact to the cent.
  const cofinancers: CofinancerFigures[] = [];
  const seen = new Map<string, number>();
  let allReadable = true;
  let sum = new Dec(0);
  (dossier.cofinancers ?? []).forEach((c, i) => {
    const name = typeof c.name === 'string' ? c.name.trim() : '';
    if (!name) add('FIELD_MISSING', 'error', `cofinancers[${i}].name`, M.fieldMissing(`cofinancers[${i}].name`));
    const amount = readAmount(`cofinancers[${i}].amount`, c.amount, true);
    if (amount === null) allReadable = false;
    else {
      sum = sum.plus(amount);
      if (amount.isZero()) add('COFINANCER_ZERO', 'warning', `cofinancers[${i}].amount`, M.cofinancerZero(name || `n° ${i + 1}`));
    }
    if (name) {
      const key = normalizeName(name);
      const first = seen.get(key);
      if (first !== undefined) add('COFINANCER_DUPLICATE', 'warning', `cofinancers[${i}].name`, M.cofinancerDuplicate(name, first));
      else seen.set(key, i);
    }
    cofinancers.push({
      name,
      amount,
      shareOfSubsidy: amount && subsidy && !subsidy.isZero() ? amount.dividedBy(subsidy) : null,
      shareOfBase: amount && base && !base.isZero() ? amount.dividedBy(base) : null,
    });
  });
  const hasCofinancers = cofinancers.length > 0;
  const cofinancingTotal = hasCofinancers && allReadable ? sum : null;
  if (cofinancingTotal && subsidy && !roundCents(cofinancingTotal).equals(roundCents(subsidy))) {
    const diff = cofinancingTotal.minus(subsidy);
    add('COFINANCING_SUM_MISMATCH', 'error', 'cofinancers', M.cofinancingMismatch(money(cofinancingTotal), money(subsidy), (diff.isPositive() ? '+' : '') + money(diff)), {
      expected: centsString(subsidy),
      actual: centsString(cofinancingTotal),
    });
  }

  // Convention (loi 2000-321 art. 10): strictly above the threshold, private bodies only.
  const isPublic = dossier.beneficiaryKind === 'public';
  const threshold = new Dec(settings.conventionThreshold);
  const conventionRequired = subsidy ? !isPublic && subsidy.greaterThan(threshold) : null;
  if (conventionRequired && subsidy) {
    const conv = typeof dossier.convention === 'boolean' ? dossier.convention : undefined;
    add('CONVENTION_REQUIRED', conv === true ? 'info' : conv === false ? 'error' : 'warning', 'convention', M.conventionRequired(money(subsidy), money(threshold), conv));
  }

  // Who the beneficiary is and where the subsidy is charged (identity.ts, imputation.ts).
  findings.push(...identityFindings(dossier, { warnings: settings.identityWarnings === true }), ...imputationFindings(dossier));
  checkFormulaLikeText(dossier, add);
  checkInvisibleCharacters(dossier, add);

  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const figures: DossierFigures = { subsidy, annualBudget, period, method, months, fraction, proratedBudget, base, rate, cofinancers, cofinancingTotal, conventionRequired, isPublic };
  return { findings, figures, computed: computedJson(figures) };
}

/** The dossier's free-text fields, which reach the exports (open-data CSV, workbooks, Sheets). */
const TEXT_FIELDS = ['id', 'beneficiary', 'subject', 'authority', 'council', 'legalBasis', 'actKind', 'context', 'actions', 'session', 'actNumber', 'rapporteur'] as const;

const FIRST_CHAR_NAMES: Record<string, string> = { '\t': 'une tabulation', '\r': 'un retour chariot' };

/** A text field that starts like a formula (= + - @ tab CR): a warning with its field (TEXT_FORMULA_LIKE). */
function checkFormulaLikeText(dossier: DossierInput, add: (code: FindingCode, severity: Severity, field: string, message: string, extra?: { actual?: string }) => void) {
  eachText(dossier, (field, value) => {
    if (typeof value !== 'string' || !looksLikeFormula(value)) return;
    const first = value.charAt(0);
    add('TEXT_FORMULA_LIKE', 'warning', field, M.textFormulaLike(field, FIRST_CHAR_NAMES[first] ?? `« ${first} »`), { actual: value });
  });
}

/** Every text field of the dossier that reaches its documents, with its field name (context[1], cofinancers[0].name). */
function eachText(dossier: DossierInput, visit: (field: string, value: unknown) => void) {
  for (const field of TEXT_FIELDS) {
    const v = dossier[field];
    if (Array.isArray(v)) v.forEach((x, i) => visit(`${field}[${i}]`, x));
    else visit(field, v);
  }
  if (Array.isArray(dossier.cofinancers)) dossier.cofinancers.forEach((c, i) => visit(`cofinancers[${i}].name`, c?.name));
}

/** A text holding a character no document can hold (see documentText): a warning with its field (TEXT_INVISIBLE_CHARACTER). */
function checkInvisibleCharacters(dossier: DossierInput, add: (code: FindingCode, severity: Severity, field: string, message: string, extra?: { actual?: string }) => void) {
  eachText(dossier, (field, value) => {
    if (typeof value !== 'string') return;
    const found = invisibleCharacters(value);
    if (found.length) add('TEXT_INVISIBLE_CHARACTER', 'warning', field, M.textInvisibleCharacter(field, found, documentText(value)), { actual: value });
  });
}

const cents = (d: Dec | null) => (d ? centsString(d) : null);
const fractionString = (d: Dec | null) => (d ? d.toFixed(6) : null);

export function computedJson(f: DossierFigures): ComputedJson {
  return {
    months: f.months ? f.months.toDecimalPlaces(6, Dec.ROUND_HALF_UP).toNumber() : null,
    // CONTRACT.md: `proratedBudget` is « the base » of the rate, so without a period it is the
    // annual budget (DOMAIN.md: « Without a period, the base is the annual budget »).
    proratedBudget: cents(f.base),
    rate: fractionString(f.rate),
    cofinancingTotal: cents(f.cofinancingTotal),
    conventionRequired: f.conventionRequired,
    annualBudget: cents(f.annualBudget),
    subsidy: cents(f.subsidy),
    base: cents(f.base),
    prorationMethod: f.method,
    cofinancers: f.cofinancers.map((c) => ({ name: c.name, amount: cents(c.amount), shareOfSubsidy: fractionString(c.shareOfSubsidy), shareOfBase: fractionString(c.shareOfBase) })),
  };
}
