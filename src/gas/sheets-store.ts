/**
 * The dossier store over SpreadsheetApp. Reading costs one getValues per sheet; a save costs
 * a fixed handful of calls (one setValues per run of add-on columns, one row insert or
 * delete at most), whatever the number of co-financers: the mapping is done in memory by
 * src/app/dossier-table.ts, this module only moves cells.
 */
import type { CellCodec, CellValue, SheetOp, TableSnapshot } from '../app/dossier-table';
import { COFINANCER_HEADERS, DOSSIER_HEADERS, headerIndex, headerKey } from '../app/dossier-table';
import type { DossierStore } from '../app/ports/dossier-store';
import { COFINANCER_COLUMNS, COFINANCERS_SHEET, COMPUTED_COLUMNS, DOSSIER_FIELDS, DOSSIERS_SHEET, NO, NUMBER_FORMATS, YES } from '../app/dossier-fields';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

// ---------------------------------------------------------------------------------------
// Calendar dates in the spreadsheet's zone. A date cell is an instant: midnight of its day
// in the spreadsheet's time zone, not the script's (APPS-SCRIPT.md). Intl does the zone
// arithmetic, so no Utilities call is spent per cell.

function wallClockMs(date: Date, timeZone: string, format: Intl.DateTimeFormat): number {
  const parts = format.formatToParts(date);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
}

/** Date cells ⇄ "YYYY-MM-DD" in `timeZone`. */
export function zoneCodec(timeZone: string): CellCodec {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    dateToIso(date: Date): string {
      const wall = new Date(wallClockMs(date, timeZone, format));
      return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
    },
    isoToCell(iso: string): CellValue {
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      const wall = Date.UTC(y, m - 1, d);
      // The zone's offset at that instant, found by two corrections (enough across a DST change).
      let t = wall;
      for (let i = 0; i < 2; i++) t = wall - (wallClockMs(new Date(t), timeZone, format) - t);
      return new Date(t);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Layout: formats and validation per column, found by header. Used when a save creates a
// sheet and by « Préparer le classeur ».

const HEADER_FORMATS: Record<string, string> = {
  [COMPUTED_COLUMNS.proratedBudget]: NUMBER_FORMATS.money,
  [COMPUTED_COLUMNS.rate]: NUMBER_FORMATS.percent,
  [COMPUTED_COLUMNS.cofinancingTotal]: NUMBER_FORMATS.money,
};
for (const f of DOSSIER_FIELDS) {
  if (f.kind === 'money') HEADER_FORMATS[f.header] = NUMBER_FORMATS.money;
  if (f.kind === 'date') HEADER_FORMATS[f.header] = NUMBER_FORMATS.date;
  if (f.kind === 'year') HEADER_FORMATS[f.header] = NUMBER_FORMATS.integer;
  // SIRET, RNA, imputation (`plainText`) get no « @ » format here: the writer's leading
  // apostrophe (textCell) already keeps "01234567800012" text, and in a « @ » cell Sheets
  // would keep that apostrophe as part of the value.
}
const COFINANCER_FORMATS: Record<string, string> = { [COFINANCER_COLUMNS.amount]: NUMBER_FORMATS.money, [COFINANCER_COLUMNS.share]: NUMBER_FORMATS.percent };

const HEADER_LISTS: Record<string, { values: string[]; help: string }> = {};
for (const f of DOSSIER_FIELDS) {
  if (f.kind === 'choice') HEADER_LISTS[f.header] = { values: f.choices!.map((c) => c.label), help: `${f.label} : ${f.choices!.map((c) => c.label).join(', ')}.` };
  if (f.kind === 'yesno') HEADER_LISTS[f.header] = { values: [YES, NO], help: `${f.label} : ${YES} ou ${NO} (vide : non renseigné).` };
}

/**
 * Frozen bold header holding every add-on column (missing ones appended after the last
 * used column), number formats and validation lists on the data rows below.
 */
export function layoutSheet(sheet: Sheet, kind: 'dossiers' | 'cofinancers'): void {
  const wanted = kind === 'dossiers' ? DOSSIER_HEADERS : COFINANCER_HEADERS;
  const formats = kind === 'dossiers' ? HEADER_FORMATS : COFINANCER_FORMATS;
  const lastColumn = sheet.getLastColumn();
  const header: CellValue[] = lastColumn > 0 ? (sheet.getRange(1, 1, 1, lastColumn).getValues()[0] as CellValue[]) : [];
  const index = headerIndex(header);
  let used = header.length;
  while (used > 0 && (header[used - 1] === '' || header[used - 1] === null)) used--;
  const missing = wanted.filter((h) => !index.has(headerKey(h)));
  if (missing.length) {
    if (sheet.getMaxColumns() < used + missing.length) sheet.insertColumnsAfter(sheet.getMaxColumns(), used + missing.length - sheet.getMaxColumns());
    sheet.getRange(1, used + 1, 1, missing.length).setValues([missing]);
  }
  const all = headerIndex(sheet.getRange(1, 1, 1, Math.max(used + missing.length, 1)).getValues()[0] as CellValue[]);
  const width = Math.max(used + missing.length, 1);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  sheet.setFrozenRows(1);
  const rows = sheet.getMaxRows() - 1;
  if (rows < 1) return;
  for (const h of wanted) {
    const col = all.get(headerKey(h));
    if (col === undefined) continue;
    const range = sheet.getRange(2, col + 1, rows, 1);
    if (formats[h]) range.setNumberFormat(formats[h]);
    const list = kind === 'dossiers' ? HEADER_LISTS[h] : undefined;
    if (list) range.setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(list.values, true).setAllowInvalid(false).setHelpText(list.help).build());
  }
}

// ---------------------------------------------------------------------------------------

/** The store over one spreadsheet; nothing is read before the first call. */
export function sheetsDossierStore(ss: Spreadsheet): DossierStore {
  let codec: CellCodec | null = null;
  const snapshot = (name: string): TableSnapshot | null => {
    const sheet = ss.getSheetByName(name);
    return sheet ? { values: sheet.getDataRange().getValues() as CellValue[][] } : null;
  };
  return {
    read() {
      return { dossiers: snapshot(DOSSIERS_SHEET), cofinancers: snapshot(COFINANCERS_SHEET) };
    },
    apply(ops: readonly SheetOp[]) {
      const sheets = new Map<string, Sheet>();
      const sheetOf = (name: string): Sheet => {
        let sheet = sheets.get(name) ?? ss.getSheetByName(name);
        if (!sheet) throw new Error(`La feuille « ${name} » a disparu pendant l’enregistrement.`);
        sheets.set(name, sheet);
        return sheet;
      };
      for (const op of ops) {
        switch (op.op) {
          case 'createSheet': {
            // insertSheet activates the new sheet: give the user back the one they were on.
            const active = ss.getActiveSheet();
            const sheet = ss.insertSheet(op.sheet);
            if (sheet.getMaxColumns() < op.header.length) sheet.insertColumnsAfter(sheet.getMaxColumns(), op.header.length - sheet.getMaxColumns());
            sheet.getRange(1, 1, 1, op.header.length).setValues([op.header]);
            layoutSheet(sheet, op.sheet === DOSSIERS_SHEET ? 'dossiers' : 'cofinancers');
            ss.setActiveSheet(active);
            sheets.set(op.sheet, sheet);
            break;
          }
          case 'ensureSize': {
            const sheet = sheetOf(op.sheet);
            const maxRows = sheet.getMaxRows();
            if (maxRows < op.rows) sheet.insertRowsAfter(maxRows, op.rows - maxRows);
            const maxColumns = sheet.getMaxColumns();
            if (maxColumns < op.columns) sheet.insertColumnsAfter(maxColumns, op.columns - maxColumns);
            break;
          }
          case 'insertRowsAfter':
            sheetOf(op.sheet).insertRowsAfter(op.row, op.count);
            break;
          case 'deleteRows': {
            const sheet = sheetOf(op.sheet);
            // Sheets refuses to delete every non-frozen row: keep one empty row.
            if (sheet.getMaxRows() - op.count <= sheet.getFrozenRows()) sheet.insertRowsAfter(sheet.getMaxRows(), 1);
            sheet.deleteRows(op.row, op.count);
            break;
          }
          case 'write':
            if (op.values.length && op.values[0]!.length) sheetOf(op.sheet).getRange(op.row, op.column, op.values.length, op.values[0]!.length).setValues(op.values);
            break;
        }
      }
    },
    activeDossierRow() {
      const range = ss.getActiveRange();
      if (!range || range.getSheet().getName() !== DOSSIERS_SHEET) return null;
      return range.getRow();
    },
    codec() {
      return (codec ??= zoneCodec(ss.getSpreadsheetTimeZone()));
    },
  };
}
