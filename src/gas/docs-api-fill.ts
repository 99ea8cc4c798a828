/**
 * Fills the Drive copy of a template with the Docs API advanced service: one
 * `Documents.get`, then one atomic `Documents.batchUpdate`, whatever the number of fields,
 * loops and co-financers. The copy has the template's structure, so the rendered blocks
 * (which name their template block by position) map onto the copy's JSON elements.
 *
 * Index rules of the Docs API this relies on (UTF-16 code units, as JavaScript strings):
 * - requests apply in order, each on the result of the previous ones: every container is
 *   rewritten from its last block to its first, so the indices read by `get` stay true for
 *   everything not yet rewritten;
 * - text inserted inside a paragraph, newlines included, makes paragraphs that copy that
 *   paragraph's style, list and bullet: a repeated list item is inserted into its own list
 *   item, so it keeps the list and its glyph (createParagraphBullets only has presets);
 * - a segment's and a cell's last newline cannot be deleted, nor the newline before a
 *   table without the table: trailing unused paragraphs are merged into the last kept one;
 * - an inserted table row is empty: a run of one `R`, then per cell `C` and an empty
 *   paragraph, so 1 + 2 × columns indices.
 */
import type { TBlock, TDocument, TRun } from '../core/template/model';
import { applyEdits, type RBlock, type RenderedDocument, type RParagraph, type RRow, type RTable } from '../core/template/render';

type Json = Record<string, any>;
export interface DocsApiService {
  Documents: {
    get(documentId: string): Json;
    batchUpdate(resource: { requests: Json[] }, documentId: string): unknown;
  };
}

class Unsupported extends Error {}

interface Ctx {
  segmentId?: string;
  requests: Json[];
}

const range = (ctx: Ctx, startIndex: number, endIndex: number) => ({ ...(ctx.segmentId ? { segmentId: ctx.segmentId } : {}), startIndex, endIndex });
const location = (ctx: Ctx, index: number) => ({ ...(ctx.segmentId ? { segmentId: ctx.segmentId } : {}), index });

/** A JSON paragraph's runs as the core's runs (its final newline left out), each with its textStyle. */
function jsonRuns(p: Json): (TRun & { style: Json })[] {
  const runs: (TRun & { style: Json })[] = [];
  for (const el of p.paragraph.elements ?? []) {
    if (!el.textRun) continue;
    runs.push({ text: String(el.textRun.content), style: el.textRun.textStyle ?? {} });
  }
  const last = runs[runs.length - 1];
  if (last?.text.endsWith('\n')) last.text = last.text.slice(0, -1);
  return runs;
}

/** `headingId` and `tabStops` are read only: the API refuses them in an update. */
function writableParagraphStyle(p: Json): Json {
  const { headingId: _h, tabStops: _t, ...rest } = p.paragraph.paragraphStyle ?? {};
  return rest;
}

/** The rendered paragraph's text runs, formatted like the copy's runs of its template paragraph. */
function outputRuns(json: Json, out: RParagraph): { text: string; style: Json }[] {
  const source = jsonRuns(json);
  const edited = applyEdits(source, out.edits);
  return edited.map((r, i) => ({ text: r.text, style: source[i]!.style }));
}

function styleRuns(ctx: Ctx, at: number, runs: { text: string; style: Json }[]): void {
  let i = at;
  for (const r of runs) {
    if (r.text) ctx.requests.push({ updateTextStyle: { range: range(ctx, i, i + r.text.length), textStyle: r.style, fields: '*' } });
    i += r.text.length;
  }
}

const BULLET_PRESET = 'BULLET_DISC_CIRCLE_SQUARE';

/** Makes the paragraph at [start, end) styled like `like` (it inherited `host`'s style). */
function restyle(ctx: Ctx, start: number, end: number, like: Json, host: Json | null): void {
  if (host && like === host) return;
  ctx.requests.push({ updateParagraphStyle: { range: range(ctx, start, end), paragraphStyle: writableParagraphStyle(like), fields: '*' } });
  const want = like.paragraph.bullet?.listId;
  const has = host?.paragraph.bullet?.listId;
  if (want === has) return;
  if (has) ctx.requests.push({ deleteParagraphBullets: { range: range(ctx, start, end) } });
  if (want) ctx.requests.push({ createParagraphBullets: { range: range(ctx, start, end), bulletPreset: BULLET_PRESET } });
}

/** Rewrites a container (segment or cell) from its JSON content, its template blocks and the rendered blocks. */
function fillContainer(ctx: Ctx, content: Json[], sources: readonly TBlock[], out: readonly RBlock[]): void {
  if (content.length !== sources.length) throw new Unsupported('la copie ne correspond pas au modèle');
  // Each output is its template block in place (first use) or a copy placed after the previous output.
  const firstUse = new Set<number>();
  const chains = new Map<number, RBlock[]>();
  let host: number | null = null;
  for (const b of out) {
    if (!firstUse.has(b.sourceIndex)) {
      firstUse.add(b.sourceIndex);
      host = b.sourceIndex;
      chains.set(host, []);
    } else {
      if (host === null || sources[host]!.type !== 'paragraph' || b.type !== 'paragraph') throw new Unsupported('répétition non prise en charge');
      chains.get(host)!.push(b);
    }
  }
  const inPlace = new Map<number, RBlock>();
  for (const b of out) if (!inPlace.has(b.sourceIndex)) inPlace.set(b.sourceIndex, b);

  // Unused paragraphs at the end: the container's last newline stays, so they are merged
  // into the last kept paragraph (or emptied when there is none).
  let trailing = sources.length;
  while (trailing > 0 && !inPlace.has(trailing - 1) && sources[trailing - 1]!.type === 'paragraph') trailing--;
  if (trailing < sources.length) {
    const lastEnd = content[sources.length - 1]!.endIndex as number;
    const kept = trailing > 0 ? content[trailing - 1]! : null;
    if (kept?.paragraph) {
      const keptEnd = kept.endIndex as number;
      if (lastEnd - 1 > keptEnd - 1) ctx.requests.push({ deleteContentRange: { range: range(ctx, keptEnd - 1, lastEnd - 1) } });
      restyle(ctx, kept.startIndex, keptEnd, kept, content[sources.length - 1]!);
    } else {
      const first = content[trailing]!;
      if (lastEnd - 1 > first.startIndex) ctx.requests.push({ deleteContentRange: { range: range(ctx, first.startIndex, lastEnd - 1) } });
    }
  }

  for (let i = trailing - 1; i >= 0; i--) {
    const json = content[i]!;
    const src = sources[i]!;
    const b = inPlace.get(i);
    if (!b) {
      if (src.type === 'opaque') continue;
      if (content[i + 1]?.table) throw new Unsupported('paragraphe supprimé avant un tableau');
      ctx.requests.push({ deleteContentRange: { range: range(ctx, json.startIndex, json.endIndex) } });
      continue;
    }
    if (b.type === 'opaque') continue;
    if (b.type === 'table') {
      fillTable(ctx, json, src as Extract<TBlock, { type: 'table' }>, b);
      continue;
    }
    const s = json.startIndex as number;
    const e = json.endIndex as number;
    // Copies first: they go after this paragraph's text, before its newline, so they take
    // its list and style; the in-place text is rewritten after, at lower indices.
    const chain = chains.get(i) ?? [];
    if (chain.length) {
      const copies = chain.map((c) => {
        const cj = content[c.sourceIndex]!;
        return { json: cj, runs: outputRuns(cj, c as RParagraph) };
      });
      ctx.requests.push({ insertText: { location: location(ctx, e - 1), text: '\n' + copies.map((c) => c.runs.map((r) => r.text).join('')).join('\n') } });
      let at = e;
      for (const c of copies) {
        const len = c.runs.reduce((n, r) => n + r.text.length, 0);
        restyle(ctx, at, at + len + 1, c.json, json);
        styleRuns(ctx, at, c.runs);
        at += len + 1;
      }
    }
    rewriteParagraph(ctx, s, e, outputRuns(json, b));
  }
}

function rewriteParagraph(ctx: Ctx, s: number, e: number, runs: { text: string; style: Json }[]): void {
  const text = runs.map((r) => r.text).join('');
  if (e - 1 > s) ctx.requests.push({ deleteContentRange: { range: range(ctx, s, e - 1) } });
  if (text) {
    ctx.requests.push({ insertText: { location: location(ctx, s), text } });
    styleRuns(ctx, s, runs);
  }
}

function fillTable(ctx: Ctx, json: Json, src: Extract<TBlock, { type: 'table' }>, out: RTable): void {
  const rows: Json[] = json.table.tableRows;
  if (rows.length !== src.rows.length) throw new Unsupported('la copie ne correspond pas au modèle');
  const tableStart = { tableStartLocation: location(ctx, json.startIndex) };
  const firstUse = new Map<number, RRow>();
  const chains = new Map<number, RRow[]>();
  let host: number | null = null;
  for (const r of out.rows) {
    if (!firstUse.has(r.sourceIndex)) {
      firstUse.set(r.sourceIndex, r);
      host = r.sourceIndex;
      chains.set(host, []);
    } else chains.get(host!)!.push(r);
  }
  for (let r = rows.length - 1; r >= 0; r--) {
    const row = firstUse.get(r);
    if (!row) {
      ctx.requests.push({ deleteTableRow: { tableCellLocation: { ...tableStart, rowIndex: r, columnIndex: 0 } } });
      continue;
    }
    const chain = chains.get(r) ?? [];
    const cols = rows[r]!.tableCells.length;
    const end = rows[r]!.endIndex as number;
    for (const _ of chain) ctx.requests.push({ insertTableRow: { tableCellLocation: { ...tableStart, rowIndex: r, columnIndex: 0 }, insertBelow: true } });
    const width = 1 + 2 * cols;
    for (let q = chain.length - 1; q >= 0; q--) {
      const copy = chain[q]!;
      const rowStart = end + q * width;
      const sourceRow: Json = rows[copy.sourceIndex]!;
      for (let c = cols - 1; c >= 0; c--) fillEmptyCell(ctx, rowStart + 2 + 2 * c, sourceRow.tableCells[c].content, copy.cells[c]!.blocks);
    }
    for (let c = row.cells.length - 1; c >= 0; c--) fillContainer(ctx, rows[r]!.tableCells[c].content, src.rows[r]!.cells[c]!.blocks, row.cells[c]!.blocks);
  }
}

/** Writes rendered paragraphs into a fresh row's cell: one empty paragraph at `at`. */
function fillEmptyCell(ctx: Ctx, at: number, content: Json[], out: readonly RBlock[]): void {
  const paras = out.map((b) => {
    if (b.type !== 'paragraph') throw new Unsupported('tableau dans une ligne répétée');
    const json = content[b.sourceIndex]!;
    return { json, runs: outputRuns(json, b) };
  });
  const text = paras.map((p) => p.runs.map((r) => r.text).join('')).join('\n');
  if (text) ctx.requests.push({ insertText: { location: location(ctx, at), text } });
  let i = at;
  for (const p of paras) {
    const len = p.runs.reduce((n, r) => n + r.text.length, 0);
    restyle(ctx, i, i + len + 1, p.json, null);
    styleRuns(ctx, i, p.runs);
    i += len + 1;
  }
}

/** The requests that turn the copy (its `get` JSON) into the rendered report. */
export function fillRequests(doc: Json, template: TDocument, rendered: RenderedDocument): Json[] {
  const requests: Json[] = [];
  const body: Json[] = (doc.body?.content ?? []).filter((el: Json) => !el.sectionBreak || el.startIndex !== 0);
  fillContainer({ requests }, body, template.body, rendered.body);
  const part = (id: string | undefined, blocks: TBlock[] | undefined, out: RBlock[] | undefined, all: Json | undefined) => {
    if (!id || !blocks || !out || !all?.[id]) return;
    fillContainer({ segmentId: id, requests }, all[id].content, blocks, out);
  };
  part(doc.documentStyle?.defaultHeaderId, template.header, rendered.header, doc.headers);
  part(doc.documentStyle?.defaultFooterId, template.footer, rendered.footer, doc.footers);
  return requests;
}

/** Fills the copy: one read, one atomic write. */
export function fillWithDocsApi(docs: DocsApiService, copyId: string, template: TDocument, rendered: RenderedDocument): void {
  const doc = docs.Documents.get(copyId);
  let requests: Json[];
  try {
    requests = fillRequests(doc, template, rendered);
  } catch (e) {
    if (e instanceof Unsupported) throw new Error(`modèle non pris en charge par l’API Docs : ${e.message}`);
    throw e;
  }
  if (requests.length) docs.Documents.batchUpdate({ requests }, copyId);
}

