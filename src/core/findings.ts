/** The stable finding codes of CONTRACT.md: programs rely on them, never rename one. */
export const FINDING_CODES = [
  'FIELD_MISSING',
  /** Added beyond CONTRACT.md: a field whose value is not one of those allowed (a method, a kind). */
  'FIELD_INVALID',
  'AMOUNT_INVALID',
  'PERIOD_INVALID',
  'PERIOD_OUTSIDE_YEAR',
  'PERIOD_TOO_LONG',
  'PRORATED_BUDGET_MISMATCH',
  'RATE_MISMATCH',
  'RATE_ABOVE_100',
  'RATE_ABOVE_CAP',
  'COFINANCING_SUM_MISMATCH',
  'COFINANCER_DUPLICATE',
  'COFINANCER_ZERO',
  'CONVENTION_REQUIRED',
  'CONVENTION_REQUIRED_CUMULATED',
  /** Added beyond CONTRACT.md: the readable subsidies of the year to the same body stay under the threshold, but another of them cannot be read, so whether a convention is needed cannot be said; warning (info when one is approved). */
  'CONVENTION_CUMULATED_UNKNOWN',
  'NUMBER_FORMAT_INCONSISTENT',
  'NUMBER_MALFORMED',
  'TOTAL_MISMATCH',
  /** Added beyond CONTRACT.md (open data, SCDL « Subventions »): a value the schema requires is absent; error. */
  'OPENDATA_FIELD_MISSING',
  /** Added beyond CONTRACT.md (open data): a value is present but breaks the schema's format (SIRET, RNA, date, vocabulary, length); error. */
  'OPENDATA_FIELD_INVALID',
  /** Added beyond CONTRACT.md (audit): an amount written in words beside its digits says another amount; error. */
  'AMOUNT_WORDS_MISMATCH',
  /** Added beyond CONTRACT.md (audit): an amount in words beside its digits says the right amount but is spelled neither the traditional way nor the 1990 way; warning. */
  'AMOUNT_WORDS_MISSPELLED',
  /** Added beyond CONTRACT.md (identity): the beneficiary's SIRET is not 14 digits or fails its key (La Poste's rule for its establishments); error. */
  'SIRET_INVALID',
  /** Added beyond CONTRACT.md (identity): the SIREN inside the SIRET (its first 9 digits) fails its own key; error. */
  'SIREN_INVALID',
  /** Added beyond CONTRACT.md (identity): the RNA number is not « W » and 9 digits; error. */
  'RNA_INVALID',
  /** Added beyond CONTRACT.md (identity): an association with neither SIRET nor RNA, or a company without SIRET; warning. */
  'IDENTIFIER_MISSING',
  /** Added beyond CONTRACT.md (identity): the dossier's `authoritySiret` is not 14 digits or fails its key; error. */
  'AUTHORITY_SIRET_INVALID',
  /** Added beyond CONTRACT.md (M57): the imputation is not an M57 subsidy imputation, or contradicts `subsidyKind` or the kind of body; warning. */
  'IMPUTATION_MISMATCH',
  /** Added beyond CONTRACT.md (identity): the beneficiary's name says company (« SAS », « SARL »…) and its kind association, or the reverse; warning. */
  'BENEFICIARY_KIND_MISMATCH',
  /** Added beyond CONTRACT.md: a text field starts like a spreadsheet formula (= + - @ tab CR); warning, the exports neutralise it. */
  'TEXT_FORMULA_LIKE',
  /** Added beyond CONTRACT.md: a text field holds a character no document can hold (a C0 control, Word's line break U+000B…); warning, the documents leave it out. */
  'TEXT_INVISIBLE_CHARACTER',
  /** Added beyond CONTRACT.md: two dossiers of one file or workbook carry the same `id` (case, accents and spaces aside); error. */
  'DOSSIER_ID_DUPLICATE',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
export type Severity = 'error' | 'warning' | 'info';

/** One finding, exactly the JSON shape of CONTRACT.md. `message` is French, for people. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** A path into the dossier: `subsidy`, `period.end`, `cofinancers[1].amount`. */
  field: string;
  message: string;
  expected?: string;
  actual?: string;
}

/** An audit finding also says where in the text the figures stand. */
export interface AuditFinding extends Finding {
  excerpt: string;
  offset: number;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
