/**
 * The sidebar's entry: registers the screens, reads the document's settings (the live
 * checks follow them), then shows the screen the menu asked for.
 */
import './screens/index';
import type { LoadedDossier } from '../app/dossier-api';
import { announce } from './dom';
import { call } from './rpc';
import { hasScreen, show } from './screens';
import { loadSettings } from './state';

declare global {
  interface Window {
    /** Set by the server when a menu item opens the sidebar on a given screen. */
    __RAPPORTEUR_START?: string;
    __rapporteurReady?: number;
  }
}

async function start(): Promise<void> {
  await loadSettings();
  // The server appends the start screen's script after the page (HtmlOutput.append): the
  // parser may run it only after the settings came back, so wait for the whole document.
  if (document.readyState === 'loading') await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  const asked = window.__RAPPORTEUR_START;
  if (asked === 'active-report') await showActiveReport();
  else {
    // Only a screen that stands alone: the form and the report need a dossier.
    const first = asked && hasScreen(asked) && asked !== 'form' && asked !== 'report' ? asked : 'chooser';
    await show(first);
  }
  // Load to first interactive screen, for the benchmark (bench/sidebar.bench.mjs).
  window.__rapporteurReady = performance.now();
  document.body.setAttribute('data-ready', 'true');
}

/** Menu « Générer la note »: the report screen of the dossier on the active row, else the list and why. */
async function showActiveReport(): Promise<void> {
  try {
    const loaded = await call<LoadedDossier>('loadActiveDossier');
    await show('report', { ref: loaded.ref, dossier: loaded.dossier });
  } catch (e) {
    await show('chooser');
    announce(`${e instanceof Error ? e.message : String(e)} Choisissez le dossier dans la liste.`, 'error');
  }
}

void start();
