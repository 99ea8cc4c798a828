/**
 * How each kind of argument is read from a cell. A reader never sees an empty cell: the
 * engine turns those into "" (or the parameter's default) before reading. `type` is the
 * JSDoc type Sheets' argument help shows for a single cell.
 */
import { type CalendarDate, fromSerial, isValidDate, parseFrenchDate } from '../../core/calendar';
import { Dec } from '../../core/decimal';
import { describeKind } from '../../core/messages/numbers';
import { centsFromAmountText, centsFromNumber, decimalFromNumber, parseAmount, parseNumberText, parseRate, type ParsedRate } from '../../core/parse';
import { parseProrationMethod, type ProrationMethod } from '../../core/proration';
import { fail, ok, type Result } from '../../core/result';
import { parseCurrency, type Currency } from '../../core/words';
import { type CellEnv, isDate } from './cells';
import { customFunctionMessages as m } from './messages';

export interface Reader<T> {
  type: string;
  read(cell: unknown, env: CellEnv): Result<T>;
}

export const amount: Reader<Dec> = { type: 'number|string', read: (cell) => parseAmount(cell) };

/**
 * An amount for PRORATA and TAUX: whole cents (a number) for a positive amount of at most
 * two decimals, as a cell number or as text (« 800 000 € »), nearly every cell; else the
 * Decimal parseAmount reads, or its refusal. A cell of whole cents is computed in exact
 * integers and never sets decimal.js up (see core/decimal.ts).
 */
export const centsOrAmount: Reader<number | Dec> = {
  type: 'number|string',
  read(cell) {
    const cents = typeof cell === 'number' ? centsFromNumber(cell) : typeof cell === 'string' ? centsFromAmountText(cell) : null;
    return cents === null ? parseAmount(cell) : ok(cents);
  },
};

/** For functions that only write an amount (EUROS, MONTANT_LETTRES): a difference may be negative. */
export const signedAmount: Reader<Dec> = { type: 'number|string', read: (cell) => parseAmount(cell, { allowNegative: true }) };

export const date: Reader<CalendarDate> = {
  type: 'Date|number|string',
  read(cell, env) {
    if (isDate(cell)) {
      if (Number.isNaN(cell.getTime())) return fail(m.invalidDate());
      const day = env.calendarDay(cell);
      return isValidDate(day) ? ok(day) : fail(m.invalidDate());
    }
    if (typeof cell === 'number') return fromSerial(cell);
    if (typeof cell === 'string') return parseFrenchDate(cell);
    return fail(m.notADate(describeKind(cell)));
  },
};

export const rate: Reader<ParsedRate> = { type: 'number|string', read: (cell) => parseRate(cell) };

export const prorationMethod: Reader<ProrationMethod> = { type: 'string', read: (cell) => parseProrationMethod(cell) };

export const currency: Reader<Currency> = {
  type: 'string',
  read: (cell) => (typeof cell === 'string' ? parseCurrency(cell) : fail(m.notAText(describeKind(cell)))),
};

/** A whole number as a cell gives it (2) or as text ("2"). */
function wholeNumber(cell: unknown): number | null {
  const n = typeof cell === 'number' ? cell : typeof cell === 'string' && /^\s*\d+\s*$/.test(cell) ? Number(cell) : NaN;
  return Number.isInteger(n) ? n : null;
}

export const eurosDecimals: Reader<0 | 2> = {
  type: 'number',
  read(cell) {
    const n = wholeNumber(cell);
    return n === 0 || n === 2 ? ok(n) : fail(m.eurosDecimals());
  },
};

export const splitDecimals: Reader<number> = {
  type: 'number',
  read(cell) {
    const n = wholeNumber(cell);
    return n !== null && n >= 0 && n <= 6 ? ok(n) : fail(m.splitDecimals());
  },
};

/** A weight: any non-negative number, or text such as "30 %" or "1,5" (percentages need not add up to 100). */
export const weight: Reader<Dec> = {
  type: 'number|string',
  read(cell) {
    let value: Result<Dec>;
    if (typeof cell === 'number') value = decimalFromNumber(cell);
    else if (typeof cell === 'string' && cell.includes('%')) {
      const r = parseRate(cell);
      value = r.ok ? ok(r.value.fraction) : r;
    } else if (typeof cell === 'string') {
      const r = parseNumberText(cell);
      value = r.ok ? ok(r.value.value) : r;
    } else value = fail(m.notAWeight(describeKind(cell)));
    if (value.ok && value.value.isNeg()) return fail(m.negativeWeight());
    return value;
  },
};

/**
 * A cell as the text a reader sees in it: text as is, a number with the decimal comma
 * (Sheets turns a typed « 47 500 » into 47500), a date as « 31/03/2018 », a boolean as VRAI/FAUX.
 */
export const text: Reader<string> = {
  type: 'string',
  read(cell, env) {
    if (typeof cell === 'string') return ok(cell);
    if (typeof cell === 'number') return Number.isFinite(cell) ? ok(String(cell).replace('.', ',')) : fail(m.notAText(describeKind(cell)));
    if (typeof cell === 'boolean') return ok(cell ? 'VRAI' : 'FAUX');
    if (isDate(cell)) {
      if (Number.isNaN(cell.getTime())) return fail(m.invalidDate());
      const d = env.calendarDay(cell);
      return ok(`${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`);
    }
    return fail(m.notAText(describeKind(cell)));
  },
};
