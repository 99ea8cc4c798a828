/**
 * The least of SpreadsheetApp that custom functions and onOpen use: the active
 * spreadsheet's time zone and the Ui. `touched` records every service call, so that a test
 * can say what a run reached (onOpen in AuthMode.NONE may reach getUi only). The full
 * Sheets fake, with ranges, lives in test/fakes/spreadsheet.ts.
 */
import { FakeUi } from './ui';

export interface SpreadsheetAppMin {
  getActive(): { getSpreadsheetTimeZone(): string };
  getActiveSpreadsheet(): { getSpreadsheetTimeZone(): string };
  getUi(): FakeUi;
}

export function createSpreadsheetAppMin(opts: { timeZone?: string; ui?: FakeUi; touched?: string[]; authMode?: 'FULL' | 'NONE' } = {}): SpreadsheetAppMin {
  const { timeZone = 'Europe/Paris', ui = new FakeUi(), touched = [], authMode = 'FULL' } = opts;
  const spreadsheet = {
    getSpreadsheetTimeZone() {
      touched.push('Spreadsheet.getSpreadsheetTimeZone');
      return timeZone;
    },
  };
  const active = (name: string) => {
    touched.push(`SpreadsheetApp.${name}`);
    // Apps Script refuses the document itself to code running in AuthMode.NONE.
    if (authMode === 'NONE') throw new Error(`SpreadsheetApp.${name} n'est pas autorisé en AuthMode.NONE`);
    return spreadsheet;
  };
  return {
    getActive: () => active('getActive'),
    getActiveSpreadsheet: () => active('getActiveSpreadsheet'),
    getUi() {
      touched.push('SpreadsheetApp.getUi');
      return ui;
    },
  };
}
