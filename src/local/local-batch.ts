/**
 * The session batch's ports (src/app/ports/batch.ts) on local files, for the preview: the
 * run's state in a JSON file and its journal beside the workbook, the rows of the workbook's
 * « Dossiers » sheet, the row the page shows as selected. The reports, their index and the
 * summary's template are src/local/local-reports.ts's, shared with « Générer la note ».
 *
 * As there, each preview call is one unit of work: `prepare()` reads the run before the
 * call, `flush()` writes it after the call's reports (a run never says « créée » for a
 * report not on disk), and `discard()` forgets what a failed call changed.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { COMPUTED_COLUMNS, DOSSIER_FIELDS, DOSSIERS_SHEET } from '../app/dossier-fields';
import type { CellValue, SheetOp } from '../app/dossier-table';
import { headerIndex, headerKey, textCell } from '../app/dossier-table';
import type { RunItem, RunProgress, RunState, RunStore, SelectionSource, SessionRows } from '../app/ports/batch';
import { ReportPortError } from '../app/ports/report-writer';
import { batchAdapterText, batchText } from '../core/messages/session';
import { REPORT_DATE_HEADER } from './local-reports';
import type { LocalWorkbook } from './workbook';

/** `dossiers.xlsx` → `dossiers.seance.json`, beside it: the run belongs to that workbook. */
export function runFilePath(workbookPath: string): string {
  return join(dirname(workbookPath), `${basename(workbookPath, extname(workbookPath))}.seance.json`);
}

/** `dossiers.seance.json` → `dossiers.seance.journal`: the chunks' changes since that state was written whole. */
export function runJournalPath(runPath: string): string {
  return `${runPath.replace(/\.json$/i, '')}.journal`;
}

type Header = Omit<RunState, 'items'>;
/** The state file as written whole: the run, and the token its journal's lines must carry. */
type Snapshot = RunState & { journal?: string };
/** One line of the journal: what one call changed, the rest of the run as it was. */
interface JournalLine {
  /** The snapshot's token: a line left from an older snapshot is not this one's. */
  base: string;
  seq: number;
  header: Header;
  /** The items the call replaced, by position. */
  items: [number, RunItem][];
}

const headerOf = (state: RunState): Header => {
  const { items: _items, ...header } = state;
  return JSON.parse(JSON.stringify(header)) as Header;
};
/**
 * The state the use case works on: the header copied (a few fields), the items shared. The
 * use case replaces an item when it changes it, never edits one in place (they are frozen
 * here, so an edit in place would throw): an item is changed exactly when its reference is.
 */
const working = (state: RunState | null): RunState | null => (state === null ? null : { ...headerOf(state), items: state.items.slice() });
const frozen = (state: RunState): RunState => {
  for (const item of state.items) Object.freeze(item);
  return state;
};
const statOf = (path: string): string | null => {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return null;
  }
};

/**
 * Reads the run as the files hold it: the state written whole, then each line of its journal
 * in order. A last line cut short (a stop while it was appended) is left out: that call's
 * reports are on disk, and the next chunk finds them up to date. `goodBytes`: the journal's
 * length up to its last whole line.
 */
export function readRunFiles(path: string): { state: RunState | null; base: string | null; seq: number; journalBytes: number; goodBytes: number } {
  const none = { state: null, base: null, seq: 0, journalBytes: 0, goodBytes: 0 };
  if (!existsSync(path)) return none;
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  } catch {
    // Unreadable or from another version: as in Sheets, no run (the next start replaces it).
    return none;
  }
  if (!snapshot || snapshot.v !== 1 || !Array.isArray(snapshot.items)) return none;
  const base = snapshot.journal ?? null;
  delete snapshot.journal;
  let state: RunState = snapshot;
  let seq = 0;
  let journalBytes = 0;
  let goodBytes = 0;
  const journal = runJournalPath(path);
  if (base && existsSync(journal)) {
    const bytes = readFileSync(journal);
    journalBytes = bytes.length;
    let at = 0;
    while (at < bytes.length) {
      const end = bytes.indexOf(0x0a, at);
      if (end < 0) break;
      let line: JournalLine;
      try {
        line = JSON.parse(bytes.subarray(at, end).toString('utf8')) as JournalLine;
      } catch {
        break;
      }
      if (line.base !== base || line.seq !== seq + 1) break;
      const items = state.items.slice();
      for (const [i, item] of line.items) if (i >= 0 && i < items.length) items[i] = item;
      state = { ...line.header, items };
      seq = line.seq;
      at = end + 1;
      goodBytes = at;
    }
  }
  return { state: frozen(state), base, seq, journalBytes, goodBytes };
}

/**
 * The run in two files beside the workbook, so that a chunk's write costs what the chunk
 * changed, not what the run holds:
 * - `….seance.json`, the run written whole (to a temporary file renamed over it, so a stop
 *   in the middle leaves the previous one): when a run starts, when it ends (done,
 *   cancelled), and when its journal has grown past the state itself;
 * - `….seance.journal`, one line appended per call in between: the run's few header fields
 *   and the items the call replaced. A line counts once whole (a stop while appending
 *   leaves a cut line, left out and trimmed off); each carries the token of the state it
 *   follows, so a journal left beside a newer state is not read into it.
 * Between calls the run stays in memory as long as neither file changed on disk.
 * The current dossier (progress) stays in memory: one call at a time, nobody can ask for it
 * while a chunk works.
 */
export function localRunStore(path: string, opts: { newToken?: () => string } = {}) {
  const journal = runJournalPath(path);
  const newToken = opts.newToken ?? (() => randomUUID());
  let saved: RunState | null = null;
  let current: RunState | null = null;
  let dirty = false;
  let progress: RunProgress | null = null;
  /** The journal's token and last line, and both files' stamps when this store last read or wrote them. */
  let base: string | null = null;
  let seq = 0;
  let journalBytes = 0;
  let snapshotBytes = 0;
  let stamps: string | null = null;
  const stampNow = () => `${statOf(path)}|${statOf(journal)}`;

  async function prepare(): Promise<void> {
    // Unchanged on disk since this store wrote them: what is in memory is what they hold.
    if (stamps === null || stamps !== stampNow()) {
      const read = readRunFiles(path);
      // A cut last line is trimmed off, so that the next line starts on a line of its own.
      if (read.goodBytes < read.journalBytes) truncateSync(journal, read.goodBytes);
      saved = read.state;
      base = read.base;
      seq = read.seq;
      journalBytes = read.goodBytes;
      snapshotBytes = existsSync(path) ? statSync(path).size : 0;
      stamps = stampNow();
    }
    current = working(saved);
    dirty = false;
  }

  const store: RunStore = {
    // A copy each time, as document properties give: the use case changes what it loads.
    load: () => working(current),
    save(state) {
      current = working(state);
      dirty = true;
    },
    loadProgress: () => progress,
    saveProgress(p) {
      progress = { ...p };
    },
  };

  function writeWhole(state: RunState): void {
    const token = newToken();
    const text = JSON.stringify({ ...state, journal: token } satisfies Snapshot, null, 1);
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, text);
      renameSync(tmp, path);
    } catch (e) {
      if (existsSync(tmp)) unlinkSync(tmp);
      throw e;
    }
    // The old journal belongs to the old token: removing it is tidiness, not correctness.
    if (existsSync(journal)) unlinkSync(journal);
    base = token;
    seq = 0;
    journalBytes = 0;
    snapshotBytes = Buffer.byteLength(text);
  }

  function append(state: RunState, before: RunState): void {
    const items: [number, RunItem][] = [];
    // Comparing references is all the scan costs: the items written are only those replaced.
    for (let i = 0; i < state.items.length; i++) {
      const item = state.items[i]!;
      if (item !== before.items[i]) items.push([i, Object.freeze(item)]);
    }
    const line = `${JSON.stringify({ base: base!, seq: seq + 1, header: headerOf(state), items } satisfies JournalLine)}\n`;
    appendFileSync(journal, line);
    seq++;
    journalBytes += Buffer.byteLength(line);
  }

  async function flush(): Promise<void> {
    if (!dirty) return;
    const next = current;
    stamps = null;
    if (next === null) {
      if (existsSync(path)) unlinkSync(path);
      if (existsSync(journal)) unlinkSync(journal);
      base = null;
    } else {
      const sameRun = saved !== null && base !== null && saved.runId === next.runId && saved.items.length === next.items.length;
      // Whole when the run starts or ends, or when replaying the journal would cost more than reading the state.
      if (!sameRun || next.status !== 'running' || journalBytes > Math.max(snapshotBytes, 64 * 1024)) {
        writeWhole(next);
        frozen(next);
      } else append(next, saved!);
    }
    saved = next;
    stamps = stampNow();
    dirty = false;
  }

  function discard(): void {
    current = working(saved);
    dirty = false;
  }

  return { prepare, store, flush, discard };
}

/**
 * Writes « État de la note », « Lien de la note » and « Date de la note » of every dossier a
 * chunk processed into the workbook's « Dossiers » sheet, adding the missing columns after
 * the last, as the Sheets adapter does; the date is the day (in the authority's zone) of
 * the instant the dossier was done, as the single report's link records it.
 */
export function workbookSessionRows(workbook: LocalWorkbook, dayOf: (iso: string) => CellValue): SessionRows {
  const idHeader = DOSSIER_FIELDS.find((f) => f.path === 'id')!.header;
  return {
    write(updates) {
      if (!updates.length) return;
      const grid = workbook.snapshot(DOSSIERS_SHEET)?.values;
      if (!grid) throw new ReportPortError(batchAdapterText.rowsNoSheet);
      const header = (grid[0] ?? []) as CellValue[];
      const index = headerIndex(header);
      const ops: SheetOp[] = [];
      let next = header.length;
      while (next > 0 && header[next - 1] === '') next--;
      for (const h of [batchText.statusHeader, COMPUTED_COLUMNS.reportLink, REPORT_DATE_HEADER]) {
        if (index.has(headerKey(h))) continue;
        ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row: 1, column: next + 1, values: [[h]] });
        index.set(headerKey(h), next++);
      }
      const col = (h: string) => index.get(headerKey(h))! + 1;
      const id = index.get(headerKey(idHeader));
      // One pass for the ids: a chunk's updates looked up one by one were rows × updates.
      const rowById = new Map<string, number>();
      if (id !== undefined) {
        for (let i = grid.length - 1; i > 0; i--) rowById.set(String(grid[i]![id] ?? '').trim(), i + 1);
      }
      const rowOf = (ref: string): number => {
        if (/^#\d+$/.test(ref)) return Number(ref.slice(1));
        return rowById.get(ref) ?? -1;
      };
      for (const u of updates) {
        const row = rowOf(u.ref);
        if (row < 2) continue;
        ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row, column: col(batchText.statusHeader), values: [[textCell(u.status)]] });
        if (u.url) ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row, column: col(COMPUTED_COLUMNS.reportLink), values: [[u.url]] });
        if (u.atIso) ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row, column: col(REPORT_DATE_HEADER), values: [[dayOf(u.atIso)]] });
      }
      workbook.apply(ops);
    },
  };
}

/** The row the page shows as selected in its « Dossiers » table (the preview's only selection). */
export function workbookSelection(workbook: LocalWorkbook): SelectionSource {
  return {
    selectedRows() {
      const row = workbook.activeRowNumber();
      return row === null ? [] : [row];
    },
  };
}
