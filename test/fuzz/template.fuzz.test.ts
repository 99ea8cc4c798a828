/**
 * Fuzz test of the template reader (src/core/template: lexer, parser, check, render): the
 * project's default templates with tags broken, moved, split across runs and cells; text
 * templates built from tag pieces (`{{#x}}`, `{{/x}}`, `{{^x}}`, `{{.}}`, prototype names);
 * deep nesting; and garbage. The check never throws; each error is French and names its
 * place (part, paragraph or line, column, table cell); rendering refuses only with
 * TemplateRenderError, exactly when the check finds a structural error. Each property makes
 * 10 000 runs (the check of an edited default template, about 5 ms, is the slowest: under a
 * minute). The .docx package around a template (openDocx, its XML parts, the file the
 * command line loads) is fuzzed in docx-template.fuzz.test.ts.
 */
import fc from 'fast-check';
import {
  checkTemplate,
  checkTextTemplate,
  compileDocument,
  formatPlace,
  parsePart,
  renderDocument,
  renderText,
  textToBlocks,
  TemplateRenderError,
  type TBlock,
  type TDocument,
  type TemplateData,
  type TemplateError,
} from '../../src/core/template';
import { DEFAULT_TEMPLATE } from '../../src/core/template/default-template';
import { DEFAULT_CONVENTION_TEMPLATE } from '../../src/core/template/default-convention-template';
import { DEFAULT_SUMMARY_TEMPLATE } from '../../src/core/template/default-summary-template';
import { FIELD_DOCS } from '../../src/core/report-fields';
import { anyText, assertFrench, fuzzParams, NASTY_WORDS } from './support';

const FIELD_NAMES = FIELD_DOCS.map((f) => f.name);
const LIST_NAMES = FIELD_DOCS.filter((f) => f.kind === 'list').map((f) => f.name);
const ITEM_NAMES = FIELD_DOCS.flatMap((f) => (f.items ?? []).map((i) => i.name));
const NAMES = [...FIELD_NAMES, ...ITEM_NAMES, ...NASTY_WORDS.filter((w) => /^\w+$/.test(w)), 'benefciaire', 'montant_subventio', 'x', '.', 'é', '1a', 'a b', ''];

const tag = fc.oneof(
  fc.tuple(fc.constantFrom('', '#', '^', '/', ' ', '# '), fc.constantFrom(...NAMES)).map(([k, n]) => `{{${k}${n}}}`),
  fc.constantFrom('{{', '}}', '{', '}', '{{{', '}}}', '{{#', '{{/}}', '{{}}', '{{ . }}'),
);
const piece = fc.oneof({ weight: 3, arbitrary: tag }, { weight: 2, arbitrary: fc.constantFrom('Objet : ', ' € ', ' ', '\n', '\r\n', 'texte', '\t') }, { weight: 1, arbitrary: anyText });
const textTemplate = fc.oneof(
  { weight: 6, arbitrary: fc.array(piece, { maxLength: 40 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom(...LIST_NAMES, 'convention', 'x')).map(([n, name]) => `{{#${name}}}`.repeat(n) + '{{.}}' + `{{/${name}}}`.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('{{#a}}', '{{/a}}', '{{', '}}', '{{x}}')).map(([n, t]) => t.repeat(n)) },
);

/** Walks a document's paragraphs, calling `edit` on each one's runs. */
function mapParagraphs(blocks: readonly TBlock[], edit: (runs: { text: string }[], index: number) => { text: string }[], counter = { n: 0 }): TBlock[] {
  return blocks.map((b) => {
    if (b.type === 'paragraph') return { ...b, runs: edit(b.runs.map((r) => ({ ...r })), counter.n++) };
    if (b.type === 'table') return { ...b, rows: b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, blocks: mapParagraphs(c.blocks, edit, counter) })) })) };
    return b;
  });
}

/** A default template with a few paragraphs edited: tags inserted, text cut, runs split. */
const mutatedDocument: fc.Arbitrary<TDocument> = fc
  .tuple(
    fc.constantFrom(DEFAULT_TEMPLATE, DEFAULT_CONVENTION_TEMPLATE, DEFAULT_SUMMARY_TEMPLATE),
    fc.array(fc.record({ paragraph: fc.nat({ max: 200 }), at: fc.nat(), del: fc.nat({ max: 8 }), insert: fc.oneof(tag, fc.constant(''), anyText), split: fc.boolean() }), { minLength: 1, maxLength: 6 }),
    fc.boolean(),
  )
  .map(([doc, edits, withTable]) => {
    const edit = (runs: { text: string }[], index: number) => {
      let out = runs;
      for (const e of edits.filter((x) => x.paragraph === index || x.paragraph % 50 === index)) {
        const text = out.map((r) => r.text).join('');
        const at = e.at % (text.length + 1);
        const next = text.slice(0, at) + e.insert + text.slice(at + e.del);
        // Split in two runs where the edit is: a tag cut across runs, as Word does.
        out = e.split && next.length > 1 ? [{ text: next.slice(0, at || 1) }, { text: next.slice(at || 1) }] : [{ text: next }];
      }
      return out;
    };
    const body = mapParagraphs(doc.body, edit);
    const table: TBlock = {
      type: 'table',
      rows: [0, 1].map((r) => ({ cells: [0, 1].map((c) => ({ blocks: [{ type: 'paragraph' as const, runs: [{ text: edits[(r * 2 + c) % edits.length]!.insert }] }] })) })),
    };
    return { ...doc, body: withTable ? [...body, table] : body, ...(doc.header ? { header: mapParagraphs(doc.header, edit) } : {}) };
  });

/** Data of any shape, prototype keys as own keys. */
const data: fc.Arbitrary<TemplateData> = fc.dictionary(
  fc.constantFrom(...NAMES),
  fc.oneof(fc.string({ maxLength: 10 }), fc.boolean(), fc.constant(null), fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.dictionary(fc.constantFrom(...ITEM_NAMES, '__proto__'), fc.string({ maxLength: 5 }), { noNullPrototype: true })), { maxLength: 3 })),
  { noNullPrototype: true, maxKeys: 8 },
);

function expectWellFormed(errors: readonly TemplateError[], inputs: readonly string[], lines?: readonly string[]): void {
  for (const e of errors) {
    try {
      assertFrench(e.message, inputs);
    } catch (err) {
      throw new Error(`${e.id}: ${(err as Error).message}`);
    }
    const where = formatPlace(e.place);
    if (!/(paragraphe|ligne) \d+, colonne \d+/.test(where)) throw new Error(`no place: ${where}`);
    if (e.place.paragraph < 1 || e.place.column < 1) throw new Error(`place out of range: ${where}`);
    if (lines && (e.place.paragraph > lines.length || e.place.column > lines[e.place.paragraph - 1]!.length + 1)) throw new Error(`place beyond the text: ${where}`);
  }
}

/** The lines and words of a template: an error quotes the tag names it found ({{#NaN}}), as the user wrote them. */
const words = (text: string): string[] => [...text.split(/\r?\n/), ...[...text.matchAll(/\{\{\s*[#^/]?\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]!)];

const allText = (doc: TDocument): string[] => {
  const out: string[] = [];
  mapParagraphs([...doc.body, ...(doc.header ?? []), ...(doc.footer ?? [])], (runs) => (out.push(runs.map((r) => r.text).join('')), runs));
  return out;
};

describe('the template reader, fuzzed', () => {
  it('checkTextTemplate never throws; each error is French and stands at a line and column of the text', () => {
    fc.assert(
      fc.property(textTemplate, (text) => {
        const errors = checkTextTemplate(text, FIELD_DOCS);
        expectWellFormed(errors, [text, ...words(text)], text.split(/\r?\n/));
      }),
      fuzzParams(),
    );
  });

  it('renderText refuses only with TemplateRenderError, exactly when the text has structural errors', () => {
    fc.assert(
      // Sections nest as loops: 300 nested loops over a list of 3 items render 3^300 copies, an
      // output too big to build, as the template asks. Rendering is fuzzed up to 6 levels.
      fc.property(textTemplate.filter((t) => t.split('{{#').length <= 7), data, (text, values) => {
        const structural = parsePart(textToBlocks(text), 'text').errors;
        try {
          const out = renderText(text, values);
          if (typeof out !== 'string') throw new Error('no text rendered');
          if (structural.length) throw new Error(`rendered despite ${structural.length} errors`);
        } catch (e) {
          if (!(e instanceof TemplateRenderError)) throw new Error(`not a TemplateRenderError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
          assertFrench(e.message);
          if (e.errors.length !== structural.length || structural.length === 0) throw new Error(`refused with ${e.errors.length} errors, the parser finds ${structural.length}`);
        }
      }),
      fuzzParams(),
    );
  });

  it('checkTemplate on an edited default template never throws; each error is French with its place', () => {
    fc.assert(
      fc.property(mutatedDocument, (doc) => {
        expectWellFormed(checkTemplate(doc, FIELD_DOCS), allText(doc).flatMap((t) => [t, ...words(t)]));
      }),
      fuzzParams(),
    );
  });

  it('renderDocument on an edited default template renders or refuses with TemplateRenderError', () => {
    fc.assert(
      fc.property(mutatedDocument, data, (doc, values) => {
        const structural = compileDocument(doc).errors.length;
        try {
          renderDocument(doc, values);
          if (structural) throw new Error(`rendered despite ${structural} errors`);
        } catch (e) {
          if (!(e instanceof TemplateRenderError)) throw new Error(`not a TemplateRenderError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
          assertFrench(e.message);
        }
      }),
      fuzzParams(),
    );
  });
});
