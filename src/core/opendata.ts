import { Dec, centsString } from './decimal';
import { neutralizeFormula } from './formula';
import type { DossierInput } from './dossier';
import type { Finding, FindingCode } from './findings';
import { compareDates, parseFrenchDate, toIso, type CalendarDate } from './calendar';
import { budgetYearOf, groupByBeneficiary, groupOfEach, type BeneficiaryInput } from './beneficiaries';
import { openDataMessages as M } from './messages/opendata';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { fail, ok, type Result } from './result';
import { checkRna, checkSiret } from './identity';

/**
 * The open-data table of subsidies: SCDL « Subventions » 2.1.1 (schema.data.gouv.fr,
 * scdl/subventions), which the décret n° 2017-779 and the arrêté du 17 novembre 2017 make
 * the format of the « données essentielles » of subsidy conventions.
 *
 * Each value is taken from the dossier or the settings and written in the schema's format;
 * a value the schema requires that is absent or unusable is a finding and an empty cell,
 * never a guess. One row per dossier: a dossier has one beneficiary, so its share
 * (pourcentageSubvention) is 1.00, as the schema says for a single beneficiary.
 */

/** The sixteen columns, in the schema's order. */
export const SCDL_COLUMNS = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'referenceDecision',
  'nomBeneficiaire',
  'idBeneficiaire',
  'rnaBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
] as const;

export type ScdlColumn = (typeof SCDL_COLUMNS)[number];
export type ScdlRow = Record<ScdlColumn, string>;

/** The dossier field each column is read from (the `field` of its findings). */
export const SCDL_SOURCE_FIELD: Record<ScdlColumn, string> = {
  nomAttribuant: 'authority',
  idAttribuant: 'authoritySiret',
  dateConvention: 'conventionDate',
  referenceDecision: 'actNumber',
  nomBeneficiaire: 'beneficiary',
  idBeneficiaire: 'siret',
  rnaBeneficiaire: 'rna',
  objet: 'subject',
  montant: 'subsidy',
  nature: 'aidNature',
  conditionsVersement: 'paymentTerms',
  datesPeriodeVersement: 'paymentDates',
  idRAE: 'raeId',
  notificationUE: 'euNotification',
  pourcentageSubvention: 'subsidy',
  dispositifAide: 'aidScheme',
};

/** The schema's vocabulary of `nature`. */
export const SCDL_NATURES = ['aide en numéraire', 'aide en nature', 'aide en numéraire;aide en nature', 'aide en nature;aide en numéraire'] as const;

/** Lengths the schema caps ("Moins de 256 caractères", "Moins de 5 caractères"). */
const MAX_LENGTH: Partial<Record<ScdlColumn, number>> = { objet: 256, conditionsVersement: 256, idRAE: 5 };

/** The number of characters (code points) of a text; a lone surrogate counts as one. */
const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};
const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The identifier rules live in identity.ts; re-exported for the callers that took them from here. */
export { isValidSiret } from './identity';

export interface OpenDataOptions {
  /** Only the dossiers of this budget year (budgetYear, else the year the period starts). */
  year?: number;
  /** Every subsidy, not only those that must be published. */
  all?: boolean;
}

export interface OpenDataRow {
  id: string;
  /** Position of the dossier in the list given. */
  index: number;
  row: ScdlRow;
  /** Required values missing or unusable: their cells are empty. */
  findings: Finding[];
  /** The law requires its publication (false for rows only `all` brought in). */
  mandatory: boolean;
}

export interface OpenDataTable {
  rows: OpenDataRow[];
  /** Dossiers whose subsidy cannot be read, so nobody can tell whether to publish them. */
  undetermined: string[];
}

/**
 * Which subsidies must be published and their rows. Décret n° 2017-779 covers subsidies
 * above the threshold of décret n° 2001-495, which is the yearly amount to one private body:
 * a dossier is published when its subsidy, or its beneficiary's total for the year, exceeds
 * the threshold (the conventions the cumulative rule requires are conventions too). Public
 * beneficiaries need no convention, hence no publication; `all` exports every subsidy.
 * `openDataTable([{id: 'A', dossier, subsidy: new Dec(47500)}], settings).rows[0].row.montant` → "47500.00".
 */
export function openDataTable(items: readonly BeneficiaryInput[], settings: Settings = DEFAULT_SETTINGS, opts: OpenDataOptions = {}): OpenDataTable {
  const threshold = new Dec(settings.conventionThreshold);
  const groupOf = groupOfEach(groupByBeneficiary(items, settings), items.length);
  const rows: OpenDataRow[] = [];
  const undetermined: string[] = [];
  items.forEach((item, index) => {
    if (opts.year !== undefined && budgetYearOf(item.dossier) !== opts.year) return;
    const isPublic = item.dossier.beneficiaryKind === 'public';
    const mandatory = !isPublic && item.subsidy !== null && (item.subsidy.greaterThan(threshold) || groupOf[index]?.conventionRequired === true);
    if (!mandatory && !opts.all) {
      if (item.subsidy === null && !isPublic) undetermined.push(item.id);
      return;
    }
    rows.push({ id: item.id, index, mandatory, ...scdlRow(item, settings) });
  });
  return { rows, undetermined };
}

/** One row of the table from one checked dossier; every cell a string in the schema's format. */
export function scdlRow(item: BeneficiaryInput, settings: Settings = DEFAULT_SETTINGS): { row: ScdlRow; findings: Finding[] } {
  const d = item.dossier;
  const findings: Finding[] = [];
  const report = (code: FindingCode, column: ScdlColumn, message: string, actual?: unknown) =>
    findings.push({ code, severity: 'error', field: SCDL_SOURCE_FIELD[column], message, ...(actual === undefined ? {} : { actual: String(actual) }) });
  const missing = (column: ScdlColumn) => report('OPENDATA_FIELD_MISSING', column, M.missing(column));

  /** A text cell: trimmed, its length checked; `required` reports it when absent. */
  const text = (column: ScdlColumn, value: unknown, required: boolean): string => {
    if (isBlank(value)) {
      if (required) missing(column);
      return '';
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      report('OPENDATA_FIELD_INVALID', column, M.notText(column), JSON.stringify(value));
      return '';
    }
    const t = String(value).trim();
    const max = MAX_LENGTH[column];
    // The schema's maxLength counts characters (code points, as Validata's Python len() does),
    // not UTF-16 units: an emoji or any character outside the BMP is one, not two.
    const length = max === undefined ? 0 : codePoints(t);
    if (max !== undefined && length > max) {
      report('OPENDATA_FIELD_INVALID', column, M.tooLong(column, length, max), t);
      return '';
    }
    return t;
  };

  const siret = (column: 'idAttribuant' | 'idBeneficiaire', value: unknown, required: boolean): string => {
    const t = text(column, value, required);
    if (t === '') return '';
    // The checked identifier, as identity.ts reads it: 14 digits, no space.
    const checked = checkSiret(t);
    if (checked.ok) return checked.value;
    const keyProblem = checked.problem === 'siren-key' || checked.problem === 'siret-key' || checked.problem === 'la-poste-key' || checked.problem === 'placeholder';
    report('OPENDATA_FIELD_INVALID', column, keyProblem ? M.siretChecksum(column, t) : M.siretFormat(column, t), t);
    return '';
  };

  const row = {} as ScdlRow;
  row.nomAttribuant = text('nomAttribuant', isBlank(d.authority) ? settings.authorityName : d.authority, true);
  row.idAttribuant = siret('idAttribuant', isBlank(d.authoritySiret) ? settings.authoritySiret : d.authoritySiret, true);
  row.dateConvention = dateCell(d.conventionDate, 'dateConvention', report, missing);
  row.referenceDecision = text('referenceDecision', d.actNumber, false);
  row.nomBeneficiaire = text('nomBeneficiaire', d.beneficiary, true);
  row.idBeneficiaire = siret('idBeneficiaire', d.siret, false);
  row.rnaBeneficiaire = '';
  const rna = text('rnaBeneficiaire', d.rna, false);
  if (rna !== '') {
    const checked = checkRna(rna);
    if (checked.ok) row.rnaBeneficiaire = checked.value;
    else report('OPENDATA_FIELD_INVALID', 'rnaBeneficiaire', M.rnaFormat(rna), rna);
  }
  // The schema's check `one-of-required`: a SIRET or an RNA number, at least one.
  if (row.idBeneficiaire === '' && row.rnaBeneficiaire === '' && isBlank(d.siret) && isBlank(d.rna)) {
    findings.push({ code: 'OPENDATA_FIELD_MISSING', severity: 'error', field: 'siret', message: M.missingBeneficiaryId() });
  }
  row.objet = text('objet', d.subject, true);
  if (item.subsidy) row.montant = centsString(item.subsidy);
  else {
    row.montant = '';
    if (isBlank(d.subsidy)) missing('montant');
    else report('OPENDATA_FIELD_INVALID', 'montant', M.amountUnreadable(String(d.subsidy)), d.subsidy);
  }
  row.nature = natureCell(d.aidNature, report, missing);
  row.conditionsVersement = termsCell(text('conditionsVersement', d.paymentTerms, true), report);
  row.datesPeriodeVersement = paymentDatesCell(d.paymentDates, report, missing);
  row.idRAE = text('idRAE', d.raeId, false);
  row.notificationUE = euCell(d.euNotification, report, missing);
  row.pourcentageSubvention = '1.00';
  row.dispositifAide = text('dispositifAide', d.aidScheme, false);
  return { row, findings };
}

type Report = (code: FindingCode, column: ScdlColumn, message: string, actual?: unknown) => void;

function readDate(value: unknown): Result<CalendarDate> {
  if (typeof value !== 'string') return fail('une date s’écrit AAAA-MM-JJ.');
  return parseFrenchDate(value);
}

function dateCell(value: unknown, column: ScdlColumn, report: Report, missing: (c: ScdlColumn) => void): string {
  if (isBlank(value)) {
    missing(column);
    return '';
  }
  const r = readDate(value);
  if (r.ok) return toIso(r.value);
  report('OPENDATA_FIELD_INVALID', column, M.dateInvalid(column, String(value), r.reason), value);
  return '';
}

function natureCell(value: unknown, report: Report, missing: (c: ScdlColumn) => void): string {
  if (isBlank(value) || (Array.isArray(value) && value.length === 0)) {
    missing('nature');
    return '';
  }
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(/[;,]/) : [String(v)]));
  const kinds: string[] = [];
  for (const part of parts) {
    const f = fold(part).replace(/^aide /, '').replace(/^en /, '');
    const kind = f === 'numeraire' ? 'aide en numéraire' : f === 'nature' ? 'aide en nature' : null;
    if (!kind) {
      report('OPENDATA_FIELD_INVALID', 'nature', M.natureInvalid(Array.isArray(value) ? value.join(';') : String(value)), value);
      return '';
    }
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds.join(';');
}

/**
 * The schema's words are « unique » and « échelonné »; any other wording is a free
 * description, which it allows. A single unknown word is more likely a typo than a
 * description, so it is refused.
 */
function termsCell(t: string, report: Report): string {
  if (t === '') return '';
  const f = fold(t);
  if (f === 'unique') return 'unique';
  if (/^echelonnee?s?$/.test(f)) return 'échelonné';
  if (!/\s/.test(f)) {
    report('OPENDATA_FIELD_INVALID', 'conditionsVersement', M.termsInvalid(t), t);
    return '';
  }
  return t;
}

/**
 * A date ("2018-03-15"), a period ("2018-03-15/2018-09-15", "du 15/03/2018 au 15/09/2018")
 * or a list of payment dates, written as the schema wants: AAAA-MM-JJ or AAAA-MM-JJ/AAAA-MM-JJ
 * (a list becomes the period from its first to its last date).
 */
function paymentDatesCell(value: unknown, report: Report, missing: (c: ScdlColumn) => void): string {
  const column = 'datesPeriodeVersement';
  if (isBlank(value) || (Array.isArray(value) && value.length === 0)) {
    missing(column);
    return '';
  }
  const shown = Array.isArray(value) ? value.join(', ') : String(value);
  let texts: unknown[];
  if (Array.isArray(value)) texts = value;
  else if (typeof value !== 'string') texts = [value];
  else {
    const t = value.trim().replace(/^du\s+/i, '');
    const iso = /^(\d{4}-\d{2}-\d{2})\s*\/\s*(\d{4}-\d{2}-\d{2})$/.exec(t);
    // A list typed in one cell ("16/04/2018, 15/10/2018" or "…; …") is a list of dates.
    texts = iso ? [iso[1], iso[2]] : /[,;]/.test(t) ? t.split(/\s*[,;]\s*/).filter((x) => x !== '') : t.split(/\s+au\s+/i);
  }
  const dates: CalendarDate[] = [];
  for (const t of texts) {
    const r = readDate(t);
    if (!r.ok) {
      report('OPENDATA_FIELD_INVALID', column, M.dateInvalid(column, shown, r.reason), shown);
      return '';
    }
    dates.push(r.value);
  }
  if (!Array.isArray(value) && dates.length === 2 && compareDates(dates[0], dates[1]) > 0) {
    report('OPENDATA_FIELD_INVALID', column, M.periodReversed(shown), shown);
    return '';
  }
  const sorted = [...dates].sort(compareDates);
  const first = toIso(sorted[0]);
  const last = toIso(sorted[sorted.length - 1]);
  return first === last ? first : `${first}/${last}`;
}

function euCell(value: unknown, report: Report, missing: (c: ScdlColumn) => void): string {
  if (isBlank(value)) {
    missing('notificationUE');
    return '';
  }
  if (value === true) return 'oui';
  if (value === false) return 'non';
  const f = typeof value === 'string' ? fold(value) : '';
  if (f === 'oui' || f === 'true') return 'oui';
  if (f === 'non' || f === 'false') return 'non';
  report('OPENDATA_FIELD_INVALID', 'notificationUE', M.euInvalid(String(value)), value);
  return '';
}

/** The table as values: the header row of column names, then one row per subsidy. */
export function openDataValues(table: OpenDataTable): string[][] {
  return [[...SCDL_COLUMNS], ...table.rows.map((r) => SCDL_COLUMNS.map((c) => r.row[c]))];
}

/**
 * RFC 4180 CSV as OpenDataFrance asks for it: UTF-8 (the caller writes the bytes, no BOM),
 * comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or a line
 * break (quotes doubled), a value starting like a formula (= + - @ tab CR, numbers aside)
 * behind an apostrophe. `writeCsv([["a", "b,c"]])` → 'a,"b,c"\r\n'.
 */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  // A value a spreadsheet would run as a formula is written as text first (issue 14).
  const cell = (raw: string) => {
    const v = neutralizeFormula(raw);
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The open-data table as the CSV file to publish. */
export function openDataCsv(table: OpenDataTable): string {
  return writeCsv(openDataValues(table));
}

/**
 * Reads RFC 4180 CSV (CRLF or LF, quoted fields, a leading BOM ignored), to check what was
 * written. `readCsv('a,"b,c"\r\n')` → ok([["a", "b,c"]]).
 */
export function readCsv(text: string): Result<string[][]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStart = true;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && !',\r\n'.includes(text[i])) return fail(`caractère inattendu après un guillemet fermant, position ${i}`);
      } else {
        field += c;
        i++;
      }
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      fieldStart = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStart = true;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else if (c === '"') {
      return fail(`guillemet au milieu d’un champ non entre guillemets, position ${i}`);
    } else {
      field += c;
      fieldStart = false;
      i++;
    }
  }
  if (quoted) return fail('guillemet ouvrant jamais refermé');
  if (!fieldStart || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return ok(rows);
}
