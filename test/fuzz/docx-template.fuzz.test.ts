/**
 * Fuzz test of the .docx template file a user gives (`rapporteur report --template FILE`,
 * `--check-template FILE`, the preview's « Modèle de note » setting): the package around the
 * template model that template.fuzz.test.ts fuzzes. It starts from the project's default
 * template written as .docx once (modelToDocx(DEFAULT_TEMPLATE)), its entries kept in memory
 * as text, and each run damages a copy cheaply:
 *
 * - word/document.xml (or a header, a footer) edited as text: a span cut, markup, entities
 *   (unknown, numeric, out of XML's range), a DOCTYPE, CDATA or tags inserted, a closing tag
 *   taken out (an element left unclosed), the file cut inside a tag;
 * - a part replaced by garbage, by nothing, or by another well-formed XML document (styles,
 *   a body without its namespace, a header in place of the document, no w:body, a DOCTYPE
 *   with nested entities);
 * - an entry dropped, renamed (case, folder, a new header or footer name) or duplicated,
 *   [Content_Types].xml and the relationships included;
 * - the archive's bytes, stored or as the project compresses them, flipped or cut short.
 *
 * Each is written to one temporary file and read by loadTemplate, the loader the command
 * line and the preview share (the preview's prepare() quotes its refusal), then checked as
 * `report` checks it (checkDocx with the report's fields). Either it loads and every template
 * error is French and names its place, or it is refused with an InputError whose French
 * message names the file; never a library's English (xmldom, jszip), never a TypeError.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import fc from 'fast-check';
import { DEFAULT_TEMPLATE } from '../../src/core/template/default-template';
import { FIELD_DOCS } from '../../src/core/report-fields';
import { formatPlace } from '../../src/core/messages/template';
import { checkDocx, docxModel, modelToDocx } from '../../src/local/docx';
import { loadTemplate } from '../../src/local/commands/report';
import { InputError } from '../../src/local/input-error';
import type { TBlock } from '../../src/core/template/model';
import { anyText, assertFrench, fuzzParams, zipOf } from './support';

const dir = mkdtempSync(join(tmpdir(), 'rapporteur-fuzz-docx-'));
const path = join(dir, 'modèle de note.docx');
/** The default template as the project writes it (compressed). */
let compressed: Buffer;
/** Its entries as text, in the archive's order. */
let entries: [string, string][];
let stored: Buffer;

beforeAll(async () => {
  compressed = Buffer.from(await modelToDocx(DEFAULT_TEMPLATE));
  const zip = await JSZip.loadAsync(compressed);
  entries = [];
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) entries.push([name, await file.async('string')]);
  stored = zipOf(entries);
});

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Well-formed XML documents that are not the part they replace. */
const OTHER_XML = [
  `${HEAD}<w:document ${W_NS}></w:document>`,
  `${HEAD}<w:document ${W_NS}><w:body/></w:document>`,
  `${HEAD}<w:document><w:body><w:p><w:r><w:t>{{beneficiaire}}</w:t></w:r></w:p></w:body></w:document>`,
  `${HEAD}<document><body><p>{{beneficiaire}}</p></body></document>`,
  `${HEAD}<w:hdr ${W_NS}><w:p><w:r><w:t>{{collectivite}}</w:t></w:r></w:p></w:hdr>`,
  `${HEAD}<w:document ${W_NS}><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{#cofinanceurs}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>{{/cofinanceurs}}</w:t></w:r></w:p></w:body></w:document>`,
  `${HEAD}<!DOCTYPE d [<!ENTITY a "{{x}}{{x}}"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;">]><w:document ${W_NS}><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>`,
  `${HEAD}<w:document ${W_NS}><w:body>${'<w:p><w:r><w:t>{{#a}}</w:t></w:r></w:p>'.repeat(200)}</w:body></w:document>`,
  '<x/>',
  '<?xml version="1.0"?><!-- rien --><r/>',
];
/** What an edit inserts into a part's text. */
const INSERTS = [
  '<', '>', '&', '"', '&amp;', '&nope;', '&#0;', '&#xD800;', '&#x110000;', '&#65;', '&lt;w:p&gt;', '&#x7B;&#x7B;',
  '<w:p>', '</w:p>', '<w:r>', '<w:t>', '</w:t>', '</w:body>', '<w:body>', '<w:tbl><w:tr><w:tc>', '</w:tc></w:tr></w:tbl>',
  '<w:p><w:r><w:t>{{#liste}}</w:t></w:r></w:p>', '<w:t xml:space="preserve"> {{beneficiaire}} </w:t>', '<w:txbxContent><w:p><w:r><w:t>{{x}}</w:t></w:r></w:p></w:txbxContent>',
  '<!DOCTYPE x [<!ENTITY e "{{">]>', '&e;', '<![CDATA[{{x}}]]>', '<![CDATA[', ']]>', '<?pi ?>', '<!--', '-->', '<?xml version="1.0"?>',
  '{{', '}}', '{{#x}}', '{{/x}}', '{{.}}', 'é', '\u0000', '\ufeff', '\ud800', 'xmlns:w="urn:autre"', ' w:val=',
];
const PARTS = ['word/document.xml', 'word/header1.xml', 'word/footer1.xml'];
const RENAMES = ['word/Document.xml', 'word/document.xml.bak', '/word/document.xml', 'word\\document.xml', 'document.xml', 'word/header2.xml', 'word/footer.xml', 'word/header1.xml', 'word/document2.xml', 'Word/document.xml'];

type Files = [string, string][];
const edit = (files: Files, name: string, f: (text: string) => string): Files => files.map(([n, t]) => [n, n === name ? f(t) : t]);

/** Pieces of template tags, for edits that keep the XML well-formed. */
const TAG_PIECES = ['{{', '}}', '{', '}', '{{}}', '{{.}}', '{{ beneficiaire }}', '{{benefciaire}}', '{{montant_subventio}}', '{{#cofinanceurs}}', '{{/cofinanceurs}}', '{{^cofinanceurs}}', '{{#x}}', '{{/x}}', '{{#__proto__}}', '{{constructor}}', '{{é}}', '{{1a}}'];
/** XML 1.0 cannot carry these, even escaped. */
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const partEdit = fc.oneof(
  // Text put into a run's w:t, escaped: the part stays XML, the template's tags break.
  // Weighted so that about half the files load and reach the check.
  { weight: 6, arbitrary: fc.record({ k: fc.nat(), at: fc.nat(), del: fc.nat({ max: 12 }), insert: fc.oneof(fc.constantFrom(...TAG_PIECES), anyText.map(xmlSafe)), split: fc.boolean() }).map(
    (e) => (t: string) => {
      const texts = [...t.matchAll(/(<w:t(?: [^>]*)?>)([^<]*)<\/w:t>/g)];
      const m = texts[e.k % Math.max(1, texts.length)];
      if (!m) return t;
      const inner = m[2]!;
      const at = e.at % (inner.length + 1);
      const piece = escapeXml(e.insert) + (e.split ? '</w:t></w:r><w:r><w:t xml:space="preserve">' : '');
      const start = m.index + m[1]!.length;
      return t.slice(0, start) + inner.slice(0, at) + piece + inner.slice(at + e.del) + t.slice(start + inner.length);
    },
  ) },
  // A span cut and something inserted in its place.
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), del: fc.nat({ max: 60 }), insert: fc.oneof(fc.constantFrom(...INSERTS), anyText) }).map(
    (e) => (t: string) => {
      const at = e.at % (t.length + 1);
      return t.slice(0, at) + e.insert + t.slice(at + e.del);
    },
  ) },
  // A closing tag taken out: its element is left unclosed.
  { weight: 1, arbitrary: fc.nat().map((k) => (t: string) => {
    const closes = [...t.matchAll(/<\/[\w:]+>/g)];
    const c = closes[k % Math.max(1, closes.length)];
    return c ? t.slice(0, c.index) + t.slice(c.index + c[0].length) : t;
  }) },
  // The part cut short, often inside a tag.
  { weight: 1, arbitrary: fc.nat().map((at) => (t: string) => t.slice(0, at % (t.length + 1))) },
  // The part replaced by another document, garbage, or nothing.
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...OTHER_XML, ''), anyText).map((other) => () => other) },
);

const packageEdit: fc.Arbitrary<(files: Files) => Files> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...PARTS), fc.array(partEdit, { minLength: 1, maxLength: 3 })).map(([part, edits]) => (files: Files) => edit(files, part, (t) => edits.reduce((x, e) => e(x), t))) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), partEdit).map(([k, e]) => (files: Files) => edit(files, files[k % files.length]![0], e)) },
  { weight: 1, arbitrary: fc.nat().map((k) => (files: Files) => files.filter((_, i) => i !== k % files.length)) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.constantFrom(...RENAMES)).map(([k, to]) => (files: Files) => files.map(([n, t], i): [string, string] => [i === k % files.length ? to : n, t])) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(), fc.oneof(fc.constant(null), fc.constantFrom(...OTHER_XML))).map(([k, other]) => (files: Files): Files => [...files, [files[k % files.length]![0], other ?? files[k % files.length]![1]]]) },
);

const byteEdit = fc.oneof(
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => (buf: Buffer) => {
    const copy = Buffer.from(buf);
    for (const [at, b] of flips) copy[at % copy.length] ^= b;
    return copy;
  }),
  fc.nat().map((at) => (buf: Buffer) => buf.subarray(0, at % buf.length)),
);

const damaged = fc.oneof(
  { weight: 6, arbitrary: fc.array(packageEdit, { minLength: 1, maxLength: 2 }).map((edits) => () => zipOf(edits.reduce((f, e) => e(f), entries))) },
  { weight: 1, arbitrary: byteEdit.map((b) => () => b(stored)) },
  { weight: 2, arbitrary: byteEdit.map((b) => () => b(compressed)) },
);

/** Every text of the template's runs: an error may quote them. */
function runTexts(blocks: readonly TBlock[] = []): string[] {
  return blocks.flatMap((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text) : b.type === 'table' ? b.rows.flatMap((r) => r.cells.flatMap((c) => runTexts(c.blocks))) : []));
}

const outcomes = { checked: 0, withErrors: 0, refused: 0 };
const refusals = new Map<string, number>();

/** Loads the file as `report --template` does, then checks it as `report` does. */
async function expectLoadedOrRefused(bytes: Buffer): Promise<void> {
  writeFileSync(path, bytes);
  let template;
  try {
    ({ template } = await loadTemplate(path));
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`not an InputError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    assertFrench(e.message, [path]);
    if (!e.message.includes(path)) throw new Error(`the refusal does not name the file: ${e.message}`);
    outcomes.refused++;
    const kind = e.message.replace(path, 'FICHIER');
    refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
    return;
  }
  const errors = checkDocx(template, FIELD_DOCS);
  outcomes.checked++;
  if (errors.length === 0) return;
  outcomes.withErrors++;
  // The run texts an error may quote are gathered only for an error that needs them: the
  // check with them is the more lenient one, and parsing the parts again costs a check.
  let inputs: string[] | undefined;
  for (const err of errors) {
    const place = formatPlace(err.place);
    if (!/paragraphe \d+, colonne \d+$/.test(place)) throw new Error(`the error does not name its place: « ${place} » ${err.message}`);
    try {
      assertFrench(err.message);
    } catch {
      if (!inputs) {
        const model = docxModel(template);
        inputs = [...runTexts(model.body), ...runTexts(model.header), ...runTexts(model.footer)];
      }
      // What a template error quotes, in « » or as a tag, is the template's own text, a tag
      // joined across runs included (« {{#date_sean-Infinity}} », {{/undefined}}), which no
      // single run text holds.
      const quoted = [...err.message.matchAll(/«[\s\u00a0\u202f]?([\s\S]*?)[\s\u00a0\u202f]?»|(\{\{[\s\S]*?\}\})/g)].map((m) => (m[1] ?? m[2])!);
      assertFrench(err.message, [...inputs, ...quoted]);
    }
  }
}

describe('the .docx template file, fuzzed', () => {
  it('loads and checks the default template rezipped by hand: the inputs start from a valid file', async () => {
    writeFileSync(path, stored);
    expect(checkDocx((await loadTemplate(path)).template, FIELD_DOCS)).toEqual([]);
  });

  it('loads a damaged template file and checks it, or refuses it in French naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(damaged, async (make) => expectLoadedOrRefused(make())),
      fuzzParams(10_000, 120_000),
    );
    console.log(`docx template fuzz: ${JSON.stringify(outcomes)}\n${[...refusals].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${n}\t${m}`).join('\n')}`);
    expect(outcomes.checked - outcomes.withErrors).toBeGreaterThan(0);
    expect(outcomes.withErrors).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 180_000);
});
