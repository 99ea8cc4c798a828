/**
 * Reports as Google Docs. The template is read with DocumentApp (the `documents` scope opens
 * any Doc the user can open), checked, then copied with the Advanced Drive service into the
 * output folder (`drive.file`: the add-on's own files only), filled, and exported as PDF
 * when asked. The link and date go into the dossier's row. Never the `drive` scope, never
 * DriveApp.getFileById on files the add-on did not create.
 *
 * Filling uses the Docs API advanced service when it is there (docs-api-fill.ts: one get,
 * one atomic batchUpdate, so the calls per report do not grow with fields or co-financers).
 * Without it, DocumentApp works on the copy by position (the copy has the template's
 * structure): removed blocks first, then each output block is the original or a copy of the
 * pristine source, then its text edits as RE2-escaped replaceText on that one element; its
 * service round trips are constant but its element edits grow with the loops.
 */
import { reportApi, type ReportPorts } from '../app/report-api';
import type { ConventionTemplateStore, IndexedFile, ReportIndex } from '../app/ports/batch';
import { ReportPortError, type ReportLinkRecorder, type ReportTemplateSource, type ReportWriter, type TemplateHandle } from '../app/ports/report-writer';
import { dossierApi, otherDossiersOf } from '../app/dossier-api';
import type { DossierInput } from '../core/dossier';
import { resolveSettings, type Settings } from '../core/settings';
import type { TBlock, TDocument, TParagraph } from '../core/template/model';
import { paragraphText } from '../core/template/model';
import { DEFAULT_CONVENTION_TEMPLATE, DEFAULT_CONVENTION_TEMPLATE_NAME } from '../core/template/default-convention-template';
import type { RBlock } from '../core/template/render';
import { fillWithDocsApi, type DocsApiService } from './docs-api-fill';
import { sheetsDossierStore } from './sheets-store';
import { documentLock, documentSettingsStore } from './sidebar-api';

// The slice of DocumentApp and Drive this module uses: the real services and the fakes of
// test/fakes both fit it, so the adapter is tested as it runs.
interface GText {
  setBold(start: number, endInclusive: number, bold: boolean): unknown;
}
interface GParagraph {
  getText(): string;
  setText(text: string): unknown;
  replaceText(pattern: string, replacement: string): unknown;
  copy(): GParagraph;
  editAsText(): GText;
  setHeading(h: unknown): unknown;
  setAlignment(a: unknown): unknown;
}
interface GListItem extends GParagraph {
  setGlyphType(g: unknown): unknown;
}
interface GCell extends GContainer {}
interface GRow {
  getNumCells(): number;
  getCell(i: number): GCell;
  copy(): GRow;
}
interface GTable {
  getNumRows(): number;
  getRow(i: number): GRow;
  insertTableRow(i: number, row: GRow): GRow;
  removeRow(i: number): unknown;
  copy(): GTable;
}
interface GElement {
  getType(): unknown;
  asParagraph(): GParagraph;
  asListItem(): GListItem;
  asTable(): GTable;
  copy(): GElement;
}
interface GContainer {
  getNumChildren(): number;
  getChild(i: number): GElement;
  removeChild(el: GElement): unknown;
  appendParagraph(text: string): GParagraph;
  appendListItem(text: string): GListItem;
  appendTable(cells: string[][]): GTable;
  insertParagraph(i: number, p: GParagraph): GParagraph;
  insertListItem(i: number, li: GListItem): GListItem;
  insertTable(i: number, t: GTable): GTable;
}
interface GDocument {
  getId(): string;
  getName(): string;
  getBody(): GContainer;
  getHeader(): GContainer | null;
  getFooter(): GContainer | null;
  addHeader(): GContainer;
  addFooter(): GContainer;
  saveAndClose(): void;
  getAs(contentType: string): unknown;
}
interface DriveFile {
  id?: string;
  name?: string;
  webViewLink?: string;
}
export interface DocsServices {
  DocumentApp: {
    create(name: string): GDocument;
    openById(id: string): GDocument;
    ElementType: Record<string, unknown>;
    ParagraphHeading: Record<string, unknown>;
    HorizontalAlignment: Record<string, unknown>;
    GlyphType: Record<string, unknown>;
  };
  Drive: {
    Files: {
      copy(resource: object, fileId: string): DriveFile;
      create(resource: object, blob?: unknown): DriveFile;
      list(opts: { q: string; pageSize?: number }): { files?: DriveFile[] };
      update(resource: object, fileId: string): DriveFile;
    };
  };
  /** The Docs API advanced service: when present, a report is filled with one get and one batchUpdate. */
  Docs?: DocsApiService;
}

export const DOC_MIME = 'application/vnd.google-apps.document';
const docUrl = (id: string) => `https://docs.google.com/document/d/${id}/edit`;
const fileUrl = (id: string) => `https://drive.google.com/file/d/${id}/view`;
/** A value inside a Drive query's quotes. */
const quote = (v: string) => v.replace(/\\/g, '\\\\').replace(/'/g, "\\'");

const TEXT = {
  noTemplate: 'Aucun modèle de note n’est choisi : utilisez « Créer le modèle par défaut », ou indiquez l’adresse d’un Google Doc dans les paramètres.',
  cannotOpen: (ref: string) => `Le modèle « ${ref} » ne peut pas être ouvert : vérifiez son adresse dans les paramètres et que vous avez accès à ce document.`,
  cannotCopy: (name: string) =>
    `Le modèle « ${name} » n’a pas pu être copié : Rapporteur ne peut copier que les documents qu’il a créés lui-même. Utilisez « Créer le modèle par défaut » puis personnalisez ce modèle.`,
  badFolder: 'Le dossier de sortie des paramètres est inaccessible : Rapporteur ne peut écrire que dans un dossier qu’il a créé ou que vous avez choisi. Videz ce paramètre pour écrire dans « Mon Drive ».',
  fillFailed: (detail: string) => `La note n’a pas pu être remplie (${detail}) : la copie incomplète a été mise à la corbeille.`,
  noSheet: 'La feuille « Dossiers » est introuvable : le lien de la note n’a pas été inscrit.',
  noRow: (id: string) => `Le dossier « ${id} » n’a pas de ligne dans la feuille « Dossiers » : le lien de la note n’a pas été inscrit.`,
};

/** Escapes a text for an RE2 pattern: every metacharacter, so `{{montant}}` matches itself only. */
export function re2Escape(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/** Escapes a replacement: `$` would name a group and `\` escape the next character. */
export function re2EscapeReplacement(text: string): string {
  return text.replace(/[\\$]/g, '\\$&');
}

/** A Doc id from an id or a URL ("https://docs.google.com/document/d/ID/edit"). */
export function docIdOf(ref: string): string {
  const m = /\/d\/([A-Za-z0-9_-]+)/.exec(ref) ?? /\/folders\/([A-Za-z0-9_-]+)/.exec(ref);
  return m ? m[1]! : ref.trim();
}

function readContainer(s: DocsServices, c: GContainer): TBlock[] {
  const T = s.DocumentApp.ElementType;
  const blocks: TBlock[] = [];
  const n = c.getNumChildren();
  for (let i = 0; i < n; i++) {
    const el = c.getChild(i);
    const type = el.getType();
    if (type === T.PARAGRAPH) blocks.push({ type: 'paragraph', runs: [{ text: el.asParagraph().getText() }] });
    else if (type === T.LIST_ITEM) blocks.push({ type: 'paragraph', runs: [{ text: el.asListItem().getText() }], list: { level: 0 } });
    else if (type === T.TABLE) {
      const t = el.asTable();
      const rows = [];
      for (let r = 0, nr = t.getNumRows(); r < nr; r++) {
        const row = t.getRow(r);
        const cells = [];
        for (let k = 0, nc = row.getNumCells(); k < nc; k++) cells.push({ blocks: readContainer(s, row.getCell(k)) });
        rows.push({ cells });
      }
      blocks.push({ type: 'table', rows });
    } else blocks.push({ type: 'opaque' });
  }
  return blocks;
}

/** The abstract model of a Google Doc: body, header, footer. */
export function readGoogleDoc(s: DocsServices, doc: GDocument): TDocument {
  const model: TDocument = { body: readContainer(s, doc.getBody()) };
  const header = doc.getHeader();
  const footer = doc.getFooter();
  if (header) model.header = readContainer(s, header);
  if (footer) model.footer = readContainer(s, footer);
  return model;
}

function editParagraph(p: GParagraph, block: Extract<RBlock, { type: 'paragraph' }>): void {
  const source = paragraphText(block.source);
  // One replaceText per distinct piece: the same piece in one element always renders the
  // same. Longer pieces first, so a section goes before a field it contains.
  // Edits that touch ("{{#cofinanceurs}}{{montant}}") are merged: one call instead of two.
  const merged: { start: number; end: number; text: string }[] = [];
  for (const e of [...block.edits].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && last.end === e.start) Object.assign(last, { end: e.end, text: last.text + e.text });
    else merged.push({ ...e });
  }
  const pieces = new Map<string, string>();
  for (const e of merged) pieces.set(source.slice(e.start, e.end), e.text);
  for (const [from, to] of [...pieces].sort((a, b) => b[0].length - a[0].length)) p.replaceText(re2Escape(from), re2EscapeReplacement(to));
}

function insertCopy(s: DocsServices, c: GContainer, index: number, pristine: GElement, source: TBlock): GElement {
  const copy = pristine.copy();
  if (source.type === 'table') return c.insertTable(index, copy as unknown as GTable) as unknown as GElement;
  if (source.type === 'paragraph' && source.list) return c.insertListItem(index, copy as unknown as GListItem) as unknown as GElement;
  return c.insertParagraph(index, copy as unknown as GParagraph) as unknown as GElement;
}

/** Makes a live container (body, header, footer, cell) hold the rendered blocks. */
function fillContainer(s: DocsServices, c: GContainer, sources: readonly TBlock[], out: readonly RBlock[]): void {
  const uses = new Map<number, number>();
  for (const b of out) uses.set(b.sourceIndex, (uses.get(b.sourceIndex) ?? 0) + 1);
  const pristine = new Map<number, GElement>();
  for (const [i, n] of uses) if (n > 1) pristine.set(i, c.getChild(i).copy());
  // A section keeps at least one paragraph: the last one is emptied rather than removed,
  // and stays where it is among the outputs.
  let paragraphsLeft = [...uses.keys()].filter((i) => sources[i]!.type === 'paragraph').length;
  const emptied: number[] = [];
  for (let i = sources.length - 1; i >= 0; i--) {
    if (uses.has(i)) continue;
    const el = c.getChild(i);
    if (sources[i]!.type === 'paragraph' && paragraphsLeft === 0) {
      (sources[i] as TParagraph).list ? el.asListItem().setText('') : el.asParagraph().setText('');
      paragraphsLeft++;
      emptied.unshift(i);
    } else c.removeChild(el);
  }
  let pos = 0;
  const placed = new Set<number>();
  for (const b of out) {
    while (emptied.length && emptied[0]! < b.sourceIndex) {
      emptied.shift();
      pos++;
    }
    const first = !placed.has(b.sourceIndex);
    placed.add(b.sourceIndex);
    const el = first ? c.getChild(pos) : insertCopy(s, c, pos, pristine.get(b.sourceIndex)!, sources[b.sourceIndex]!);
    pos++;
    if (b.type === 'paragraph') {
      if (b.edits.length) editParagraph(b.source.list ? el.asListItem() : el.asParagraph(), b);
    } else if (b.type === 'table') fillTable(s, el.asTable(), b.source.rows, b);
  }
}

function fillTable(s: DocsServices, t: GTable, sourceRows: Extract<TBlock, { type: 'table' }>['rows'], out: Extract<RBlock, { type: 'table' }>): void {
  const uses = new Map<number, number>();
  for (const r of out.rows) uses.set(r.sourceIndex, (uses.get(r.sourceIndex) ?? 0) + 1);
  const pristine = new Map<number, GRow>();
  for (const [i, n] of uses) if (n > 1) pristine.set(i, t.getRow(i).copy());
  for (let i = sourceRows.length - 1; i >= 0; i--) if (!uses.has(i)) t.removeRow(i);
  const placed = new Set<number>();
  out.rows.forEach((r, pos) => {
    const first = !placed.has(r.sourceIndex);
    placed.add(r.sourceIndex);
    const row = first ? t.getRow(pos) : t.insertTableRow(pos, pristine.get(r.sourceIndex)!.copy());
    r.cells.forEach((cell, k) => fillContainer(s, row.getCell(k), sourceRows[r.sourceIndex]!.cells[k]!.blocks, cell.blocks));
  });
}

/** Opens a template Doc by id or URL and reads it, or says in French which one could not be opened. */
function openTemplateDoc(s: DocsServices, ref: string): TemplateHandle {
  let doc: GDocument;
  try {
    doc = s.DocumentApp.openById(docIdOf(ref));
  } catch {
    throw new ReportPortError(TEXT.cannotOpen(ref));
  }
  return { id: doc.getId(), name: doc.getName(), model: readGoogleDoc(s, doc) };
}

/** The template the settings name, read and ready to check. */
export function docsTemplateSource(s: DocsServices, settings: () => Settings): ReportTemplateSource {
  return {
    open(): TemplateHandle {
      const ref = settings().template;
      if (!ref) throw new ReportPortError(TEXT.noTemplate);
      return openTemplateDoc(s, ref);
    },
  };
}

/** Where the convention template the add-on created is remembered (document properties, as the summary's). */
export const CONVENTION_TEMPLATE_KEY = 'rapporteur.conventionTemplate';

/**
 * The convention's template as the session batch wants it (ConventionTemplateStore): the Doc
 * the settings name (`conventionTemplate`), else the one the add-on created for this
 * spreadsheet, else null (the run creates the default one and remembers it).
 */
export function docsConventionTemplates(s: DocsServices, settings: () => Settings, props: () => { getProperty(k: string): string | null; setProperty(k: string, v: string): unknown }): ConventionTemplateStore {
  return {
    open() {
      const ref = settings().conventionTemplate || props().getProperty(CONVENTION_TEMPLATE_KEY);
      return ref ? openTemplateDoc(s, ref) : null;
    },
    remember(id) {
      props().setProperty(CONVENTION_TEMPLATE_KEY, id);
    },
  };
}

/**
 * The convention's template: the Doc the settings name (`conventionTemplate`), else the one
 * the add-on created for this spreadsheet, else a new copy of the default convention,
 * created on first use and remembered, for staff to edit like the report's template.
 */
export function docsConventionTemplateSource(s: DocsServices, settings: () => Settings, props: () => { getProperty(k: string): string | null; setProperty(k: string, v: string): unknown }): ReportTemplateSource {
  const store = docsConventionTemplates(s, settings, props);
  return {
    open(): TemplateHandle {
      const known = store.open();
      if (known) return known;
      const created = docsReportWriter(s, settings).createTemplate(DEFAULT_CONVENTION_TEMPLATE, DEFAULT_CONVENTION_TEMPLATE_NAME);
      store.remember(created.id);
      return openTemplateDoc(s, created.id);
    },
  };
}

const HEADING: Record<string, string> = { title: 'TITLE', subtitle: 'SUBTITLE', heading1: 'HEADING1', heading2: 'HEADING2' };
const ALIGN: Record<string, string> = { left: 'LEFT', center: 'CENTER', right: 'RIGHT', justify: 'JUSTIFY' };

/** Appends a model's blocks to a fresh section and removes the empty paragraph it came with. */
function writeSection(s: DocsServices, c: GContainer, blocks: readonly TBlock[]): void {
  const D = s.DocumentApp;
  const initial = c.getNumChildren();
  for (const b of blocks) {
    if (b.type === 'table') {
      c.appendTable(b.rows.map((r) => r.cells.map((cell) => cell.blocks.map((x) => (x.type === 'paragraph' ? paragraphText(x) : '')).join('\n'))));
      continue;
    }
    if (b.type !== 'paragraph') continue;
    const text = paragraphText(b);
    const p = b.list ? c.appendListItem(text) : c.appendParagraph(text);
    if (b.list) (p as GListItem).setGlyphType(b.list.glyph === 'bullet' ? D.GlyphType.BULLET : D.GlyphType.HYPHEN);
    if (b.style && HEADING[b.style]) p.setHeading(D.ParagraphHeading[HEADING[b.style]!]);
    if (b.align) p.setAlignment(D.HorizontalAlignment[ALIGN[b.align]!]);
    let offset = 0;
    for (const r of b.runs) {
      if (r.bold && r.text) p.editAsText().setBold(offset, offset + r.text.length - 1, true);
      offset += r.text.length;
    }
  }
  for (let i = initial - 1; i >= 0; i--) c.removeChild(c.getChild(i));
}

interface DriveListed {
  id?: string;
  mimeType?: string;
  appProperties?: Record<string, string>;
}
/** The slice of the Advanced Drive service the index uses. */
export interface DriveIndexServices {
  Drive: {
    Files: {
      list(opts: { q: string; pageSize?: number; pageToken?: string; fields?: string }): { files?: DriveListed[]; nextPageToken?: string };
      update(resource: object, fileId: string): unknown;
    };
  };
}

/** The add-on's reports in Drive, found by their appProperties (drive.file: only its own files). */
export function driveReportIndex(s: DriveIndexServices): ReportIndex {
  const listAll = (q: string): DriveListed[] => {
    const out: DriveListed[] = [];
    let pageToken: string | undefined;
    do {
      const page = s.Drive.Files.list({ q, pageSize: 1000, fields: 'nextPageToken, files(id, mimeType, appProperties)', ...(pageToken ? { pageToken } : {}) });
      out.push(...(page.files ?? []));
      pageToken = page.nextPageToken;
    } while (pageToken);
    return out;
  };
  return {
    list(key) {
      const ofKey = key === undefined ? '' : ` and appProperties has { key='dossierId' and value='${quote(key)}' }`;
      return listAll(`appProperties has { key='rapporteur' and value='note' }${ofKey} and trashed = false`)
        .filter((f) => f.id && f.appProperties?.dossierId !== undefined && f.appProperties?.dataHash !== undefined)
        .map(
          (f): IndexedFile => ({
            fileId: f.id!,
            url: f.mimeType === DOC_MIME ? docUrl(f.id!) : fileUrl(f.id!),
            key: f.appProperties!.dossierId!,
            dataHash: f.appProperties!.dataHash!,
            ...(f.appProperties!.run ? { runId: f.appProperties!.run } : {}),
            pdf: f.mimeType !== DOC_MIME,
          }),
        );
    },
    complete(marker, dataHash, runId) {
      for (const f of listAll(`appProperties has { key='dataHash' and value='${quote(marker)}' } and trashed = false`)) if (f.id) s.Drive.Files.update({ appProperties: { dataHash, run: runId } }, f.id);
    },
    trash(fileId) {
      s.Drive.Files.update({ trashed: true }, fileId);
    },
  };
}

/** Copies, fills and exports reports in Drive; the output folder comes from the settings. */
export function docsReportWriter(s: DocsServices, settings: () => Settings): ReportWriter {
  const folder = () => (settings().outputFolder ? docIdOf(settings().outputFolder!) : null);
  return {
    write({ template, rendered, name, dossierId, dataHash, pdf, kind }) {
      const parent = folder();
      // The index lists every file with rapporteur=note; `kind` tells a convention from the report of the same dossier.
      const appProperties: Record<string, string> = { dossierId, dataHash, rapporteur: 'note', ...(kind === 'convention' ? { kind } : {}) };
      let copy: DriveFile;
      try {
        copy = s.Drive.Files.copy({ name, appProperties, ...(parent ? { parents: [parent] } : {}) }, template.id);
      } catch (e) {
        throw new ReportPortError(parent && String(e).includes(parent) ? TEXT.badFolder : TEXT.cannotCopy(template.name));
      }
      const id = copy.id!;
      let pdfId: string | undefined;
      try {
        const fillWithDocumentApp = () => {
          const doc = s.DocumentApp.openById(id);
          fillContainer(s, doc.getBody(), template.model.body, rendered.body);
          const header = doc.getHeader();
          const footer = doc.getFooter();
          if (header && template.model.header && rendered.header) fillContainer(s, header, template.model.header, rendered.header);
          if (footer && template.model.footer && rendered.footer) fillContainer(s, footer, template.model.footer, rendered.footer);
          doc.saveAndClose();
        };
        // The Docs API fills with a constant number of calls; DocumentApp's element calls grow
        // with the loops. A batchUpdate is atomic: when the API refuses it (a layout it reads
        // otherwise than we do, a passing outage), the copy is still the template, so DocumentApp
        // fills it instead and the user still gets the report.
        if (s.Docs) {
          try {
            fillWithDocsApi(s.Docs, id, template.model, rendered);
          } catch (apiError) {
            try {
              fillWithDocumentApp();
            } catch {
              throw apiError;
            }
          }
        } else fillWithDocumentApp();
        if (pdf) {
          // The export reads the saved document: reopen it after saveAndClose.
          const blob = s.DocumentApp.openById(id).getAs('application/pdf');
          pdfId = s.Drive.Files.create({ name: `${name}.pdf`, mimeType: 'application/pdf', appProperties, ...(parent ? { parents: [parent] } : {}) }, blob).id;
        }
      } catch (e) {
        // Nothing half-written: the incomplete copy goes to the trash (the add-on owns it).
        for (const f of [id, pdfId]) if (f) s.Drive.Files.update({ trashed: true }, f);
        throw new ReportPortError(TEXT.fillFailed(e instanceof Error ? e.message : String(e)));
      }
      return { fileId: id, url: docUrl(id), ...(pdfId ? { pdfUrl: fileUrl(pdfId) } : {}) };
    },

    createTemplate(model, name) {
      const doc = s.DocumentApp.create(name);
      writeSection(s, doc.getBody(), model.body);
      if (model.header?.length) writeSection(s, doc.addHeader(), model.header);
      if (model.footer?.length) writeSection(s, doc.addFooter(), model.footer);
      const id = doc.getId();
      doc.saveAndClose();
      return { id, url: docUrl(id) };
    },
  };
}

/** The « Dossiers » sheet, as much of it as recording a link needs. */
export interface LinkSheetLike {
  getDataRange(): { getValues(): unknown[][] };
  getRange(row: number, column: number, rows: number, columns: number): { setValues(values: unknown[][]): unknown };
  /** Sheets refuses a range outside the grid: the columns added for the link may need room first. */
  getMaxColumns?(): number;
  insertColumnsAfter?(afterPosition: number, howMany: number): unknown;
}

export const LINK_HEADERS = { id: 'Identifiant', link: 'Lien de la note', date: 'Date de la note' } as const;

/**
 * Writes the link and the date into the dossier's row: one read of the sheet, one write of
 * the two cells (two when the columns are not side by side), the columns found by their
 * header; missing columns are added at the end of the header row. Nothing else is touched.
 */
export function sheetsReportLinks(sheet: () => LinkSheetLike | null, toSheetDate: (iso: string) => unknown): ReportLinkRecorder {
  return {
    recordReportLink(dossierId, url, dateIso) {
      const sh = sheet();
      if (!sh) throw new ReportPortError(TEXT.noSheet);
      const values = sh.getDataRange().getValues();
      const header = (values[0] ?? []).map((h) => String(h).trim());
      const idCol = header.indexOf(LINK_HEADERS.id);
      const row = idCol < 0 ? -1 : values.findIndex((r, i) => i > 0 && String(r[idCol] ?? '').trim() === dossierId);
      if (row < 0) throw new ReportPortError(TEXT.noRow(dossierId));
      let linkCol = header.indexOf(LINK_HEADERS.link);
      let dateCol = header.indexOf(LINK_HEADERS.date);
      const missing = [linkCol < 0 ? LINK_HEADERS.link : null, dateCol < 0 ? LINK_HEADERS.date : null].filter((h) => h !== null);
      if (missing.length) {
        let next = header.length;
        const max = sh.getMaxColumns?.();
        if (max !== undefined && max < next + missing.length) sh.insertColumnsAfter?.(max, next + missing.length - max);
        sh.getRange(1, next + 1, 1, missing.length).setValues([missing]);
        if (linkCol < 0) linkCol = next++;
        if (dateCol < 0) dateCol = next;
      }
      const date = toSheetDate(dateIso);
      if (dateCol === linkCol + 1) sh.getRange(row + 1, linkCol + 1, 1, 2).setValues([[url, date]]);
      else {
        sh.getRange(row + 1, linkCol + 1, 1, 1).setValues([[url]]);
        sh.getRange(row + 1, dateCol + 1, 1, 1).setValues([[date]]);
      }
    },
  };
}

// The composition root for google.script.run: real services, built per call (top-level
// code must not touch services: it also runs for every custom-function cell).
/**
 * The real services. The manifest enables the Docs advanced service; a test context or a
 * copy of the script without it still fills reports, with DocumentApp.
 */
export function gasDocsServices(): DocsServices {
  return { DocumentApp, Drive, ...(typeof Docs !== 'undefined' ? { Docs } : {}) } as unknown as DocsServices;
}

function gasPorts(): ReportPorts {
  const services = gasDocsServices();
  const ss = SpreadsheetApp.getActive();
  const settingsStore = documentSettingsStore();
  const settings = () => resolveSettings(settingsStore.read()).settings;
  const zone = () => ss.getSpreadsheetTimeZone();
  const store = sheetsDossierStore(ss);
  const dossiers = dossierApi({ store, settings: settingsStore, lock: documentLock() });
  return {
    dossiers: {
      otherDossiers: otherDossiersOf(store),
      getDossier(ref: string): DossierInput | null {
        try {
          return dossiers.loadDossier(ref).dossier;
        } catch {
          return null;
        }
      },
    },
    settings,
    templates: docsTemplateSource(services, settings),
    conventionTemplates: docsConventionTemplateSource(services, settings, () => PropertiesService.getDocumentProperties()),
    writer: docsReportWriter(services, settings),
    index: driveReportIndex(services as unknown as DriveIndexServices),
    links: sheetsReportLinks(() => ss.getSheetByName('Dossiers'), (iso) => Utilities.parseDate(iso, zone(), 'yyyy-MM-dd')),
    clock: { nowIso: () => new Date().toISOString(), todayIso: () => Utilities.formatDate(new Date(), zone(), 'yyyy-MM-dd') },
    lock: documentLock(),
    newId: () => Utilities.getUuid(),
  };
}

export function listReportFields(dossier: DossierInput) {
  return reportApi(gasPorts()).listReportFields(dossier);
}
export function checkReportTemplate() {
  return reportApi(gasPorts()).checkReportTemplate();
}
export function generateReport(target: string | DossierInput, opts?: { confirm?: boolean; pdf?: boolean; force?: boolean }) {
  return reportApi(gasPorts()).generateReport(target, opts);
}
export function generateConvention(target: string | DossierInput, opts?: { confirm?: boolean; pdf?: boolean; force?: boolean }) {
  return reportApi(gasPorts()).generateConvention(target, opts);
}
export function conventionStatus(target: string | DossierInput) {
  return reportApi(gasPorts()).conventionStatus(target);
}
/** « Créer le modèle par défaut »: creates the Doc and makes it the template of the settings. */
export function createDefaultTemplate() {
  const ports = gasPorts();
  const result = reportApi(ports).createDefaultTemplate();
  if (result.status === 'created') documentSettingsStore().write({ ...ports.settings(), template: result.id });
  return result;
}
