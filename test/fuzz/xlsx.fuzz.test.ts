/**
 * Fuzz test of the .xlsx workbook reader (src/local/workbook.ts, workbook-dossiers.ts):
 * a valid workbook written by the project's own writer (the preview's seeding, through
 * the sidebar's save use case), then mutated two ways: cells given random values of every
 * type exceljs knows (text, numbers, NaN, huge serials under a date format, booleans,
 * formulas with results, rich text, links, errors), and bytes or zip entries broken. The
 * reader returns dossiers, which are then checked without an exception, or refuses with
 * an InputError whose French message names the file.
 *
 * Each run writes and reads a workbook through exceljs (tens of milliseconds): 10 000 runs
 * would add minutes to the unit suite, so each property makes a few hundred.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fc from 'fast-check';
import { checkDossiers } from '../../src/app/check-dossiers';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { InputError } from '../../src/local/input-error';
import { openOrSeedWorkbook, readWorkbookDossiers } from '../../src/local/workbook-dossiers';
import { DOSSIER_HEADERS } from '../../src/app/dossier-table';
import { anyText, assertFrench, fuzzParams, NASTY_WORDS, numberLike } from './support';

const XLSX_RUNS = 300;
const dir = mkdtempSync(join(tmpdir(), 'rapporteur-fuzz-xlsx-'));
const root = join(__dirname, '..', '..');
let valid: Buffer;
let n = 0;

beforeAll(async () => {
  const seed = JSON.parse(readFileSync(join(root, 'examples', 'dossiers-2018.json'), 'utf8'));
  const path = join(dir, 'seed.xlsx');
  await openOrSeedWorkbook(path, () => seed);
  valid = readFileSync(path);
});

const cellValue: fc.Arbitrary<{ value: ExcelJS.CellValue; numFmt?: string }> = fc.oneof(
  anyText.map((v) => ({ value: v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '') })), // XML cannot carry control characters
  numberLike.map((v) => ({ value: v })),
  fc.constantFrom('1 234,56 €', '12.000 euros', '1er janvier 2024', '31/02/2024', 'oui', 'VRAI', ...NASTY_WORDS.filter((w) => !/[\u0000\ud800\ufeff]/.test(w))).map((v) => ({ value: v })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => ({ value: v })),
  fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.constantFrom(0, -1, 0.5, 2958466, 1e15, -1e15)).map((v) => ({ value: v, numFmt: 'dd/mm/yyyy' })),
  fc.boolean().map((v) => ({ value: v })),
  fc.date({ min: new Date('1900-03-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((v) => ({ value: v })),
  fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }), fc.boolean()).map((r) => ({ value: { formula: 'A1*2', result: r } as ExcelJS.CellFormulaValue })),
  fc.string({ maxLength: 8 }).map((t) => ({ value: { richText: [{ text: t }, { text: '€' }] } as ExcelJS.CellRichTextValue })),
  fc.string({ maxLength: 8 }).map((t) => ({ value: { text: t, hyperlink: 'https://exemple.fr' } as ExcelJS.CellHyperlinkValue })),
  fc.constantFrom('#N/A', '#DIV/0!', '#VALUE!').map((e) => ({ value: { error: e } as ExcelJS.CellErrorValue })),
  fc.constant({ value: null }),
);

const cellEdit = fc.record({ sheet: fc.constantFrom('Dossiers', 'Cofinancements'), row: fc.integer({ min: 1, max: 5 }), column: fc.integer({ min: 1, max: DOSSIER_HEADERS.length + 2 }), cell: cellValue });

async function withCells(edits: readonly { sheet: string; row: number; column: number; cell: { value: ExcelJS.CellValue; numFmt?: string } }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(valid as unknown as ArrayBuffer);
  for (const e of edits) {
    const c = book.getWorksheet(e.sheet)!.getCell(e.row, e.column);
    c.value = e.cell.value;
    if (e.cell.numFmt) c.numFmt = e.cell.numFmt;
  }
  return Buffer.from((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

async function expectReadOrRefused(buffer: Buffer): Promise<void> {
  const path = join(dir, `w${n++}.xlsx`);
  writeFileSync(path, buffer);
  let dossiers;
  try {
    dossiers = await readWorkbookDossiers(path);
  } catch (e) {
    if (!(e instanceof InputError)) throw new Error(`not an InputError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    assertFrench(e.message, [path]);
    if (!e.message.includes(path)) throw new Error(`the refusal does not name the file: ${e.message}`);
    return;
  }
  // Every value read, at any depth (a co-financer's amount sits two levels down), may be quoted back.
  const valuesOf = (v: unknown): string[] => (typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : v && typeof v === 'object' ? Object.values(v).flatMap(valuesOf) : []);
  const inputs = dossiers.flatMap(valuesOf);
  for (const r of checkDossiers(dossiers, DEFAULT_SETTINGS)) for (const f of r.check.findings) assertFrench(f.message, inputs);
}

describe('the .xlsx reader, fuzzed', () => {
  it('reads a workbook whose cells hold random values of every type, or refuses it in French', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cellEdit, { minLength: 1, maxLength: 8 }), async (edits) => expectReadOrRefused(await withCells(edits))),
      fuzzParams(XLSX_RUNS, 60_000),
    );
  }, 120_000);

  it('refuses a workbook with broken bytes or zip entries in French, naming the file', async () => {
    const zipEdit = fc.record({ entry: fc.constantFrom('xl/worksheets/sheet1.xml', 'xl/workbook.xml', 'xl/sharedStrings.xml', '[Content_Types].xml', 'xl/styles.xml', 'xl/_rels/workbook.xml.rels'), at: fc.nat(), del: fc.nat({ max: 40 }), insert: fc.constantFrom('', '<', '>', '&', '"', '<x>', '</row>', '<c r="A1" t="s"><v>99999</v></c>', '<c r="ZZZZ99999999"><v>1</v></c>', 'é', '\u0000') , drop: fc.boolean() });
    const bytes = fc.oneof(
      fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, b]) => (buf: Buffer) => {
        const copy = Buffer.from(buf);
        copy[at % copy.length] ^= b;
        return copy;
      }),
      fc.nat().map((at) => (buf: Buffer) => buf.subarray(0, at % buf.length)),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(zipEdit.map((z) => ({ z })), bytes.map((b) => ({ b }))), async (m) => {
        let buffer: Buffer;
        if ('b' in m) buffer = m.b(valid);
        else {
          const zip = await JSZip.loadAsync(valid);
          const file = zip.file(m.z.entry);
          if (file && m.z.drop && m.z.del === 0) zip.remove(m.z.entry);
          else if (file) {
            const text = await file.async('string');
            const at = m.z.at % (text.length + 1);
            zip.file(m.z.entry, text.slice(0, at) + m.z.insert + text.slice(at + m.z.del));
          }
          buffer = await zip.generateAsync({ type: 'nodebuffer' });
        }
        await expectReadOrRefused(buffer);
      }),
      fuzzParams(XLSX_RUNS, 60_000),
    );
  }, 120_000);
});
