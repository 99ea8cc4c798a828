/**
 * A .docx template read into the abstract model, filled, and written back with the rest of
 * the package untouched (styles, numbering, images, settings). Headers and footers are
 * filled too. The data hash travels in the custom document properties.
 */
import JSZip from 'jszip';
import { rawDetail } from '../input-error';
import type { TBlock, TDocument, TParagraph } from '../../core/template/model';
import { renderDocument, compileDocument, TemplateRenderError, type RBlock, type RenderedDocument, type TemplateData } from '../../core/template/render';
import { checkTemplate, type FieldSpec } from '../../core/template/check';
import type { TemplateError } from '../../core/template/parser';
import { blockChildren, cellsOf, childElements, cloneElement, escapeXml, isW, parseXml, rowsOf, serializeXml, setText, textElements, type XElement } from './xml';

export interface DocxPart {
  kind: 'body' | 'header' | 'footer';
  path: string;
  xml: string;
}

export interface DocxTemplate {
  zip: JSZip;
  parts: DocxPart[];
}

export class DocxError extends Error {
  /** `detail`: the library's own text (jszip, xmldom), for --verbose only. */
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'DocxError';
  }
}

const PART_PATH = /^word\/(document|header\d*|footer\d*)\.xml$/;

/** Opens a .docx (bytes); fails with a French message when it is not one. */
export async function openDocx(bytes: Uint8Array, name = 'le modèle'): Promise<DocxTemplate> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new DocxError(`${name} n’est pas un document Word (.docx) lisible : le fichier n’est pas une archive .docx.`, rawDetail(e));
  }
  const parts: DocxPart[] = [];
  for (const path of Object.keys(zip.files).sort()) {
    const m = PART_PATH.exec(path);
    if (!m) continue;
    const kind = m[1] === 'document' ? 'body' : m[1]!.startsWith('header') ? 'header' : 'footer';
    let xml: string;
    try {
      xml = await zip.file(path)!.async('string');
    } catch (e) {
      // jszip reads an entry's data only now: a damaged one fails here, in English.
      throw new DocxError(`${name} n’est pas un document Word (.docx) lisible : la partie ${path} ne peut pas être extraite de l’archive (fichier abîmé ou tronqué).`, rawDetail(e));
    }
    parts.push({ kind, path, xml });
  }
  if (!parts.some((p) => p.kind === 'body')) throw new DocxError(`${name} n’est pas un document Word (.docx) : word/document.xml est absent.`);
  // Body first, then headers, then footers: the order places are counted in.
  parts.sort((a, b) => ['body', 'header', 'footer'].indexOf(a.kind) - ['body', 'header', 'footer'].indexOf(b.kind));
  // Every part is read once here, so that a broken one is refused with the file's name now,
  // in French, instead of xmldom's English escaping later from the check or the fill.
  for (const part of parts) {
    try {
      rootOf(part);
    } catch (e) {
      throw new DocxError(`${name} n’est pas un document Word (.docx) lisible : la partie ${part.path} ${e instanceof DocxError ? 'n’a pas d’élément w:body' : 'n’est pas du XML valide'}.`, e instanceof DocxError ? undefined : rawDetail(e));
    }
  }
  return { zip, parts };
}

function rootOf(part: DocxPart): XElement {
  const doc = parseXml(part.xml, part.path);
  const root = doc.documentElement!;
  if (part.kind !== 'body') return root;
  const body = childElements(root).find((c) => isW(c, 'body'));
  if (!body) throw new DocxError(`${part.path} : élément w:body absent.`);
  return body;
}

/** The abstract model of a container's blocks (refs are the XML elements). */
export function readBlocks(container: XElement): TBlock[] {
  return blockChildren(container).map((el): TBlock => {
    if (isW(el, 'p')) {
      const p: TParagraph = { type: 'paragraph', runs: textElements(el).map((t) => ({ text: t.textContent ?? '' })), ref: el };
      const pPr = childElements(el).find((c) => isW(c, 'pPr'));
      if (pPr && childElements(pPr).some((c) => isW(c, 'numPr'))) p.list = { level: 0 };
      return p;
    }
    if (isW(el, 'tbl')) return { type: 'table', ref: el, rows: rowsOf(el).map((tr) => ({ ref: tr, cells: cellsOf(tr).map((tc) => ({ ref: tc, blocks: readBlocks(tc) })) })) };
    return { type: 'opaque', ref: el };
  });
}

/** The model of the whole template: body, and every header and footer part one after the other. */
export function docxModel(t: DocxTemplate): TDocument {
  const model: TDocument = { body: [] };
  for (const part of t.parts) {
    const blocks = readBlocks(rootOf(part));
    if (part.kind === 'body') model.body = blocks;
    else model[part.kind] = [...(model[part.kind] ?? []), ...blocks];
  }
  return model;
}

/** Every template error of a .docx, with its place (`rapporteur report --check-template`). */
export function checkDocx(t: DocxTemplate, fields: readonly FieldSpec[]): TemplateError[] {
  return checkTemplate(docxModel(t), fields);
}

/**
 * Rebuilds a container's blocks from the rendered output: each output block is a copy of
 * its source element (as it was before any edit), with its texts set from the edited runs.
 */
function materialize(container: XElement, rendered: readonly RBlock[]): void {
  const sources = blockChildren(container);
  const uses = new Map<number, number>();
  for (const b of rendered) uses.set(b.sourceIndex, (uses.get(b.sourceIndex) ?? 0) + 1);
  // Only a repeated block needs a pristine copy (taken before any edit); the first use of
  // every block is the original element itself, so a report clones almost nothing.
  const pristine = new Map<number, XElement>();
  for (const [i, n] of uses) if (n > 1) pristine.set(i, cloneElement(sources[i]!));
  const anchor = childElements(container).find((c) => isW(c, 'sectPr')) ?? null;
  for (const s of sources) container.removeChild(s);
  const placed = new Set<number>();
  for (const block of rendered) {
    const first = !placed.has(block.sourceIndex);
    placed.add(block.sourceIndex);
    const el = first ? sources[block.sourceIndex]! : cloneElement(pristine.get(block.sourceIndex)!);
    if (block.type === 'paragraph') {
      const texts = textElements(el);
      block.runs.forEach((run, i) => {
        const t = texts[i];
        if (t && (t.textContent ?? '') !== run.text) setText(t, run.text);
      });
    } else if (block.type === 'table') {
      const rows = rowsOf(el);
      const rowUses = new Map<number, number>();
      for (const r of block.rows) rowUses.set(r.sourceIndex, (rowUses.get(r.sourceIndex) ?? 0) + 1);
      const pristineRows = new Map<number, XElement>();
      for (const [i, n] of rowUses) if (n > 1) pristineRows.set(i, cloneElement(rows[i]!));
      for (const r of rows) el.removeChild(r);
      const placedRows = new Set<number>();
      for (const row of block.rows) {
        const firstRow = !placedRows.has(row.sourceIndex);
        placedRows.add(row.sourceIndex);
        const tr = firstRow ? rows[row.sourceIndex]! : cloneElement(pristineRows.get(row.sourceIndex)!);
        cellsOf(tr).forEach((tc, c) => materialize(tc, row.cells[c]!.blocks));
        el.appendChild(tr);
      }
    }
    container.insertBefore(el, anchor);
  }
}

const CUSTOM_PATH = 'docProps/custom.xml';
const CUSTOM_TYPE = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
const CUSTOM_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';

function customXml(props: Record<string, string>): string {
  const entries = Object.entries(props)
    .map(([name, value], i) => `<property fmtid="${FMTID}" pid="${i + 2}" name="${escapeXml(name)}"><vt:lpwstr>${escapeXml(value)}</vt:lpwstr></property>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${entries}</Properties>`;
}

async function writeCustomProperties(zip: JSZip, props: Record<string, string>): Promise<void> {
  const existing = zip.file(CUSTOM_PATH) ? await readCustomFromZip(zip) : {};
  zip.file(CUSTOM_PATH, customXml({ ...existing, ...props }));
  const types = await zip.file('[Content_Types].xml')?.async('string');
  if (types && !types.includes('/docProps/custom.xml')) zip.file('[Content_Types].xml', types.replace('</Types>', `<Override PartName="/docProps/custom.xml" ContentType="${CUSTOM_TYPE}"/></Types>`));
  const rels = await zip.file('_rels/.rels')?.async('string');
  if (rels && !rels.includes(CUSTOM_REL)) zip.file('_rels/.rels', rels.replace('</Relationships>', `<Relationship Id="rIdRapporteurCustom" Type="${CUSTOM_REL}" Target="docProps/custom.xml"/></Relationships>`));
}

async function readCustomFromZip(zip: JSZip): Promise<Record<string, string>> {
  const xml = await zip.file(CUSTOM_PATH)?.async('string');
  if (!xml) return {};
  const out: Record<string, string> = {};
  for (const p of childElements(parseXml(xml, CUSTOM_PATH).documentElement!)) {
    const name = p.getAttribute('name');
    if (name) out[name] = p.textContent ?? '';
  }
  return out;
}

/** The custom properties of a .docx (`RapporteurDataHash`…), or {} when it has none or is unreadable. */
export async function readCustomProperties(bytes: Uint8Array): Promise<Record<string, string>> {
  try {
    return await readCustomFromZip(await JSZip.loadAsync(bytes));
  } catch {
    return {};
  }
}

/**
 * A new package holding the template's entries as they were read, still compressed: an
 * unchanged part (styles, numbering, images) is written back byte for byte, neither inflated
 * nor deflated again for every report (that was half a report's time). The entries are
 * JSZip's own read-only objects, shared with the template; the filled parts replace theirs.
 */
function unchangedParts(t: DocxTemplate): JSZip {
  const zip = new JSZip();
  const filled = new Set(t.parts.map((p) => p.path));
  for (const [path, file] of Object.entries(t.zip.files)) if (!file.dir && !filled.has(path)) zip.files[path] = file;
  return zip;
}

/**
 * Fills a template with the data: a new .docx (bytes), the template itself left as it was,
 * so one opened template serves many dossiers. Throws TemplateRenderError on a bad template.
 */
const structureErrors = new WeakMap<DocxTemplate, TemplateError[]>();

export async function fillDocx(t: DocxTemplate, data: TemplateData, properties: Record<string, string> = {}): Promise<Uint8Array> {
  // The whole template is checked once (sections cannot run from one part into another);
  // then each part is filled on its own from a fresh parse, so the template stays intact.
  let errors = structureErrors.get(t);
  if (!errors) structureErrors.set(t, (errors = compileDocument(docxModel(t)).errors));
  if (errors.length) throw new TemplateRenderError(errors);
  const zip = unchangedParts(t);
  for (const part of t.parts) {
    const root = rootOf(part);
    const rendered = renderDocument({ body: readBlocks(root) }, data).body;
    materialize(root, rendered);
    zip.file(part.path, serializeXml(root.ownerDocument!));
  }
  if (Object.keys(properties).length) await writeCustomProperties(zip, properties);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * Writes a document already rendered from `docxModel(t)` (the report use case renders it,
 * as for Google Docs), with the rest of the package kept as `fillDocx` keeps it. The model
 * puts every header part one after the other (footers too), so each part takes back its
 * own range of source indexes.
 */
export async function renderedToDocx(t: DocxTemplate, rendered: RenderedDocument, properties: Record<string, string> = {}): Promise<Uint8Array> {
  const zip = unchangedParts(t);
  const offsets: Record<DocxPart['kind'], number> = { body: 0, header: 0, footer: 0 };
  for (const part of t.parts) {
    const root = rootOf(part);
    const count = blockChildren(root).length;
    const from = offsets[part.kind];
    offsets[part.kind] += count;
    const blocks = rendered[part.kind];
    if (!blocks) continue;
    const own = blocks.filter((b) => b.sourceIndex >= from && b.sourceIndex < from + count).map((b) => ({ ...b, sourceIndex: b.sourceIndex - from }));
    materialize(root, own);
    zip.file(part.path, serializeXml(root.ownerDocument!));
  }
  if (Object.keys(properties).length) await writeCustomProperties(zip, properties);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
