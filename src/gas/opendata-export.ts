/**
 * « Exporter les données essentielles »: the SCDL « Subventions » 2.1.1 table of the
 * subsidies to publish, written into the sheet « Données essentielles » (created, or
 * cleared and rewritten), ready for Fichier > Télécharger > CSV. The rows are those of
 * `rapporteur opendata`: same core, same rules.
 */
import { checkDossiers } from '../app/check-dossiers';
import type { DossierInput } from '../core/dossier';
import { openDataTable, openDataValues, SCDL_COLUMNS, type OpenDataOptions } from '../core/opendata';
import { openDataMessages as M } from '../core/messages/opendata';
import { resolveSettings, type Settings } from '../core/settings';
import { readDossiers } from '../app/dossier-table';
import { sheetsDossierStore } from './sheets-store';
import { documentSettingsStore } from './sidebar-api';

/** Where the export reads from: the « Dossiers » sheet and the authority's settings. */
export interface OpenDataSource {
  dossiers(): DossierInput[];
  settings(): Settings;
}

export interface OpenDataExportResult {
  rows: number;
  /** "dossier ID : message" for each required value missing or unusable (empty cell). */
  problems: string[];
}

/** The subset of a Spreadsheet the export uses, so that tests can hand it a fake. */
type Book = Pick<GoogleAppsScript.Spreadsheet.Spreadsheet, 'getSheetByName' | 'insertSheet'>;

const TITLE = 'Rapporteur';
const MAX_LISTED = 15;

/**
 * Writes the table with a fixed number of calls whatever its size: one clear, one format,
 * one setValues (STYLE.md: whole ranges, once).
 */
export function exportOpenDataToSheet(book: Book, source: OpenDataSource, opts: OpenDataOptions = {}): OpenDataExportResult {
  const settings = source.settings();
  const reports = checkDossiers(source.dossiers(), settings);
  const table = openDataTable(
    reports.map((r) => ({ id: r.id, dossier: r.dossier, subsidy: r.check.figures.subsidy })),
    settings,
    opts,
  );
  const values = openDataValues(table);

  const sheet = book.getSheetByName(M.sheetName) ?? book.insertSheet(M.sheetName);
  if (sheet.getLastRow() > 0) sheet.getDataRange().clearContent();
  if (sheet.getMaxRows() < values.length) sheet.insertRowsAfter(sheet.getMaxRows(), values.length - sheet.getMaxRows());
  if (sheet.getMaxColumns() < SCDL_COLUMNS.length) sheet.insertColumnsAfter(sheet.getMaxColumns(), SCDL_COLUMNS.length - sheet.getMaxColumns());
  const range = sheet.getRange(1, 1, values.length, SCDL_COLUMNS.length);
  // Plain text, so that Sheets keeps what the schema wants whatever the locale: SIRETs as 14
  // digits (not 2,3E+13), ISO dates (not date cells shown dd/mm/yyyy), dot decimals (a number
  // cell would be downloaded as "47500,00" in French), "oui"/"non" (not booleans).
  range.setNumberFormat('@');
  range.setValues(values);
  sheet.setFrozenRows(1);

  const problems = [...table.rows.flatMap((r) => r.findings.map((f) => M.rowFinding(r.id, f.message))), ...table.undetermined.map((id) => M.undetermined(id))];
  return { rows: table.rows.length, problems };
}

/** The menu action. */
export function menuExportOpenData(): void {
  const result = exportOpenDataToSheet(SpreadsheetApp.getActive(), sheetsOpenDataSource());
  const lines = [M.sheetDone(result.rows, M.sheetName)];
  if (result.problems.length > 0) {
    lines.push('', M.sheetProblems(result.problems.length), ...result.problems.slice(0, MAX_LISTED).map((p) => `• ${p}`));
    if (result.problems.length > MAX_LISTED) lines.push(M.moreProblems(result.problems.length - MAX_LISTED));
  }
  const ui = SpreadsheetApp.getUi();
  ui.alert(TITLE, lines.join('\n'), ui.ButtonSet.OK);
}

/** The dossiers of the « Dossiers » sheet and the document's settings, as the sidebar reads them. */
function sheetsOpenDataSource(): OpenDataSource {
  const store = sheetsDossierStore(SpreadsheetApp.getActive());
  return {
    dossiers: () => {
      const tables = store.read();
      return readDossiers(tables.dossiers, tables.cofinancers, store.codec()).map((s) => s.dossier);
    },
    settings: () => resolveSettings(documentSettingsStore().read()).settings,
  };
}
