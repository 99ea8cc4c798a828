/**
 * The add-on menu. onOpen may run in AuthMode.NONE (an installed add-on in a spreadsheet
 * where it was not used yet): there it may only build the menu with createAddonMenu, so it
 * touches no other service. Menu actions run fully authorized.
 */
import { CUSTOM_FUNCTIONS } from './custom-functions';

const TITLE = 'Rapporteur';

// Each item names the top-level function (a generated wrapper) it runs. onOpen stays in the
// small bundle every custom-function cell loads, so it names the actions, never imports them.
const ITEMS: readonly ([caption: string, functionName: string] | 'separator')[] = [
  ['Ouvrir le formulaire', 'openSidebar'],
  ['Générer la note', 'openReportPanel'],
  ['Générer la convention', 'openConventionPanel'],
  ['Générer la séance', 'openSessionPanel'],
  ['Vérifier une note', 'openAuditPanel'],
  'separator',
  ['Préparer le classeur', 'menuPrepareWorkbook'],
  ['Exporter les données essentielles', 'menuExportOpenData'],
  'separator',
  ['Paramètres', 'openSettings'],
  ['Aide', 'menuHelp'],
];

const TEXT = {
  helpIntro: 'Fonctions de calcul de Rapporteur, à utiliser dans vos formules (une cellule ou des colonnes entières) :',
};

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of ITEMS) {
    if (item === 'separator') menu.addSeparator();
    else menu.addItem(item[0], item[1]);
  }
  menu.addToUi();
}

/** Installing from the Marketplace does not reopen the spreadsheet: build the menu now. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

function alert(message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert(TITLE, message, ui.ButtonSet.OK);
}

/** The list of custom functions, from the same table as their wrappers. */
export function menuHelp(): void {
  const lines = CUSTOM_FUNCTIONS.map((f) => `• ${f.usage}\n${f.summary}\nExemple : ${f.example}`);
  alert([TEXT.helpIntro, ...lines].join('\n\n'));
}
