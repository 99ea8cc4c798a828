/**
 * What the convention adds to the report's figures, pure (no Date): the deadline of the
 * « compte rendu financier » and the payment schedule, read from the checked dossier.
 */
import { addMonths, compareDates, formatDate, parseFrenchDate, type CalendarDate } from './calendar';
import type { DossierInput } from './dossier';

/**
 * The « compte rendu financier » is due within six months of the end of the exercise the
 * subsidy was granted for (loi n° 2000-321, art. 10; arrêté du 11 octobre 2006): the end of
 * the budget year, or the end of the period when it runs past that year (a multi-year
 * convention reports after its last exercise). `financialReportDeadline(2018, 31 Mar 2018)` → 30 June 2019.
 */
export function financialReportDeadline(budgetYear: number | null, periodEnd: CalendarDate | null): CalendarDate | null {
  let end: CalendarDate | null = budgetYear !== null && Number.isInteger(budgetYear) && budgetYear > 0 ? { year: budgetYear, month: 12, day: 31 } : null;
  // A period past the budget year: the exercise that counts is the one the period ends in.
  if (periodEnd && (!end || compareDates(periodEnd, end) > 0)) end = { year: periodEnd.year, month: 12, day: 31 };
  return end ? addMonths(end, 6) : null;
}

/** The budget year as a number, or null when absent or not a year. */
export function budgetYearOf(dossier: DossierInput): number | null {
  const raw = String(dossier.budgetYear ?? '').trim();
  return /^\d{4}$/.test(raw) ? Number(raw) : null;
}

/** The payment dates as French dates, in the order given: "2018-04-16, 2018-10-15" → ["16 avril 2018", "15 octobre 2018"]; an unreadable one stays as typed. */
export function paymentSchedule(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const texts = Array.isArray(value) ? value.map((v) => String(v ?? '')) : String(value).split(/\s*[,;\n]\s*/);
  return texts
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => {
      const r = parseFrenchDate(t);
      return r.ok ? formatDate(r.value) : t;
    });
}

/** A beneficiary the « contrat d'engagement républicain » applies to: an association (the default kind). */
export const isAssociation = (dossier: DossierInput) => {
  const kind = String(dossier.beneficiaryKind ?? '').trim();
  return kind === '' || kind === 'association';
};

/**
 * Why a dossier gets a convention, or null when it needs none:
 * - `threshold`: its own subsidy is above the threshold for a private body (CONVENTION_REQUIRED);
 * - `cumulated`: it is not, but the beneficiary's subsidies of the year are
 *   (CONVENTION_REQUIRED_CUMULATED, found only when the dossier is checked with the others);
 * - `approved`: neither rule applies, but the council approves one anyway (`convention: true`).
 * A dossier that says `convention: false` while a rule requires one still gets it: the
 * finding is an error, so the user confirms before it is written.
 */
export type ConventionReason = 'threshold' | 'cumulated' | 'approved';

export function conventionReason(dossier: DossierInput, check: { figures: { conventionRequired: boolean | null }; findings: readonly { code: string }[] }): ConventionReason | null {
  if (check.figures.conventionRequired === true) return 'threshold';
  if (check.findings.some((f) => f.code === 'CONVENTION_REQUIRED_CUMULATED')) return 'cumulated';
  return dossier.convention === true ? 'approved' : null;
}

/**
 * Why a dossier that gets no convention gets none, for the words the sidebar and the command
 * line say: a public body (the law's rule is for private ones), an amount under the threshold,
 * an absent or unreadable amount, which leaves the rule undecided (not « not required »), or
 * (`cumulatedUnknown`) a readable amount whose beneficiary has another subsidy of the year that
 * cannot be read (CONVENTION_CUMULATED_UNKNOWN): the yearly total, hence the rule, is unknown.
 */
export type NoConventionReason = 'public' | 'unreadable' | 'cumulatedUnknown' | 'below';

export function noConventionReason(check: { figures: { isPublic: boolean; subsidy: unknown }; findings?: readonly { code: string }[] }): NoConventionReason {
  if (check.figures.isPublic) return 'public';
  if (!check.figures.subsidy) return 'unreadable';
  return check.findings?.some((f) => f.code === 'CONVENTION_CUMULATED_UNKNOWN') ? 'cumulatedUnknown' : 'below';
}

/** Whether a checked dossier gets a convention, for any of the reasons above. */
export function conventionNeeded(dossier: DossierInput, check: { figures: { conventionRequired: boolean | null }; findings: readonly { code: string }[] }): boolean {
  return conventionReason(dossier, check) !== null;
}
