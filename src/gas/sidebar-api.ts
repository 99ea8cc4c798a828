/**
 * The google.script.run entry points of the sidebar, bound to the Apps Script adapters.
 * Each call builds its ports afresh: an Apps Script execution serves one call, and top-level
 * code must not touch services (it also runs for every custom-function cell).
 */
import { dossierApi, type DossierApi, type SaveRequest, type SettingsForm } from '../app/dossier-api';
import { dossierMessages } from '../app/dossier-messages';
import type { DossierInput } from '../core/dossier';
import type { Settings } from '../core/settings';
import type { Lock } from '../app/ports';
import type { SettingsStore } from '../app/ports/settings-store';
import { sheetsDossierStore } from './sheets-store';

const SETTINGS_KEY = 'rapporteur.settings';
/** How long a save waits for another user's save to finish before giving up. */
const LOCK_WAIT_MS = 10000;

/** LockService's document lock: every user of this spreadsheet, not every user of the add-on. */
export function documentLock(): Lock {
  return {
    withLock<T>(fn: () => T): T {
      const lock = LockService.getDocumentLock();
      if (!lock.tryLock(LOCK_WAIT_MS)) throw new Error(dossierMessages.lockBusy());
      try {
        return fn();
      } finally {
        lock.releaseLock();
      }
    },
  };
}

/** Settings in document properties: shared by the users of this spreadsheet. */
export function documentSettingsStore(): SettingsStore {
  return {
    read() {
      const text = PropertiesService.getDocumentProperties().getProperty(SETTINGS_KEY);
      if (!text) return null;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return null;
      }
    },
    write(settings: Settings) {
      PropertiesService.getDocumentProperties().setProperty(SETTINGS_KEY, JSON.stringify(settings));
    },
  };
}

function api(): DossierApi {
  return dossierApi({ store: sheetsDossierStore(SpreadsheetApp.getActive()), settings: documentSettingsStore(), lock: documentLock() });
}

export function listDossiers() {
  return api().listDossiers();
}
export function loadDossier(ref: string) {
  return api().loadDossier(ref);
}
export function loadActiveDossier() {
  return api().loadActiveDossier();
}
export function checkDossierData(dossier: DossierInput) {
  return api().checkDossierData(dossier);
}
export function saveDossier(request: SaveRequest) {
  return api().saveDossier(request);
}
export function getSettings() {
  return api().getSettings();
}
export function saveSettings(form: Partial<SettingsForm>) {
  return api().saveSettings(form);
}

// The report, audit and beneficiary screens' functions live beside their adapters; listed here
// too so that SIDEBAR_FUNCTIONS names only functions of this module. They are called at run
// time only, so the import cycle with those modules (which use documentLock) is harmless.
export { listReportFields, checkReportTemplate, generateReport, generateConvention, conventionStatus, createDefaultTemplate } from './docs-report';
export { auditText, auditGoogleDoc } from './docs-audit';
export { listBeneficiaries, beneficiaryContext } from './beneficiaries';

/** The names the sidebar may call (the local preview and the tests' google.script.run use this list). */
export const SIDEBAR_FUNCTIONS = [
  'listDossiers', 'loadDossier', 'loadActiveDossier', 'checkDossierData', 'saveDossier', 'getSettings', 'saveSettings',
  'listReportFields', 'checkReportTemplate', 'generateReport', 'createDefaultTemplate', 'generateConvention', 'conventionStatus',
  'auditText', 'auditGoogleDoc',
  'listBeneficiaries', 'beneficiaryContext',
] as const;

/** The screens a menu item may open the sidebar on (src/sidebar registers them by these ids). */
const START_SCREENS = ['chooser', 'settings', 'audit', 'active-report'] as const;

/** The sidebar, built into dist/Sidebar.html, opened on one of its screens. */
export function openSidebar(screen: (typeof START_SCREENS)[number] = 'chooser'): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Rapporteur');
  // A constant from the list above, never user data: the page reads it before its first render.
  if (screen !== 'chooser' && START_SCREENS.includes(screen)) html.append(`<script>window.__RAPPORTEUR_START=${JSON.stringify(screen)}</script>`);
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Menu « Générer la note »: the report screen of the dossier on the active row of « Dossiers ». */
export function openReportPanel(): void {
  openSidebar('active-report');
}

/** Menu « Générer la convention »: the same report screen, where « Générer la convention » sits beside the note. */
export function openConventionPanel(): void {
  openSidebar('active-report');
}

/** Menu « Paramètres »: the sidebar on its settings panel. */
export function openSettings(): void {
  openSidebar('settings');
}
