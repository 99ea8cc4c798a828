/**
 * An in-memory DocumentApp with a real document model: body, header and footer sections
 * holding paragraphs, list items and tables (rows of cells, cells holding paragraphs);
 * text with per-character attributes; copy() of detached elements; replaceText with RE2
 * semantics (no lookaround, no backreference; `$n` and `\` in the replacement). It enforces
 * what the real service refuses (inserting an attached element, removing the last
 * paragraph of a section, using a closed document) and counts every call (CallCounter).
 */
import { CallCounter } from './calls';

export type ElementTypeName = 'BODY_SECTION' | 'HEADER_SECTION' | 'FOOTER_SECTION' | 'PARAGRAPH' | 'LIST_ITEM' | 'TABLE' | 'TABLE_ROW' | 'TABLE_CELL' | 'TEXT';
export const ElementType = Object.fromEntries(
  ['BODY_SECTION', 'HEADER_SECTION', 'FOOTER_SECTION', 'PARAGRAPH', 'LIST_ITEM', 'TABLE', 'TABLE_ROW', 'TABLE_CELL', 'TEXT', 'INLINE_IMAGE', 'PAGE_BREAK', 'TABLE_OF_CONTENTS'].map((k) => [k, k]),
) as Record<string, string>;
export const ParagraphHeading = Object.fromEntries(['NORMAL', 'HEADING1', 'HEADING2', 'HEADING3', 'TITLE', 'SUBTITLE'].map((k) => [k, k])) as Record<string, string>;
export const HorizontalAlignment = Object.fromEntries(['LEFT', 'CENTER', 'RIGHT', 'JUSTIFY'].map((k) => [k, k])) as Record<string, string>;
export const GlyphType = Object.fromEntries(['BULLET', 'HOLLOW_BULLET', 'SQUARE_BULLET', 'NUMBER', 'HYPHEN'].map((k) => [k, k])) as Record<string, string>;

interface Attrs {
  bold?: boolean;
  italic?: boolean;
}

/** Converts an RE2 pattern to a JavaScript one, refusing what RE2 does not have. */
export function re2ToRegExp(pattern: string): RegExp {
  if (/\(\?<?[=!]/.test(pattern) || /\\[1-9]/.test(pattern)) throw new Error(`Invalid regular expression: ${pattern} (RE2 has no lookaround and no backreference)`);
  return new RegExp(pattern, 'g');
}

/** RE2 replacement strings: `\x` is a literal x, `$n` the n-th group, anything else itself. */
export function expandReplacement(replacement: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c === '\\' && i + 1 < replacement.length) out += replacement[++i];
    else if (c === '$' && /[0-9]/.test(replacement[i + 1] ?? '')) out += match[Number(replacement[++i])] ?? '';
    else out += c;
  }
  return out;
}

abstract class Element {
  parent: Element | null = null;
  constructor(
    readonly calls: CallCounter,
    readonly type: ElementTypeName,
  ) {}
  protected tick(name: string): void {
    this.calls.tick(`${this.type}.${name}`, 'element');
  }
  getType(): string {
    this.tick('getType');
    return this.type;
  }
  getParent(): Element | null {
    this.tick('getParent');
    return this.parent;
  }
  abstract clone(): Element;
  asParagraph(): this {
    this.tick('asParagraph');
    if (this.type !== 'PARAGRAPH') throw new Error(`Cannot cast ${this.type} to PARAGRAPH.`);
    return this;
  }
  asListItem(): this {
    this.tick('asListItem');
    if (this.type !== 'LIST_ITEM') throw new Error(`Cannot cast ${this.type} to LIST_ITEM.`);
    return this;
  }
  asTable(): this {
    this.tick('asTable');
    if (this.type !== 'TABLE') throw new Error(`Cannot cast ${this.type} to TABLE.`);
    return this;
  }
  copy(): this {
    this.tick('copy');
    return this.clone() as this;
  }
  removeFromParent(): this {
    this.tick('removeFromParent');
    const p = this.parent as Container | TableLike | null;
    if (p instanceof Container) p.detach(this);
    else if (p instanceof Table) p.rows.splice(p.rows.indexOf(this as unknown as TableRow), 1);
    this.parent = null;
    return this;
  }
}

export class Text extends Element {
  chars = '';
  attrs: Attrs[] = [];
  constructor(calls: CallCounter, text = '', attrs: Attrs = {}) {
    super(calls, 'TEXT');
    this.chars = text;
    this.attrs = Array.from(text, () => ({ ...attrs }));
  }
  clone(): Text {
    const t = new Text(this.calls);
    t.chars = this.chars;
    t.attrs = this.attrs.map((a) => ({ ...a }));
    return t;
  }
  getText(): string {
    this.tick('getText');
    return this.chars;
  }
  setText(text: string): Text {
    this.tick('setText');
    const first = this.attrs[0] ?? {};
    this.chars = text;
    this.attrs = Array.from(text, () => ({ ...first }));
    return this;
  }
  /** Character offsets where the attributes change: what a reader splits runs at. */
  getTextAttributeIndices(): number[] {
    this.tick('getTextAttributeIndices');
    const out: number[] = [];
    this.attrs.forEach((a, i) => {
      if (i === 0 || JSON.stringify(a) !== JSON.stringify(this.attrs[i - 1])) out.push(i);
    });
    return out.length ? out : [0];
  }
  isBold(offset?: number): boolean | null {
    this.tick('isBold');
    if (offset === undefined) return this.attrs.every((a) => a.bold) ? true : this.attrs.some((a) => a.bold) ? null : false;
    return !!this.attrs[offset]?.bold;
  }
  setBold(startOrBold: number | boolean, end?: number, bold?: boolean): Text {
    this.tick('setBold');
    if (typeof startOrBold === 'boolean') this.attrs.forEach((a) => (a.bold = startOrBold));
    else for (let i = startOrBold; i <= (end ?? startOrBold); i++) this.attrs[i]!.bold = !!bold;
    return this;
  }
  insertText(offset: number, text: string): Text {
    this.tick('insertText');
    const like = this.attrs[offset - 1] ?? this.attrs[offset] ?? {};
    this.chars = this.chars.slice(0, offset) + text + this.chars.slice(offset);
    this.attrs.splice(offset, 0, ...Array.from(text, () => ({ ...like })));
    return this;
  }
  deleteText(start: number, endInclusive: number): Text {
    this.tick('deleteText');
    this.chars = this.chars.slice(0, start) + this.chars.slice(endInclusive + 1);
    this.attrs.splice(start, endInclusive - start + 1);
    return this;
  }
  appendText(text: string): Text {
    this.tick('appendText');
    const like = this.attrs[this.attrs.length - 1] ?? {};
    this.chars += text;
    this.attrs.push(...Array.from(text, () => ({ ...like })));
    return this;
  }
  /** The replaced text takes the attributes of the first character it replaces. */
  replaceInPlace(pattern: string, replacement: string): void {
    const re = re2ToRegExp(pattern);
    let out = '';
    const attrs: Attrs[] = [];
    let last = 0;
    for (let m = re.exec(this.chars); m; m = re.exec(this.chars)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      out += this.chars.slice(last, m.index);
      attrs.push(...this.attrs.slice(last, m.index));
      const text = expandReplacement(replacement, m);
      const like = this.attrs[m.index] ?? {};
      out += text;
      attrs.push(...Array.from(text, () => ({ ...like })));
      last = m.index + m[0].length;
    }
    out += this.chars.slice(last);
    attrs.push(...this.attrs.slice(last));
    this.chars = out;
    this.attrs = attrs;
  }
  replaceText(pattern: string, replacement: string): Text {
    this.tick('replaceText');
    this.replaceInPlace(pattern, replacement);
    return this;
  }
}

export class Paragraph extends Element {
  text: Text;
  heading = 'NORMAL';
  alignment: string | null = null;
  glyphType: string | null = null;
  nestingLevel = 0;
  constructor(calls: CallCounter, type: 'PARAGRAPH' | 'LIST_ITEM' = 'PARAGRAPH', text = '') {
    super(calls, type);
    this.text = new Text(calls, text);
    this.text.parent = this;
  }
  clone(): Paragraph {
    const p = new Paragraph(this.calls, this.type as 'PARAGRAPH' | 'LIST_ITEM');
    p.text = this.text.clone();
    p.text.parent = p;
    Object.assign(p, { heading: this.heading, alignment: this.alignment, glyphType: this.glyphType, nestingLevel: this.nestingLevel });
    return p;
  }
  getText(): string {
    this.tick('getText');
    return this.text.chars;
  }
  setText(text: string): Paragraph {
    this.tick('setText');
    this.text.chars = text;
    this.text.attrs = Array.from(text, () => ({}));
    return this;
  }
  editAsText(): Text {
    this.tick('editAsText');
    return this.text;
  }
  appendText(text: string): Text {
    this.tick('appendText');
    const like = this.text.attrs[this.text.attrs.length - 1] ?? {};
    this.text.chars += text;
    this.text.attrs.push(...Array.from(text, () => ({ ...like })));
    return this.text;
  }
  getNumChildren(): number {
    this.tick('getNumChildren');
    return 1;
  }
  getChild(i: number): Text {
    this.tick('getChild');
    if (i !== 0) throw new Error('Child index out of bounds.');
    return this.text;
  }
  replaceText(pattern: string, replacement: string): Paragraph {
    this.tick('replaceText');
    this.text.replaceInPlace(pattern, replacement);
    return this;
  }
  setHeading(h: string): Paragraph {
    this.tick('setHeading');
    this.heading = h;
    return this;
  }
  getHeading(): string {
    this.tick('getHeading');
    return this.heading;
  }
  setAlignment(a: string): Paragraph {
    this.tick('setAlignment');
    this.alignment = a;
    return this;
  }
  getAlignment(): string | null {
    this.tick('getAlignment');
    return this.alignment;
  }
  setGlyphType(g: string): Paragraph {
    this.tick('setGlyphType');
    if (this.type !== 'LIST_ITEM') throw new Error('setGlyphType: not a list item');
    this.glyphType = g;
    return this;
  }
  getGlyphType(): string | null {
    this.tick('getGlyphType');
    return this.glyphType;
  }
  setNestingLevel(n: number): Paragraph {
    this.tick('setNestingLevel');
    this.nestingLevel = n;
    return this;
  }
  getNestingLevel(): number {
    this.tick('getNestingLevel');
    return this.nestingLevel;
  }
}

type Block = Paragraph | Table;

export abstract class Container extends Element {
  children: Block[] = [];
  protected adopt<T extends Block>(el: T, index: number): T {
    if (el.parent) throw new Error('Element must be detached.');
    if (index < 0 || index > this.children.length) throw new Error('Child index out of bounds.');
    el.parent = this;
    this.children.splice(index, 0, el);
    return el;
  }
  detach(el: Element): void {
    const i = this.children.indexOf(el as Block);
    if (i < 0) throw new Error('Element is not a child of this container.');
    const paragraphs = this.children.filter((c) => c instanceof Paragraph);
    if (el instanceof Paragraph && paragraphs.length === 1) throw new Error("Can't remove the last paragraph in a document section.");
    this.children.splice(i, 1);
    el.parent = null;
  }
  protected cloneChildrenInto(target: Container): void {
    for (const c of this.children) {
      const copy = c.clone();
      copy.parent = target;
      target.children.push(copy);
    }
  }
  getNumChildren(): number {
    this.tick('getNumChildren');
    return this.children.length;
  }
  getChild(i: number): Block {
    this.tick('getChild');
    const c = this.children[i];
    if (!c) throw new Error('Child index out of bounds.');
    return c;
  }
  getChildIndex(el: Element): number {
    this.tick('getChildIndex');
    return this.children.indexOf(el as Block);
  }
  getText(): string {
    this.tick('getText');
    return this.children.map((c) => (c instanceof Paragraph ? c.text.chars : c.plainText())).join('\n');
  }
  private paragraphOf(kind: 'PARAGRAPH' | 'LIST_ITEM', content: string | Paragraph): Paragraph {
    if (typeof content === 'string') return new Paragraph(this.calls, kind, content);
    if (content.type !== kind) throw new Error(`Expected a ${kind}.`);
    return content;
  }
  appendParagraph(content: string | Paragraph): Paragraph {
    this.tick('appendParagraph');
    return this.adopt(this.paragraphOf('PARAGRAPH', content), this.children.length);
  }
  insertParagraph(index: number, content: string | Paragraph): Paragraph {
    this.tick('insertParagraph');
    return this.adopt(this.paragraphOf('PARAGRAPH', content), index);
  }
  appendListItem(content: string | Paragraph): Paragraph {
    this.tick('appendListItem');
    const li = this.adopt(this.paragraphOf('LIST_ITEM', content), this.children.length);
    li.glyphType ??= 'BULLET';
    return li;
  }
  insertListItem(index: number, content: string | Paragraph): Paragraph {
    this.tick('insertListItem');
    return this.adopt(this.paragraphOf('LIST_ITEM', content), index);
  }
  appendTable(content?: string[][] | Table): Table {
    this.tick('appendTable');
    return this.adopt(content instanceof Table ? content : Table.fromCells(this.calls, content ?? [['']]), this.children.length);
  }
  insertTable(index: number, content: Table): Table {
    this.tick('insertTable');
    return this.adopt(content, index);
  }
  removeChild(el: Element): this {
    this.tick('removeChild');
    this.detach(el);
    return this;
  }
  replaceText(pattern: string, replacement: string): this {
    this.tick('replaceText');
    const walk = (blocks: Block[]) => {
      for (const b of blocks) {
        if (b instanceof Paragraph) b.text.replaceInPlace(pattern, replacement);
        else for (const r of b.rows) for (const c of r.cells) walk(c.children);
      }
    };
    walk(this.children);
    return this;
  }
}

export class Section extends Container {
  constructor(calls: CallCounter, type: 'BODY_SECTION' | 'HEADER_SECTION' | 'FOOTER_SECTION') {
    super(calls, type);
  }
  clone(): Section {
    const s = new Section(this.calls, this.type as 'BODY_SECTION');
    this.cloneChildrenInto(s);
    return s;
  }
}

export class TableCell extends Container {
  constructor(calls: CallCounter) {
    super(calls, 'TABLE_CELL');
  }
  clone(): TableCell {
    const c = new TableCell(this.calls);
    this.cloneChildrenInto(c);
    return c;
  }
}

export class TableRow extends Element {
  cells: TableCell[] = [];
  constructor(calls: CallCounter) {
    super(calls, 'TABLE_ROW');
  }
  clone(): TableRow {
    const r = new TableRow(this.calls);
    for (const c of this.cells) {
      const copy = c.clone();
      copy.parent = r;
      r.cells.push(copy);
    }
    return r;
  }
  getNumCells(): number {
    this.tick('getNumCells');
    return this.cells.length;
  }
  getNumChildren(): number {
    this.tick('getNumChildren');
    return this.cells.length;
  }
  getCell(i: number): TableCell {
    this.tick('getCell');
    const c = this.cells[i];
    if (!c) throw new Error('Cell index out of bounds.');
    return c;
  }
  getChild(i: number): TableCell {
    this.tick('getChild');
    return this.cells[i]!;
  }
  getText(): string {
    this.tick('getText');
    return this.cells.map((c) => c.children.map((p) => (p instanceof Paragraph ? p.text.chars : '')).join('\n')).join('\t');
  }
  appendTableCell(text = ''): TableCell {
    this.tick('appendTableCell');
    const c = new TableCell(this.calls);
    c.parent = this;
    const p = new Paragraph(this.calls, 'PARAGRAPH', text);
    p.parent = c;
    c.children.push(p);
    this.cells.push(c);
    return c;
  }
}

interface TableLike {
  rows: TableRow[];
}

export class Table extends Element implements TableLike {
  rows: TableRow[] = [];
  constructor(calls: CallCounter) {
    super(calls, 'TABLE');
  }
  static fromCells(calls: CallCounter, cells: string[][]): Table {
    const t = new Table(calls);
    for (const rowTexts of cells) {
      const r = new TableRow(calls);
      r.parent = t;
      for (const text of rowTexts) {
        const c = new TableCell(calls);
        c.parent = r;
        const p = new Paragraph(calls, 'PARAGRAPH', text);
        p.parent = c;
        c.children.push(p);
        r.cells.push(c);
      }
      t.rows.push(r);
    }
    return t;
  }
  clone(): Table {
    const t = new Table(this.calls);
    for (const r of this.rows) {
      const copy = r.clone();
      copy.parent = t;
      t.rows.push(copy);
    }
    return t;
  }
  plainText(): string {
    return this.rows.map((r) => r.cells.map((c) => c.children.map((p) => (p instanceof Paragraph ? p.text.chars : p.plainText())).join('\n')).join('\t')).join('\n');
  }
  getNumRows(): number {
    this.tick('getNumRows');
    return this.rows.length;
  }
  getNumChildren(): number {
    this.tick('getNumChildren');
    return this.rows.length;
  }
  getRow(i: number): TableRow {
    this.tick('getRow');
    const r = this.rows[i];
    if (!r) throw new Error('Row index out of bounds.');
    return r;
  }
  getChild(i: number): TableRow {
    this.tick('getChild');
    return this.rows[i]!;
  }
  insertTableRow(index: number, row?: TableRow): TableRow {
    this.tick('insertTableRow');
    const r = row ?? new TableRow(this.calls);
    if (r.parent) throw new Error('Element must be detached.');
    r.parent = this;
    this.rows.splice(index, 0, r);
    return r;
  }
  appendTableRow(row?: TableRow): TableRow {
    this.tick('appendTableRow');
    const r = row ?? new TableRow(this.calls);
    if (r.parent) throw new Error('Element must be detached.');
    r.parent = this;
    this.rows.push(r);
    return r;
  }
  removeRow(i: number): TableRow {
    this.tick('removeRow');
    const [r] = this.rows.splice(i, 1);
    if (!r) throw new Error('Row index out of bounds.');
    r.parent = null;
    return r;
  }
  getText(): string {
    this.tick('getText');
    return this.plainText();
  }
  replaceText(pattern: string, replacement: string): Table {
    this.tick('replaceText');
    for (const r of this.rows) for (const c of r.cells) for (const p of c.children) if (p instanceof Paragraph) p.text.replaceInPlace(pattern, replacement);
    return this;
  }
}

export class FakeBlob {
  constructor(
    readonly bytes: Uint8Array,
    readonly contentType: string,
    private name: string,
  ) {}
  getBytes(): number[] {
    return Array.from(this.bytes);
  }
  getContentType(): string {
    return this.contentType;
  }
  getName(): string {
    return this.name;
  }
  setName(name: string): FakeBlob {
    this.name = name;
    return this;
  }
  getDataAsString(): string {
    return new TextDecoder().decode(this.bytes);
  }
}

/** A stored Google Doc: its sections are the document's state. */
export class StoredDoc {
  body: Section;
  header: Section | null = null;
  footer: Section | null = null;
  constructor(
    readonly calls: CallCounter,
    public id: string,
    public name: string,
  ) {
    this.body = new Section(calls, 'BODY_SECTION');
    this.body.children.push(Object.assign(new Paragraph(calls), { parent: this.body }));
  }
  clone(id: string, name: string): StoredDoc {
    const d = new StoredDoc(this.calls, id, name);
    d.body = this.body.clone();
    d.header = this.header?.clone() ?? null;
    d.footer = this.footer?.clone() ?? null;
    return d;
  }
  /** The document as text, sections apart, list items marked: what tests read. */
  plainText(): { header: string; body: string; footer: string } {
    const text = (s: Section | null) =>
      (s?.children ?? []).map((c) => (c instanceof Paragraph ? `${c.type === 'LIST_ITEM' ? '- ' : ''}${c.text.chars}` : `[${c.plainText().replace(/\n/g, ' / ')}]`)).join('\n');
    return { header: text(this.header), body: text(this.body), footer: text(this.footer) };
  }
}

/** Where documents live: the Drive fake implements it, so that Drive copies are Docs too. */
export interface DocStore {
  registerDoc(doc: StoredDoc, createdByApp: boolean): void;
  getDoc(id: string): StoredDoc | null;
  newId(): string;
}

export class FakeDocument {
  private closed = false;
  constructor(
    private readonly calls: CallCounter,
    readonly stored: StoredDoc,
  ) {}
  private tick(name: string, kind: 'service' | 'element' = 'element') {
    if (this.closed) throw new Error('Document is closed, its contents cannot be updated.');
    this.calls.tick(`Document.${name}`, kind);
  }
  getId(): string {
    this.tick('getId');
    return this.stored.id;
  }
  getName(): string {
    this.tick('getName');
    return this.stored.name;
  }
  getUrl(): string {
    this.tick('getUrl');
    return `https://docs.google.com/document/d/${this.stored.id}/edit`;
  }
  getBody(): Section {
    this.tick('getBody');
    return this.stored.body;
  }
  getHeader(): Section | null {
    this.tick('getHeader');
    return this.stored.header;
  }
  getFooter(): Section | null {
    this.tick('getFooter');
    return this.stored.footer;
  }
  addHeader(): Section {
    this.tick('addHeader');
    if (this.stored.header) throw new Error('Document tab already contains a header.');
    this.stored.header = new Section(this.calls, 'HEADER_SECTION');
    this.stored.header.children.push(Object.assign(new Paragraph(this.calls), { parent: this.stored.header }));
    return this.stored.header;
  }
  addFooter(): Section {
    this.tick('addFooter');
    if (this.stored.footer) throw new Error('Document tab already contains a footer.');
    this.stored.footer = new Section(this.calls, 'FOOTER_SECTION');
    this.stored.footer.children.push(Object.assign(new Paragraph(this.calls), { parent: this.stored.footer }));
    return this.stored.footer;
  }
  saveAndClose(): void {
    this.tick('saveAndClose', 'service');
    this.closed = true;
  }
  /** A PDF "export": the document's text in a PDF-typed blob, enough to check what was exported. */
  getAs(contentType: string): FakeBlob {
    this.tick('getAs', 'service');
    if (contentType !== 'application/pdf') throw new Error(`Converting to ${contentType} is not supported.`);
    const t = this.stored.plainText();
    return new FakeBlob(new TextEncoder().encode(`%PDF-fake\n${t.header}\n${t.body}\n${t.footer}`), 'application/pdf', `${this.stored.name}.pdf`);
  }
}

export function createFakeDocumentApp(store: DocStore, calls: CallCounter) {
  const open = (id: string) => {
    const doc = store.getDoc(id);
    if (!doc) throw new Error(`Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`);
    return new FakeDocument(calls, doc);
  };
  return {
    ElementType,
    ParagraphHeading,
    HorizontalAlignment,
    GlyphType,
    create(name: string): FakeDocument {
      calls.tick('DocumentApp.create', 'service');
      const doc = new StoredDoc(calls, store.newId(), name);
      store.registerDoc(doc, true);
      return new FakeDocument(calls, doc);
    },
    openById(id: string): FakeDocument {
      calls.tick('DocumentApp.openById', 'service');
      return open(id);
    },
    openByUrl(url: string): FakeDocument {
      calls.tick('DocumentApp.openByUrl', 'service');
      const m = /\/d\/([A-Za-z0-9_-]+)/.exec(url);
      if (!m) throw new Error(`Invalid argument: url`);
      return open(m[1]!);
    },
  };
}

export type FakeDocumentApp = ReturnType<typeof createFakeDocumentApp>;
