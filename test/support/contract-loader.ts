// An outside checker's loader: dist/*.js in a fresh node:vm context with the fewest fakes
// Sheets provides to a custom function (the spreadsheet's time zone, Utilities.formatDate,
// HtmlService for the on-demand feature file). Written from CONTRACT.md and APPS-SCRIPT.md
// alone, without the project's own fakes, so that it checks the bundle as Sheets runs it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';

const DIST = path.resolve(__dirname, '../../dist');

/** A calendar date to build inside the bundle's realm, at midnight in the sheet's zone. */
export interface CalendarDate {
  readonly date: readonly [number, number, number];
}

export type Arg = CalendarDate | string | number | boolean | undefined | Arg[];

/** What a call gave: a value (plain, out of the vm realm) or the message it threw. */
export type Outcome = { value: unknown } | { thrown: string };

function parts(t: number, timeZone: string): Record<string, number> {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(t))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

function offsetMs(t: number, timeZone: string): number {
  const p = parts(t, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
}

/** The instant of midnight starting y-m-d in timeZone (what a date cell holds). */
export function midnightIn(y: number, m: number, d: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - offsetMs(wall, timeZone);
  t = wall - offsetMs(t, timeZone);
  const p = parts(t, timeZone);
  if (p.year !== y || p.month !== m || p.day !== d || p.hour !== 0 || p.minute !== 0) {
    throw new Error(`no midnight for ${y}-${m}-${d} in ${timeZone}`);
  }
  return t;
}

/** Sheets' serial number of a calendar date (days since 1899-12-30). */
export function serial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

function formatDate(date: Date, timeZone: string, pattern: string): string {
  const p = parts(date.getTime(), timeZone);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return pattern
    .replace(/yyyy/g, pad(p.year, 4))
    .replace(/MM/g, pad(p.month, 2))
    .replace(/dd/g, pad(p.day, 2))
    .replace(/HH/g, pad(p.hour, 2))
    .replace(/mm/g, pad(p.minute, 2))
    .replace(/ss/g, pad(p.second, 2));
}

export interface Bundle {
  call(fn: string, args: readonly Arg[]): Outcome;
}

export function loadBundle(timeZone: string): Bundle {
  const sandbox: Record<string, unknown> = {
    console,
    SpreadsheetApp: { getActive: () => ({ getSpreadsheetTimeZone: () => timeZone }) },
    Utilities: { formatDate },
    HtmlService: {
      createTemplateFromFile: (name: string) => ({
        getRawContent: () => fs.readFileSync(path.join(DIST, `${name}.html`), 'utf8'),
      }),
    },
    Logger: { log: () => undefined },
  };
  const context = vm.createContext(sandbox);
  for (const file of ['Code.js', 'Wrappers.js']) {
    vm.runInContext(fs.readFileSync(path.join(DIST, file), 'utf8'), context, { filename: file });
  }
  // Values are built inside the vm realm, as Sheets builds them in the script's realm.
  const RealmDate = vm.runInContext('Date', context) as DateConstructor;
  const RealmArray = vm.runInContext('Array', context) as ArrayConstructor;
  const inside = (a: Arg): unknown => {
    if (Array.isArray(a)) {
      const out = new RealmArray();
      for (const x of a) out.push(inside(x));
      return out;
    }
    if (a !== null && typeof a === 'object') {
      const [y, m, d] = a.date;
      return new RealmDate(midnightIn(y, m, d, timeZone));
    }
    return a;
  };
  const outside = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(outside);
    if (v !== null && typeof v === 'object' && Object.prototype.toString.call(v) === '[object Date]') {
      return new Date((v as Date).getTime());
    }
    return v;
  };
  return {
    call(fn, args) {
      const f = context[fn];
      if (typeof f !== 'function') throw new Error(`${fn} is not a top-level function of the bundle`);
      try {
        return { value: outside((f as (...x: unknown[]) => unknown)(...args.map(inside))) };
      } catch (e) {
        return { thrown: String((e as { message?: unknown })?.message ?? e) };
      }
    },
  };
}
