/**
 * Stage 3 of the template pipeline: walks the parsed tree with the data and says what the
 * output is made of, block by block, in terms of the template's own blocks. Each output
 * paragraph names its source paragraph and the edits to its text; the .docx writer and
 * the Google Docs filler copy their own nodes accordingly, so formatting is kept.
 */
import type { TBlock, TCell, TDocument, TOpaque, TParagraph, TRow, TRun, TTable, PartName } from './model';
import { paragraphText, PART_NAMES, textToBlocks } from './model';
import { parsePart, type BlockNode, type CompiledPart, type InlineNode, type TemplateError } from './parser';
import { templateMessages as M } from '../messages/template';
import { documentText } from '../document-text';

/** A field's value: text already written the French way, a flag, a list, or a list item. */
export type FieldValue = string | boolean | null | undefined | readonly FieldValue[] | { readonly [name: string]: FieldValue };
export type TemplateData = { readonly [name: string]: FieldValue };

/** Replace the source paragraph's characters [start, end) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface RParagraph {
  type: 'paragraph';
  source: TParagraph;
  sourceIndex: number;
  edits: Edit[];
  /** The source runs with the edits applied: same number of runs, same formatting. */
  runs: TRun[];
}
export interface RTable {
  type: 'table';
  source: TTable;
  sourceIndex: number;
  rows: RRow[];
}
export interface RRow {
  source: TRow;
  sourceIndex: number;
  cells: RCell[];
}
export interface RCell {
  source: TCell;
  blocks: RBlock[];
}
export interface ROpaque {
  type: 'opaque';
  source: TOpaque;
  sourceIndex: number;
}
export type RBlock = RParagraph | RTable | ROpaque;
export type RenderedDocument = { [P in Exclude<PartName, 'text'>]?: RBlock[] } & { body: RBlock[] };

export class TemplateRenderError extends Error {
  constructor(readonly errors: TemplateError[]) {
    super(M.renderRefused(errors.length));
    this.name = 'TemplateRenderError';
  }
}

export interface CompiledDocument {
  parts: CompiledPart[];
  errors: TemplateError[];
}

/** Lexes and parses every part of a document; `errors` lists all structural problems. */
export function compileDocument(doc: TDocument): CompiledDocument {
  const parts: CompiledPart[] = [];
  const errors: TemplateError[] = [];
  for (const name of PART_NAMES) {
    const blocks = doc[name];
    if (!blocks) continue;
    const r = parsePart(blocks, name);
    parts.push(r.compiled);
    errors.push(...r.errors);
  }
  return { parts, errors };
}

type Scope = FieldValue[];

const isRecord = (v: FieldValue): v is { readonly [name: string]: FieldValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

function lookup(scope: Scope, name: string): FieldValue {
  if (name === '.') return scope[scope.length - 1];
  for (let i = scope.length - 1; i >= 0; i--) {
    const v = scope[i]!;
    if (isRecord(v) && Object.prototype.hasOwnProperty.call(v, name)) return v[name];
  }
  return undefined;
}

/**
 * How a field prints: text as is (less what no document can hold, see documentText), a flag
 * as « oui » / « non », a list of texts joined.
 */
export function fieldText(v: FieldValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return documentText(v);
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (Array.isArray(v)) return v.map(fieldText).join(', ');
  return '';
}

/**
 * The scopes a section renders its content in: one per list item, once for a true flag or
 * a non-empty text, never otherwise; `{{^x}}` the other way round.
 */
function frames(scope: Scope, name: string, inverted: boolean): Scope[] {
  const v = lookup(scope, name);
  const empty = v === null || v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0);
  if (inverted) return empty ? [scope] : [];
  if (empty) return [];
  if (Array.isArray(v)) return v.map((item) => [...scope, item]);
  if (isRecord(v)) return [[...scope, v]];
  return [scope];
}

function renderInline(nodes: readonly InlineNode[], text: string, scope: Scope): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += text.slice(n.start, n.end);
    else if (n.kind === 'field') out += fieldText(lookup(scope, n.name));
    else if (n.kind === 'section') for (const s of frames(scope, n.name, n.inverted)) out += renderInline(n.children, text, s);
  }
  return out;
}

/**
 * Applies edits to runs the way Word users expect: the new text goes into the run where
 * the tag starts (so it takes that run's formatting), the rest of the tag leaves the runs
 * it spilled over. `applyEdits([{text:'{{mon'},{text:'tant}} €'}], [{start:0,end:12,text:'47 500'}])`
 * → runs "47 500" and " €".
 */
export function applyEdits(runs: readonly TRun[], edits: readonly Edit[]): TRun[] {
  if (edits.length === 0) return runs.map((r) => ({ ...r }));
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: TRun[] = [];
  let offset = 0;
  let e = 0;
  for (const run of runs) {
    let text = '';
    for (let i = 0; i < run.text.length; i++) {
      const at = offset + i;
      while (e < sorted.length && sorted[e]!.end <= at) e++;
      const edit = sorted[e];
      if (edit && at === edit.start) text += edit.text;
      if (!edit || at < edit.start) text += run.text[i];
    }
    offset += run.text.length;
    out.push({ ...run, text });
  }
  return out;
}

function renderParagraph(node: Extract<BlockNode, { kind: 'paragraph' }>, scope: Scope): RParagraph {
  const edits: Edit[] = [];
  for (const n of node.content) {
    if (n.kind === 'field') edits.push({ start: n.start, end: n.end, text: fieldText(lookup(scope, n.name)) });
    else if (n.kind === 'marker') edits.push({ start: n.start, end: n.end, text: '' });
    else if (n.kind === 'section') edits.push({ start: n.start, end: n.end, text: renderInline([n], node.text, scope) });
  }
  return { type: 'paragraph', source: node.block, sourceIndex: node.index, edits, runs: applyEdits(node.block.runs, edits) };
}

/** A cell or a part cannot be empty in Word or Docs: keep its first paragraph, emptied. */
function ensureNonEmpty(out: RBlock[], source: readonly TBlock[]): RBlock[] {
  if (out.length > 0) return out;
  const index = source.findIndex((b) => b.type === 'paragraph');
  if (index < 0) return out;
  const p = source[index] as TParagraph;
  const edits = paragraphText(p).length ? [{ start: 0, end: paragraphText(p).length, text: '' }] : [];
  return [{ type: 'paragraph', source: p, sourceIndex: index, edits, runs: applyEdits(p.runs, edits) }];
}

function renderNodes(nodes: readonly BlockNode[], scope: Scope): RBlock[] {
  const out: RBlock[] = [];
  for (const n of nodes) {
    if (n.kind === 'paragraph') {
      if (!n.tagOnly) out.push(renderParagraph(n, scope));
    } else if (n.kind === 'section') {
      for (const s of frames(scope, n.name, n.inverted)) out.push(...renderNodes(n.children, s));
    } else if (n.kind === 'opaque') out.push({ type: 'opaque', source: n.block, sourceIndex: n.index });
    else {
      const rows: RRow[] = [];
      for (const row of n.rows) {
        const scopes = row.section ? frames(scope, row.section.name, row.section.inverted) : [scope];
        for (const s of scopes)
          rows.push({
            source: row.row,
            sourceIndex: row.index,
            cells: row.cells.map((cellNodes, c) => ({ source: row.row.cells[c]!, blocks: ensureNonEmpty(renderNodes(cellNodes, s), row.row.cells[c]!.blocks) })),
          });
      }
      // A table whose every row was an empty loop has nothing left to show.
      if (rows.length > 0) out.push({ type: 'table', source: n.block, sourceIndex: n.index, rows });
    }
  }
  return out;
}

/** Renders a compiled document; refuses (TemplateRenderError) a template with errors. */
export function renderCompiled(compiled: CompiledDocument, doc: TDocument, data: TemplateData): RenderedDocument {
  if (compiled.errors.length) throw new TemplateRenderError(compiled.errors);
  const out: RenderedDocument = { body: [] };
  for (const part of compiled.parts) {
    if (part.part === 'text') continue;
    out[part.part] = ensureNonEmpty(renderNodes(part.nodes, [data]), doc[part.part] ?? []);
  }
  return out;
}

/**
 * `renderDocument(model, fields)` → what to write, block by block (see RBlock). Throws
 * TemplateRenderError listing every template error; check with `checkTemplate` first.
 */
export function renderDocument(doc: TDocument, data: TemplateData): RenderedDocument {
  return renderCompiled(compileDocument(doc), doc, data);
}

/** The rendered blocks as a plain model again (tests, plain text, previews). */
export function toModel(blocks: readonly RBlock[]): TBlock[] {
  return blocks.map((b): TBlock => {
    if (b.type === 'paragraph') {
      const { ref: _ref, ...rest } = b.source;
      return { ...rest, runs: b.runs };
    }
    if (b.type === 'opaque') return { type: 'opaque' };
    return { type: 'table', rows: b.rows.map((r) => ({ cells: r.cells.map((c) => ({ blocks: toModel(c.blocks) })) })) };
  });
}

/** The same language over plain text, one line per paragraph: `renderText('{{taux}}', fields)` → "23,75 %". */
export function renderText(text: string, data: TemplateData): string {
  const blocks = textToBlocks(text);
  const { compiled, errors } = parsePart(blocks, 'text');
  if (errors.length) throw new TemplateRenderError(errors);
  return renderNodes(compiled.nodes, [data])
    .map((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''))
    .join('\n');
}
