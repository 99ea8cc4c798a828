/**
 * Stage 2 of the template pipeline: matches `{{#x}}` with `{{/x}}` over a whole part (in
 * reading order, across paragraphs and table cells), decides what each section repeats,
 * and builds the tree the renderer walks. Sections come in three shapes:
 * - inline: opens and closes inside one paragraph, repeats that piece of text;
 * - block: opens and closes in paragraphs of one zone (the body, one cell…), or wraps a
 *   whole paragraph or list item: repeats those whole paragraphs (and the tables between);
 *   a paragraph left holding nothing but section tags is dropped;
 * - row: opens in one cell and closes in another cell of the same table row: repeats the row.
 */
import { lexText, type TagToken, type Token } from './lexer';
import type { PartName, TBlock, TOpaque, TParagraph, TRow, TTable } from './model';
import { paragraphText } from './model';
import { formatPlace, templateMessages as M, type Place, type TemplateErrorId } from '../messages/template';

export interface TemplateError {
  id: TemplateErrorId;
  message: string;
  place: Place;
}

export type InlineNode =
  | { kind: 'text'; start: number; end: number }
  | { kind: 'field'; name: string; start: number; end: number; place: Place }
  | { kind: 'section'; name: string; inverted: boolean; start: number; end: number; place: Place; children: InlineNode[] }
  /** A tag of a block or row section: it only leaves the paragraph. */
  | { kind: 'marker'; start: number; end: number };

export interface ParagraphNode {
  kind: 'paragraph';
  block: TParagraph;
  index: number;
  text: string;
  content: InlineNode[];
  /** Nothing but section tags and spaces: the paragraph leaves the output. */
  tagOnly: boolean;
}

export interface SectionNode {
  kind: 'section';
  name: string;
  inverted: boolean;
  place: Place;
  children: BlockNode[];
}

export interface TableNode {
  kind: 'table';
  block: TTable;
  index: number;
  rows: RowNode[];
}

export interface RowNode {
  kind: 'row';
  row: TRow;
  index: number;
  cells: BlockNode[][];
  /** Set when a section opens in one cell of the row and closes in another: the row repeats. */
  section?: { name: string; inverted: boolean; place: Place };
}

export type BlockNode = ParagraphNode | SectionNode | TableNode | { kind: 'opaque'; block: TOpaque; index: number };

export interface CompiledPart {
  part: PartName;
  nodes: BlockNode[];
}

interface ParaInfo {
  block: TParagraph;
  path: number[];
  text: string;
  tokens: Token[];
  number: number;
  table?: { table: number; row: number; cell: number };
  part: PartName;
}

interface TagRef {
  token: TagToken;
  para: ParaInfo;
  seq: number;
  role?: 'inline' | 'block' | 'row' | 'error';
}

interface Pair {
  open: TagRef;
  close: TagRef;
  kind: 'inline' | 'block' | 'row';
  /** For block sections: the container and the first and last block index. */
  container?: string;
  lo?: number;
  hi?: number;
  row?: string;
}

const key = (path: readonly number[]) => path.join('/');
const placeOf = (p: ParaInfo, offset: number): Place => ({ part: p.part, paragraph: p.number, column: offset + 1, ...(p.table ?? {}) });
const isBlankText = (p: ParaInfo, t: Token) => t.kind === 'text' && p.text.slice(t.start, t.end).trim() === '';

/** Lexes and parses one part; the errors are every problem found, never just the first. */
export function parsePart(blocks: readonly TBlock[], part: PartName): { compiled: CompiledPart; errors: TemplateError[] } {
  const errors: TemplateError[] = [];
  const paras = new Map<string, ParaInfo>();
  const tags: TagRef[] = [];
  let paragraphCount = 0;
  let tableCount = 0;

  // Reading order walk: number paragraphs and tables as a person counts them.
  const walk = (list: readonly TBlock[], prefix: number[], table?: ParaInfo['table']) => {
    list.forEach((b, i) => {
      const path = [...prefix, i];
      if (b.type === 'paragraph') {
        const text = paragraphText(b);
        const { tokens, errors: lexErrors } = lexText(text);
        const info: ParaInfo = { block: b, path, text, tokens, number: ++paragraphCount, table, part };
        paras.set(key(path), info);
        for (const e of lexErrors) errors.push({ id: e.id, message: e.message, place: placeOf(info, e.offset) });
        for (const t of tokens) if (t.kind === 'tag') tags.push({ token: t, para: info, seq: tags.length });
      } else if (b.type === 'table') {
        const tableNo = ++tableCount;
        b.rows.forEach((row, r) => row.cells.forEach((cell, c) => walk(cell.blocks, [...path, r, c], { table: tableNo, row: r + 1, cell: c + 1 })));
      }
    });
  };
  walk(blocks, []);

  const pairs = matchSections(tags, errors);
  classify(pairs, errors);

  const roleOf = new Map<TagRef, Pair>();
  for (const p of pairs) {
    roleOf.set(p.open, p);
    roleOf.set(p.close, p);
  }
  const tagsByPara = new Map<ParaInfo, TagRef[]>();
  for (const t of tags) tagsByPara.set(t.para, [...(tagsByPara.get(t.para) ?? []), t]);

  const paragraphNode = (info: ParaInfo, index: number): ParagraphNode => {
    const refs = new Map((tagsByPara.get(info) ?? []).map((t) => [t.token, t] as const));
    const root: InlineNode[] = [];
    const stack: { node: Extract<InlineNode, { kind: 'section' }>; pair: Pair }[] = [];
    const push = (n: InlineNode) => (stack.length ? stack[stack.length - 1]!.node.children : root).push(n);
    for (const t of info.tokens) {
      if (t.kind === 'text') {
        push(t);
        continue;
      }
      const ref = refs.get(t)!;
      const pair = roleOf.get(ref);
      if (t.tag === 'field') push({ kind: 'field', name: t.name, start: t.start, end: t.end, place: placeOf(info, t.start) });
      else if (!pair || pair.kind !== 'inline') push({ kind: 'marker', start: t.start, end: t.end });
      else if (pair.open === ref) {
        const node = { kind: 'section' as const, name: t.name, inverted: t.tag === 'invert', start: t.start, end: pair.close.token.end, place: placeOf(info, t.start), children: [] as InlineNode[] };
        push(node);
        stack.push({ node, pair });
      } else stack.pop();
    }
    const tagOnly = root.some((n) => n.kind === 'marker') && root.every((n) => n.kind === 'marker' || (n.kind === 'text' && info.text.slice(n.start, n.end).trim() === ''));
    return { kind: 'paragraph', block: info.block, index, text: info.text, content: root, tagOnly };
  };

  const blockSections = new Map<string, Pair[]>();
  const rowSections = new Map<string, Pair>();
  for (const p of pairs) {
    if (p.kind === 'block') blockSections.set(p.container!, [...(blockSections.get(p.container!) ?? []), p]);
    if (p.kind === 'row') rowSections.set(p.row!, p);
  }

  const buildContainer = (list: readonly TBlock[], prefix: number[]): BlockNode[] => {
    const sections = [...(blockSections.get(key(prefix)) ?? [])].sort((a, b) => a.lo! - b.lo! || b.hi! - a.hi! || a.open.seq - b.open.seq);
    const buildRange = (lo: number, hi: number, pending: Pair[]): BlockNode[] => {
      const out: BlockNode[] = [];
      let rest = pending;
      for (let i = lo; i <= hi; ) {
        const s = rest.find((x) => x.lo === i);
        if (!s) {
          out.push(blockNode(list[i]!, [...prefix, i], i));
          i++;
          continue;
        }
        const at = rest.indexOf(s);
        const inner = rest.filter((x, j) => j > at && x.lo! >= s.lo! && x.hi! <= s.hi!);
        const t = s.open.token;
        out.push({ kind: 'section', name: t.name, inverted: t.tag === 'invert', place: placeOf(s.open.para, t.start), children: buildRange(s.lo!, s.hi!, inner) });
        rest = rest.filter((x) => x !== s && !inner.includes(x));
        i = s.hi! + 1;
      }
      return out;
    };
    return buildRange(0, list.length - 1, sections);
  };

  const blockNode = (b: TBlock, path: number[], index: number): BlockNode => {
    if (b.type === 'paragraph') return paragraphNode(paras.get(key(path))!, index);
    if (b.type === 'opaque') return { kind: 'opaque', block: b, index };
    return {
      kind: 'table',
      block: b,
      index,
      rows: b.rows.map((row, r) => {
        const section = rowSections.get(key([...path, r]));
        const t = section?.open.token;
        return {
          kind: 'row',
          row,
          index: r,
          cells: row.cells.map((cell, c) => buildContainer(cell.blocks, [...path, r, c])),
          ...(t && section ? { section: { name: t.name, inverted: t.tag === 'invert', place: placeOf(section.open.para, t.start) } } : {}),
        };
      }),
    };
  };

  return { compiled: { part, nodes: buildContainer(blocks, []) }, errors };
}

/** Matches opening and closing tags in reading order, as a reader pairs brackets. */
function matchSections(tags: TagRef[], errors: TemplateError[]): Pair[] {
  const pairs: Pair[] = [];
  const stack: TagRef[] = [];
  const where = (t: TagRef) => formatPlace(placeOf(t.para, t.token.start));
  for (const t of tags) {
    const { tag, name } = t.token;
    if (tag === 'open' || tag === 'invert') stack.push(t);
    else if (tag === 'close') {
      const top = stack[stack.length - 1];
      if (!top) {
        errors.push({ id: 'unopened_close', message: M.unopenedClose(name), place: placeOf(t.para, t.token.start) });
        t.role = 'error';
      } else if (top.token.name === name) {
        stack.pop();
        pairs.push({ open: top, close: t, kind: 'inline' });
      } else {
        errors.push({ id: 'mismatched_close', message: M.mismatchedClose(name, top.token.name, where(top)), place: placeOf(t.para, t.token.start) });
        t.role = 'error';
        // Recover as a reader would: if the name is open further down, close everything up to it.
        const at = stack.map((s) => s.token.name).lastIndexOf(name);
        if (at >= 0) {
          for (const dropped of stack.splice(at)) dropped.role = 'error';
        }
      }
    }
  }
  for (const open of stack) {
    errors.push({ id: 'unclosed_loop', message: M.unclosedLoop(open.token.name, open.token.tag === 'invert'), place: placeOf(open.para, open.token.start) });
    open.role = 'error';
  }
  return pairs;
}

/** Decides the shape of each section from where its two tags sit (see the module comment). */
function classify(pairs: Pair[], errors: TemplateError[]): void {
  const rows = new Map<string, Pair>();
  for (const p of [...pairs]) {
    const a = p.open.para;
    const b = p.close.para;
    const ca = a.path.slice(0, -1);
    const cb = b.path.slice(0, -1);
    if (a === b) {
      const significant = a.tokens.filter((t) => !isBlankText(a, t));
      const wholeParagraph = significant[0] === p.open.token && significant[significant.length - 1] === p.close.token;
      if (wholeParagraph) Object.assign(p, { kind: 'block', container: key(ca), lo: a.path[a.path.length - 1], hi: a.path[a.path.length - 1] });
    } else if (key(ca) === key(cb)) {
      Object.assign(p, { kind: 'block', container: key(ca), lo: a.path[a.path.length - 1], hi: b.path[b.path.length - 1] });
    } else if (ca.length === cb.length && ca.length >= 3 && key(ca.slice(0, -1)) === key(cb.slice(0, -1))) {
      const row = key(ca.slice(0, -1));
      const other = rows.get(row);
      if (other) {
        errors.push({ id: 'row_loop_twice', message: M.rowLoopTwice(p.open.token.name, other.open.token.name), place: placeOf(a, p.open.token.start) });
        pairs.splice(pairs.indexOf(p), 1);
        continue;
      }
      rows.set(row, p);
      Object.assign(p, { kind: 'row', row });
    } else {
      errors.push({ id: 'loop_across_cells', message: M.loopAcrossCells(p.open.token.name, formatPlace(placeOf(b, p.close.token.start))), place: placeOf(a, p.open.token.start) });
      pairs.splice(pairs.indexOf(p), 1);
    }
  }
  // Two block sections of one zone that overlap without one holding the other would have to
  // share a paragraph: refuse rather than guess which one it belongs to.
  const blocks = pairs.filter((p) => p.kind === 'block');
  for (const x of blocks)
    for (const y of blocks) {
      if (x === y || x.container !== y.container || x.open.seq > y.open.seq) continue;
      const overlap = y.lo! <= x.hi! && y.hi! > x.hi!;
      if (overlap && pairs.includes(y)) {
        errors.push({ id: 'shared_paragraph', message: M.sharedParagraph(x.open.token.name, y.open.token.name), place: placeOf(y.open.para, y.open.token.start) });
        pairs.splice(pairs.indexOf(y), 1);
      }
    }
}
