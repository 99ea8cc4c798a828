import type { TemplateHandle } from './report-writer';

/**
 * What generating a council session needs beyond a single report (src/app/batch-api.ts):
 * the run's state, kept between chunks (document properties in Sheets); the index of the
 * reports already made (one Drive listing instead of one query per dossier); the rows the
 * run writes back; the selection; the summary template. Synchronous, as Apps Script is.
 */

export type ItemStatus = 'pending' | 'created' | 'up_to_date' | 'error' | 'skipped';

export interface RunItem {
  /** The dossier's id, or "#<row>" for a row without one. */
  ref: string;
  beneficiary: string;
  status: ItemStatus;
  /** Error-level findings when the run was planned (skipped unless included). */
  errors: number;
  url?: string;
  message?: string;
  /** When the item was done, ISO instant. */
  at?: string;
  /**
   * The convention attributive de subvention, for a dossier that needs one (above the
   * threshold, alone or with the year's other subsidies to the same body, or approved
   * anyway): made after the report, in the same step. Absent when none is needed.
   */
  convention?: DocumentOutcome;
}

/** One document of a run beside the report: the summary, a dossier's convention. */
export interface DocumentOutcome {
  status: Exclude<ItemStatus, 'skipped'>;
  url?: string;
  message?: string;
}

export interface RunOptions {
  includeErrors: boolean;
  regenerate: boolean;
  pdf: boolean;
  /** Google's documents per day, or null where no Google account is involved (the local default). */
  dailyQuota: number | null;
}

export interface RunState {
  v: 1;
  runId: string;
  /** The session's name, or « Sélection de N dossiers ». */
  label: string;
  session: string | null;
  options: RunOptions;
  status: 'running' | 'done' | 'cancelled';
  /** Index of the next item to process: everything before it is committed. */
  cursor: number;
  items: RunItem[];
  summary: DocumentOutcome;
  /** The chunk at work, so that a second window cannot process the same dossiers at once. */
  lease: { token: string; untilMs: number } | null;
  cancelRequested: boolean;
  /** Why the last chunk stopped early (a quota reached), for the screen. */
  stopMessage?: string;
  chunks: number;
  startedAt: string;
  updatedAt: string;
}

/** The current dossier, written after each dossier outside the lock: it only feeds the progress bar. */
export interface RunProgress {
  runId: string;
  index: number;
  ref: string;
  beneficiary: string;
}

export interface RunStore {
  load(): RunState | null;
  /** null forgets the run. */
  save(state: RunState | null): void;
  loadProgress(): RunProgress | null;
  saveProgress(progress: RunProgress): void;
}

/** A report or summary the add-on made, as its file properties say. */
export interface IndexedFile {
  fileId: string;
  url: string;
  /** The dossier's id, or the summary's key. */
  key: string;
  /** The data hash, or a pending marker while the file is not yet complete. */
  dataHash: string;
  /** The run that completed it. */
  runId?: string;
  pdf: boolean;
}

export interface ReportIndex {
  /**
   * Every report, PDF and summary the add-on made and did not trash: one listing per chunk;
   * with `key`, only those of one dossier (« Générer la note »).
   */
  list(key?: string): IndexedFile[];
  /** Marks every file carrying the pending marker as complete: its real data hash and the run. */
  complete(marker: string, dataHash: string, runId: string): void;
  trash(fileId: string): void;
}

export interface RowUpdate {
  ref: string;
  /** The « État de la note » text. */
  status: string;
  url?: string;
  atIso?: string;
}

export interface SessionRows {
  /** Writes every update of a chunk into the dossiers' rows: one read, one write. */
  write(updates: readonly RowUpdate[]): void;
}

export interface SelectionSource {
  /** The 1-based rows of the « Dossiers » sheet the user selected (none elsewhere). */
  selectedRows(): number[];
}

export interface SummaryTemplateStore {
  /** The summary template the settings name, or null when none is chosen yet. */
  open(): TemplateHandle | null;
  /** Remembers the template to use from now on (after « Créer le modèle de récapitulatif »). */
  remember(id: string): void;
}

/**
 * The convention's template, as the summary's: the one the settings name or the add-on
 * created, or null when there is none yet (the run creates the default one, which counts
 * against the day's quota).
 */
export interface ConventionTemplateStore {
  open(): TemplateHandle | null;
  remember(id: string): void;
}
