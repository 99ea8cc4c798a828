import type { TDocument } from '../../core/template/model';

/**
 * What auditing a Google Doc needs from the outside world: read a document the user may
 * open, as the abstract model the core reads (DocumentApp in Sheets, fakes in tests).
 */

/** A failure to show the user as is: its message is French and says what to do. */
export class DocumentReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentReadError';
  }
}

export interface DocumentRef {
  id: string;
  /** The address the user gave, when they gave one (openByUrl), else absent (openById). */
  url?: string;
}

export interface ReadDocument {
  name: string;
  /** Where the user can open it again. */
  url: string;
  model: TDocument;
}

export interface DocumentReader {
  /** Throws DocumentReadError when the document cannot be opened (missing, no access, not a Doc). */
  read(ref: DocumentRef): ReadDocument;
}
