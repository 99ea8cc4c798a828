/**
 * What Sheets hands a custom function, and the few facts about it the machinery needs.
 * A cell gives a number, a string, a boolean or a Date ("" when empty); a range gives
 * rows of such cells. Dates are recognised by their tag, not `instanceof`, because a
 * Date built in another realm (a test's vm context) is still a Date.
 */
import type { CalendarDate } from '../../core/calendar';

export type Grid = readonly (readonly unknown[])[];

/** What only the runtime knows: which calendar day a Date cell stands for (the spreadsheet's zone). */
export interface CellEnv {
  calendarDay(date: Date): CalendarDate;
}

export const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** An empty cell, or one holding only spaces: both mean "nothing typed yet". */
export const isEmptyCell = (v: unknown): boolean => v === '' || v === null || (typeof v === 'string' && v.trim() === '');

export const isGrid = (v: unknown): v is Grid => Array.isArray(v);

/** Sheets always passes rows of columns; a flat array (a caller's shortcut) is read as one row. */
export function asGrid(v: Grid | readonly unknown[]): Grid {
  return v.length > 0 && !Array.isArray(v[0]) ? [v] : (v as Grid);
}

export const gridShape = (g: Grid): { rows: number; cols: number } => ({
  rows: g.length,
  cols: g.reduce((max, row) => Math.max(max, row.length), 0),
});

/** A cell of a possibly ragged grid: a missing cell reads as empty. */
export const cellAt = (g: Grid, r: number, c: number): unknown => g[r]?.[c] ?? '';
