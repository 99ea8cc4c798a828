/**
 * The template check offered by « Vérifier le modèle » and the command line: every
 * structural error and every unknown field at once, each with its place.
 */
import type { TDocument } from './model';
import { textToBlocks } from './model';
import { parsePart, type BlockNode, type InlineNode, type TemplateError } from './parser';
import { compileDocument } from './render';
import { templateMessages as M } from '../messages/template';

/** What a template may use: a text, a flag (for sections), or a list (of texts when `items` is absent). */
export interface FieldSpec {
  name: string;
  kind: 'text' | 'flag' | 'list';
  items?: readonly FieldSpec[];
}

interface Scope {
  specs: readonly FieldSpec[];
  /** Set inside a list: its name, and whether its items are plain texts (for {{.}}). */
  list?: { name: string; ofTexts: boolean };
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The closest known name, when one is close enough to be a typo: "beneficiare" → "beneficiaire". */
export function suggestField(name: string, known: readonly string[]): string | null {
  const limit = Math.max(2, Math.floor(name.length / 4));
  const folded = fold(name);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const other = fold(k);
    // Two names are at least their difference in length apart: a name too long or too short
    // to be within reach is not compared letter by letter (a pasted paragraph taken for a tag
    // name, thousands of letters long, cost seconds against every field).
    if (Math.abs(folded.length - other.length) > limit) continue;
    const d = distance(folded, other);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== null && bestDistance <= limit ? best : null;
}

function find(scopes: readonly Scope[], name: string): FieldSpec | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const spec = scopes[i]!.specs.find((s) => s.name === name);
    if (spec) return spec;
  }
  return undefined;
}

/**
 * The errors found so far, and the names tolerated: when a section is broken (unclosed,
 * across cells), the fields of its items lose their scope, so they are let through then,
 * and the one real error is not buried under echoes.
 */
interface Ctx {
  errors: TemplateError[];
  tolerated: ReadonlySet<string>;
}

const itemNames = (specs: readonly FieldSpec[]): string[] => specs.flatMap((s) => (s.items ? [...s.items.map((i) => i.name), ...itemNames(s.items)] : []));

function checkName(name: string, place: TemplateError['place'], asSection: boolean, scopes: readonly Scope[], ctx: Ctx): Scope[] | null {
  const { errors } = ctx;
  if (name === '.') {
    const inner = [...scopes].reverse().find((s) => s.list);
    if (!inner?.list?.ofTexts) errors.push({ id: 'unknown_field', message: M.dotOutsideList(), place });
    return null;
  }
  const spec = find(scopes, name);
  if (!spec && ctx.tolerated.has(name)) return null;
  if (!spec) {
    const inner = scopes[scopes.length - 1]!;
    const known = scopes.flatMap((s) => s.specs.map((f) => f.name));
    const message = inner.list && !inner.list.ofTexts && scopes.length > 1 && suggestField(name, inner.specs.map((f) => f.name))
      ? M.unknownItemField(name, inner.list.name, inner.specs.map((f) => f.name))
      : M.unknownField(name, suggestField(name, known));
    errors.push({ id: 'unknown_field', message, place });
    return null;
  }
  if (!asSection && spec.kind === 'list') errors.push({ id: 'list_as_field', message: M.listAsField(name), place });
  if (asSection && spec.kind === 'list') return [...scopes, { specs: spec.items ?? [], list: { name, ofTexts: !spec.items } }];
  return null;
}

function checkInline(nodes: readonly InlineNode[], scopes: readonly Scope[], ctx: Ctx): void {
  for (const n of nodes) {
    if (n.kind === 'field') checkName(n.name, n.place, false, scopes, ctx);
    else if (n.kind === 'section') checkInline(n.children, checkName(n.name, n.place, true, scopes, ctx) ?? scopes, ctx);
  }
}

function checkNodes(nodes: readonly BlockNode[], scopes: readonly Scope[], ctx: Ctx): void {
  for (const n of nodes) {
    if (n.kind === 'paragraph') checkInline(n.content, scopes, ctx);
    else if (n.kind === 'section') checkNodes(n.children, checkName(n.name, n.place, true, scopes, ctx) ?? scopes, ctx);
    else if (n.kind === 'table')
      for (const row of n.rows) {
        const inner = row.section ? (checkName(row.section.name, row.section.place, true, scopes, ctx) ?? scopes) : scopes;
        for (const cell of row.cells) checkNodes(cell, inner, ctx);
      }
  }
}

const byPlace = (a: TemplateError, b: TemplateError) =>
  ['body', 'header', 'footer', 'text'].indexOf(a.place.part) - ['body', 'header', 'footer', 'text'].indexOf(b.place.part) ||
  a.place.paragraph - b.place.paragraph ||
  a.place.column - b.place.column;

/**
 * Every error of a document template: `checkTemplate(model, REPORT_FIELD_SPECS)` → [] when
 * it can be rendered, else errors such as `{id: 'unknown_field', message: 'Le champ « benef » …', place}`.
 */
export function checkTemplate(doc: TDocument, fields: readonly FieldSpec[]): TemplateError[] {
  const compiled = compileDocument(doc);
  const ctx: Ctx = { errors: [...compiled.errors], tolerated: new Set(compiled.errors.length ? itemNames(fields) : []) };
  for (const part of compiled.parts) checkNodes(part.nodes, [{ specs: fields }], ctx);
  return ctx.errors.sort(byPlace);
}

/** The same check for a plain-text template; places read « ligne L, colonne C ». */
export function checkTextTemplate(text: string, fields: readonly FieldSpec[]): TemplateError[] {
  const { compiled, errors } = parsePart(textToBlocks(text), 'text');
  const ctx: Ctx = { errors: [...errors], tolerated: new Set(errors.length ? itemNames(fields) : []) };
  checkNodes(compiled.nodes, [{ specs: fields }], ctx);
  return ctx.errors.sort(byPlace);
}
