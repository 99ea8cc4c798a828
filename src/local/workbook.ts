import ExcelJS from 'exceljs';
import { existsSync, renameSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import type { CellCodec, CellValue, SheetOp, TableSnapshot } from '../app/dossier-table';
import { DOSSIER_FIELDS, NUMBER_FORMATS, COMPUTED_COLUMNS, COFINANCER_COLUMNS } from '../app/dossier-fields';
import type { DossierStore } from '../app/ports/dossier-store';
import type { SettingsStore } from '../app/ports/settings-store';
import type { Settings } from '../core/settings';
import { InputError, libraryReason, rawDetail } from './input-error';

export const SETTINGS_SHEET = 'Paramètres';

/**
 * Dates in a workbook are calendar days with no zone: exceljs gives them as UTC midnight,
 * so the UTC fields are the day, whatever the zone of the machine running the tool.
 */
export const utcCodec: CellCodec = {
  dateToIso: (d) => d.toISOString().slice(0, 10),
  isoToCell: (iso) => new Date(`${iso}T00:00:00Z`),
};

/**
 * What a date cell outside the calendar reads as: exceljs turns a number under a date format
 * (-99 974 431, 1e15) into an invalid Date, which no day can be made of. A text, so that the
 * checks refuse it beside its field instead of the reader throwing a RangeError.
 */
export const INVALID_DATE_CELL = 'date hors calendrier';

function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? INVALID_DATE_CELL : v;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      return r === undefined || r === null || typeof r === 'object' ? (r instanceof Date ? cellValue(r) : '') : r;
    }
    if ('hyperlink' in v) return String((v as ExcelJS.CellHyperlinkValue).hyperlink || (v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

const MONEY_HEADERS = new Set([...DOSSIER_FIELDS.filter((f) => f.kind === 'money').map((f) => f.header), COMPUTED_COLUMNS.proratedBudget, COMPUTED_COLUMNS.cofinancingTotal, COFINANCER_COLUMNS.amount]);
const PERCENT_HEADERS = new Set<string>([COMPUTED_COLUMNS.rate, COFINANCER_COLUMNS.share]);
/** Identifier columns (SIRET, RNA, imputation) are text cells, so Excel keeps their leading zeros when people type. */
const TEXT_HEADERS = new Set(DOSSIER_FIELDS.filter((f) => f.plainText).map((f) => f.header));

/**
 * A local .xlsx workbook with the same « Dossiers » / « Cofinancements » layout as the
 * spreadsheet, so the same use cases run on it. Operations are mirrored on the exceljs
 * sheets (keeping the user's formats, widths and other sheets) and on a plain grid that
 * answers reads the way `getDataRange().getValues()` does.
 */
export class LocalWorkbook {
  private grids = new Map<string, CellValue[][]>();
  private mtimeMs = 0;
  private activeRow: number | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** Bumped by every change, so a viewer knows when to read again. */
  revision = 0;
  /** True between a change and the save that makes it durable. */
  dirty = false;
  /** How long the last save took: it grows with the workbook (a session run stretches its chunks by it). */
  lastSaveMs = 0;

  private constructor(
    readonly path: string,
    private book: ExcelJS.Workbook,
  ) {
    this.book.eachSheet((ws) => this.grids.set(ws.name, LocalWorkbook.grid(ws)));
  }

  static async open(path: string): Promise<LocalWorkbook> {
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.readFile(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new InputError(`Classeur introuvable : ${path}`, rawDetail(e));
      if (code === 'EISDIR') throw new InputError(`${path} est un dossier, pas un classeur .xlsx.`, rawDetail(e));
      if (code === 'EACCES' || code === 'EPERM') throw new InputError(`Lecture refusée (droits insuffisants) : ${path}`, rawDetail(e));
      const size = existsSync(path) ? statSync(path).size : undefined;
      throw new InputError(`Le fichier ${path} n'est pas un classeur .xlsx lisible : ${libraryReason(e, size)}.`, rawDetail(e));
    }
    const wb = LocalWorkbook.fromBook(path, book);
    wb.mtimeMs = statSync(path).mtimeMs;
    return wb;
  }

  /**
   * A workbook exceljs already holds, read the way `open` reads a file once exceljs has
   * loaded it (the fuzz tests feed it every shape of cell value without a file between).
   */
  static fromBook(path: string, book: ExcelJS.Workbook): LocalWorkbook {
    return new LocalWorkbook(path, book);
  }

  static create(path: string): LocalWorkbook {
    const book = new ExcelJS.Workbook();
    book.creator = 'Rapporteur';
    return new LocalWorkbook(path, book);
  }

  private static grid(ws: ExcelJS.Worksheet): CellValue[][] {
    const rows: CellValue[][] = [];
    const width = ws.columnCount;
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const values: CellValue[] = [];
      for (let c = 1; c <= width; c++) values.push(cellValue(row.getCell(c).value));
      rows.push(values);
    }
    while (rows.length && rows[rows.length - 1].every((v) => v === '')) rows.pop();
    const used = rows.reduce((w, r) => Math.max(w, r.reduce<number>((last, v, i) => (v === "" ? last : i + 1), 0)), 0);
    return rows.map((r) => r.slice(0, used));
  }

  /** Picks up a change made by someone else (Excel, another process) since the last read. */
  async refresh(): Promise<void> {
    if (!existsSync(this.path)) return;
    const mtime = statSync(this.path).mtimeMs;
    if (mtime === this.mtimeMs) return;
    const fresh = await LocalWorkbook.open(this.path);
    this.book = fresh.book;
    this.grids = fresh.grids;
    this.mtimeMs = fresh.mtimeMs;
    this.revision++;
  }

  /**
   * Drops every change not saved yet and reads the file again (the preview's rollback when
   * a call's files could not be written: no link to a missing report may be recorded).
   */
  async discardChanges(): Promise<void> {
    await this.saving;
    if (existsSync(this.path)) {
      const fresh = await LocalWorkbook.open(this.path);
      this.book = fresh.book;
      this.grids = fresh.grids;
      this.mtimeMs = fresh.mtimeMs;
    } else {
      this.book = new ExcelJS.Workbook();
      this.book.creator = 'Rapporteur';
      this.grids = new Map();
    }
    this.dirty = false;
    this.revision++;
  }

  sheetNames(): string[] {
    return [...this.grids.keys()];
  }

  snapshot(sheet: string): TableSnapshot | null {
    const grid = this.grids.get(sheet);
    return grid ? { values: grid.map((r) => [...r]) } : null;
  }

  activeRowNumber(): number | null {
    return this.activeRow;
  }

  setActiveRow(row: number | null): void {
    this.activeRow = row;
  }

  apply(ops: readonly SheetOp[]): void {
    if (ops.length) {
      this.revision++;
      this.dirty = true;
    }
    for (const op of ops) {
      if (op.op === 'createSheet') {
        if (this.grids.has(op.sheet)) continue;
        const ws = this.book.addWorksheet(op.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
        ws.addRow(op.header);
        ws.getRow(1).font = { bold: true };
        this.grids.set(op.sheet, [[...op.header]]);
        continue;
      }
      const ws = this.book.getWorksheet(op.sheet);
      const grid = this.grids.get(op.sheet);
      if (!ws || !grid) throw new Error(`La feuille « ${op.sheet} » n'existe pas dans ${this.path}.`);
      if (op.op === 'ensureSize') continue; // a workbook grows as cells are written
      if (op.op === 'insertRowsAfter') {
        ws.spliceRows(op.row + 1, 0, ...Array.from({ length: op.count }, () => []));
        grid.splice(Math.min(op.row, grid.length), 0, ...Array.from({ length: op.count }, () => [] as CellValue[]));
      } else if (op.op === 'deleteRows') {
        ws.spliceRows(op.row, op.count);
        grid.splice(op.row - 1, op.count);
      } else if (op.op === 'write') {
        const header = (grid[0] ?? []).map(String);
        op.values.forEach((rowValues, i) => {
          const r = op.row + i;
          while (grid.length < r) grid.push([]);
          rowValues.forEach((v, j) => {
            const c = op.column + j;
            // A leading apostrophe is how Sheets is told "plain text"; in a workbook a string
            // cell is always literal, so the apostrophe would show: drop it.
            const value = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
            const cell = ws.getCell(r, c);
            cell.value = value === '' ? null : value;
            const head = header[c - 1];
            if (value instanceof Date) cell.numFmt = NUMBER_FORMATS.date;
            else if (typeof value === 'number' && r > 1 && head && MONEY_HEADERS.has(head)) cell.numFmt = NUMBER_FORMATS.money;
            else if (typeof value === 'number' && r > 1 && head && PERCENT_HEADERS.has(head)) cell.numFmt = NUMBER_FORMATS.percent;
            else if (r > 1 && head && TEXT_HEADERS.has(head)) cell.numFmt = NUMBER_FORMATS.text;
            const row = grid[r - 1];
            while (row.length < c) row.push('');
            row[c - 1] = value;
          });
        });
      }
    }
    for (const [name, grid] of this.grids) {
      const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
      for (const r of grid) while (r.length < width) r.push('');
      while (grid.length > 1 && grid[grid.length - 1].every((v) => v === '')) grid.pop();
      this.grids.set(name, grid);
    }
  }

  readSettings(): Record<string, string> | null {
    const grid = this.grids.get(SETTINGS_SHEET);
    if (!grid) return null;
    const out: Record<string, string> = {};
    for (const [key, value] of grid.slice(1)) if (key !== '' && key !== undefined && value !== '' && value !== undefined) out[String(key)] = String(value);
    return out;
  }

  writeSettings(settings: Settings): void {
    const rows: CellValue[][] = Object.entries(settings)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]);
    const existing = this.grids.get(SETTINGS_SHEET);
    const ops: SheetOp[] = [];
    if (!existing) ops.push({ op: 'createSheet', sheet: SETTINGS_SHEET, header: ['Paramètre', 'Valeur'] });
    else if (existing.length > 1) ops.push({ op: 'deleteRows', sheet: SETTINGS_SHEET, row: 2, count: existing.length - 1 });
    if (rows.length) ops.push({ op: 'write', sheet: SETTINGS_SHEET, row: 2, column: 1, values: rows });
    this.apply(ops);
  }

  /**
   * Writes to a temporary file beside the workbook, then renames it over the workbook: an
   * interrupted write (Ctrl-C, a crash) leaves the previous workbook whole, never half of one.
   * Saves are queued so that two requests never interleave their writes.
   */
  save(): Promise<void> {
    this.dirty = false;
    const next = this.saving.then(async () => {
      const tmp = `${this.path}.${process.pid}.tmp`;
      const began = Date.now();
      try {
        const buffer = await this.book.xlsx.writeBuffer();
        writeFileSync(tmp, Buffer.from(buffer as ArrayBuffer));
        renameSync(tmp, this.path);
      } catch (e) {
        if (existsSync(tmp)) unlinkSync(tmp);
        throw e;
      }
      this.mtimeMs = statSync(this.path).mtimeMs;
      this.lastSaveMs = Date.now() - began;
    });
    this.saving = next.catch(() => undefined);
    return next;
  }

  store(): DossierStore {
    return {
      read: () => ({ dossiers: this.snapshot('Dossiers'), cofinancers: this.snapshot('Cofinancements') }),
      apply: (ops) => this.apply(ops),
      activeDossierRow: () => this.activeRow,
      codec: () => utcCodec,
    };
  }

  settingsStore(): SettingsStore {
    return { read: () => this.readSettings(), write: (s) => this.writeSettings(s) };
  }
}
