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
import { localReportText as T } from '../core/messages/report';
import type { Settings } from '../core/settings';
import { HASH_PROPERTY, loadTemplate, reportFileName } from './commands/report';
import { docxModel, modelToDocx, readCustomProperties, renderedToDocx, type DocxTemplate } from './docx';
import { utcCodec, type LocalWorkbook } from './workbook';

export const DOSSIER_ID_PROPERTY = 'RapporteurDossierId';
export const TEMPLATE_PROPERTY = 'RapporteurTemplate';
/** Where « Créer le modèle par défaut » writes, beside the workbook (the settings keep the name only). */
export const LOCAL_TEMPLATE_NAME = 'modele-de-note.docx';
/** The header of the date column the link recorder adds, as the Sheets adapter does. */
export const REPORT_DATE_HEADER = 'Date de la note';

/** The preview serves the reports folder under this path: links recorded in the workbook are relative to the page. */
export const reportUrl = (fileName: string) => `reports/${encodeURIComponent(fileName)}`;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A settings value naming a local template, resolved against the workbook's folder; null for the default one. */
export function localTemplatePath(settings: Settings, baseDir: string): string | null {
  const ref = settings.template?.trim();
  if (!ref || !ref.toLowerCase().endsWith('.docx')) return null;
  return isAbsolute(ref) ? ref : resolve(baseDir, ref);
}

/** The template the settings name, read by `prepare()` so that `open()` can answer at once. */
export function localTemplateSource(settings: () => Settings, baseDir: string) {
  const docxOf = new WeakMap<TemplateHandle, DocxTemplate>();
  let prepared: { path: string | null; stamp: string; handle?: TemplateHandle; error?: string } | null = null;

  async function prepare(): Promise<void> {
    const path = localTemplatePath(settings(), baseDir);
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
      const loaded = await loadTemplate(path ?? undefined);
      const handle: TemplateHandle = { id: loaded.id, name: path ? basename(path) : loaded.label, model: docxModel(loaded.template) };
      docxOf.set(handle, loaded.template);
      prepared = { path, stamp, handle };
    } catch (e) {
      // Kept for open(): a bad template must not stop the calls that do not need one.
      prepared = { path, stamp, error: T.templateUnreadable(path ?? '', message(e)) };
    }
  }

  const source: ReportTemplateSource = {
    open(): TemplateHandle {
      if (!prepared) throw new Error('Le modèle de note n’a pas été préparé avant l’appel.');
      if (prepared.path !== localTemplatePath(settings(), baseDir)) throw new ReportPortError(T.templateChanged);
      if (prepared.error) throw new ReportPortError(prepared.error);
      return prepared.handle!;
    },
  };
  return { prepare, source, docxOf: (h: TemplateHandle) => docxOf.get(h) };
}

interface Pending {
  path: string;
  bytes: () => Promise<Uint8Array>;
}

/**
 * Reports as .docx files in `dir`, named as `rapporteur report` names them and carrying the
 * same custom properties, so that the command line and the preview agree on « à jour ».
 */
export function localReportFiles(opts: {
  dir: string;
  templateDir: string;
  docxOf: (h: TemplateHandle) => DocxTemplate | undefined;
  /** The stored beneficiary of a dossier: the file name is the command line's. */
  beneficiaryOf: (dossierId: string) => string | undefined;
}) {
  const known = new Map<string, { stamp: string; props: Record<string, string> }>();
  const pending = new Map<string, Pending>();

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
    findExisting(dossierId, dataHash): WrittenReport | null {
      for (const [name, { props }] of known) {
        if (props[DOSSIER_ID_PROPERTY] === dossierId && props[HASH_PROPERTY] === dataHash && !pending.has(join(opts.dir, name))) return { fileId: name, url: reportUrl(name) };
      }
      return null;
    },

    write({ template, rendered, dossierId, dataHash, pdf }): WrittenReport {
      if (pdf) throw new ReportPortError(T.noPdf);
      const docx = opts.docxOf(template);
      if (!docx) throw new Error(`Modèle non préparé : ${template.name}`);
      const name = reportFileName(dossierId || 'dossier', opts.beneficiaryOf(dossierId));
      const properties = { [HASH_PROPERTY]: dataHash, [DOSSIER_ID_PROPERTY]: dossierId, [TEMPLATE_PROPERTY]: template.id };
      pending.set(join(opts.dir, name), { path: join(opts.dir, name), bytes: () => renderedToDocx(docx, rendered, properties) });
      return { fileId: name, url: reportUrl(name) };
    },

    createTemplate(model, name) {
      const path = join(opts.templateDir, LOCAL_TEMPLATE_NAME);
      pending.set(path, { path, bytes: () => modelToDocx(model, name) });
      return { id: LOCAL_TEMPLATE_NAME, url: pathToFileURL(path).href };
    },
  };

  /**
   * Writes the queued files: every one to a temporary file first, then each renamed over its
   * name, so a failure while making or writing any of them leaves the folder as it was.
   */
  async function flush(): Promise<string[]> {
    const jobs = [...pending.values()];
    pending.clear();
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
    return staged.map((s) => s.path);
  }

  return { prepare, writer, flush, discard: () => pending.clear(), pendingCount: () => pending.size };
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
