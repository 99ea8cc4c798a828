import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/local/cli';
import { reportCommand, HASH_PROPERTY } from '../../src/local/commands/report';
import { openOrSeedWorkbook, readWorkbookDossiers } from '../../src/local/workbook-dossiers';
import { docxModel, openDocx, readCustomProperties } from '../../src/local/docx';
import type { TBlock } from '../../src/core/template/model';

const root = join(__dirname, '../..');
const json = join(root, 'examples/dossiers-2018.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'rapporteur-session-'));
// The same dossiers as a workbook, written through the sidebar's save (the layout staff get).
const workbook = join(tmp(), 'dossiers-2018.xlsx');
beforeAll(async () => {
  const { workbook: wb } = await openOrSeedWorkbook(workbook, () => JSON.parse(readFileSync(json, 'utf8')));
  await wb.save();
});
const JUNE = 'Conseil de la Métropole du 28 juin 2018';
const SUMMARY = 'recapitulatif-conseil-de-la-metropole-du-28-juin-2018.docx';
/** Medinsoft (47 500 €) and Provence Robotique (80 000 €) above the threshold; Les Petits Débrouillards by cumulation with its October dossier. */
const CONVENTIONS = ['convention-2018-AMFT-01-association-medinsoft.docx', 'convention-2018-CULT-07-les-petits-debrouillards-provence.docx', 'convention-2018-ECO-02-provence-robotique-sas.docx'];

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { readWorkbook: readWorkbookDossiers, commands: { report: reportCommand } });
  return { code, out, err };
}
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const cellText = (b: TBlock): string => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : '');

async function summaryRows(path: string): Promise<string[][]> {
  const table = docxModel(await openDocx(readFileSync(path))).body.find((b) => b.type === 'table');
  if (!table || table.type !== 'table') return [];
  return table.rows.map((r) => r.cells.map((c) => plain(c.blocks.map(cellText).join('\n'))));
}

describe('rapporteur report --convention and the cumulated rule', () => {
  it('writes the convention of a dossier that needs one only with the year’s other subsidies to the same body', async () => {
    const out = tmp();
    const r = await cli('report', json, '--convention', '--out', out);
    // 15 000 € alone, 27 000 € in 2018 with 2018-CULT-19 (12 000 €, approved anyway): both get one.
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['convention-2018-CULT-07-les-petits-debrouillards-provence.docx', 'convention-2018-CULT-19-les-petits-debrouillards-provence.docx']));
    expect(r.out).not.toContain('sans objet  2018-CULT-07');
    expect(r.out).toContain('sans objet  2018-SPORT-03');
  });
});

describe.each([
  ['a JSON file', json],
  ['a workbook', workbook],
])('rapporteur report --session, from %s', (_, file) => {
  it('writes the reports of the session’s dossiers only, and its summary table with totals', async () => {
    const out = tmp();
    const r = await cli('report', file, '--session', 'conseil de la metropole du 28 JUIN 2018', '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(readdirSync(out).sort()).toEqual(
      ['2018-AMFT-01-association-medinsoft.docx', '2018-CULT-07-les-petits-debrouillards-provence.docx', '2018-ECO-02-provence-robotique-sas.docx', '2018-SPORT-03-club-nautique-de-l-estaque.docx', ...CONVENTIONS, SUMMARY].sort(),
    );
    expect(r.out).toContain('Conventions : 3 conventions écrites, 0 conservée (à jour) ; modèle : modèle de convention par défaut.');
    expect(r.out).toContain(`écrit       ${join(out, SUMMARY)} (récapitulatif, 4 dossiers)`);
    const rows = await summaryRows(join(out, SUMMARY));
    expect(rows[0]).toEqual(['Bénéficiaire', 'Objet', 'Montant', 'Taux', 'Cofinanceurs', 'Convention requise']);
    expect(rows.slice(1, -1).map((row) => [row[0], row[2]])).toEqual([
      ['association Medinsoft', '47 500 €'],
      ['Les Petits Débrouillards Provence', '15 000 €'],
      ["Club Nautique de l'Estaque", '11 000 €'],
      ['Provence Robotique SAS', '80 000 €'],
    ]);
    expect(rows[rows.length - 1]!.slice(0, 3)).toEqual(['Total', '4 dossiers', '153 500 €']);
    expect((await readCustomProperties(readFileSync(join(out, SUMMARY))))[HASH_PROPERTY]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps reports and summary that are up to date on a second run', async () => {
    const out = tmp();
    await cli('report', file, '--session', JUNE, '--out', out);
    const before = statSync(join(out, SUMMARY)).mtimeMs;
    const again = await cli('report', file, '--session', JUNE, '--out', out);
    expect(again.out).toContain(`conservé    ${join(out, SUMMARY)} (récapitulatif à jour)`);
    expect(again.out).toContain('Bilan : 0 note écrite, 4 conservées (à jour)');
    expect(statSync(join(out, SUMMARY)).mtimeMs).toBe(before);
  });
});

describe('rapporteur report --session', () => {
  it('leaves the dossiers skipped by --strict out of the summary', async () => {
    const out = tmp();
    const dossiers = JSON.parse(readFileSync(json, 'utf8'));
    dossiers[0].statedRate = '99 %';
    const file = join(out, 'd.json');
    writeFileSync(file, JSON.stringify(dossiers));
    const r = await cli('report', file, '--session', JUNE, '--out', out, '--strict');
    expect(r.code).toBe(1);
    expect(r.out).toContain('ignoré      2018-AMFT-01 (association Medinsoft)');
    const rows = await summaryRows(join(out, SUMMARY));
    expect(rows.slice(1, -1).map((row) => row[0])).not.toContain('association Medinsoft');
  });

  it('names the known sessions when the one asked for has no dossier (exit 2), writing nothing', async () => {
    const out = join(tmp(), 'notes');
    const r = await cli('report', json, '--session', 'Conseil du 1er avril', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Aucun dossier de la séance « Conseil du 1er avril » ; séances connues : « Conseil de la Métropole du 28 juin 2018 », « Conseil de la Métropole du 18 octobre 2018 ».');
  });
});
