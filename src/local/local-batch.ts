/**
 * The session batch's ports (src/app/ports/batch.ts) on local files, for the preview: the
 * run's state in a small JSON file beside the workbook, the rows of the workbook's
 * « Dossiers » sheet, the row the page shows as selected. The reports, their index and the
 * summary's template are src/local/local-reports.ts's, shared with « Générer la note ».
 *
 * As there, each preview call is one unit of work: `prepare()` reads the run before the
 * call, `flush()` writes it after the call's reports (a run never says « créée » for a
 * report not on disk), and `discard()` forgets what a failed call changed.
 */
import { existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { COMPUTED_COLUMNS, DOSSIER_FIELDS, DOSSIERS_SHEET } from '../app/dossier-fields';
import type { CellValue, SheetOp } from '../app/dossier-table';
import { headerIndex, headerKey, textCell } from '../app/dossier-table';
import type { RunProgress, RunState, RunStore, SelectionSource, SessionRows } from '../app/ports/batch';
import { ReportPortError } from '../app/ports/report-writer';
import { batchAdapterText, batchText } from '../core/messages/session';
import { REPORT_DATE_HEADER } from './local-reports';
import type { LocalWorkbook } from './workbook';

/** `dossiers.xlsx` → `dossiers.seance.json`, beside it: the run belongs to that workbook. */
export function runFilePath(workbookPath: string): string {
  return join(dirname(workbookPath), `${basename(workbookPath, extname(workbookPath))}.seance.json`);
}

const copy = <T>(v: T): T => (v === null ? v : (JSON.parse(JSON.stringify(v)) as T));

/**
 * The run in a JSON file, written to a temporary file then renamed over it, so a stop in the
 * middle leaves the previous state whole. The current dossier (progress) stays in memory:
 * one call at a time, nobody can ask for it while a chunk works.
 */
export function localRunStore(path: string) {
  let saved: RunState | null = null;
  let current: RunState | null = null;
  let dirty = false;
  let progress: RunProgress | null = null;

  async function prepare(): Promise<void> {
    saved = null;
    if (existsSync(path)) {
      try {
        const state = JSON.parse(readFileSync(path, 'utf8')) as RunState;
        // Unreadable or from another version: as in Sheets, no run (the next start replaces it).
        saved = state && state.v === 1 ? state : null;
      } catch {
        saved = null;
      }
    }
    current = copy(saved);
    dirty = false;
  }

  const store: RunStore = {
    // A copy each time, as document properties give: the use case changes what it loads.
    load: () => copy(current),
    save(state) {
      current = copy(state);
      dirty = true;
    },
    loadProgress: () => progress,
    saveProgress(p) {
      progress = { ...p };
    },
  };

  async function flush(): Promise<void> {
    if (!dirty) return;
    if (current === null) {
      if (existsSync(path)) unlinkSync(path);
    } else {
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, JSON.stringify(current, null, 1));
        renameSync(tmp, path);
      } catch (e) {
        if (existsSync(tmp)) unlinkSync(tmp);
        throw e;
      }
    }
    saved = copy(current);
    dirty = false;
  }

  function discard(): void {
    current = copy(saved);
    dirty = false;
  }

  return { prepare, store, flush, discard };
}

/**
 * Writes « État de la note », « Lien de la note » and « Date de la note » of every dossier a
 * chunk processed into the workbook's « Dossiers » sheet, adding the missing columns after
 * the last, as the Sheets adapter does; the date is the day (in the authority's zone) of
 * the instant the dossier was done, as the single report's link records it.
 */
export function workbookSessionRows(workbook: LocalWorkbook, dayOf: (iso: string) => CellValue): SessionRows {
  const idHeader = DOSSIER_FIELDS.find((f) => f.path === 'id')!.header;
  return {
    write(updates) {
      if (!updates.length) return;
      const grid = workbook.snapshot(DOSSIERS_SHEET)?.values;
      if (!grid) throw new ReportPortError(batchAdapterText.rowsNoSheet);
      const header = (grid[0] ?? []) as CellValue[];
      const index = headerIndex(header);
      const ops: SheetOp[] = [];
      let next = header.length;
      while (next > 0 && header[next - 1] === '') next--;
      for (const h of [batchText.statusHeader, COMPUTED_COLUMNS.reportLink, REPORT_DATE_HEADER]) {
        if (index.has(headerKey(h))) continue;
        ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row: 1, column: next + 1, values: [[h]] });
        index.set(headerKey(h), next++);
      }
      const col = (h: string) => index.get(headerKey(h))! + 1;
      const id = index.get(headerKey(idHeader));
      const rowOf = (ref: string): number => {
        if (/^#\d+$/.test(ref)) return Number(ref.slice(1));
        return id === undefined ? -1 : grid.findIndex((r, i) => i > 0 && String(r[id] ?? '').trim() === ref) + 1;
      };
      for (const u of updates) {
        const row = rowOf(u.ref);
        if (row < 2) continue;
        ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row, column: col(batchText.statusHeader), values: [[textCell(u.status)]] });
        if (u.url) ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row, column: col(COMPUTED_COLUMNS.reportLink), values: [[u.url]] });
        if (u.atIso) ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row, column: col(REPORT_DATE_HEADER), values: [[dayOf(u.atIso)]] });
      }
      workbook.apply(ops);
    },
  };
}

/** The row the page shows as selected in its « Dossiers » table (the preview's only selection). */
export function workbookSelection(workbook: LocalWorkbook): SelectionSource {
  return {
    selectedRows() {
      const row = workbook.activeRowNumber();
      return row === null ? [] : [row];
    },
  };
}
