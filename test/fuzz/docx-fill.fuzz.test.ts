/**
 * Fuzz test of filling a .docx template (fillDocx, what `rapporteur report` and the preview
 * write): whatever text a dossier carries (control characters pasted from other programs,
 * XML's own signs, lone surrogates, template tags, long runs), the report is a package every
 * reader opens. Each run fills one small template, which holds the ways a value reaches a
 * part (a paragraph of several runs, a list section, a table cell, the header and the
 * footer), with random values, then reads the result back as a word processor would:
 *
 * - every XML part is well-formed and holds only characters XML 1.0 allows (one control
 *   character made LibreOffice refuse the whole file, see documentText);
 * - the text read back is the template's with each value as documentText prints it:
 *   nothing re-expanded (a value « {{objet}} » stays as typed), nothing escaped twice;
 * - the custom properties read back as written, less the same characters.
 */
import JSZip from 'jszip';
import fc from 'fast-check';
import { docxModel, fillDocx, modelToDocx, openDocx, readCustomProperties, type DocxTemplate } from '../../src/local/docx';
import { parseXml } from '../../src/local/docx/xml';
import { documentText } from '../../src/core/document-text';
import { para, type TBlock, type TDocument } from '../../src/core/template/model';
import type { TemplateData } from '../../src/core/template';
import { anyText, fuzzParams } from './support';

const TEMPLATE: TDocument = {
  header: [para('{{collectivite}}')],
  body: [
    { type: 'paragraph', runs: [{ text: '{{beneficiaire}}', bold: true }, { text: ' / ' }, { text: '{{objet}}', italic: true }] },
    { ...para('{{#actions}}{{.}}{{/actions}}'), list: { level: 0, glyph: 'dash' } },
    {
      type: 'table',
      rows: [{ cells: [{ blocks: [para('{{beneficiaire}}')] }, { blocks: [para('{{#cofinanceurs}}{{nom}} : {{montant}} ; {{/cofinanceurs}}')] }] }],
    },
  ],
  footer: [para('{{date}}')],
};

/** Text a dossier may carry: anything, and what breaks XML or a template. */
const HOSTILE = ['\u0000', '\u0001', '\u0007', '\u000b', '\u000c', '\u001f', '\ufffe', '\uffff', '\ud800', '\udfff', '😀', '\r', '\r\n', '\t', '<', '>', '&', '"', "'", ']]>', '&amp;', '&#1;', '<w:t>', '</w:p>', '{{objet}}', '{{#actions}}', '{{/x}}', '{{', '}}', '\u00a0', '\u202f'];
const text = fc.oneof(
  { weight: 3, arbitrary: anyText },
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 })), { maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);
const data: fc.Arbitrary<TemplateData> = fc.record({
  collectivite: text,
  beneficiaire: text,
  objet: text,
  date: text,
  actions: fc.array(text, { maxLength: 4 }),
  cofinanceurs: fc.array(fc.record({ nom: text, montant: text }), { maxLength: 3 }),
});
const properties = fc.dictionary(fc.constantFrom('RapporteurDossierId', 'RapporteurDataHash'), text, { maxKeys: 2 });

/** The paragraphs' texts, in order, a table's cells included. */
const texts = (blocks: readonly TBlock[] = []): string[] =>
  blocks.flatMap((b) => (b.type === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : b.type === 'table' ? b.rows.flatMap((r) => r.cells.flatMap((c) => texts(c.blocks))) : []));
/**
 * What a value reads back as: documentText's, with the end-of-line handling of xmldom, the
 * reader here, which follows XML 1.1's (CR LF, CR NEL, CR, NEL and U+2028 read as LF). The
 * package holds the characters as written (a unit test of the writer checks U+2028).
 */
const shown = (v: string) => documentText(v).replace(/\r\n|\r\u0085|[\r\u0085\u2028]/g, '\n');
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

let template: DocxTemplate;
beforeAll(async () => {
  template = await openDocx(await modelToDocx(TEMPLATE));
});

async function expectReadable(d: TemplateData, props: Record<string, string>): Promise<void> {
  const out = await fillDocx(template, d, props);
  const zip = await JSZip.loadAsync(out);
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
    const xml = await zip.file(name)!.async('string');
    expect([name, FORBIDDEN.test(xml)]).toEqual([name, false]);
    parseXml(xml, name);
  }
  const model = docxModel(await openDocx(out));
  const v = d as { collectivite: string; beneficiaire: string; objet: string; date: string; actions: string[]; cofinanceurs: { nom: string; montant: string }[] };
  expect(texts(model.header)).toEqual([shown(v.collectivite)]);
  expect(texts(model.footer)).toEqual([shown(v.date)]);
  expect(texts(model.body)).toEqual([
    `${shown(v.beneficiaire)} / ${shown(v.objet)}`,
    ...v.actions.map(shown),
    shown(v.beneficiaire),
    // A paragraph that is one section is repeated, one per item, as the actions above; a cell
    // whose list is empty keeps one empty paragraph.
    ...(v.cofinanceurs.length ? v.cofinanceurs.map((c) => `${shown(c.nom)} : ${shown(c.montant)} ; `) : ['']),
  ]);
  // Word requires a paragraph in every table cell, even when its only one was a section of an empty list.
  const body = await zip.file('word/document.xml')!.async('string');
  expect(body.match(/<w:tc>(?:(?!<\/w:tc>).)*<\/w:tc>/gs)!.every((cell) => /<w:p[ >]/.test(cell))).toBe(true);
  const written = Object.fromEntries(Object.entries(props).map(([k, x]) => [k, shown(x)]));
  expect(await readCustomProperties(out)).toEqual(written);
}

describe('filling a .docx template with any text (fillDocx)', () => {
  it('reads back the template with plain values: the inputs start from a valid report', async () => {
    await expectReadable({ collectivite: 'Métropole', beneficiaire: 'Medinsoft', objet: 'Soutien', date: '12 juin 2018', actions: ['Une', 'Deux'], cofinanceurs: [{ nom: 'Région', montant: '10 €' }] }, { RapporteurDossierId: '2018-01' });
  });

  it('writes a package every reader opens, holding each value as documentText prints it', async () => {
    await fc.assert(
      fc.asyncProperty(data, properties, async (d, props) => expectReadable(d, props)),
      // A run writes a whole package and reads it back (~9 ms): 3 000 runs, about 30 s.
      fuzzParams(3_000),
    );
  }, 180_000);
});
