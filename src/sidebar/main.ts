/**
 * The sidebar's entry: registers the screens, reads the document's settings (the live
 * checks follow them), then shows the screen the menu asked for.
 */
import './screens/index';
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
  // Only a screen that stands alone: the form and the report need a dossier.
  const first = asked && hasScreen(asked) && asked !== 'form' && asked !== 'report' ? asked : 'chooser';
  await show(first);
  // Load to first interactive screen, for the benchmark (bench/sidebar.bench.mjs).
  window.__rapporteurReady = performance.now();
  document.body.setAttribute('data-ready', 'true');
}

void start();
