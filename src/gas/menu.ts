/**
 * The add-on menu. onOpen may run in AuthMode.NONE (an installed add-on in a spreadsheet
 * where it was not used yet): there it may only build the menu with createAddonMenu, so it
 * touches no other service. Menu actions run fully authorized.
 *
 * Feature owners replace the body of their action (sidebar, reports, session, audit,
 * settings); until then the action says plainly that the feature is coming.
 */
import { CUSTOM_FUNCTIONS } from './custom-functions';

const TITLE = 'Rapporteur';

const ITEMS: readonly ([caption: string, functionName: string] | 'separator')[] = [
  ['Ouvrir le formulaire', 'menuOpenSidebar'],
  ['Générer la note', 'menuGenerateReport'],
  ['Générer la séance', 'menuGenerateSession'],
  ['Vérifier une note', 'menuAuditReport'],
  'separator',
  ['Paramètres', 'menuSettings'],
  ['Aide', 'menuHelp'],
];

const TEXT = {
  comingSoon: (feature: string) =>
    `« ${feature} » n’est pas encore disponible dans cette version de Rapporteur : cette fonctionnalité arrive prochainement.\n\n` +
    'Les fonctions de calcul sont déjà utilisables dans vos formules (PRORATA, TAUX, VERIF_TAUX…) : voir Rapporteur > Aide.',
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

export function menuOpenSidebar(): void {
  alert(TEXT.comingSoon('Ouvrir le formulaire'));
}

export function menuGenerateReport(): void {
  alert(TEXT.comingSoon('Générer la note'));
}

export function menuGenerateSession(): void {
  alert(TEXT.comingSoon('Générer la séance'));
}

export function menuAuditReport(): void {
  alert(TEXT.comingSoon('Vérifier une note'));
}

export function menuSettings(): void {
  alert(TEXT.comingSoon('Paramètres'));
}

/** The help is already real: the list of custom functions, from the same table as their wrappers. */
export function menuHelp(): void {
  const lines = CUSTOM_FUNCTIONS.map((f) => `• ${f.usage}\n${f.summary}\nExemple : ${f.example}`);
  alert([TEXT.helpIntro, ...lines].join('\n\n'));
}
