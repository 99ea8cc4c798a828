import { mkdtempSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { runCli } from '../../src/local/cli';
import { reportCommand, reportFileName, HASH_PROPERTY } from '../../src/local/commands/report';
import { docxModel, openDocx, readCustomProperties } from '../../src/local/docx';

const root = join(__dirname, '../..');
const corrected = join(root, 'examples/medinsoft-2018-corrige.json');
const printed = join(root, 'examples/medinsoft-2018-imprime.json');

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { commands: { report: reportCommand } });
  return { code, out, err };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'rapporteur-report-'));
const bodyText = async (path: string) =>
  docxModel(await openDocx(readFileSync(path)))
    .body.map((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''))
    .join('\n')
    .replace(/[\u202f\u00a0]/g, ' ');

describe('rapporteur report', () => {
  it('writes one .docx per dossier, named from its id and beneficiary, that reads like the example', async () => {
    const out = tmp();
    const r = await cli('report', corrected, '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(readdirSync(out)).toEqual(['2018-AMFT-01-association-medinsoft.docx']);
    expect(r.out).toContain(`écrit       ${join(out, '2018-AMFT-01-association-medinsoft.docx')}`);
    const text = await bodyText(join(out, '2018-AMFT-01-association-medinsoft.docx'));
    expect(text).toContain("s'élèvera à 47 500 euros, représentant 23,75 % du budget prévisionnel 2018 proratisé sur 3 mois d'un montant de 200 000 € (budget prévisionnel annuel de 800 000 euros).");
    expect(text).toContain('17 500 € pris en charge par la Métropole Aix-Marseille-Provence ;');
    expect(text).not.toContain('{{');
  });

  it('keeps a report that is up to date, and rewrites it with --force or when the dossier changed', async () => {
    const out = tmp();
    await cli('report', corrected, '--out', out);
    const file = join(out, '2018-AMFT-01-association-medinsoft.docx');
    const first = statSync(file).mtimeMs;
    const kept = await cli('report', corrected, '--out', out);
    expect(kept.out).toContain('conservé    ');
    expect(statSync(file).mtimeMs).toBe(first);
    expect((await cli('report', corrected, '--out', out, '--force')).out).toContain('mis à jour  ');
    const changed = join(tmp(), 'd.json');
    writeFileSync(changed, JSON.stringify({ ...JSON.parse(readFileSync(corrected, 'utf8')), subsidy: 40000, cofinancers: [] }));
    expect((await cli('report', changed, '--out', out)).out).toContain('mis à jour  ');
    expect(await bodyText(file)).toContain("s'élèvera à 40 000 euros");
    expect((await readCustomProperties(readFileSync(file)))[HASH_PROPERTY]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes a dossier with errors with a warning on stderr, and skips it with --strict', async () => {
    const out = tmp();
    const written = await cli('report', printed, '--out', out);
    expect(written.code).toBe(1);
    expect(written.err).toContain('attention, le dossier 2018-AMFT-01 (association Medinsoft) a 1 erreur');
    expect(written.out).toContain('(avec erreurs)');
    const strictOut = tmp();
    const skipped = await cli('report', printed, '--out', strictOut, '--strict');
    expect(skipped.code).toBe(1);
    expect(skipped.out).toContain('ignoré      2018-AMFT-01 (association Medinsoft) : 1 erreur (--strict)');
    expect(readdirSync(strictOut)).toEqual([]);
  });

  it('never writes one dossier’s report over another’s when their ids give one file name', async () => {
    const out = tmp();
    const base = JSON.parse(readFileSync(corrected, 'utf8'));
    const file = join(out, 'doublons.json');
    // The same id twice (a copied row), then ids that differ only by « / » and « - ».
    writeFileSync(file, JSON.stringify([
      { ...base, id: '2018-A', subsidy: 47500 },
      { ...base, id: '2018-A', subsidy: 12000 },
      { ...base, id: '2018/B' },
      { ...base, id: '2018-B' },
    ]));
    const r = await cli('report', file, '--out', join(out, 'notes'));
    expect(r.code).toBe(1);
    expect(readdirSync(join(out, 'notes')).sort()).toEqual([reportFileName('2018-A', base.beneficiary), reportFileName('2018/B', base.beneficiary)].sort());
    // The first of each pair is the one on disk: its amount, not the copy's.
    expect(await bodyText(join(out, 'notes', reportFileName('2018-A', base.beneficiary)))).toContain('47 500');
    expect(r.out).toContain(`ignoré      2018-A (${base.beneficiary}) : sa note irait dans ${join(out, 'notes', reportFileName('2018-A', base.beneficiary))}, déjà écrit pour le dossier 2018-A de ce fichier`);
    expect(r.out).toContain(`ignoré      2018-B (${base.beneficiary}) : sa note irait dans`);
    expect(r.out).toContain('2 notes écrites, 0 conservée (à jour), 2 ignorées');
    // The copied id is also an error of the check, printed with the first dossier's warning.
    expect(r.err).toContain('L’identifiant « 2018-A » de ce dossier (le 1er du fichier) est aussi celui du 2e dossier');
  });

  it('writes nothing when the template has errors, and lists them with their places (exit 2)', async () => {
    const dir = tmp();
    const template = join(dir, 'modele.docx');
    await cli('report', '--write-template', template);
    const zip = await JSZip.loadAsync(readFileSync(template));
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.replace('{{paragraphe_financier}}', '{{paragraphe_financiers}}'));
    writeFileSync(template, await zip.generateAsync({ type: 'uint8array' }));
    const out = join(dir, 'notes');
    const r = await cli('report', corrected, '--template', template, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('aucune note n’a été écrite');
    expect(r.err).toContain('paragraphe 10, colonne 1 [unknown_field] Le champ « paragraphe_financiers » n’existe pas. Vouliez-vous dire {{paragraphe_financier}} ?');
    expect(() => readdirSync(out)).toThrow();
    const check = await cli('report', '--check-template', template);
    expect(check.code).toBe(1);
    expect(check.out).toContain('contient 1 erreur');
  });

  it('writes the default template for staff to edit, and checks it as valid', async () => {
    const template = join(tmp(), 'modele.docx');
    expect((await cli('report', '--write-template', template)).code).toBe(0);
    expect(await cli('report', '--check-template', template)).toMatchObject({ code: 0, out: `Modèle valide : ${template}\n` });
    const out = tmp();
    expect((await cli('report', corrected, '--template', template, '--out', out)).code).toBe(0);
    expect(await bodyText(join(out, '2018-AMFT-01-association-medinsoft.docx'))).toContain('200 000 €');
  });

  it.each([
    [['report'], 'Indiquez le fichier des dossiers'],
    [['report', corrected, '--template', '/nulle/part.docx'], 'Fichier introuvable : /nulle/part.docx'],
    [['report', corrected, '--id', 'X'], 'Aucun dossier d\'identifiant « X »'],
  ])('refuses %j with a French message (exit 2)', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('refuses a template that is not a .docx', async () => {
    const bad = join(tmp(), 'modele.docx');
    writeFileSync(bad, 'pas un zip');
    const r = await cli('report', corrected, '--template', bad);
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toContain('n’est pas un document Word (.docx) lisible');
  });

  it.each([
    ['2018-AMFT-01', 'association Medinsoft', '2018-AMFT-01-association-medinsoft.docx'],
    ['#2', 'Société Éléphant & Cie', 'dossier-2-societe-elephant-cie.docx'],
    ['a/b', undefined, 'a-b.docx'],
  ])('names the report of %j / %j as %j', (id, who, expected) => {
    expect(reportFileName(id, who)).toBe(expected);
  });
});
