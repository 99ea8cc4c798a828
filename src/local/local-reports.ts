/**
 * The report ports (src/app/ports/report-writer.ts) on local files: .docx templates and
 * reports in a folder, the link in the workbook's « Dossiers » sheet.
 *
 * The ports are synchronous, as Apps Script is, while reading and writing .docx files is
 * not: each call is one unit of work. `prepare()` reads beforehand what the ports may need
 * (the template, the properties of the reports already written); during the call the
 * writer only queues files; `flush()` writes them afterwards, all or none, before the
 * workbook is saved, and `discard()` forgets them when the call failed.
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMPUTED_COLUMNS, DOSSIER_FIELDS, DOSSIERS_SHEET } from '../app/dossier-fields';
import type { SheetOp } from '../app/dossier-table';
import { ReportPortError, type ReportLinkRecorder, type ReportTemplateSource, type ReportWriter, type TemplateHandle, type WrittenReport } from '../app/ports/report-writer';
import type { ConventionTemplateStore, IndexedFile, ReportIndex, SummaryTemplateStore } from '../app/ports/batch';
import type { SettingsStore } from '../app/ports/settings-store';
import { localReportText as T } from '../core/messages/report';
import { localBatchText as S } from '../core/messages/session';
import { summaryKey } from '../core/session';
import { DEFAULT_TEMPLATE_NAME } from '../core/template/default-template';
import { DEFAULT_SUMMARY_TEMPLATE_NAME } from '../core/template/default-summary-template';
import type { Settings } from '../core/settings';
import { conventionFileName, HASH_PROPERTY, KIND_PROPERTY, loadConventionTemplate, loadSummaryTemplate, loadTemplate, reportFileName, SESSION_PROPERTY, summaryFileName } from './commands/report';
import { docxModel, modelToDocx, readCustomProperties, renderedToDocx, type DocxTemplate } from './docx';
import { utcCodec, type LocalWorkbook } from './workbook';

export const DOSSIER_ID_PROPERTY = 'RapporteurDossierId';
export const TEMPLATE_PROPERTY = 'RapporteurTemplate';
/** Where « Créer le modèle par défaut » writes, beside the workbook (the settings keep the name only). */
export const LOCAL_TEMPLATE_NAME = 'modele-de-note.docx';
export const LOCAL_SUMMARY_TEMPLATE_NAME = 'modele-de-recapitulatif.docx';
/** The run that completed a report (« Régénérer » counts only those of the run at work). */
export const RUN_PROPERTY = 'RapporteurRun';
/** The header of the date column the link recorder adds, as the Sheets adapter does. */
export const REPORT_DATE_HEADER = 'Date de la note';

/** The preview serves the reports folder under this path: links recorded in the workbook are relative to the page. */
export const reportUrl = (fileName: string) => `reports/${encodeURIComponent(fileName)}`;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A settings value naming a local template, resolved against the workbook's folder; null for the default one. */
export function localTemplatePath(settings: Settings, baseDir: string, key: 'template' | 'summaryTemplate' | 'conventionTemplate' = 'template'): string | null {
  const ref = settings[key]?.trim();
  if (!ref || !ref.toLowerCase().endsWith('.docx')) return null;
  return isAbsolute(ref) ? ref : resolve(baseDir, ref);
}

type TemplateLoader = (path: string | undefined) => Promise<{ template: DocxTemplate; id: string; label: string }>;

/**
 * A .docx template the settings name (or the default one), read by `prepare()` so that the
 * synchronous `open()` can answer at once; read again only when the file changed.
 */
function localDocxTemplate(pathOf: () => string | null, load: TemplateLoader, text: { unreadable: (path: string, detail: string) => string; changed: string }) {
  const docxOf = new WeakMap<TemplateHandle, DocxTemplate>();
  let prepared: { path: string | null; stamp: string; handle?: TemplateHandle; error?: string } | null = null;

  async function prepare(): Promise<void> {
    const path = pathOf();
    let stamp = 'default';
    if (path) {
      try {
        const s = statSync(path);
        stamp = `${s.mtimeMs}:${s.size}`;
      } catch {
        stamp = 'missing';
      }
    }
    if (prepared && prepared.path === path && prepared.stamp === stamp) return;
    try {
      const loaded = await load(path ?? undefined);
      const handle: TemplateHandle = { id: loaded.id, name: path ? basename(path) : loaded.label, model: docxModel(loaded.template) };
      docxOf.set(handle, loaded.template);
      prepared = { path, stamp, handle };
    } catch (e) {
      // Kept for open(): a bad template must not stop the calls that do not need one.
      prepared = { path, stamp, error: text.unreadable(path ?? '', message(e)) };
    }
  }

  const open = (): TemplateHandle => {
    if (!prepared) throw new Error('Le modèle n’a pas été préparé avant l’appel.');
    if (prepared.path !== pathOf()) throw new ReportPortError(text.changed);
    if (prepared.error) throw new ReportPortError(prepared.error);
    return prepared.handle!;
  };
  return { prepare, open, docxOf: (h: TemplateHandle) => docxOf.get(h) };
}

/** The report's template the settings name, read by `prepare()` so that `open()` can answer at once. */
export function localTemplateSource(settings: () => Settings, baseDir: string) {
  const t = localDocxTemplate(() => localTemplatePath(settings(), baseDir), loadTemplate, { unreadable: T.templateUnreadable, changed: T.templateChanged });
  const source: ReportTemplateSource = { open: t.open };
  // The default convention is always at hand here (no Doc to create first): nothing to remember.
  const store: ConventionTemplateStore = { open: t.open, remember: () => undefined };
  return { prepare: t.prepare, source, store, docxOf: t.docxOf };
}

/** The convention's template: the .docx the settings name as `conventionTemplate`, or the default convention. */
export function localConventionTemplateSource(settings: () => Settings, baseDir: string) {
  const t = localDocxTemplate(() => localTemplatePath(settings(), baseDir, 'conventionTemplate'), loadConventionTemplate, { unreadable: T.conventionTemplateUnreadable, changed: T.templateChanged });
  const source: ReportTemplateSource = { open: t.open };
  // The default convention is always at hand here (no Doc to create first): nothing to remember.
  const store: ConventionTemplateStore = { open: t.open, remember: () => undefined };
  return { prepare: t.prepare, source, store, docxOf: t.docxOf };
}

/**
 * The session summary's template: the .docx the settings name as `summaryTemplate`, or the
 * default one (so a run never needs to create one first, unlike in Drive).
 */
export function localSummaryTemplates(settings: () => Settings, baseDir: string, settingsStore: SettingsStore) {
  const t = localDocxTemplate(() => localTemplatePath(settings(), baseDir, 'summaryTemplate'), loadSummaryTemplate, { unreadable: S.summaryTemplateUnreadable, changed: S.summaryTemplateChanged });
  const store: SummaryTemplateStore = {
    open: t.open,
    remember(id) {
      settingsStore.write({ ...settings(), summaryTemplate: id });
    },
  };
  return { prepare: t.prepare, store, docxOf: t.docxOf };
}

interface Pending {
  path: string;
  bytes: () => Promise<Uint8Array>;
  /** A report's custom properties, still open to `complete()` until the file is written. */
  properties?: Record<string, string>;
}

/** Where « Créer le modèle par défaut » and « Créer le modèle de récapitulatif » write, beside the workbook. */
const TEMPLATE_FILES: Readonly<Record<string, string>> = { [DEFAULT_TEMPLATE_NAME]: LOCAL_TEMPLATE_NAME, [DEFAULT_SUMMARY_TEMPLATE_NAME]: LOCAL_SUMMARY_TEMPLATE_NAME };

/**
 * Reports as .docx files in `dir`, named as `rapporteur report` names them and carrying the
 * same custom properties, so that the command line and the preview agree on « à jour ».
 * Its index (the ReportIndex port) reads those properties: a report's dossier id, or a
 * summary's session, and the data hash, or the pending marker of a report not complete.
 */
export function localReportFiles(opts: {
  dir: string;
  templateDir: string;
  docxOf: (h: TemplateHandle) => DocxTemplate | undefined;
  /** The stored beneficiary of a dossier: the file name is the command line's. */
  beneficiaryOf: (dossierId: string) => string | undefined;
  /** The session (or selection) a summary key stands for: a write under that key is the session's summary. */
  sessionOf?: (key: string) => string | undefined;
}) {
  const known = new Map<string, { stamp: string; props: Record<string, string> }>();
  const pending = new Map<string, Pending>();
  const trashed = new Set<string>();

  /** Reads the properties of the reports written since the last call (by the preview, the command line or a person). */
  async function prepare(): Promise<void> {
    let names: string[] = [];
    try {
      names = readdirSync(opts.dir).filter((f) => f.toLowerCase().endsWith('.docx'));
    } catch {
      // No folder (yet) or not a folder: nothing written before; a write will say why it fails.
    }
    for (const name of [...known.keys()]) if (!names.includes(name)) known.delete(name);
    for (const name of names) {
      const path = join(opts.dir, name);
      let stamp: string;
      try {
        const s = statSync(path);
        stamp = `${s.mtimeMs}:${s.size}`;
      } catch {
        continue;
      }
      if (known.get(name)?.stamp === stamp) continue;
      known.set(name, { stamp, props: await readCustomProperties(readFileSync(path)) });
    }
  }

  const writer: ReportWriter = {
    write({ template, rendered, dossierId, dataHash, pdf, kind }): WrittenReport {
      if (pdf) throw new ReportPortError(T.noPdf);
      const docx = opts.docxOf(template);
      if (!docx) throw new Error(`Modèle non préparé : ${template.name}`);
      const session = opts.sessionOf?.(dossierId);
      const convention = kind === 'convention';
      const name = session !== undefined && !convention ? summaryFileName(session) : (convention ? conventionFileName : reportFileName)(dossierId || 'dossier', opts.beneficiaryOf(dossierId));
      const properties: Record<string, string> =
        session !== undefined && !convention
          ? { [HASH_PROPERTY]: dataHash, [SESSION_PROPERTY]: session, [TEMPLATE_PROPERTY]: template.id }
          : { [HASH_PROPERTY]: dataHash, [DOSSIER_ID_PROPERTY]: dossierId, [TEMPLATE_PROPERTY]: template.id, ...(convention ? { [KIND_PROPERTY]: 'convention' } : {}) };
      const path = join(opts.dir, name);
      pending.set(path, { path, properties, bytes: () => renderedToDocx(docx, rendered, properties) });
      return { fileId: name, url: reportUrl(name) };
    },

    createTemplate(model, name) {
      const file = TEMPLATE_FILES[name] ?? LOCAL_TEMPLATE_NAME;
      const path = join(opts.templateDir, file);
      pending.set(path, { path, bytes: () => modelToDocx(model, name) });
      return { id: file, url: pathToFileURL(path).href };
    },
  };

  const index: ReportIndex = {
    list(key) {
      const files: IndexedFile[] = [];
      for (const [name, { props }] of known) {
        const session = props[SESSION_PROPERTY];
        const fileKey = props[DOSSIER_ID_PROPERTY] ?? (session !== undefined ? summaryKey(session) : undefined);
        const hash = props[HASH_PROPERTY];
        if (trashed.has(name) || fileKey === undefined || hash === undefined || (key !== undefined && fileKey !== key)) continue;
        files.push({ fileId: name, url: reportUrl(name), key: fileKey, dataHash: hash, ...(props[RUN_PROPERTY] ? { runId: props[RUN_PROPERTY] } : {}), pdf: false });
      }
      return files;
    },
    // The files of a call are written after it, all at once: a file marked pending is still
    // in the queue when its call completes it, so the marker never reaches the disk unless
    // the call recorded an error between the two (the file is then trashed on the next run).
    complete(marker, dataHash, runId) {
      for (const job of pending.values()) {
        if (job.properties?.[HASH_PROPERTY] !== marker) continue;
        job.properties[HASH_PROPERTY] = dataHash;
        job.properties[RUN_PROPERTY] = runId;
      }
    },
    trash(fileId) {
      trashed.add(basename(fileId));
    },
  };

  /**
   * Writes the queued files: every one to a temporary file first, then each renamed over its
   * name, so a failure while making or writing any of them leaves the folder as it was. Then
   * removes the files trashed (a report the same call wrote again under that name stays).
   */
  async function flush(): Promise<string[]> {
    const jobs = [...pending.values()];
    const gone = [...trashed].map((name) => join(opts.dir, name)).filter((path) => !pending.has(path));
    pending.clear();
    trashed.clear();
    const staged: { tmp: string; path: string }[] = [];
    try {
      for (const job of jobs) {
        const tmp = `${job.path}.${process.pid}.tmp`;
        staged.push({ tmp, path: job.path });
        writeFileSync(tmp, await job.bytes());
      }
    } catch (e) {
      for (const { tmp } of staged) if (existsSync(tmp)) unlinkSync(tmp);
      throw new ReportPortError(T.writeFailed(message(e)));
    }
    for (const { tmp, path } of staged) renameSync(tmp, path);
    for (const path of gone) {
      try {
        unlinkSync(path);
      } catch {
        // A half-made file that stays is still marked pending: the next run trashes it again.
      }
    }
    return staged.map((s) => s.path);
  }

  const discard = () => {
    pending.clear();
    trashed.clear();
  };
  return { prepare, writer, index, flush, discard, pendingCount: () => pending.size };
}

/** Records the link and the date in the dossier's row, adding the columns when missing (as in Sheets). */
export function workbookReportLinks(workbook: LocalWorkbook): ReportLinkRecorder {
  const idHeader = DOSSIER_FIELDS.find((f) => f.path === 'id')!.header;
  return {
    recordReportLink(dossierId, url, dateIso) {
      const grid = workbook.snapshot(DOSSIERS_SHEET)?.values;
      if (!grid) throw new ReportPortError(T.noSheet);
      const header = (grid[0] ?? []).map((h) => String(h).trim());
      const idCol = header.indexOf(idHeader);
      const row = idCol < 0 ? -1 : grid.findIndex((r, i) => i > 0 && String(r[idCol] ?? '').trim() === dossierId);
      if (row < 0) throw new ReportPortError(T.noRow(dossierId));
      const ops: SheetOp[] = [];
      let linkCol = header.indexOf(COMPUTED_COLUMNS.reportLink);
      let dateCol = header.indexOf(REPORT_DATE_HEADER);
      let next = header.length;
      for (const [h, set] of [
        [COMPUTED_COLUMNS.reportLink, (c: number) => (linkCol = c)],
        [REPORT_DATE_HEADER, (c: number) => (dateCol = c)],
      ] as const) {
        if (header.includes(h)) continue;
        ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row: 1, column: next + 1, values: [[h]] });
        set(next++);
      }
      ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row: row + 1, column: linkCol + 1, values: [[url]] });
      ops.push({ op: 'write', sheet: DOSSIERS_SHEET, row: row + 1, column: dateCol + 1, values: [[utcCodec.isoToCell(dateIso)]] });
      workbook.apply(ops);
    },
  };
}
