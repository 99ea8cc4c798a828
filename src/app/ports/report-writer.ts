import type { DossierInput } from '../../core/dossier';
import type { TDocument } from '../../core/template/model';
import type { RenderedDocument } from '../../core/template/render';
import type { DocumentKind } from '../../core/report-hash';

/**
 * What generating a report needs from the outside world (Google Docs and Drive in Sheets;
 * fakes in tests). Synchronous, as Apps Script services are.
 */

/** A failure to show the user as is: its message is French and says what to do. */
export class ReportPortError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportPortError';
  }
}

export interface TemplateHandle {
  /** Stable id of the template (Doc id, or "default@…"): part of the data hash. */
  id: string;
  name: string;
  model: TDocument;
}

export interface ReportTemplateSource {
  /** Opens the template the settings name; throws ReportPortError when it cannot be opened. */
  open(): TemplateHandle;
}

export interface WrittenReport {
  fileId: string;
  url: string;
  pdfUrl?: string;
}

export interface WriteRequest {
  template: TemplateHandle;
  rendered: RenderedDocument;
  /** The file name: beneficiary and date. */
  name: string;
  dossierId: string;
  dataHash: string;
  pdf: boolean;
  /** The convention approved with the subsidy, or the report (when absent): written under its own name and marked with its kind. */
  kind?: DocumentKind;
}

export interface ReportWriter {
  /**
   * Copies the template and fills the copy, the file carrying `dossierId` and `dataHash`
   * (src/app/report-filing.ts: a pending marker until complete); leaves nothing behind when
   * it fails and can still clean up.
   */
  write(request: WriteRequest): WrittenReport;
  /** Creates a template (the default one) in the user's Drive, for the user to edit. */
  createTemplate(model: TDocument, name: string): { id: string; url: string };
}

/** Records where a dossier's report is: the « Lien de la note » and « Date de la note » cells of its row. */
export interface ReportLinkRecorder {
  recordReportLink(dossierId: string, url: string, dateIso: string): void;
}

export interface DossierLookup {
  /** The dossier the sidebar names (its id or row reference), or null. */
  getDossier(ref: string): DossierInput | null;
  /**
   * Every other dossier of the sheet (all but the one `ref` names), for the beneficiary's
   * yearly total (CONVENTION_REQUIRED_CUMULATED). Absent: the dossier is checked alone.
   */
  otherDossiers?(ref: string): DossierInput[];
}
