/**
 * Dossiers ⇄ spreadsheet rows, pure. The « Dossiers » sheet holds one row per dossier, the
 * « Cofinancements » sheet one row per co-financer. Columns are found by their header, so
 * staff may reorder them and add their own; the add-on writes only its own columns, so
 * theirs (values, formulas, spills) are never touched.
 *
 * Reading turns cells into a `DossierInput` as the checks and the sidebar take it (amounts
 * as French text, dates as ISO strings); writing turns a dossier into a plan of sheet
 * operations (`SheetOp`) that an adapter executes literally. Everything that needs a time
 * zone (a date cell is an instant) goes through the `CellCodec` the adapter injects.
 */
import { Dec, roundCents } from '../core/decimal';
import type { CofinancerInput, DossierInput } from '../core/dossier';
import type { DossierCheck } from '../core/checks';
import { fromSerial, parseFrenchDate, toIso } from '../core/calendar';
import { parseAmount, parseRate } from '../core/parse';
import { normalizeName } from '../core/names';
import {
  COFINANCER_COLUMNS,
  COFINANCERS_SHEET,
  COMPUTED_COLUMNS,
  DOSSIER_FIELDS,
  DOSSIERS_SHEET,
  NO,
  YES,
  type FieldKind,
  type FieldSpec,
} from './dossier-fields';
import { dossierMessages as M } from './dossier-messages';

/** What `Range.getValues()` gives: `""` for an empty cell, a `Date` for a date cell. */
export type CellValue = string | number | boolean | Date;

/** The time-zone-aware conversions only the adapter can make (the spreadsheet's zone). */
export interface CellCodec {
  /** A date cell (midnight in the spreadsheet's zone) to "YYYY-MM-DD". */
  dateToIso(date: Date): string;
  /** "YYYY-MM-DD" to the value to write in a date cell. */
  isoToCell(iso: string): CellValue;
}

/** A sheet's used range as `getDataRange().getValues()` returns it: row 0 is the header. */
export interface TableSnapshot {
  values: CellValue[][];
  /** `getMaxRows()`/`getMaxColumns()` are not needed: the adapter grows the sheet on `ensureSize`. */
}

export type SheetOp =
  | { op: 'createSheet'; sheet: string; header: string[] }
  | { op: 'ensureSize'; sheet: string; rows: number; columns: number }
  | { op: 'insertRowsAfter'; sheet: string; row: number; count: number }
  | { op: 'deleteRows'; sheet: string; row: number; count: number }
  /** `values` at 1-based (row, column); one `setValues` call. */
  | { op: 'write'; sheet: string; row: number; column: number; values: CellValue[][] };

export interface StoredDossier {
  /** How the sidebar names it: its id, or "#<row>" for a row without one. */
  ref: string;
  /** 1-based sheet row. */
  row: number;
  dossier: DossierInput;
  /** The « Version » counter (0 when the column is empty). */
  version: number;
  state: string;
  reportLink: string;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
/** How headers compare: case, accents, spacing and the apostrophe's shape do not count. */
export const headerKey = (v: CellValue) => normalizeName(String(v)).replace(/[’']/g, "'");

/** Column index (0-based) of each header, by normalized name; the first one wins. */
export function headerIndex(header: readonly CellValue[]): Map<string, number> {
  const map = new Map<string, number>();
  header.forEach((h, i) => {
    if (typeof h === 'string' && h.trim() !== '' && !map.has(headerKey(h))) map.set(headerKey(h), i);
  });
  return map;
}

export const DOSSIER_HEADERS: readonly string[] = [
  ...DOSSIER_FIELDS.map((f) => f.header),
  COMPUTED_COLUMNS.proratedBudget,
  COMPUTED_COLUMNS.rate,
  COMPUTED_COLUMNS.cofinancingTotal,
  COMPUTED_COLUMNS.checkState,
  COMPUTED_COLUMNS.version,
  // Last: report generation writes it, a save skips it, and the other columns stay one run.
  COMPUTED_COLUMNS.reportLink,
];
export const COFINANCER_HEADERS: readonly string[] = [COFINANCER_COLUMNS.dossier, COFINANCER_COLUMNS.name, COFINANCER_COLUMNS.amount, COFINANCER_COLUMNS.share];

// ---------------------------------------------------------------------------------------
// Text cells: Sheets reads a string written by a script as if a person had typed it, so
// "=HYPERLINK(…)" becomes a formula, "2018-01" a date, "0612" the number 612 and "VRAI" a
// boolean. A leading apostrophe makes the cell plain text (the apostrophe is not part of
// the value `getValues` returns). Only strings Sheets could reinterpret get one, so that
// ordinary names stay clean in the formula bar.

const NEEDS_QUOTE = /^[^\p{L}]|\d|^(vrai|faux|true|false)$/iu;

/** The cell to write for a text value: `textCell('=1+1')` → "'=1+1". */
export function textCell(text: string): string {
  return text !== '' && NEEDS_QUOTE.test(text) ? `'${text}` : text;
}

// ---------------------------------------------------------------------------------------
// Amounts as the form shows them: French digits with ordinary spaces, easy to edit.

function groupDigits(int: string): string {
  return int.replace(/\B(?=(\d{3})+$)/g, ' ');
}

/** `plainAmount(new Dec('47500'))` → "47 500"; 1234.5 → "1 234,50". */
export function plainAmount(d: Dec): string {
  const places = d.isInteger() ? 0 : Math.max(2, d.decimalPlaces());
  const [int, dec] = d.abs().toFixed(places).split('.') as [string, string | undefined];
  return `${d.isNeg() ? '-' : ''}${groupDigits(int)}${dec ? `,${dec}` : ''}`;
}

/** A rate cell (a fraction) as text with its precision: 0.2375 → "23,75 %". */
function plainRate(n: number): string | number {
  const r = parseRate(n);
  if (!r.ok) return n;
  const percent = r.value.fraction.times(100).toFixed(r.value.percentDecimals);
  const [int, dec] = percent.split('.') as [string, string | undefined];
  return `${groupDigits(int)}${dec ? `,${dec}` : ''} %`;
}

function choiceValue(spec: FieldSpec, text: string): string {
  const key = normalizeName(text);
  const found = spec.choices?.find((c) => normalizeName(c.label) === key || normalizeName(c.value) === key);
  return found ? found.value : text.trim();
}

const YES_WORDS = new Set(['oui', 'vrai', 'true', 'yes', 'x']);
const NO_WORDS = new Set(['non', 'faux', 'false', 'no']);

function readCell(spec: FieldSpec, cell: CellValue, codec: CellCodec): unknown {
  if (blank(cell)) return undefined;
  const kind: FieldKind = spec.kind;
  // A date cell reads as its calendar day whatever the column: the checks then say if it belongs there.
  if (cell instanceof Date) return codec.dateToIso(cell);
  switch (kind) {
    case 'money':
    case 'stated': {
      if (typeof cell === 'number') {
        const r = parseAmount(cell, { allowNegative: true });
        return r.ok ? plainAmount(r.value) : cell;
      }
      return String(cell);
    }
    case 'rate':
      return typeof cell === 'number' ? plainRate(cell) : String(cell);
    case 'date': {
      if (typeof cell === 'number') {
        const d = fromSerial(cell);
        return d.ok ? toIso(d.value) : cell;
      }
      const d = parseFrenchDate(String(cell));
      return d.ok ? toIso(d.value) : String(cell);
    }
    case 'year':
      return typeof cell === 'number' ? cell : String(cell).trim();
    case 'choice':
      return choiceValue(spec, String(cell));
    case 'yesno': {
      if (typeof cell === 'boolean') return cell;
      const word = normalizeName(String(cell));
      return YES_WORDS.has(word) ? true : NO_WORDS.has(word) ? false : undefined;
    }
    case 'lines': {
      const lines = String(cell)
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
      return lines;
    }
    case 'text':
      return String(cell);
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

export function getPath(source: Record<string, unknown>, path: string): unknown {
  let node: unknown = source;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Every dossier of the « Dossiers » sheet, in row order, co-financers attached. */
export function readDossiers(dossiers: TableSnapshot | null, cofinancers: TableSnapshot | null, codec: CellCodec): StoredDossier[] {
  if (!dossiers || dossiers.values.length === 0) return [];
  const [header = [], ...rows] = dossiers.values;
  const index = headerIndex(header);
  const col = (h: string) => index.get(headerKey(h));
  const fieldCols = DOSSIER_FIELDS.map((f) => [f, col(f.header)] as const).filter((e): e is readonly [FieldSpec, number] => e[1] !== undefined);
  const stateCol = col(COMPUTED_COLUMNS.checkState);
  const linkCol = col(COMPUTED_COLUMNS.reportLink);
  const versionCol = col(COMPUTED_COLUMNS.version);
  const byDossier = groupCofinancers(cofinancers);

  const out: StoredDossier[] = [];
  rows.forEach((cells, i) => {
    const dossier: Record<string, unknown> = {};
    for (const [spec, c] of fieldCols) {
      const value = readCell(spec, cells[c] ?? '', codec);
      if (value !== undefined) setPath(dossier, spec.path, value);
    }
    if (Object.keys(dossier).length === 0) return;
    const id = typeof dossier.id === 'string' ? dossier.id.trim() : '';
    if (id) dossier.id = id;
    const cof = id ? byDossier.get(id) : undefined;
    if (cof) dossier.cofinancers = cof.map((c) => c.cofinancer);
    const v = versionCol === undefined ? '' : cells[versionCol];
    out.push({
      ref: id || `#${i + 2}`,
      row: i + 2,
      dossier: dossier as DossierInput,
      version: typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0,
      state: stateCol === undefined || blank(cells[stateCol]) ? '' : String(cells[stateCol]),
      reportLink: linkCol === undefined || blank(cells[linkCol]) ? '' : String(cells[linkCol]),
    });
  });
  return out;
}

interface StoredCofinancer {
  row: number;
  cofinancer: CofinancerInput;
}

const NAME_SPEC: FieldSpec = { path: 'name', header: COFINANCER_COLUMNS.name, label: '', kind: 'text', group: 'identity' };
const AMOUNT_SPEC: FieldSpec = { path: 'amount', header: COFINANCER_COLUMNS.amount, label: '', kind: 'money', group: 'identity' };
const NO_DATES: CellCodec = { dateToIso: () => '', isoToCell: (iso) => iso };

function groupCofinancers(table: TableSnapshot | null): Map<string, StoredCofinancer[]> {
  const map = new Map<string, StoredCofinancer[]>();
  if (!table || table.values.length === 0) return map;
  const [header = [], ...rows] = table.values;
  const index = headerIndex(header);
  const dCol = index.get(headerKey(COFINANCER_COLUMNS.dossier));
  const nCol = index.get(headerKey(COFINANCER_COLUMNS.name));
  const aCol = index.get(headerKey(COFINANCER_COLUMNS.amount));
  if (dCol === undefined) return map;
  rows.forEach((cells, i) => {
    const id = blank(cells[dCol]) ? '' : String(cells[dCol]).trim();
    if (!id) return;
    const name = nCol === undefined ? undefined : readCell(NAME_SPEC, cells[nCol] ?? '', NO_DATES);
    const amount = aCol === undefined ? undefined : readCell(AMOUNT_SPEC, cells[aCol] ?? '', NO_DATES);
    const cofinancer: CofinancerInput = {};
    if (name !== undefined) cofinancer.name = String(name);
    if (amount !== undefined) cofinancer.amount = amount as string;
    const list = map.get(id) ?? [];
    list.push({ row: i + 2, cofinancer });
    map.set(id, list);
  });
  return map;
}

/** Sheet rows (1-based) of a dossier's co-financers, in order. */
export function cofinancerRows(table: TableSnapshot | null, id: string): number[] {
  return (groupCofinancers(table).get(id) ?? []).map((c) => c.row);
}

// ---------------------------------------------------------------------------------------
// The version token: a hash of what is stored, so that a change made by another user of the
// sidebar and a change typed straight into the sheet are both detected.

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** cyrb53 (public domain): a fast 53-bit string hash; collisions are not a security matter here. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** "3-k2j9x0…": the « Version » counter and a hash of the stored dossier. */
export function versionToken(stored: StoredDossier): string {
  return `${stored.version}-${hash53(canonical(stored.dossier))}`;
}

// ---------------------------------------------------------------------------------------
// Writing.

function moneyCell(value: unknown): CellValue {
  if (blank(value)) return '';
  const r = parseAmount(value, { allowNegative: false });
  if (!r.ok) throw new Error(`unreadable amount reached the writer: ${String(value)}`);
  return Number(r.value.toString());
}

function writeCell(spec: FieldSpec, value: unknown, codec: CellCodec): CellValue {
  if (blank(value) || (Array.isArray(value) && value.length === 0)) return '';
  switch (spec.kind) {
    case 'money':
      return moneyCell(value);
    case 'stated':
    case 'rate':
      // A claim is kept as written: "200 00 €" must stay what the draft says, to be checked.
      return typeof value === 'number' ? value : textCell(String(value).trim());
    case 'date': {
      const d = parseFrenchDate(String(value));
      if (!d.ok) throw new Error(`unreadable date reached the writer: ${String(value)}`);
      return codec.isoToCell(toIso(d.value));
    }
    case 'year':
      return typeof value === 'number' ? value : /^\d{4}$/.test(String(value).trim()) ? Number(String(value).trim()) : textCell(String(value).trim());
    case 'choice': {
      const choice = spec.choices?.find((c) => c.value === value);
      return choice ? choice.label : textCell(String(value));
    }
    case 'yesno': {
      // JSON dossiers say "oui"/"non" as often as true/false: both must survive the sheet.
      const word = typeof value === 'string' ? normalizeName(value) : '';
      return value === true || YES_WORDS.has(word) ? YES : value === false || NO_WORDS.has(word) ? NO : textCell(String(value));
    }
    case 'lines':
      return textCell((Array.isArray(value) ? value.map(String) : String(value).split(/\r?\n/)).map((l) => l.trim()).filter((l) => l !== '').join('\n'));
    case 'text':
      // A list (payment dates) is one cell, as a person would type it: "2018-04-16, 2018-10-15".
      return textCell((Array.isArray(value) ? value.map((v) => String(v).trim()).join(', ') : String(value)).trim());
  }
}

const fractionCell = (d: Dec | null): CellValue => (d ? Number(d.toDecimalPlaces(12).toString()) : '');
const centsCell = (d: Dec | null): CellValue => (d ? Number(roundCents(d).toString()) : '');

/** Where each wanted header sits, adding the missing ones after the last used column. */
function placeColumns(header: readonly CellValue[], wanted: readonly string[]): { columns: Map<string, number>; added: string[]; firstAdded: number } {
  const index = headerIndex(header);
  const columns = new Map<string, number>();
  let next = header.length;
  // Trailing empty header cells inside the used range are free slots, not user columns.
  while (next > 0 && blank(header[next - 1])) next--;
  const firstAdded = next;
  const added: string[] = [];
  for (const h of wanted) {
    const found = index.get(headerKey(h));
    if (found !== undefined) columns.set(h, found);
    else {
      columns.set(h, next++);
      added.push(h);
    }
  }
  return { columns, added, firstAdded };
}

/** One `write` per run of adjacent columns: one call in the layout the add-on creates. */
function rowWrites(sheet: string, row: number, cells: Map<number, CellValue>, rowCount = 1, extra?: (col: number, r: number) => CellValue): SheetOp[] {
  const cols = [...cells.keys()].sort((a, b) => a - b);
  const ops: SheetOp[] = [];
  let start = 0;
  for (let i = 1; i <= cols.length; i++) {
    if (i === cols.length || cols[i] !== cols[i - 1]! + 1) {
      const run = cols.slice(start, i);
      const values: CellValue[][] = [];
      for (let r = 0; r < rowCount; r++) values.push(run.map((c) => (extra ? extra(c, r) : cells.get(c)!)));
      ops.push({ op: 'write', sheet, row, column: run[0]! + 1, values });
      start = i;
    }
  }
  return ops;
}

export interface SavePlanInput {
  dossiers: TableSnapshot | null;
  cofinancers: TableSnapshot | null;
  /** The dossier to store; its amounts and dates already validated. */
  dossier: DossierInput;
  check: DossierCheck;
  /** The row it replaces, or null for a new dossier. */
  target: StoredDossier | null;
  codec: CellCodec;
}

/** The sheet operations that store one dossier and its co-financers, and nothing else. */
export function planSave(input: SavePlanInput): SheetOp[] {
  const { dossier, check, target, codec } = input;
  const ops: SheetOp[] = [];
  const id = String(dossier.id ?? '').trim();

  // « Dossiers »: one row, our columns only.
  const dHeader = input.dossiers?.values[0] ?? [];
  if (!input.dossiers) ops.push({ op: 'createSheet', sheet: DOSSIERS_SHEET, header: [...DOSSIER_HEADERS] });
  const dPlace = input.dossiers ? placeColumns(dHeader, DOSSIER_HEADERS) : { columns: new Map(DOSSIER_HEADERS.map((h, i) => [h, i])), added: [], firstAdded: 0 };
  const dRow = target ? target.row : Math.max(input.dossiers?.values.length ?? 1, 1) + 1;
  ops.push({ op: 'ensureSize', sheet: DOSSIERS_SHEET, rows: dRow, columns: Math.max(...dPlace.columns.values()) + 1 });
  if (dPlace.added.length) ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row: 1, column: dPlace.firstAdded + 1, values: [dPlace.added] });

  const errors = check.findings.filter((f) => f.severity === 'error').length;
  const warnings = check.findings.filter((f) => f.severity === 'warning').length;
  const f = check.figures;
  const cells = new Map<number, CellValue>();
  const record = dossier as Record<string, unknown>;
  for (const spec of DOSSIER_FIELDS) cells.set(dPlace.columns.get(spec.header)!, writeCell(spec, spec.path === 'id' ? id : getPath(record, spec.path), codec));
  cells.set(dPlace.columns.get(COMPUTED_COLUMNS.proratedBudget)!, centsCell(f.proratedBudget));
  cells.set(dPlace.columns.get(COMPUTED_COLUMNS.rate)!, fractionCell(f.rate));
  cells.set(dPlace.columns.get(COMPUTED_COLUMNS.cofinancingTotal)!, centsCell(f.cofinancingTotal));
  cells.set(dPlace.columns.get(COMPUTED_COLUMNS.checkState)!, M.checkState(errors, warnings));
  cells.set(dPlace.columns.get(COMPUTED_COLUMNS.version)!, (target?.version ?? 0) + 1);
  // « Lien de la note » belongs to report generation: a save leaves it as it is.
  ops.push(...rowWrites(DOSSIERS_SHEET, dRow, cells));

  // « Cofinancements »: the dossier's block, resized in place, or appended.
  const cHeader = input.cofinancers?.values[0] ?? [];
  if (!input.cofinancers) ops.push({ op: 'createSheet', sheet: COFINANCERS_SHEET, header: [...COFINANCER_HEADERS] });
  const cPlace = input.cofinancers ? placeColumns(cHeader, COFINANCER_HEADERS) : { columns: new Map(COFINANCER_HEADERS.map((h, i) => [h, i])), added: [], firstAdded: 0 };
  if (cPlace.added.length) {
    ops.push({ op: 'ensureSize', sheet: COFINANCERS_SHEET, rows: 1, columns: Math.max(...cPlace.columns.values()) + 1 });
    ops.push({ op: 'write', sheet: COFINANCERS_SHEET, row: 1, column: cPlace.firstAdded + 1, values: [cPlace.added] });
  }
  const list = dossier.cofinancers ?? [];
  const oldId = target ? String(target.dossier.id ?? '').trim() : '';
  const oldRows = oldId ? cofinancerRows(input.cofinancers, oldId) : [];
  let lastRow = Math.max(input.cofinancers?.values.length ?? 1, 1);
  let blockStart: number;
  const contiguous = oldRows.every((r, i) => i === 0 || r === oldRows[i - 1]! + 1);
  if (oldRows.length > 0 && contiguous) {
    blockStart = oldRows[0]!;
    const k = oldRows.length;
    const n = list.length;
    if (n > k) ops.push({ op: 'insertRowsAfter', sheet: COFINANCERS_SHEET, row: oldRows[k - 1]!, count: n - k });
    if (n < k) ops.push({ op: 'deleteRows', sheet: COFINANCERS_SHEET, row: blockStart + n, count: k - n });
  } else {
    // Rows scattered by a sort: remove them bottom-up (one call per run), then append.
    const runs: [number, number][] = [];
    for (const r of oldRows) {
      const last = runs[runs.length - 1];
      if (last && last[0] + last[1] === r) last[1]++;
      else runs.push([r, 1]);
    }
    for (const [row, count] of runs.reverse()) ops.push({ op: 'deleteRows', sheet: COFINANCERS_SHEET, row, count });
    lastRow -= oldRows.length;
    blockStart = lastRow + 1;
  }
  if (list.length > 0) {
    ops.push({ op: 'ensureSize', sheet: COFINANCERS_SHEET, rows: blockStart + list.length - 1, columns: Math.max(...cPlace.columns.values()) + 1 });
    const byCol = new Map<number, CellValue>();
    const colOf = (h: string) => cPlace.columns.get(h)!;
    for (const h of COFINANCER_HEADERS) byCol.set(colOf(h), '');
    const shares = f.cofinancers;
    ops.push(
      ...rowWrites(COFINANCERS_SHEET, blockStart, byCol, list.length, (col, r) => {
        const c = list[r]!;
        if (col === colOf(COFINANCER_COLUMNS.dossier)) return textCell(id);
        if (col === colOf(COFINANCER_COLUMNS.name)) return textCell(String(c.name ?? '').trim());
        if (col === colOf(COFINANCER_COLUMNS.amount)) return moneyCell(c.amount);
        return fractionCell(shares[r]?.shareOfSubsidy ?? null);
      }),
    );
  }
  return ops;
}
