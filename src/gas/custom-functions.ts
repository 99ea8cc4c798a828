/**
 * The custom functions bound to Sheets. The build reads `CUSTOM_FUNCTIONS` to generate one
 * top-level wrapper with its JSDoc per function, each calling `customFunctions.NAME`; so a
 * row added to the table (src/app/custom-functions/table.ts) is a new function in Sheets.
 */
import type { CalendarDate } from '../core/calendar';
import { bindCustomFunctions, type CellEnv, customFunctionDocs } from '../app/custom-functions';

/**
 * The table's docs, read at build time (wrappers' JSDoc) and by the help menu, both from the
 * feature bundle: pure, so that the eager bundle, which exports neither, never builds them.
 */
export const CUSTOM_FUNCTIONS = /* @__PURE__ */ customFunctionDocs();

/**
 * A Date cell is midnight in the spreadsheet's zone, which may differ from the script's
 * (Europe/Paris): the day is read in the spreadsheet's zone. The zone is asked for once per
 * call and only when a Date arrives, so that a column of numbers costs no service call;
 * dates repeat down a column, so each distinct instant is formatted once.
 */
function spreadsheetCalendar(): CellEnv {
  let zone: string | undefined;
  const days = new Map<number, CalendarDate>();
  return {
    calendarDay(date) {
      const key = date.getTime();
      let day = days.get(key);
      if (!day) {
        zone ??= SpreadsheetApp.getActive().getSpreadsheetTimeZone();
        const [year, month, d] = Utilities.formatDate(date, zone, 'yyyy-MM-dd').split('-').map(Number);
        day = { year: year!, month: month!, day: d! };
        days.set(key, day);
      }
      return day;
    },
  };
}

export const customFunctions = bindCustomFunctions(spreadsheetCalendar);
