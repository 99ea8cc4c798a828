/**
 * Fuzz test of the .xlsx workbook reader (src/local/workbook.ts, workbook-dossiers.ts),
 * starting from a valid workbook written by the project's own writer (the preview's
 * seeding, through the sidebar's save use case) from the example's first three dossiers.
 * Two properties, 10 000 runs each:
 *
 * 1. Cell values, in memory: the valid workbook's cells copied into a fresh exceljs
 *    workbook, a few given random values of every shape exceljs hands the reader (text,
 *    numbers, booleans, dates, the invalid Date a huge serial under a date format loads as,
 *    formulas with results, rich text, links, errors, empty), then read by the project's
 *    reader (LocalWorkbook.fromBook + workbookDossiers: the code readWorkbookDossiers runs
 *    once exceljs has loaded a file). Writing and loading a real file costs tens of
 *    milliseconds per run in exceljs, hence no file here: property 2 feeds files.
 * 2. Real files, read from disk by readWorkbookDossiers: half of them the same workbook with
 *    cells rewritten as the XML text Excel writes (inline strings, numbers under the text,
 *    date, money or percent style, booleans, errors, formulas with cached results, shared
 *    strings out of range, cells on new rows), zipped uncompressed; a quarter with a zip
 *    entry's XML cut and spliced with markup, or the entry dropped; a quarter the real
 *    compressed file with a byte flipped or cut short.
 *
 * In 2 the rezipped workbook is the project's own without its theme and document properties:
 * the reader never looks at them, and parsing the theme is a third of exceljs' load time.
 * The reader returns dossiers, which are then checked without an exception, or refuses with
 * an InputError whose French message names the file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fc from 'fast-check';
import { checkDossiers } from '../../src/app/check-dossiers';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { DossierInput } from '../../src/core/dossier';
import { InputError } from '../../src/local/input-error';
import { LocalWorkbook } from '../../src/local/workbook';
import { openOrSeedWorkbook, readWorkbookDossiers, workbookDossiers } from '../../src/local/workbook-dossiers';
import { DOSSIER_HEADERS } from '../../src/app/dossier-table';
import { anyText, assertFrench, fuzzParams, NASTY_WORDS, numberLike, zipOf } from './support';

const dir = mkdtempSync(join(tmpdir(), 'rapporteur-fuzz-xlsx-'));
const root = join(__dirname, '..', '..');
const path = join(dir, 'classeur.xlsx');
/** The valid workbook as the project writes it (compressed). */
let valid: Buffer;
/** Its zip entries as text, theme and document properties left out. */
let entries: Map<string, string>;
/** Its cells, sheet by sheet, as exceljs loads them. */
let cells: { name: string; rows: { value: ExcelJS.CellValue; numFmt?: string }[][] }[];

beforeAll(async () => {
  // Three dossiers (with co-financers) are enough for every column and both sheets, and
  // every run's cost (load, read, check) grows with the dossiers.
  const seed = (JSON.parse(readFileSync(join(root, 'examples', 'dossiers-2018.json'), 'utf8')) as DossierInput[]).slice(0, 3);
  const seeded = join(dir, 'seed.xlsx');
  await openOrSeedWorkbook(seeded, () => seed);
  valid = readFileSync(seeded);
  const zip = await JSZip.loadAsync(valid);
  entries = new Map();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir && !/^(xl\/theme\/|docProps\/)/.test(name)) entries.set(name, await file.async('string'));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(valid as unknown as ArrayBuffer);
  cells = book.worksheets.map((ws) => ({
    name: ws.name,
    rows: Array.from({ length: ws.rowCount }, (_, r) =>
      Array.from({ length: ws.columnCount }, (_, c) => {
        const cell = ws.getCell(r + 1, c + 1);
        return { value: cell.value, ...(cell.numFmt ? { numFmt: cell.numFmt } : {}) };
      }),
    ),
  }));
});

/** XML 1.0 cannot carry these: a writer never puts them in a cell. */
const xmlSafe = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
const text = fc.oneof(
  anyText.map(xmlSafe),
  numberLike,
  fc.constantFrom('1 234,56 €', '12.000 euros', '1er janvier 2024', '31/02/2024', 'oui', 'VRAI', ...NASTY_WORDS.map(xmlSafe)),
);
/** Serial days as Excel stores them, from ordinary ones to ones no calendar holds. */
const serial = fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constantFrom(0, -1, 0.5, 60, 2958465, 2958466, 1e15, -1e15, 1e308));
/** How exceljs' load turns a serial under a date format into a Date (an invalid one beyond the calendar). */
const serialToDate = (v: number) => new Date(Math.round((v - 25569) * 24 * 3600 * 1000));

const cellValue: fc.Arbitrary<{ value: ExcelJS.CellValue; numFmt?: string }> = fc.oneof(
  text.map((v) => ({ value: v })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => ({ value: v })),
  fc.boolean().map((v) => ({ value: v })),
  fc.date({ min: new Date('1900-03-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((v) => ({ value: v, numFmt: 'dd/mm/yyyy' })),
  serial.map((v) => ({ value: serialToDate(v), numFmt: 'dd/mm/yyyy' })),
  fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }), fc.boolean(), serial.map(serialToDate), fc.constant({ error: '#REF!' })).map((r) => ({ value: { formula: 'A1*2', result: r } as ExcelJS.CellFormulaValue })),
  fc.constant({ value: { sharedFormula: 'A2', result: undefined } as unknown as ExcelJS.CellValue }),
  fc.array(text, { maxLength: 3 }).map((t) => ({ value: { richText: t.map((x) => ({ text: x })) } as ExcelJS.CellRichTextValue })),
  fc.tuple(text, fc.constantFrom('https://exemple.fr', '', 'mailto:a@b.fr')).map(([t, h]) => ({ value: { text: t, hyperlink: h } as ExcelJS.CellHyperlinkValue })),
  fc.constantFrom('#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!').map((e) => ({ value: { error: e } as ExcelJS.CellErrorValue })),
  fc.constant({ value: null }),
);

const place = { sheet: fc.constantFrom(0, 1), row: fc.integer({ min: 1, max: 12 }), column: fc.integer({ min: 1, max: DOSSIER_HEADERS.length + 2 }) };

function expectChecked(dossiers: DossierInput[]): void {
  // Every value read, at any depth (a co-financer's amount sits two levels down), may be quoted back.
  const valuesOf = (v: unknown): string[] => (typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : v && typeof v === 'object' ? Object.values(v).flatMap(valuesOf) : []);
  // A finding may quote a value with its spaces taken out (an imputation's chapter, « undefined-00 » from « undefined-0 0 »).
  const inputs = dossiers.flatMap(valuesOf).flatMap((v) => [v, v.replace(/\s+/g, '')]);
  for (const r of checkDossiers(dossiers, DEFAULT_SETTINGS)) for (const f of r.check.findings) assertFrench(f.message, inputs);
}

function expectRefusal(e: unknown): void {
  if (!(e instanceof InputError)) throw new Error(`not an InputError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  assertFrench(e.message, [path]);
  if (!e.message.includes(path)) throw new Error(`the refusal does not name the file: ${e.message}`);
}

/** How many inputs each outcome had: a property that only ever refused would test little. */
const outcomes = { read: 0, refused: 0 };

/** Reads a file from disk through the reader the command line uses. */
async function expectFileReadOrRefused(buffer: Buffer): Promise<void> {
  writeFileSync(path, buffer);
  let dossiers;
  try {
    dossiers = await readWorkbookDossiers(path);
  } catch (e) {
    expectRefusal(e);
    outcomes.refused++;
    return;
  }
  outcomes.read++;
  expectChecked(dossiers);
}

const columnName = (n: number): string => (n > 26 ? columnName(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell's XML as Excel writes it; the style indexes are the seed's (2 text, 3 date, 4 money, 5 percent). */
const cellXml = fc.oneof(
  text.map((t) => (r: string, s: string) => `<c r="${r}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(t)}</t></is></c>`),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((ts) => (r: string, s: string) => `<c r="${r}"${s} t="inlineStr"><is>${ts.map((t) => `<r><t>${escapeXml(t)}</t></r>`).join('')}</is></c>`),
  fc.oneof(serial, fc.double({ noNaN: true, noDefaultInfinity: true })).map((v) => (r: string, s: string) => `<c r="${r}"${s}><v>${v}</v></c>`),
  fc.constantFrom('1e400', '-1e400', 'NaN', '', 'abc', '1,5', '0x10').map((v) => (r: string, s: string) => `<c r="${r}"${s}><v>${v}</v></c>`),
  fc.constantFrom('0', '1', '2', '').map((v) => (r: string, s: string) => `<c r="${r}"${s} t="b"><v>${v}</v></c>`),
  fc.constantFrom('#N/A', '#DIV/0!', '#VALUE!', '#REF!', '').map((v) => (r: string, s: string) => `<c r="${r}"${s} t="e"><v>${v}</v></c>`),
  fc.tuple(fc.constantFrom('', ' t="str"', ' t="b"', ' t="e"'), fc.oneof(text, serial.map(String))).map(([t, v]) => (r: string, s: string) => `<c r="${r}"${s}${t}><f>A1*2</f><v>${escapeXml(v)}</v></c>`),
  fc.integer({ min: -1, max: 100_000 }).map((i) => (r: string, s: string) => `<c r="${r}"${s} t="s"><v>${i}</v></c>`),
  fc.constant((r: string, s: string) => `<c r="${r}"${s}/>`),
);
const cellXmlEdit = fc.record({ ...place, xml: cellXml, style: fc.constantFrom('', ' s="2"', ' s="3"', ' s="4"', ' s="5"', ' s="99"') });

/** The sheet XML with each edited cell replaced, or added to its row, or on a new row. */
function withXmlCells(xml: string, edits: readonly { row: number; column: number; xml: (r: string, s: string) => string; style: string }[]): string {
  for (const e of edits) {
    const ref = `${columnName(e.column)}${e.row}`;
    const cell = e.xml(ref, e.style);
    const existing = new RegExp(`<c r="${ref}"(?:[^>]*/>|[^>]*>[\\s\\S]*?</c>)`);
    if (existing.test(xml)) xml = xml.replace(existing, () => cell);
    else if (xml.includes(`<row r="${e.row}"`)) xml = xml.replace(new RegExp(`(<row r="${e.row}"[^>]*>[\\s\\S]*?)(</row>)`), (_, head: string, end: string) => head + cell + end);
    else xml = xml.replace('</sheetData>', () => `<row r="${e.row}">${cell}</row></sheetData>`);
  }
  return xml;
}

describe('the .xlsx reader, fuzzed', () => {
  beforeEach(() => Object.assign(outcomes, { read: 0, refused: 0 }));

  it('reads the seed workbook rezipped by hand without its theme: the inputs start from a valid file', async () => {
    writeFileSync(path, zipOf(entries));
    expect((await readWorkbookDossiers(path)).map((d) => d.id)).toEqual((await readWorkbookDossiers(join(dir, 'seed.xlsx'))).map((d) => d.id));
  });

  it('reads cells holding random values of every shape exceljs loads, or refuses in French', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ ...place, cell: cellValue }), { minLength: 1, maxLength: 8 }), (edits) => {
        const book = new ExcelJS.Workbook();
        for (const sheet of cells) {
          const ws = book.addWorksheet(sheet.name);
          sheet.rows.forEach((row, r) =>
            row.forEach((c, col) => {
              if (c.value === null) return;
              const cell = ws.getCell(r + 1, col + 1);
              cell.value = c.value;
              if (c.numFmt) cell.numFmt = c.numFmt;
            }),
          );
        }
        for (const e of edits) {
          const cell = book.getWorksheet(cells[e.sheet]!.name)!.getCell(e.row, e.column);
          cell.value = e.cell.value;
          if (e.cell.numFmt) cell.numFmt = e.cell.numFmt;
        }
        let dossiers;
        try {
          dossiers = workbookDossiers(LocalWorkbook.fromBook(path, book));
        } catch (e) {
          expectRefusal(e);
          return;
        }
        expectChecked(dossiers);
      }),
      fuzzParams(),
    );
  }, 180_000);

  it('reads a real file with cells rewritten as XML, or broken entries or bytes, or refuses it in French naming the file', async () => {
    const sheets = ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml'];
    const zipEdit = fc.record({ entry: fc.constantFrom('xl/worksheets/sheet1.xml', 'xl/workbook.xml', 'xl/sharedStrings.xml', '[Content_Types].xml', 'xl/styles.xml', 'xl/_rels/workbook.xml.rels'), at: fc.nat(), del: fc.nat({ max: 40 }), insert: fc.constantFrom('', '<', '>', '&', '"', '<x>', '</row>', '<c r="A1" t="s"><v>99999</v></c>', '<c r="ZZZZ99999999"><v>1</v></c>', 'é', '\u0000'), drop: fc.boolean() });
    const bytes = fc.oneof(
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, b]) => (buf: Buffer) => {
        const copy = Buffer.from(buf);
        copy[at % copy.length] ^= b;
        return copy;
      }),
      fc.nat().map((at) => (buf: Buffer) => buf.subarray(0, at % buf.length)),
    );
    const mutation = fc.oneof(
      { weight: 2, arbitrary: fc.array(cellXmlEdit, { minLength: 1, maxLength: 8 }).map((cells) => ({ cells })) },
      { weight: 1, arbitrary: zipEdit.map((z) => ({ z })) },
      { weight: 1, arbitrary: bytes.map((b) => ({ b })) },
    );
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        let buffer: Buffer;
        if ('b' in m) buffer = m.b(valid);
        else if ('cells' in m) {
          const files = new Map(entries);
          for (const [i, name] of sheets.entries()) files.set(name, withXmlCells(files.get(name)!, m.cells.filter((e) => e.sheet === i)));
          buffer = zipOf(files);
        } else {
          const files = new Map(entries);
          const content = files.get(m.z.entry)!;
          if (m.z.drop && m.z.del === 0) files.delete(m.z.entry);
          else {
            const at = m.z.at % (content.length + 1);
            files.set(m.z.entry, content.slice(0, at) + m.z.insert + content.slice(at + m.z.del));
          }
          buffer = zipOf(files);
        }
        await expectFileReadOrRefused(buffer);
      }),
      // A real file costs exceljs' load (about 5 ms here): 10 000 take near a minute alone,
      // more beside the other fuzz files; the bound only stops a pathological case.
      fuzzParams(10_000, 180_000),
    );
    expect(outcomes.read).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 240_000);
});
