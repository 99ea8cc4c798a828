import fs, { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { LocalWorkbook } from '../../src/local/workbook';
import { openOrSeedWorkbook, readWorkbookDossiers, processLock } from '../../src/local/workbook-dossiers';
import { dossierApi } from '../../src/app/dossier-api';
import { runCli } from '../../src/local/cli';
import type { DossierInput } from '../../src/core/dossier';

const root = join(__dirname, '..', '..');
const medinsoft = JSON.parse(readFileSync(join(root, 'examples', 'medinsoft-2018-corrige.json'), 'utf8')) as DossierInput;
const others = JSON.parse(readFileSync(join(root, 'examples', 'autres-dossiers-2019.json'), 'utf8')) as DossierInput[];
const fresh = () => join(mkdtempSync(join(tmpdir(), 'rapporteur-wb-')), 'dossiers.xlsx');

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { readWorkbook: readWorkbookDossiers });
  return { code, out, err };
}

describe('the local workbook', () => {
  it('is created from the examples with the sheets of the spreadsheet, and reads back the same dossiers', async () => {
    const path = fresh();
    const { created, workbook } = await openOrSeedWorkbook(path, () => [medinsoft, ...others]);
    expect(created).toBe(true);
    expect(workbook.sheetNames()).toEqual(['Dossiers', 'Cofinancements']);
    const back = await readWorkbookDossiers(path);
    expect(back.map((d) => d.id)).toEqual(['2018-AMFT-01', '2019-ESS-04', '2019-CULT-11', '2019-SPORT-02']);
    expect(back[0].period).toEqual({ start: '2018-01-01', end: '2018-03-31' });
    expect(back[0].cofinancers?.map((c) => c.name)).toEqual(['Métropole Aix-Marseille-Provence', "Conseil de Territoire du Pays d'Aix (CT2)"]);
  });

  it('stores dates as real date cells and amounts as numbers with a euro format', async () => {
    const path = fresh();
    await openOrSeedWorkbook(path, () => [medinsoft]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.getWorksheet('Dossiers')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const cell = (h: string) => ws.getRow(2).getCell(header.indexOf(h));
    expect(cell('Début de période').value).toEqual(new Date('2018-01-01T00:00:00Z'));
    expect(cell('Budget proratisé').value).toBe(200000);
    expect(cell('Budget proratisé').numFmt).toBe('#,##0.00 "€"');
    expect(cell('Taux').numFmt).toBe('0.00%');
  });

  it('keeps text that looks like a formula as text, without the apostrophe Sheets needs', async () => {
    const path = fresh();
    const { workbook } = await openOrSeedWorkbook(path, () => [{ ...medinsoft, beneficiary: '=HYPERLINK("http://x")' }]);
    await workbook.save();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const header = (book.getWorksheet('Dossiers')!.getRow(1).values as unknown[]).map(String);
    const value = book.getWorksheet('Dossiers')!.getRow(2).getCell(header.indexOf('Bénéficiaire')).value;
    expect(value).toBe('=HYPERLINK("http://x")');
    expect((await readWorkbookDossiers(path))[0].beneficiary).toBe('=HYPERLINK("http://x")');
  });

  it('keeps SIRET, RNA and imputation as text cells, leading zeros included, and reads them back the same', async () => {
    const path = fresh();
    const siret = '01234567400019'; // a SIREN beginning with 0 (keys computed for the test)
    await openOrSeedWorkbook(path, () => [{ ...medinsoft, siret, rna: 'W133000017', imputation: { chapitre: '65', nature: '6574', fonction: '024' } }]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.getWorksheet('Dossiers')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    for (const [name, value] of [['SIRET', siret], ['RNA', 'W133000017'], ['Chapitre', '65'], ['Fonction', '024']]) {
      const cell = ws.getRow(2).getCell(header.indexOf(name));
      expect([name, cell.value, cell.numFmt]).toEqual([name, value, '@']);
    }
    const [read] = await readWorkbookDossiers(path);
    expect([read!.siret, read!.imputation]).toEqual([siret, { chapitre: '65', nature: '6574', fonction: '024' }]);
  });

  it('keeps the columns a user added when a dossier is saved again', async () => {
    const path = fresh();
    await openOrSeedWorkbook(path, () => [medinsoft]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const ws = book.getWorksheet('Dossiers')!;
    const col = ws.columnCount + 1;
    ws.getRow(1).getCell(col).value = 'Mon suivi';
    ws.getRow(2).getCell(col).value = 'relancé le 3/4';
    await book.xlsx.writeFile(path);

    const wb = await LocalWorkbook.open(path);
    const api = dossierApi({ store: wb.store(), settings: wb.settingsStore(), lock: processLock });
    const loaded = api.loadDossier('2018-AMFT-01');
    const saved = api.saveDossier({ dossier: { ...loaded.dossier, subsidy: '47 500' }, ref: loaded.ref, version: loaded.version });
    expect(saved.status).toBe('saved');
    await wb.save();
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(path);
    const row = again.getWorksheet('Dossiers')!.getRow(2);
    const header = (again.getWorksheet('Dossiers')!.getRow(1).values as unknown[]).map(String);
    expect(row.getCell(header.indexOf('Mon suivi')).value).toBe('relancé le 3/4');
  });

  it('sees a change made by another program since it was opened, so a stale save is a conflict', async () => {
    const path = fresh();
    const { workbook } = await openOrSeedWorkbook(path, () => [medinsoft]);
    const api = dossierApi({ store: workbook.store(), settings: workbook.settingsStore(), lock: processLock });
    const mine = api.loadDossier('2018-AMFT-01');

    const other = await LocalWorkbook.open(path);
    const theirApi = dossierApi({ store: other.store(), settings: other.settingsStore(), lock: processLock });
    const theirs = theirApi.loadDossier('2018-AMFT-01');
    expect(theirApi.saveDossier({ dossier: { ...theirs.dossier, rapporteur: 'Mme Autre' }, ref: theirs.ref, version: theirs.version }).status).toBe('saved');
    await new Promise((r) => setTimeout(r, 20)); // a distinct modification time
    await other.save();

    await workbook.refresh();
    const r = api.saveDossier({ dossier: { ...mine.dossier, rapporteur: 'M. Moi' }, ref: mine.ref, version: mine.version });
    expect(r.status).toBe('conflict');
  });

  it('leaves the previous workbook whole and no temporary file when a save is cut before the rename', async () => {
    const path = fresh();
    const { workbook } = await openOrSeedWorkbook(path, () => [medinsoft]);
    const before = readFileSync(path);
    const api = dossierApi({ store: workbook.store(), settings: workbook.settingsStore(), lock: processLock });
    expect(api.saveDossier({ dossier: { ...medinsoft, id: 'NOUVEAU' }, ref: null, version: null }).status).toBe('saved');
    const rename = jest.spyOn(fs, 'renameSync').mockImplementationOnce(() => {
      throw new Error('interrompu');
    });
    await expect(workbook.save()).rejects.toThrow('interrompu');
    rename.mockRestore();
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await workbook.save();
    expect((await readWorkbookDossiers(path)).map((d) => d.id)).toEqual(['2018-AMFT-01', 'NOUVEAU']);
  });

  it('keeps the settings in a « Paramètres » sheet', async () => {
    const path = fresh();
    const { workbook } = await openOrSeedWorkbook(path, () => [medinsoft]);
    const api = dossierApi({ store: workbook.store(), settings: workbook.settingsStore(), lock: processLock });
    expect(api.saveSettings({ conventionThreshold: '50 000' }).status).toBe('saved');
    await workbook.save();
    const again = await LocalWorkbook.open(path);
    expect(again.readSettings()).toMatchObject({ conventionThreshold: '50000' });
  });
});

describe('rapporteur check on a workbook', () => {
  it('checks every dossier of the « Dossiers » sheet, or the one asked for', async () => {
    const path = fresh();
    await openOrSeedWorkbook(path, () => [medinsoft, ...others]);
    const all = await cli('check', path, '--json');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.out).dossiers.map((d: { id: string }) => d.id)).toHaveLength(4);
    const one = await cli('check', path, '--json', '--id', '2018-AMFT-01');
    expect(JSON.parse(one.out).dossiers[0].computed).toMatchObject({ proratedBudget: '200000.00', rate: '0.237500' });
  });

  it.each([
    ['a file that is not a workbook', (p: string) => writeFileSync(p, 'pas un classeur'), /n'est pas un classeur \.xlsx lisible/],
    ['a workbook without « Dossiers »', async (p: string) => {
      const b = new ExcelJS.Workbook();
      b.addWorksheet('Feuille 1');
      await b.xlsx.writeFile(p);
    }, /n'a pas de feuille « Dossiers » \(feuilles présentes : Feuille 1\)/],
  ])('exits 2 on %s', async (_t, make, message) => {
    const path = fresh();
    await make(path);
    const r = await cli('check', path);
    expect(existsSync(path)).toBe(true);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});

describe('text that a spreadsheet would run as a formula (issue 14)', () => {
  it.each(['=HYPERLINK("http://x";"y")', '+ de Sport', '-Département', '@moi', '\t=1+1', '\r=1+1'])('writes %j as a text cell, never a formula, and reads back what was typed', async (text) => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-formula-'));
    const path = join(dir, 'dossiers.xlsx');
    const dossier: DossierInput = { id: 'D-1', beneficiary: text, subject: text, subsidy: '1000', annualBudget: '10000', cofinancers: [{ name: text, amount: '100' }] };
    await openOrSeedWorkbook(path, () => [dossier]);
    const zip = await (await import('jszip')).default.loadAsync(readFileSync(path));
    const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheets.length).toBeGreaterThan(0);
    for (const f of sheets) expect(await zip.file(f)!.async('string')).not.toMatch(/<f[ >]/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const cells: ExcelJS.Cell[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c))));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const back = (await readWorkbookDossiers(path))[0]!;
    expect([back.beneficiary, back.subject, back.cofinancers?.[0]?.name]).toEqual([text.trim(), text.trim(), text.trim()]);
  });
});

// Found by test/fuzz/xlsx.fuzz.test.ts (shrunk): a number under a date format outside the
// calendar became an invalid Date, and reading the workbook threw « RangeError: Invalid time value ».
describe('a date cell outside the calendar', () => {
  it('is read, and refused by the checks beside its field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-bad-date-'));
    const path = join(dir, 'dates.xlsx');
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Dossiers');
    ws.addRow(['Identifiant', 'Bénéficiaire', 'Début de période', 'Fin de période']);
    ws.addRow(['D1', 'Association', -99974431.00000001, '2018-03-31']);
    ws.getCell(2, 3).numFmt = 'dd/mm/yyyy';
    await book.xlsx.writeFile(path);
    const [dossier] = await readWorkbookDossiers(path);
    expect(dossier!.period?.start).toBe('date hors calendrier');
    const out: string[] = [];
    const code = await runCli(['check', path], { out: (t) => out.push(t), err: (t) => out.push(t) }, { readWorkbook: readWorkbookDossiers });
    expect(code).toBe(1);
    expect(out.join('')).toMatch(/period\.start .*«\s?date hors calendrier\s?»/);
  });
});
