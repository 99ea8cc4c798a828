import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithTool } from '../support/tools';
import { fillDocx, modelToDocx, openDocx } from '../../src/local/docx';
import { DEFAULT_TEMPLATE } from '../../src/core/template/default-template';
import { reportFields } from '../../src/core/report-fields';
import { checkDossier } from '../../src/core/checks';
import type { DossierInput } from '../../src/core/dossier';

const root = join(__dirname, '../..');
const outDir = join(root, 'test-output');

// What a person looks at: test-output/report-medinsoft-page1.png (test-output/ is gitignored).
describeWithTool('libreoffice')('the report of the corrected example, rendered by LibreOffice', () => {
  it('converts to a PDF whose text holds the financial paragraph and the split, and a PNG of page 1', async () => {
    const dossier: DossierInput = JSON.parse(readFileSync(join(root, 'examples/medinsoft-2018-corrige.json'), 'utf8'));
    const data = reportFields(dossier, checkDossier(dossier), undefined, { todayIso: '2018-06-12' });
    mkdirSync(outDir, { recursive: true });
    const docx = join(outDir, 'report-medinsoft.docx');
    for (const f of ['report-medinsoft.pdf', 'report-medinsoft-page1.png']) rmSync(join(outDir, f), { force: true });
    writeFileSync(docx, await fillDocx(await openDocx(await modelToDocx(DEFAULT_TEMPLATE)), data));

    const [pdf, png] = execFileSync(process.execPath, [join(root, 'scripts/render-docx.mjs'), docx, outDir], { encoding: 'utf8', timeout: 120_000 }).trim().split('\n');
    expect(pdf).toBe(join(outDir, 'report-medinsoft.pdf'));
    expect(png).toBe(join(outDir, 'report-medinsoft-page1.png'));
    expect(existsSync(png!)).toBe(true);
    expect(readFileSync(png!).subarray(1, 4).toString('latin1')).toBe('PNG');

    // pdftotext breaks lines where the page does: read the text as one line of single spaces.
    const text = execFileSync('pdftotext', ['-layout', pdf!, '-'], { encoding: 'utf8' }).replace(/[\s\u202f\u00a0]+/g, ' ');
    expect(text).toContain(
      "le soutien financier de la Métropole d'Aix-Marseille Provence s'élèvera à 47 500 euros, représentant 23,75 % du budget prévisionnel 2018 proratisé sur 3 mois d'un montant de 200 000 € (budget prévisionnel annuel de 800 000 euros).",
    );
    expect(text).toContain('17 500 € pris en charge par la Métropole Aix-Marseille-Provence ;');
    expect(text).toContain("30 000 € pris en charge par le Conseil de Territoire du Pays d'Aix (CT2).");
    expect(text).not.toContain('{{');
  }, 180_000);

  // Before documentText, one control character in a name (pasted from another program) made
  // LibreOffice refuse the file: « Error: source file could not be loaded ».
  it('opens a report whose dossier’s texts hold control characters, and prints them without', async () => {
    const dossier: DossierInput = { ...JSON.parse(readFileSync(join(root, 'examples/medinsoft-2018-corrige.json'), 'utf8')), beneficiary: 'Medin\u0001soft', subject: 'Soutien\u000bà Medinsoft\u0007' };
    const data = reportFields(dossier, checkDossier(dossier), undefined, { todayIso: '2018-06-12' });
    mkdirSync(outDir, { recursive: true });
    const docx = join(outDir, 'report-controls.docx');
    for (const f of ['report-controls.pdf', 'report-controls-page1.png']) rmSync(join(outDir, f), { force: true });
    writeFileSync(docx, await fillDocx(await openDocx(await modelToDocx(DEFAULT_TEMPLATE)), data));
    const [pdf] = execFileSync(process.execPath, [join(root, 'scripts/render-docx.mjs'), docx, outDir], { encoding: 'utf8', timeout: 120_000 }).trim().split('\n');
    const text = execFileSync('pdftotext', ['-layout', pdf!, '-'], { encoding: 'utf8' }).replace(/[\s\u202f\u00a0]+/g, ' ');
    expect(text).toContain("l'association Medinsoft");
  }, 180_000);
});
