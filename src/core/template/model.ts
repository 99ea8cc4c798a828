/**
 * The abstract document the template language works on: what a Google Doc, a .docx and
 * a plain text have in common (paragraphs with runs, list items, tables of rows of cells,
 * a header and a footer). Readers of each format build it; `ref` lets a reader find its
 * own node again when it writes the result back, the core never looks inside it.
 */
export interface TRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type ParagraphStyle = 'title' | 'subtitle' | 'heading1' | 'heading2' | 'normal';
export type Alignment = 'left' | 'center' | 'right' | 'justify';

export interface TParagraph {
  type: 'paragraph';
  runs: TRun[];
  style?: ParagraphStyle;
  align?: Alignment;
  /** Set on list items; `glyph` is what the default template asks for (the example uses dashes). */
  list?: { level: number; glyph?: 'bullet' | 'dash' };
  ref?: unknown;
}

export interface TTable {
  type: 'table';
  rows: TRow[];
  ref?: unknown;
}

export interface TRow {
  cells: TCell[];
  ref?: unknown;
}

export interface TCell {
  blocks: TBlock[];
  ref?: unknown;
}

/** Anything else a reader meets between paragraphs (a table of contents, a section break): kept as is. */
export interface TOpaque {
  type: 'opaque';
  ref?: unknown;
}

export type TBlock = TParagraph | TTable | TOpaque;

export interface TDocument {
  body: TBlock[];
  header?: TBlock[];
  footer?: TBlock[];
}

/** A part of a document, or 'text' for a plain-text template (places then read line:column). */
export type PartName = 'body' | 'header' | 'footer' | 'text';

export const PART_NAMES: readonly Exclude<PartName, 'text'>[] = ['body', 'header', 'footer'];

/** `paragraphText(p)` → the text Word or Docs shows, runs joined: tags split across runs are whole again. */
export function paragraphText(p: TParagraph): string {
  return p.runs.map((r) => r.text).join('');
}

/** A one-run paragraph: `para('Objet : {{objet}}', { style: 'heading2' })`. */
export function para(text: string, opts: Omit<TParagraph, 'type' | 'runs'> & { bold?: boolean } = {}): TParagraph {
  const { bold, ...rest } = opts;
  return { type: 'paragraph', runs: [bold ? { text, bold } : { text }], ...rest };
}

/** Splits a plain text into one paragraph per line, so that text and documents share one pipeline. */
export function textToBlocks(text: string): TParagraph[] {
  return text.split(/\r?\n/).map((line) => ({ type: 'paragraph', runs: [{ text: line }] }));
}
