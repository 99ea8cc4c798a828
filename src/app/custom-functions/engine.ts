/**
 * The range machinery shared by every custom function, so that each function in the table
 * states only what it reads and what it computes. Two shapes of function exist:
 *
 * - `cellwise`: one answer per cell. Arguments broadcast like Sheets' array formulas: ranges
 *   of the same size are read cell by cell, a single cell (or a 1×1 range) goes with every
 *   cell, a column goes with every column of a wider range. A bad cell's place holds the
 *   French message and the rest is computed; a bad single value throws it.
 * - `byRows`: a head value (a total) with a list of cells (amounts, weights). With a single
 *   total the whole list is one list; with a column of totals each row is its own list.
 */
import type { Result } from '../../core/result';
import { type CellEnv, type Grid, asGrid, cellAt, gridShape, isEmptyCell, isGrid } from './cells';
import { customFunctionMessages as m, describeShape, OPTIONAL_PREFIX, showCell as showCellValue } from './messages';
import type { Reader } from './readers';

export type CellValue = number | string | boolean;
export type Output = CellValue | CellValue[][];

export interface Param<T> {
  name: string;
  description: string;
  reader: Reader<T>;
  /** Present for an optional parameter: the value an empty cell or an omitted argument stands for. */
  fallback?: { readonly value: T };
}

export const param = <T>(name: string, description: string, reader: Reader<T>): Param<T> => ({ name, description, reader });
/**
 * `value` makes the default the first time a cell needs it, once: a default made as the
 * table loads (a Decimal) would be paid by every cell of every function.
 */
export const optional = <T>(name: string, description: string, reader: Reader<T>, value: () => T): Param<T> => {
  let made: [T] | undefined;
  return { name, description, reader, fallback: { get value() { return (made ??= [value()])[0]; } } };
};

type Params<A extends unknown[]> = { readonly [K in keyof A]: Param<A[K]> };

/** What the build turns into a JSDoc block and the help menu lists: plain, JSON-safe data. */
export interface CustomFunctionDoc {
  name: string;
  summary: string;
  params: { name: string; type: string; description: string; optional: boolean }[];
  returns: { type: string; description: string };
  /** "=TAUX(47500; 200000) → 0,2375", as a French user types it. */
  example: string;
  /** "TAUX(montant; base)", with optional parameters in brackets. */
  usage: string;
}

export interface Example {
  args: readonly unknown[];
  result: Output;
}

export interface CustomFunction {
  name: string;
  /** Built on first read: a custom-function cell loads the whole table and calls one row. */
  readonly doc: CustomFunctionDoc;
  example: Example;
  run(args: readonly unknown[], env: CellEnv): Output;
}

interface Common {
  name: string;
  summary: string;
  returns: { type: string; description: string };
  example: Example;
}

const rangeOf = (type: string) => `${type}|Array<Array<${type}>>`;

function makeDoc(spec: Common, params: { p: Param<unknown>; type: string }[]): CustomFunctionDoc {
  return {
    name: spec.name,
    summary: spec.summary,
    params: params.map(({ p, type }) => ({
      name: p.name,
      type,
      description: (p.fallback ? OPTIONAL_PREFIX : '') + p.description,
      optional: p.fallback !== undefined,
    })),
    returns: spec.returns,
    example: `${exampleFormula(spec.name, spec.example.args)} → ${showResult(spec.example.result)}`,
    usage: `${spec.name}(${params.map(({ p }) => (p.fallback ? `[${p.name}]` : p.name)).join('; ')})`,
  };
}

// French Sheets separates arguments and array rows with ";" and writes the decimal comma.
const showNumber = (n: number) => String(n).replace('.', ',');
function showArg(arg: unknown): string {
  if (typeof arg === 'number') return showNumber(arg);
  if (typeof arg === 'boolean') return arg ? 'VRAI' : 'FAUX';
  if (typeof arg === 'string') return `"${arg}"`;
  if (isGrid(arg) && arg.every((row) => row.length === 1)) return `{${arg.map((row) => showArg(row[0])).join('; ')}}`;
  throw new TypeError(`An example argument must be a number, a text, a boolean or a column: ${JSON.stringify(arg)}`);
}
export const exampleFormula = (name: string, args: readonly unknown[]) => `=${name}(${args.map(showArg).join('; ')})`;
function showResult(result: Output): string {
  if (Array.isArray(result)) return `${result.map((row) => row.map(showResult).join(' | ')).join(' ; ')} (une valeur par ligne)`;
  if (typeof result === 'string') return `"${result}"`;
  return showArg(result);
}

/** The doc, made the first time it is asked for (the help, the build, an arity message). */
function lazyDoc(make: () => CustomFunctionDoc): () => CustomFunctionDoc {
  let doc: CustomFunctionDoc | undefined;
  return () => (doc ??= make());
}

// The engine's path through a call is written with loops, not callbacks: each callback is one
// more function for V8 to compile on the first call of every cell (measured in
// bench/gas.bench.mjs, the whole cost of a cell).
function checkArity(doc: () => CustomFunctionDoc, params: readonly Param<unknown>[], args: readonly unknown[]): void {
  if (args.length > params.length) throw new Error(m.tooManyArguments(doc().name, params.length, args.length, doc().usage));
  for (let i = 0; i < params.length; i++) {
    if (!params[i]!.fallback && args[i] === undefined) throw new Error(m.missingArgument(doc().name, params[i]!.name, doc().usage));
  }
}

type Read<T> = { kind: 'value'; value: T } | { kind: 'empty' } | { kind: 'bad'; message: string };

/** `place` names the cell inside a list argument; asked for only when the cell is refused. */
function readCell<T>(fn: string, p: Param<T>, cell: unknown, env: CellEnv, place?: () => string | undefined): Read<T> {
  if (cell === undefined || isEmptyCell(cell)) return p.fallback ? { kind: 'value', value: p.fallback.value } : { kind: 'empty' };
  const r = p.reader.read(cell, env);
  if (r.ok) return { kind: 'value', value: r.value };
  const shown = showCellValue(cell, (d) => env.calendarDay(d));
  const where = place?.();
  return { kind: 'bad', message: where ? m.unreadableAt(fn, p.name, where, shown, r.reason) : m.unreadable(fn, p.name, shown, r.reason) };
}

/**
 * One answer per cell. `compute` sees read values only; an empty required cell gives ""
 * (a row being filled in), a bad one its message: a typo shows even in a half-filled row.
 */
export function cellwise<A extends unknown[]>(
  spec: Common & { params: Params<A>; compute: (...args: A) => Result<CellValue> },
): CustomFunction {
  const params = spec.params as unknown as readonly Param<unknown>[];
  const doc = lazyDoc(() => makeDoc(spec, params.map((p) => ({ p, type: rangeOf(p.reader.type) }))));

  const evaluate = (reads: readonly Read<unknown>[]): Result<CellValue> => {
    const values: unknown[] = [];
    let empty = false;
    for (let i = 0; i < reads.length; i++) {
      const r = reads[i]!;
      // A refused cell wins over an empty one, wherever each stands.
      if (r.kind === 'bad') return { ok: false, reason: r.message };
      if (r.kind === 'empty') empty = true;
      else values.push(r.value);
    }
    if (empty) return { ok: true, value: '' };
    const result = spec.compute(...(values as A));
    return result.ok ? result : { ok: false, reason: m.failed(spec.name, result.reason) };
  };

  return {
    name: spec.name,
    get doc() {
      return doc();
    },
    example: spec.example,
    run(args, env) {
      checkArity(doc, params, args);
      const n = params.length;
      const grids: (Grid | null)[] = [];
      // A single cell is read once, however many rows it is broadcast over.
      const single: (Read<unknown> | null)[] = [];
      let anyGrid = false;
      for (let i = 0; i < n; i++) {
        const grid = isGrid(args[i]) ? asGrid(args[i] as Grid) : null;
        grids.push(grid);
        single.push(grid ? null : readCell(spec.name, params[i]!, args[i], env));
        if (grid) anyGrid = true;
      }
      if (!anyGrid) {
        const r = evaluate(single as Read<unknown>[]);
        if (!r.ok) throw new Error(r.reason);
        return r.value;
      }
      const { rows, cols } = broadcast(spec.name, params, grids);
      // Measured once: a shape costs a pass over its rows, and there may be 100 000 of them.
      const shapes = grids.map((g) => (g ? gridShape(g) : null));
      const out: CellValue[][] = [];
      for (let r = 0; r < rows; r++) {
        const line: CellValue[] = [];
        for (let c = 0; c < cols; c++) {
          const reads: Read<unknown>[] = [];
          for (let i = 0; i < n; i++) {
            const g = grids[i];
            const shape = shapes[i];
            reads.push(g && shape ? readCell(spec.name, params[i]!, cellAt(g, shape.rows === 1 ? 0 : r, shape.cols === 1 ? 0 : c), env) : single[i]!);
          }
          const result = evaluate(reads);
          line.push(result.ok ? result.value : result.reason);
        }
        out.push(line);
      }
      return out;
    },
  };
}

/** Each dimension of the answer is the ranges' common size; a size of 1 goes with any other. */
function broadcast(fn: string, params: readonly Param<unknown>[], grids: readonly (Grid | null)[]): { rows: number; cols: number } {
  let rows = 1;
  let cols = 1;
  let compatible = true;
  for (const g of grids) {
    if (!g) continue;
    const s = gridShape(g);
    if (s.rows !== 1) {
      compatible &&= rows === 1 || rows === s.rows;
      rows = s.rows;
    }
    if (s.cols !== 1) {
      compatible &&= cols === 1 || cols === s.cols;
      cols = s.cols;
    }
  }
  if (!compatible) {
    const shapes = grids
      .map((g, i) => (g ? `${params[i]!.name} : ${describeShape(gridShape(g).rows, gridShape(g).cols)}` : null))
      .filter((s) => s !== null)
      .join(', ');
    throw new Error(m.shapesIncompatible(fn, shapes));
  }
  return { rows, cols };
}

/** The list cells of one computation: null where the cell is empty (skipped, as SUM skips it). */
export type ListValues<L> = (L | null)[];

/**
 * A total with a list: VERIF_COFINANCEMENT(total; montants), REPARTIR(total; poids).
 * `perCell` says whether the answer has the list's shape (one value per list cell, "" where
 * the cell is empty) or is one value per total.
 */
export function byRows<H, L, O extends unknown[]>(
  spec: Common & {
    head: Param<H>;
    list: Param<L>;
    options: Params<O>;
    perCell: boolean;
    compute: (head: H, list: ListValues<L>, ...options: O) => Result<CellValue | CellValue[]>;
  },
): CustomFunction {
  const options = spec.options as unknown as readonly Param<unknown>[];
  const params = [spec.head, spec.list, ...options] as readonly Param<unknown>[];
  const doc = lazyDoc(() => makeDoc(spec, [
    { p: spec.head as Param<unknown>, type: rangeOf(spec.head.reader.type) },
    { p: spec.list as Param<unknown>, type: rangeOf(spec.list.reader.type) },
    ...options.map((p) => ({ p, type: p.reader.type })),
  ]));
  const fn = spec.name;

  // Computes one total with its list; a failure is a message, which the caller throws or places.
  // `place(i)` names list cell i, built only for a refused cell (the wording is compiled on demand).
  const one = (head: unknown, cells: readonly unknown[], place: (i: number) => string | undefined, opts: unknown[], env: CellEnv): Result<CellValue | CellValue[]> => {
    const h = readCell(fn, spec.head, head, env);
    if (h.kind === 'bad') return { ok: false, reason: h.message };
    const values: ListValues<L> = [];
    for (let i = 0; i < cells.length; i++) {
      const read = readCell(fn, spec.list, cells[i], env, () => place(i));
      if (read.kind === 'bad') return { ok: false, reason: read.message };
      values.push(read.kind === 'value' ? read.value : null);
    }
    if (h.kind === 'empty') return { ok: true, value: spec.perCell ? cells.map(() => '') : '' };
    const result = spec.compute(h.value, values, ...(opts as O));
    return result.ok ? result : { ok: false, reason: m.failed(fn, result.reason) };
  };

  return {
    name: spec.name,
    get doc() {
      return doc();
    },
    example: spec.example,
    run(args, env) {
      checkArity(doc, params, args);
      const opts = options.map((p, i) => {
        const arg = args[i + 2];
        if (isGrid(arg)) throw new Error(m.singleCellExpected(fn, p.name));
        const read = readCell(fn, p, arg, env);
        if (read.kind === 'bad') throw new Error(read.message);
        return read.kind === 'value' ? read.value : undefined;
      });
      const listArg = args[1];
      const list = isGrid(listArg) ? asGrid(listArg) : [[listArg]];
      const listShape = gridShape(list);
      const headArg = args[0];
      const head = isGrid(headArg) ? asGrid(headArg) : null;
      const headShape = head ? gridShape(head) : { rows: 1, cols: 1 };

      if (!head || (headShape.rows === 1 && headShape.cols === 1)) {
        const cells: unknown[] = [];
        for (let r = 0; r < listShape.rows; r++) {
          for (let c = 0; c < listShape.cols; c++) cells.push(cellAt(list, r, c));
        }
        const { rows: listRows, cols: listCols } = listShape;
        const place = (i: number) => m.place(Math.floor(i / listCols) + 1, (i % listCols) + 1, listRows, listCols);
        const result = one(head ? cellAt(head, 0, 0) : headArg, cells, place, opts, env);
        if (!result.ok) throw new Error(result.reason);
        if (!Array.isArray(result.value)) return result.value;
        if (!isGrid(listArg)) return result.value[0]!;
        const flat = result.value;
        return Array.from({ length: listShape.rows }, (_, r) => flat.slice(r * listShape.cols, (r + 1) * listShape.cols));
      }

      if (headShape.cols !== 1 || headShape.rows !== listShape.rows) {
        throw new Error(m.rowsExpected(fn, spec.head.name, spec.list.name, describeShape(headShape.rows, headShape.cols), describeShape(listShape.rows, listShape.cols)));
      }
      return head.map((_, r) => {
        const cells = Array.from({ length: listShape.cols }, (_, c) => cellAt(list, r, c));
        // The message lands in row r itself: only the column is worth naming.
        const place = (c: number) => (listShape.cols > 1 ? m.place(1, c + 1, 1, listShape.cols) : undefined);
        const result = one(cellAt(head, r, 0), cells, place, opts, env);
        if (!result.ok) return spec.perCell ? cells.map((_, c) => (c === 0 ? result.reason : '')) : [result.reason];
        return Array.isArray(result.value) ? result.value : [result.value];
      });
    },
  };
}

/**
 * A function of one whole text: VERIF_NOTE(texte). A range is one text, not one text per
 * cell: a report pasted into Sheets spreads over a column, one paragraph per cell, and a
 * total and its parts often stand on different lines. So rows are joined by line breaks and
 * the cells of a row by tabs (as a table row reads), empty cells skipped. The answer is a
 * single value, or a column of values that spills below the formula.
 */
export function wholeText(spec: Common & { text: Param<string>; compute: (text: string) => Result<CellValue | CellValue[]> }): CustomFunction {
  const params = [spec.text] as readonly Param<unknown>[];
  const doc = lazyDoc(() => makeDoc(spec, [{ p: spec.text as Param<unknown>, type: rangeOf(spec.text.reader.type) }]));
  return {
    name: spec.name,
    get doc() {
      return doc();
    },
    example: spec.example,
    run(args, env) {
      checkArity(doc, params, args);
      const arg = args[0];
      const lines: string[] = [];
      const grid = isGrid(arg) ? asGrid(arg) : [[arg]];
      for (let r = 0; r < grid.length; r++) {
        const cells: string[] = [];
        for (const cell of grid[r]!) {
          if (cell === undefined || isEmptyCell(cell)) continue;
          const read = spec.text.reader.read(cell, env);
          if (!read.ok) throw new Error(isGrid(arg) ? m.unreadableAt(spec.name, spec.text.name, m.place(r + 1, 1, grid.length, 1), showCellValue(cell, (d) => env.calendarDay(d)), read.reason) : m.unreadable(spec.name, spec.text.name, showCellValue(cell, (d) => env.calendarDay(d)), read.reason));
          cells.push(read.value);
        }
        if (cells.length) lines.push(cells.join('\t'));
      }
      if (lines.length === 0) return '';
      const result = spec.compute(lines.join('\n'));
      if (!result.ok) throw new Error(m.failed(spec.name, result.reason));
      return Array.isArray(result.value) ? result.value.map((v) => [v]) : result.value;
    },
  };
}
