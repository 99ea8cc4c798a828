import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import type { SettingsView } from '../app/dossier-api';
import { call } from './rpc';

/** What every screen shares: the document's settings, which the live checks follow. */
export const app = {
  settings: { ...DEFAULT_SETTINGS } as Settings,
  /** The settings could not be read: the checks run with the defaults, and the form says so. */
  settingsError: '' as string,
};

export async function loadSettings(): Promise<SettingsView | null> {
  try {
    const view = await call<SettingsView>('getSettings');
    app.settings = view.settings;
    app.settingsError = '';
    return view;
  } catch (e) {
    app.settingsError = (e as Error).message;
    return null;
  }
}
