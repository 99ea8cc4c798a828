import type { Settings } from '../../core/settings';

/** The authority's settings, shared by every user of one spreadsheet (document properties in Sheets). */
export interface SettingsStore {
  /** What was saved, as stored (to be checked by `resolveSettings`), or null when nothing was. */
  read(): unknown;
  write(settings: Settings): void;
}
