/**
 * « Générer la séance » in Sheets: the adapters of the batch use case (src/app/batch-api.ts)
 * and its google.script.run entry points. The run's state lives in document properties
 * (shared by the spreadsheet's users, split into pieces under the 9 KB a value allows), the
 * reports already made are found with one Drive listing by appProperties, and each chunk
 * writes its dossiers' status, link and time with one setValues per column group.
 */
import { batchApi, type BatchPorts, type RunRequest } from '../app/batch-api';
import type { RunProgress, RunState, RunStore, SelectionSource, SessionRows, SummaryTemplateStore } from '../app/ports/batch';
import { ReportPortError } from '../app/ports/report-writer';
import type { CellCodec, CellValue } from '../app/dossier-table';
import { headerIndex, headerKey, textCell } from '../app/dossier-table';
import { COMPUTED_COLUMNS, DOSSIERS_SHEET } from '../app/dossier-fields';
import { resolveSettings } from '../core/settings';
import { batchAdapterText as T, batchText } from '../core/messages/session';
import { docIdOf, docsConventionTemplates, docsReportWriter, gasDocsServices, docsTemplateSource, driveReportIndex, LINK_HEADERS, readGoogleDoc, type DocsServices, type DriveIndexServices } from './docs-report';

export { driveReportIndex, type DriveIndexServices };
import { sheetsDossierStore, zoneCodec } from './sheets-store';
import { documentLock, documentSettingsStore } from './sidebar-api';

const RUN_KEY = 'rapporteur.sessionRun';
const PROGRESS_KEY = 'rapporteur.sessionRun.progress';
export const SUMMARY_TEMPLATE_KEY = 'rapporteur.summaryTemplate';
/** Characters per stored piece: 2 500 characters are at most 7,5 KB in UTF-8, under the 9 KB a value allows. */
const PIECE = 2500;

/** The slice of PropertiesService's Properties the store uses (the real one and the fake fit). */
export interface PropertiesLike {
  getProperty(key: string): string | null;
  getProperties(): Record<string, string>;
  setProperty(key: string, value: string): unknown;
  setProperties(values: Record<string, string>): unknown;
  deleteProperty(key: string): unknown;
}

/**
 * The run in document properties: `rapporteur.sessionRun` holds the number of pieces,
 * `rapporteur.sessionRun.0…n` the JSON. One getProperties to read, one setProperties to
 * write (plus a delete per piece no longer needed).
 */
export function documentRunStore(props: () => PropertiesLike): RunStore {
  const pieceKey = (i: number) => `${RUN_KEY}.${i}`;
  return {
    load() {
      const all = props().getProperties();
      const count = Number(all[RUN_KEY] ?? 0);
      if (!count) return null;
      let text = '';
      for (let i = 0; i < count; i++) {
        const piece = all[pieceKey(i)];
        if (piece === undefined) return null;
        text += piece;
      }
      try {
        const state = JSON.parse(text) as RunState;
        return state && state.v === 1 ? state : null;
      } catch {
        return null;
      }
    },
    save(state) {
      const p = props();
      const before = Number(p.getProperty(RUN_KEY) ?? 0);
      if (!state) {
        p.deleteProperty(RUN_KEY);
        for (let i = 0; i < before; i++) p.deleteProperty(pieceKey(i));
        return;
      }
      const text = JSON.stringify(state);
      const values: Record<string, string> = {};
      let count = 0;
      for (let at = 0; at < text.length || count === 0; at += PIECE) values[pieceKey(count++)] = text.slice(at, at + PIECE);
      values[RUN_KEY] = String(count);
      p.setProperties(values);
      for (let i = count; i < before; i++) p.deleteProperty(pieceKey(i));
    },
    loadProgress() {
      const text = props().getProperty(PROGRESS_KEY);
      if (!text) return null;
      try {
        return JSON.parse(text) as RunProgress;
      } catch {
        return null;
      }
    },
    saveProgress(progress) {
      props().setProperty(PROGRESS_KEY, JSON.stringify(progress));
    },
  };
}

/** The « Dossiers » sheet as much as writing a run's outcome needs. */
export interface RowsSheetLike {
  getDataRange(): { getValues(): unknown[][] };
  getRange(row: number, column: number, rows: number, columns: number): { setValues(values: unknown[][]): unknown };
  getMaxColumns(): number;
  insertColumnsAfter(afterPosition: number, howMany: number): unknown;
}

/**
 * Writes « État de la note », « Lien de la note » and « Date de la note » (the instant, so
 * the cell shows the date and the time) of every dossier a chunk processed: one read of the
 * sheet, then one setValues per group of adjacent columns over the rows the chunk spans,
 * rows in between keeping the values just read. Missing columns are added after the last.
 */
export function sheetsSessionRows(sheet: () => RowsSheetLike | null, toCell: (iso: string) => CellValue): SessionRows {
  return {
    write(updates) {
      if (!updates.length) return;
      const sh = sheet();
      if (!sh) throw new ReportPortError(T.rowsNoSheet);
      const values = sh.getDataRange().getValues() as CellValue[][];
      const header = (values[0] ?? []) as CellValue[];
      const index = headerIndex(header);
      const id = index.get(headerKey(LINK_HEADERS.id));
      const wanted = [batchText.statusHeader, COMPUTED_COLUMNS.reportLink, LINK_HEADERS.date];
      let next = header.length;
      while (next > 0 && (header[next - 1] === '' || header[next - 1] === null)) next--;
      const missing = wanted.filter((h) => !index.has(headerKey(h)));
      if (missing.length) {
        // Sheets refuses a range outside the grid: grow it first.
        const max = sh.getMaxColumns();
        if (max < next + missing.length) sh.insertColumnsAfter(max, next + missing.length - max);
        sh.getRange(1, next + 1, 1, missing.length).setValues([missing]);
        missing.forEach((h, i) => index.set(headerKey(h), next + i));
      }
      const [statusCol, linkCol, dateCol] = wanted.map((h) => index.get(headerKey(h))!) as [number, number, number];
      // One pass for the ids (the first row of an id wins): updates looked up one by one were rows × updates.
      const rowById = new Map<string, number>();
      if (id !== undefined) {
        for (let i = values.length - 1; i > 0; i--) rowById.set(String(values[i]![id] ?? '').trim(), i);
      }
      const rowOf = (ref: string): number => {
        if (/^#\d+$/.test(ref)) return Number(ref.slice(1)) - 1;
        return rowById.get(ref) ?? -1;
      };
      const cells = new Map<number, Map<number, CellValue>>();
      for (const u of updates) {
        const r = rowOf(u.ref);
        if (r < 1) continue;
        const row = cells.get(r) ?? new Map<number, CellValue>();
        row.set(statusCol, textCell(u.status));
        if (u.url) row.set(linkCol, u.url);
        if (u.atIso) row.set(dateCol, toCell(u.atIso));
        cells.set(r, row);
      }
      if (!cells.size) return;
      // A loop, not Math.min(...rows): a spread of a whole session's rows can overflow the stack.
      let first = Infinity;
      let last = -Infinity;
      for (const r of cells.keys()) {
        if (r < first) first = r;
        if (r > last) last = r;
      }
      const columns = [statusCol, linkCol, dateCol].sort((a, b) => a - b);
      const groups: number[][] = [];
      for (const c of columns) {
        const g = groups[groups.length - 1];
        if (g && g[g.length - 1] === c - 1) g.push(c);
        else groups.push([c]);
      }
      for (const g of groups) {
        const block = [];
        for (let r = first; r <= last; r++) block.push(g.map((c) => (cells.get(r)?.has(c) ? cells.get(r)!.get(c)! : (values[r]?.[c] ?? ''))));
        sh.getRange(first + 1, g[0]! + 1, block.length, g.length).setValues(block);
      }
    },
  };
}

/** The rows of the « Dossiers » sheet the user selected. */
export function sheetsSelection(active: () => { getSheet(): { getName(): string }; getRow(): number; getNumRows(): number } | null): SelectionSource {
  return {
    selectedRows() {
      const range = active();
      if (!range || range.getSheet().getName() !== DOSSIERS_SHEET) return [];
      const rows: number[] = [];
      for (let r = Math.max(range.getRow(), 2); r < range.getRow() + range.getNumRows(); r++) rows.push(r);
      return rows;
    },
  };
}

/** The summary template: a Google Doc named in document properties (by « Créer le modèle de récapitulatif » or its address). */
export function docsSummaryTemplates(s: DocsServices, props: () => PropertiesLike): SummaryTemplateStore {
  return {
    open() {
      const ref = props().getProperty(SUMMARY_TEMPLATE_KEY);
      if (!ref) return null;
      let doc;
      try {
        doc = s.DocumentApp.openById(docIdOf(ref));
      } catch {
        throw new ReportPortError(T.summaryCannotOpen(ref));
      }
      return { id: doc.getId(), name: doc.getName(), model: readGoogleDoc(s, doc) };
    },
    remember(id) {
      props().setProperty(SUMMARY_TEMPLATE_KEY, id);
    },
  };
}

// The composition root for google.script.run: real services, built per call (top-level code
// must not touch services: it also runs for every custom-function cell).
function gasBatchPorts(): BatchPorts {
  const services = gasDocsServices();
  const ss = SpreadsheetApp.getActive();
  const settingsStore = documentSettingsStore();
  const settings = () => resolveSettings(settingsStore.read()).settings;
  const props = () => PropertiesService.getDocumentProperties() as unknown as PropertiesLike;
  let codec: CellCodec | null = null;
  const zone = () => (codec ??= zoneCodec(ss.getSpreadsheetTimeZone()));
  return {
    dossiers: sheetsDossierStore(ss),
    selection: sheetsSelection(() => ss.getActiveRange()),
    settings,
    templates: docsTemplateSource(services, settings),
    summaryTemplates: docsSummaryTemplates(services, props),
    conventionTemplates: docsConventionTemplates(services, settings, props),
    writer: docsReportWriter(services, settings),
    index: driveReportIndex(services as unknown as DriveIndexServices),
    rows: sheetsSessionRows(() => ss.getSheetByName(DOSSIERS_SHEET), (iso) => new Date(iso)),
    runs: documentRunStore(props),
    clock: { nowIso: () => new Date().toISOString(), todayIso: () => zone().dateToIso(new Date()) },
    lock: documentLock(),
    newId: () => Utilities.getUuid(),
  };
}

export function listSessions() {
  return batchApi(gasBatchPorts()).listSessions();
}
export function planSessionRun(request: RunRequest) {
  return batchApi(gasBatchPorts()).planSessionRun(request);
}
export function startSessionRun(request: RunRequest) {
  return batchApi(gasBatchPorts()).startSessionRun(request);
}
export function runSessionChunk(runId: string) {
  return batchApi(gasBatchPorts()).runSessionChunk(runId);
}
export function cancelSessionRun(runId: string) {
  return batchApi(gasBatchPorts()).cancelSessionRun(runId);
}
export function sessionRunStatus() {
  return batchApi(gasBatchPorts()).sessionRunStatus();
}
export function createDefaultSummaryTemplate() {
  return batchApi(gasBatchPorts()).createDefaultSummaryTemplate();
}

/** Menu « Générer la séance »: the sidebar on its session screen. */
export function openSessionPanel(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Rapporteur');
  // A constant, never user data: the page reads it before its first render.
  html.append('<script>window.__RAPPORTEUR_START="session"</script>');
  SpreadsheetApp.getUi().showSidebar(html);
}
