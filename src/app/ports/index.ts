/**
 * The ports the use cases are written against (STYLE.md): each runtime (Apps Script in
 * src/gas, Node in src/local, fakes in test/) implements them in its composition root.
 * Each feature adds its own port file here and re-exports it.
 */
export interface Clock {
  /** The current instant as an ISO 8601 string (UTC). Logic never calls `new Date()`. */
  nowIso(): string;
  /** Today's calendar date in the authority's time zone, "YYYY-MM-DD". */
  todayIso(): string;
}

/** A mutual-exclusion lock around writes (LockService.getDocumentLock in Sheets). */
export interface Lock {
  /** Runs `fn` holding the lock; throws a French error when it cannot be had in time. */
  withLock<T>(fn: () => T): T;
}

export type { DossierStore } from './dossier-store';
export type { SettingsStore } from './settings-store';
export type { DocumentReader, DocumentRef, ReadDocument } from './document-reader';
export type { RunStore, RunState, ReportIndex, SessionRows, SelectionSource, SummaryTemplateStore } from './batch';
