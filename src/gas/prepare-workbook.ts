/**
 * « Préparer le classeur »: the « Dossiers » and « Cofinancements » sheets with a frozen
 * header, French number and date formats and validation lists; existing sheets keep their
 * rows and their own columns (missing add-on columns are appended). Number formats are
 * en_US patterns that Sheets shows in the spreadsheet's locale, so a spreadsheet in another
 * locale is offered fr_FR.
 */
import { COFINANCERS_SHEET, DOSSIERS_SHEET } from '../app/dossier-fields';
import { documentLock } from './sidebar-api';
import { layoutSheet } from './sheets-store';

const FRENCH = 'fr_FR';

export const prepareMessages = {
  title: 'Rapporteur',
  localeTitle: 'Paramètres régionaux du classeur',
  localePrompt: (locale: string) =>
    `Ce classeur utilise les paramètres régionaux « ${locale} » : les montants s’y affichent « 47,500.00 € » et les dates à la façon de ce pays. ` +
    'Passer le classeur en français (France) pour afficher « 47 500,00 € », « 23,75 % » et « 31/03/2018 » ?',
  done: 'Les feuilles « Dossiers » et « Cofinancements » sont prêtes.',
};

/** Creates or completes both sheets; safe to run again. */
export function prepareWorkbook(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const active = ss.getActiveSheet();
  for (const [name, kind] of [
    [DOSSIERS_SHEET, 'dossiers'],
    [COFINANCERS_SHEET, 'cofinancers'],
  ] as const) {
    const sheet = ss.getSheetByName(name) ?? ss.insertSheet(name);
    layoutSheet(sheet, kind);
  }
  ss.setActiveSheet(ss.getSheetByName(DOSSIERS_SHEET) ?? active);
}

export function menuPrepareWorkbook(): void {
  const ss = SpreadsheetApp.getActive();
  documentLock().withLock(() => prepareWorkbook(ss));
  const locale = ss.getSpreadsheetLocale();
  if (locale !== FRENCH) {
    const ui = SpreadsheetApp.getUi();
    const answer = ui.alert(prepareMessages.localeTitle, prepareMessages.localePrompt(locale), ui.ButtonSet.YES_NO);
    if (answer === ui.Button.YES) ss.setSpreadsheetLocale(FRENCH);
  }
  ss.toast(prepareMessages.done, prepareMessages.title);
}
