import { wallClockUtcMs } from './zones';
/**
 * An in-memory SpreadsheetApp, faithful where Rapporteur depends on it:
 * - values are 2-D arrays; an empty cell reads `""`; a date cell reads as a `Date` (the
 *   instant of its wall-clock time in the spreadsheet's time zone); a number under a date
 *   format reads as a `Date` too, as in Sheets;
 * - a string written by a script is read as if typed: "=…", "+…", "-…", "@…" become
 *   formulas, "12,5" a number in fr_FR, "2018-01-01" a date, "VRAI" a boolean; a leading
 *   apostrophe or the text format "@" keeps it text. Formulas are not evaluated: their cell
 *   reads "#FORMULA!" so that a test cannot mistake one for a value;
 * - number formats are en_US patterns, shown in the spreadsheet's locale by getDisplayValues;
 * - a range outside the grid throws, as Sheets does; inserted rows take the formats of the
 *   row above; deleting every non-frozen row is refused;
 * - every call on SpreadsheetApp, Spreadsheet, Sheet, Range and DataValidation objects is
 *   counted by `Class.method` (the measured performance figure; internal calls are not).
 */

export class CallCounter {
  counts: Record<string, number> = {};
  hit(name: string): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
  }
  reset(): void {
    this.counts = {};
  }
  /** Calls whose name matches, e.g. total(/^Range\./). */
  total(filter: RegExp = /./): number {
    return Object.entries(this.counts)
      .filter(([k]) => filter.test(k))
      .reduce((a, [, n]) => a + n, 0);
  }
  snapshot(): Record<string, number> {
    return { ...this.counts };
  }
}

function counted<T extends object>(target: T, className: string, counter: CallCounter): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string' || prop.startsWith('_') || prop === 'constructor') return value;
      return (...args: unknown[]) => {
        counter.hit(`${className}.${prop}`);
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
}

// ---------------------------------------------------------------------------------------
// Time zones: serial day numbers <-> instants, through Intl (as Sheets does with its zone).

const SERIAL_UNIX_EPOCH = 25569; // 1970-01-01 as a Sheets serial
const DAY_MS = 86400000;

export function serialFromDate(date: Date, timeZone: string): number {
  return wallClockUtcMs(date, timeZone) / DAY_MS + SERIAL_UNIX_EPOCH;
}

export function dateFromSerial(serial: number, timeZone: string): Date {
  const wall = Math.round((serial - SERIAL_UNIX_EPOCH) * DAY_MS);
  let t = wall;
  for (let i = 0; i < 3; i++) t = wall - (wallClockUtcMs(new Date(t), timeZone) - t);
  return new Date(t);
}

// ---------------------------------------------------------------------------------------
// Cells.

interface Cell {
  /** null: empty. Dates are serial numbers under a date format. */
  v: string | number | boolean | null;
  f?: string;
  fmt: string;
  dv?: FakeDataValidation | null;
  weight?: string;
}

const emptyCell = (): Cell => ({ v: null, fmt: '' });
const copyFormat = (c: Cell | undefined): Cell => ({ v: null, fmt: c?.fmt ?? '', dv: c?.dv ?? null, weight: c?.weight });

export function isDateFormat(fmt: string): boolean {
  return /[dy]/i.test(fmt.replace(/"[^"]*"/g, ''));
}

const DATE_TIME_DEFAULT = 'dd/mm/yyyy hh:mm:ss';
const LOCALES: Record<string, { group: string; decimal: string; dmy: boolean; yes: string; no: string }> = {
  fr_FR: { group: '\u202f', decimal: ',', dmy: true, yes: 'VRAI', no: 'FAUX' },
  en_US: { group: ',', decimal: '.', dmy: false, yes: 'TRUE', no: 'FALSE' },
  en_GB: { group: ',', decimal: '.', dmy: true, yes: 'TRUE', no: 'FALSE' },
  de_DE: { group: '.', decimal: ',', dmy: true, yes: 'WAHR', no: 'FALSCH' },
};
const localeOf = (locale: string) => LOCALES[locale] ?? LOCALES.en_US!;

function daysFromCivil(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY_MS + SERIAL_UNIX_EPOCH;
}

/** What Sheets makes of a string typed into a cell (a simplified model of its parser). */
export function coerceTyped(text: string, fmt: string, locale: string): Pick<Cell, 'v' | 'f'> & { fmt?: string } {
  if (fmt === '@') return { v: text };
  if (text.startsWith("'")) return { v: text.slice(1) };
  if (text === '') return { v: null };
  if (text.startsWith('=')) return { v: null, f: text };
  const L = localeOf(locale);
  const t = text.trim();
  const upper = t.toUpperCase();
  if (upper === L.yes || upper === 'TRUE') return { v: true };
  if (upper === L.no || upper === 'FALSE') return { v: false };
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const groups = L.group === '\u202f' ? '[ \u00a0\u202f]' : esc(L.group);
  const num = new RegExp(`^([+-]?)(\\d{1,3}(?:${groups}\\d{3})+|\\d+)(?:${esc(L.decimal)}(\\d+))?\\s*(%|€)?$`).exec(t);
  if (num) {
    const n = Number(`${num[1]}${num[2]!.replace(/\D/g, '')}.${num[3] ?? '0'}`);
    if (num[4] === '%') return { v: n / 100, fmt: fmt || '0.00%' };
    if (num[4] === '€') return { v: n, fmt: fmt || '#,##0.00 "€"' };
    return { v: n };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const slash = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (iso || slash) {
    const [y, m, d] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : L.dmy ? [Number(slash![3]), Number(slash![2]), Number(slash![1])] : [Number(slash![3]), Number(slash![1]), Number(slash![2])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d) return { v: daysFromCivil(y, m, d), fmt: isDateFormat(fmt) ? fmt : iso ? 'yyyy-mm-dd' : 'dd/mm/yyyy' };
  }
  // Sheets skips the blanks before reading a formula: "\t=1+1" is one too.
  if (/^[=+\-@]/.test(t)) return { v: null, f: t.startsWith('=') ? t : `=${t}` };
  return { v: text };
}

function formatNumber(n: number, fmt: string, locale: string): string {
  const L = localeOf(locale);
  const body = fmt.replace(/"([^"]*)"/g, '\u0000$1\u0001');
  const m = /([#0,]*0)(?:\.(0+))?(%)?/.exec(body);
  if (!m) return String(n);
  const places = m[2]?.length ?? 0;
  const value = m[3] ? n * 100 : n;
  const [int, dec] = Math.abs(value).toFixed(places).split('.') as [string, string | undefined];
  const grouped = m[1]!.includes(',') ? int.replace(/\B(?=(\d{3})+$)/g, L.group) : int;
  const digits = `${value < 0 ? '-' : ''}${grouped}${dec ? L.decimal + dec : ''}${m[3] ?? ''}`;
  return body.replace(m[0], digits).replace(/[\u0000\u0001]/g, '');
}

function formatDateSerial(serial: number, fmt: string): string {
  const ms = Math.round((serial - SERIAL_UNIX_EPOCH) * DAY_MS);
  const d = new Date(ms);
  const pad = (x: number, w = 2) => String(x).padStart(w, '0');
  return fmt
    .replace(/yyyy/gi, String(d.getUTCFullYear()))
    .replace(/hh/gi, pad(d.getUTCHours()))
    .replace(/ss/gi, pad(d.getUTCSeconds()))
    .replace(/(\d{2}):mm/g, (_, h: string) => `${h}:${pad(d.getUTCMinutes())}`)
    .replace(/dd/gi, pad(d.getUTCDate()))
    .replace(/mm/gi, pad(d.getUTCMonth() + 1));
}

// ---------------------------------------------------------------------------------------

export class FakeDataValidation {
  constructor(
    private readonly criteria: string,
    private readonly values: unknown[],
    private readonly allowInvalid: boolean,
    private readonly helpText: string,
  ) {}
  getCriteriaType(): string {
    return this.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.values];
  }
  getAllowInvalid(): boolean {
    return this.allowInvalid;
  }
  getHelpText(): string {
    return this.helpText;
  }
}

class FakeDataValidationBuilder {
  private criteria = '';
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText = '';
  constructor(private readonly counter: CallCounter) {}
  requireValueInList(values: string[], showDropdown = true): this {
    this.criteria = 'VALUE_IN_LIST';
    this.values = [[...values], showDropdown];
    return this;
  }
  requireCheckbox(): this {
    this.criteria = 'CHECKBOX';
    this.values = [];
    return this;
  }
  setAllowInvalid(allow: boolean): this {
    this.allowInvalid = allow;
    return this;
  }
  setHelpText(text: string): this {
    this.helpText = text;
    return this;
  }
  build(): FakeDataValidation {
    if (!this.criteria) throw new Error('Exception: Data validation rule is missing criteria.');
    return counted(new FakeDataValidation(this.criteria, this.values, this.allowInvalid, this.helpText), 'DataValidation', this.counter);
  }
}

const OUTSIDE = 'Exception: The coordinates of the range are outside the dimensions of the sheet.';

function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0);
}

export class FakeSheet {
  _rows: Cell[][] = [];
  _maxRows: number;
  _maxColumns: number;
  _frozenRows = 0;
  _proxy!: FakeSheet;
  constructor(
    private name: string,
    readonly _book: FakeSpreadsheet,
    readonly _id: number,
    rows = 1000,
    columns = 26,
  ) {
    this._maxRows = rows;
    this._maxColumns = columns;
  }
  _cell(r: number, c: number): Cell {
    const row = (this._rows[r - 1] ??= []);
    return (row[c - 1] ??= emptyCell());
  }
  _peek(r: number, c: number): Cell | undefined {
    return this._rows[r - 1]?.[c - 1];
  }
  _range(row: number, column: number, numRows: number, numColumns: number): FakeRange {
    if (![row, column, numRows, numColumns].every(Number.isInteger)) throw new Error('Exception: Range coordinates must be integers.');
    if (numRows < 1) throw new Error('Exception: The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw new Error('Exception: The number of columns in the range must be at least 1.');
    if (row < 1 || column < 1 || row + numRows - 1 > this._maxRows || column + numColumns - 1 > this._maxColumns) throw new Error(OUTSIDE);
    const range = new FakeRange(this, row, column, numRows, numColumns);
    range._proxy = counted(range, 'Range', this._book._counter);
    return range._proxy;
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): FakeSheet {
    this.name = name;
    return this._proxy;
  }
  getSheetId(): number {
    return this._id;
  }
  getParent(): FakeSpreadsheet {
    return this._book._proxy;
  }
  getRange(a: number | string, column?: number, numRows = 1, numColumns = 1): FakeRange {
    if (typeof a === 'string') {
      const m = /^([A-Z]+)?(\d+)?(?::([A-Z]+)?(\d+)?)?$/i.exec(a.replace(/\$/g, ''));
      if (!m) throw new Error(`Exception: Range not found: ${a}`);
      const c1 = m[1] ? columnNumber(m[1]) : 1;
      const r1 = m[2] ? Number(m[2]) : 1;
      const hasEnd = a.includes(':');
      const c2 = hasEnd ? (m[3] ? columnNumber(m[3]) : this._maxColumns) : c1;
      const r2 = hasEnd ? (m[4] ? Number(m[4]) : this._maxRows) : r1;
      return this._range(r1, c1, r2 - r1 + 1, c2 - c1 + 1);
    }
    if (column === undefined) throw new Error('Exception: The parameters (number) don\u2019t match the method signature for SpreadsheetApp.Sheet.getRange.');
    return this._range(a, column, numRows, numColumns);
  }
  getLastRow(): number {
    for (let r = this._rows.length; r >= 1; r--) if (this._rows[r - 1]?.some((c) => c && (c.v !== null || c.f))) return r;
    return 0;
  }
  getLastColumn(): number {
    let last = 0;
    for (const row of this._rows) row?.forEach((c, i) => {
      if (c && (c.v !== null || c.f) && i + 1 > last) last = i + 1;
    });
    return last;
  }
  getMaxRows(): number {
    return this._maxRows;
  }
  getMaxColumns(): number {
    return this._maxColumns;
  }
  getDataRange(): FakeRange {
    return this._range(1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn()));
  }
  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    if (afterPosition < 1 || afterPosition > this._maxRows || howMany < 1) throw new Error('Exception: Those rows are out of bounds.');
    const model = this._rows[afterPosition - 1] ?? [];
    const fresh = Array.from({ length: howMany }, () => model.map((c) => copyFormat(c)));
    while (this._rows.length < afterPosition) this._rows.push([]);
    this._rows.splice(afterPosition, 0, ...fresh);
    this._maxRows += howMany;
    return this._proxy;
  }
  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    if (beforePosition < 1 || beforePosition > this._maxRows || howMany < 1) throw new Error('Exception: Those rows are out of bounds.');
    while (this._rows.length < beforePosition - 1) this._rows.push([]);
    this._rows.splice(beforePosition - 1, 0, ...Array.from({ length: howMany }, () => []));
    this._maxRows += howMany;
    return this._proxy;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this._maxRows) throw new Error('Exception: Those rows are out of bounds.');
    if (this._maxRows - howMany <= this._frozenRows) throw new Error('Exception: Sorry, it is not possible to delete all non-frozen rows.');
    this._rows.splice(rowPosition - 1, howMany);
    this._maxRows -= howMany;
  }
  deleteRow(rowPosition: number): FakeSheet {
    this.deleteRows(rowPosition, 1);
    return this._proxy;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    if (afterPosition < 1 || afterPosition > this._maxColumns || howMany < 1) throw new Error('Exception: Those columns are out of bounds.');
    for (const row of this._rows) if (row && row.length > afterPosition) row.splice(afterPosition, 0, ...Array.from({ length: howMany }, () => copyFormat(row[afterPosition - 1])));
    this._maxColumns += howMany;
    return this._proxy;
  }
  setFrozenRows(rows: number): void {
    if (rows < 0 || rows >= this._maxRows) throw new Error('Exception: You can\u2019t freeze all visible rows on the sheet.');
    this._frozenRows = rows;
  }
  getFrozenRows(): number {
    return this._frozenRows;
  }
  activate(): FakeSheet {
    this._book._activeSheet = this;
    this._book._activeRange = null;
    return this._proxy;
  }
  appendRow(values: unknown[]): FakeSheet {
    const row = this.getLastRow() + 1;
    if (row > this._maxRows) this._maxRows = row;
    this._range(row, 1, 1, Math.max(1, values.length)).setValues([values]);
    return this._proxy;
  }
  setColumnWidth(): FakeSheet {
    return this._proxy;
  }
}

export class FakeRange {
  _proxy!: FakeRange;
  constructor(
    readonly _sheet: FakeSheet,
    private readonly row: number,
    private readonly column: number,
    private readonly numRows: number,
    private readonly numColumns: number,
  ) {}
  private map<T>(fn: (cell: Cell | undefined, r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const line: T[] = [];
      for (let c = 0; c < this.numColumns; c++) line.push(fn(this._sheet._peek(this.row + r, this.column + c), this.row + r, this.column + c));
      out.push(line);
    }
    return out;
  }
  private each(fn: (cell: Cell, r: number, c: number) => void): void {
    for (let r = 0; r < this.numRows; r++) for (let c = 0; c < this.numColumns; c++) fn(this._sheet._cell(this.row + r, this.column + c), r, c);
  }
  private checkShape(values: unknown[][], what: string): void {
    if (!Array.isArray(values) || values.some((l) => !Array.isArray(l))) throw new Error(`Exception: The parameters (${typeof values}) don't match the method signature for SpreadsheetApp.Range.${what}.`);
    if (values.length !== this.numRows) throw new Error(`Exception: The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`);
    const bad = values.find((l) => l.length !== this.numColumns);
    if (bad) throw new Error(`Exception: The number of columns in the data does not match the number of columns in the range. The data has ${bad.length} but the range has ${this.numColumns}.`);
  }
  private readValue(cell: Cell | undefined): unknown {
    if (!cell) return '';
    if (cell.f) return '#FORMULA!';
    if (cell.v === null) return '';
    if (typeof cell.v === 'number' && isDateFormat(cell.fmt)) return dateFromSerial(cell.v, this._sheet._book._timeZone);
    return cell.v;
  }
  private writeValue(cell: Cell, value: unknown): void {
    const book = this._sheet._book;
    delete cell.f;
    if (value === null || value === undefined || value === '') cell.v = null;
    else if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new Error('Exception: Invalid date.');
      cell.v = serialFromDate(value, book._timeZone);
      if (!isDateFormat(cell.fmt)) cell.fmt = DATE_TIME_DEFAULT;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error('Exception: Invalid number.');
      cell.v = value;
    } else if (typeof value === 'boolean') cell.v = value;
    else if (typeof value === 'string') {
      const typed = coerceTyped(value, cell.fmt, book._locale);
      cell.v = typed.v;
      if (typed.f) cell.f = typed.f;
      if (typed.fmt) cell.fmt = typed.fmt;
    } else throw new Error(`Exception: Cannot convert ${Object.prototype.toString.call(value)} to a cell value.`);
  }
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  getSheet(): FakeSheet {
    return this._sheet._proxy;
  }
  getA1Notation(): string {
    const a = `${columnLetters(this.column)}${this.row}`;
    return this.numRows === 1 && this.numColumns === 1 ? a : `${a}:${columnLetters(this.column + this.numColumns - 1)}${this.row + this.numRows - 1}`;
  }
  getValues(): unknown[][] {
    return this.map((c) => this.readValue(c));
  }
  getValue(): unknown {
    return this.readValue(this._sheet._peek(this.row, this.column));
  }
  getDisplayValues(): string[][] {
    const locale = this._sheet._book._locale;
    const L = localeOf(locale);
    return this.map((c) => {
      if (!c || (c.v === null && !c.f)) return '';
      if (c.f) return '#FORMULA!';
      if (typeof c.v === 'boolean') return c.v ? L.yes : L.no;
      if (typeof c.v === 'number') {
        if (isDateFormat(c.fmt)) return formatDateSerial(c.v, c.fmt);
        if (c.fmt && c.fmt !== '@') return formatNumber(c.v, c.fmt, locale);
        return String(c.v).replace('.', L.decimal);
      }
      return String(c.v);
    });
  }
  getFormulas(): string[][] {
    return this.map((c) => c?.f ?? '');
  }
  setValues(values: unknown[][]): FakeRange {
    this.checkShape(values, 'setValues');
    this.each((cell, r, c) => this.writeValue(cell, values[r]![c]));
    return this._proxy;
  }
  setValue(value: unknown): FakeRange {
    this.each((cell) => this.writeValue(cell, value));
    return this._proxy;
  }
  clearContent(): FakeRange {
    this.each((cell) => {
      cell.v = null;
      delete cell.f;
    });
    return this._proxy;
  }
  getNumberFormat(): string {
    return this._sheet._peek(this.row, this.column)?.fmt || 'General';
  }
  getNumberFormats(): string[][] {
    return this.map((c) => c?.fmt || 'General');
  }
  setNumberFormat(fmt: string): FakeRange {
    this.each((cell) => {
      cell.fmt = fmt === 'General' ? '' : fmt;
    });
    return this._proxy;
  }
  setNumberFormats(formats: string[][]): FakeRange {
    this.checkShape(formats, 'setNumberFormats');
    this.each((cell, r, c) => {
      const f = formats[r]![c]!;
      cell.fmt = f === 'General' ? '' : f;
    });
    return this._proxy;
  }
  setDataValidation(rule: FakeDataValidation | null): FakeRange {
    this.each((cell) => {
      cell.dv = rule;
    });
    return this._proxy;
  }
  getDataValidation(): FakeDataValidation | null {
    return this._sheet._peek(this.row, this.column)?.dv ?? null;
  }
  getDataValidations(): (FakeDataValidation | null)[][] {
    return this.map((c) => c?.dv ?? null);
  }
  setFontWeight(weight: string | null): FakeRange {
    this.each((cell) => {
      cell.weight = weight ?? 'normal';
    });
    return this._proxy;
  }
  getFontWeight(): string {
    return this._sheet._peek(this.row, this.column)?.weight ?? 'normal';
  }
  activate(): FakeRange {
    this._sheet._book._activeSheet = this._sheet;
    this._sheet._book._activeRange = { row: this.row, column: this.column, numRows: this.numRows, numColumns: this.numColumns };
    return this._proxy;
  }
}

export interface Toast {
  message: string;
  title: string;
}

export class FakeSpreadsheet {
  _sheets: FakeSheet[] = [];
  _activeSheet: FakeSheet;
  _activeRange: { row: number; column: number; numRows: number; numColumns: number } | null = null;
  _timeZone: string;
  _locale: string;
  _proxy!: FakeSpreadsheet;
  _nextSheetId = 0;
  toasts: Toast[] = [];
  constructor(
    readonly _counter: CallCounter,
    opts: { timeZone: string; locale: string; name: string; firstSheet: string },
    private readonly name: string = opts.name,
  ) {
    this._timeZone = opts.timeZone;
    this._locale = opts.locale;
    this._activeSheet = this._newSheet(opts.firstSheet);
  }
  _newSheet(name: string): FakeSheet {
    const sheet = new FakeSheet(name, this, this._nextSheetId++);
    sheet._proxy = counted(sheet, 'Sheet', this._counter);
    this._sheets.push(sheet);
    return sheet;
  }
  getId(): string {
    return 'fake-spreadsheet-id';
  }
  getName(): string {
    return this.name;
  }
  getUrl(): string {
    return 'https://docs.google.com/spreadsheets/d/fake-spreadsheet-id/edit';
  }
  getSheets(): FakeSheet[] {
    return this._sheets.map((s) => s._proxy);
  }
  getSheetByName(name: string): FakeSheet | null {
    return this._sheets.find((s) => s.getName() === name)?._proxy ?? null;
  }
  insertSheet(name: string): FakeSheet {
    if (this._sheets.some((s) => s.getName() === name)) throw new Error(`Exception: A sheet with the name "${name}" already exists. Please enter another name.`);
    const sheet = this._newSheet(name);
    this._activeSheet = sheet;
    this._activeRange = null;
    return sheet._proxy;
  }
  deleteSheet(sheet: FakeSheet): void {
    if (this._sheets.length === 1) throw new Error('Exception: You can\u2019t remove all the sheets in a document.');
    this._sheets = this._sheets.filter((s) => s._proxy !== sheet && s !== sheet);
  }
  getActiveSheet(): FakeSheet {
    return this._activeSheet._proxy;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    const raw = this._sheets.find((s) => s._proxy === sheet || s === sheet)!;
    this._activeSheet = raw;
    this._activeRange = null;
    return raw._proxy;
  }
  getActiveRange(): FakeRange {
    const r = this._activeRange ?? { row: 1, column: 1, numRows: 1, numColumns: 1 };
    return this._activeSheet._range(r.row, r.column, r.numRows, r.numColumns);
  }
  getActiveCell(): FakeRange {
    const r = this._activeRange ?? { row: 1, column: 1 };
    return this._activeSheet._range(r.row, r.column, 1, 1);
  }
  setActiveRange(range: FakeRange): FakeRange {
    return range.activate();
  }
  getSpreadsheetTimeZone(): string {
    return this._timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this._timeZone = tz;
  }
  getSpreadsheetLocale(): string {
    return this._locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this._locale = locale;
  }
  toast(message: string, title = '', _timeoutSeconds?: number): void {
    this.toasts.push({ message, title });
  }
}

export interface FakeSpreadsheetApp {
  getActive(): FakeSpreadsheet;
  getActiveSpreadsheet(): FakeSpreadsheet;
  getUi(): unknown;
  newDataValidation(): FakeDataValidationBuilder;
  flush(): void;
  DataValidationCriteria: Record<string, string>;
}

export interface SpreadsheetFake {
  SpreadsheetApp: FakeSpreadsheetApp;
  /** The spreadsheet, through the counted proxy (what scripts see). */
  spreadsheet: FakeSpreadsheet;
  calls: CallCounter;
  /** What `SpreadsheetApp.getUi()` returns; unset, it throws as outside a UI context. */
  setUi(ui: unknown): void;
  /** Installs SpreadsheetApp as a global, as Apps Script provides it; returns the uninstaller. */
  install(): () => void;
}

export function createSpreadsheetFake(opts: { timeZone?: string; locale?: string; name?: string; firstSheet?: string } = {}): SpreadsheetFake {
  const calls = new CallCounter();
  const book = new FakeSpreadsheet(calls, { timeZone: opts.timeZone ?? 'Europe/Paris', locale: opts.locale ?? 'fr_FR', name: opts.name ?? 'Subventions', firstSheet: opts.firstSheet ?? 'Feuille 1' });
  book._proxy = counted(book, 'Spreadsheet', calls);
  let ui: unknown = null;
  const app = counted(
    {
      getActive: () => book._proxy,
      getActiveSpreadsheet: () => book._proxy,
      getUi: () => {
        if (!ui) throw new Error('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
        return ui;
      },
      newDataValidation: () => new FakeDataValidationBuilder(calls),
      flush: () => undefined,
      DataValidationCriteria: { VALUE_IN_LIST: 'VALUE_IN_LIST', CHECKBOX: 'CHECKBOX' },
    },
    'SpreadsheetApp',
    calls,
  );
  return {
    SpreadsheetApp: app,
    spreadsheet: book._proxy,
    calls,
    setUi: (u) => {
      ui = u;
    },
    install: () => {
      const g = globalThis as Record<string, unknown>;
      const previous = g.SpreadsheetApp;
      g.SpreadsheetApp = app;
      return () => {
        g.SpreadsheetApp = previous;
      };
    },
  };
}
