/**
 * How a report is filed, for « Générer la note » and the session batch alike, so that no cut
 * (the 6-minute limit, a closed sidebar, a service error the cleanup could not answer)
 * leaves a blank copy that a later call would take for a finished report:
 * - while the template is copied and filled, the file carries a pending marker where its
 *   data hash goes; it gets the data hash only once complete;
 * - a pending file is what a cut left half-made: it goes to the trash, and the report is
 *   made again;
 * - only a complete file whose data hash matches counts as « à jour ».
 */
import type { IndexedFile, ReportIndex } from './ports/batch';
import type { ReportWriter, WriteRequest, WrittenReport } from './ports/report-writer';

const PENDING = 'p-';

/** The data hash a file carries while it is being made: never equal to a real hash. */
export const pendingMarker = (runId: string, hash: string) => `${PENDING}${runId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}-${hash}`;

export const isPending = (f: IndexedFile) => f.dataHash.startsWith(PENDING);

/** Trashes what a cut left half-made for `key`, and drops it from `files` (the listing the caller goes on using). */
export function trashPending(index: ReportIndex, files: IndexedFile[], key: string): void {
  for (const f of files.filter((x) => x.key === key && isPending(x))) {
    index.trash(f.fileId);
    files.splice(files.indexOf(f), 1);
  }
}

/** The complete report (or PDF) of `key` made from this data; with `runId`, only one that run completed. */
export function findComplete(files: readonly IndexedFile[], key: string, hash: string, opts: { runId?: string; pdf?: boolean } = {}): IndexedFile | null {
  return files.find((f) => f.pdf === !!opts.pdf && !isPending(f) && f.key === key && f.dataHash === hash && (opts.runId === undefined || f.runId === opts.runId)) ?? null;
}

/**
 * Copies and fills the template with the file marked pending, then marks it complete with
 * the request's data hash. A cut anywhere before the end leaves at most a pending file.
 */
export function fileReport(writer: ReportWriter, index: ReportIndex, request: WriteRequest, runId: string): WrittenReport {
  const marker = pendingMarker(runId, request.dataHash);
  const written = writer.write({ ...request, dataHash: marker });
  index.complete(marker, request.dataHash, runId);
  return written;
}
