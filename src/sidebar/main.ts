/**
 * The sidebar's entry: registers the screens, reads the document's settings (the live
 * checks follow them), then shows the screen the menu asked for.
 */
import './screens/index';
import { show } from './screens';
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
  const first = window.__RAPPORTEUR_START === 'settings' ? 'settings' : 'chooser';
  await show(first);
  // Load to first interactive screen, for the benchmark (bench/sidebar.bench.mjs).
  window.__rapporteurReady = performance.now();
  document.body.setAttribute('data-ready', 'true');
}

void start();
