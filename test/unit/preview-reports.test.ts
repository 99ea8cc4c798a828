/**
 * Reports in the local preview: the report use case on the local adapters (composePreviewApi)
 * and each call one unit of work (hooks before / after / rollback), checked by what the
 * reports folder and the workbook hold afterwards.
 */
import JSZip from 'jszip';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composePreviewApi } from '../../src/local/preview/compose';
import { runUnitOfWork } from '../../src/local/preview/server';
import { openOrSeedWorkbook, readWorkbookDossiers } from '../../src/local/workbook-dossiers';
import { LocalWorkbook } from '../../src/local/workbook';
import { runCli } from '../../src/local/cli';
import { HASH_PROPERTY, reportCommand } from '../../src/local/commands/report';
import { docxModel, fillDocx, modelToDocx, openDocx, readBlocks, readCustomProperties, renderedToDocx } from '../../src/local/docx';
import { parseXml } from '../../src/local/docx/xml';
import { DEFAULT_TEMPLATE } from '../../src/core/template/default-template';
import { renderDocument } from '../../src/core/template/render';
import { reportFields } from '../../src/core/report-fields';
import { checkDossier } from '../../src/core/checks';
import { paragraphText, type TBlock } from '../../src/core/template/model';
import type { DossierInput } from '../../src/core/dossier';

const root = join(__dirname, '..', '..');
const medinsoft = JSON.parse(readFileSync(join(root, 'examples', 'medinsoft-2018-corrige.json'), 'utf8')) as DossierInput;
const clock = { nowIso: () => '2018-06-12T08:00:00.000Z', todayIso: () => '2018-06-12' };
const FILE = '2018-AMFT-01-association-medinsoft.docx';

type Api = Record<string, (...a: unknown[]) => any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function setup(opts: { reportsDir?: (dir: string) => string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-pr-'));
  const path = join(dir, 'dossiers.xlsx');
  const { workbook } = await openOrSeedWorkbook(path, () => [medinsoft]);
  const reportsDir = opts.reportsDir ? opts.reportsDir(dir) : join(dir, 'notes');
  if (!opts.reportsDir) mkdirSync(reportsDir);
  const { api, hooks } = composePreviewApi(workbook, reportsDir, clock);
  /** One call as the preview server makes it: before, the call, after (or rollback), then the save. */
  const call = async (name: string, ...args: unknown[]) => {
    return runUnitOfWork(workbook, hooks, name, () => (api as Api)[name](...args));
  };
  return { dir, path, workbook, reportsDir, call };
}

/** The text of every paragraph of a .docx part, in order. */
async function partText(bytes: Uint8Array, part = 'word/document.xml'): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file(part)!.async('string');
  const doc = parseXml(xml, part).documentElement!;
  const flat = (blocks: TBlock[]): string[] => blocks.flatMap((b) => (b.type === 'paragraph' ? [paragraphText(b)] : b.type === 'table' ? b.rows.flatMap((r) => r.cells.flatMap((c) => flat(c.blocks))) : []));
  const container = part === 'word/document.xml' ? (doc.getElementsByTagNameNS('http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'body')[0] as typeof doc) : doc;
  return flat(readBlocks(container));
}

describe('reports in the local preview', () => {
  it('« Générer la note » writes the .docx with the command line’s name and data hash, and records its link', async () => {
    const { path, reportsDir, call } = await setup();
    const r = await call('generateReport', '2018-AMFT-01');
    expect(r).toMatchObject({ status: 'created', url: `reports/${FILE}`, dateIso: '2018-06-12' });
    expect(readdirSync(reportsDir)).toEqual([FILE]);
    const bytes = readFileSync(join(reportsDir, FILE));
    expect((await readCustomProperties(bytes))[HASH_PROPERTY]).toBe(r.dataHash);
    const text = (await partText(bytes)).join('\n').replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain('200 000 €');
    expect(text).toContain('23,75 %');
    expect(text).not.toContain('{{');
    // Durable in the workbook file, not only in memory.
    const again = await LocalWorkbook.open(path);
    const grid = again.snapshot('Dossiers')!.values;
    const col = (h: string) => grid[0].indexOf(h);
    expect(grid[1][col('Lien de la note')]).toBe(`reports/${FILE}`);
    expect(grid[1][col('Date de la note')]).toEqual(new Date('2018-06-12T00:00:00Z'));
  });

  it('agrees with « rapporteur report » on « à jour », both ways', async () => {
    const { path, reportsDir, call } = await setup();
    await call('generateReport', '2018-AMFT-01');
    let out = '';
    const io = { out: (t: string) => (out += t), err: () => undefined };
    await runCli(['report', path, '--out', reportsDir], io, { readWorkbook: readWorkbookDossiers, commands: { report: reportCommand } });
    expect(out).toContain(`conservé    ${join(reportsDir, FILE)} (à jour)`);
    expect((await call('generateReport', '2018-AMFT-01')).status).toBe('up_to_date');

    // A report the command line rewrote (--force) is found by the preview as well.
    await runCli(['report', path, '--out', reportsDir, '--force'], io, { readWorkbook: readWorkbookDossiers, commands: { report: reportCommand } });
    expect((await call('generateReport', '2018-AMFT-01')).status).toBe('up_to_date');
  });

  it('rewrites the report under the same name when the dossier changed', async () => {
    const { reportsDir, call } = await setup();
    const first = await call('generateReport', '2018-AMFT-01');
    const loaded = await call('loadDossier', '2018-AMFT-01');
    expect((await call('saveDossier', { dossier: { ...loaded.dossier, subject: 'Objet modifié' }, ref: loaded.ref, version: loaded.version })).status).toBe('saved');
    const second = await call('generateReport', '2018-AMFT-01');
    expect(second.status).toBe('created');
    expect(second.dataHash).not.toBe(first.dataHash);
    expect(readdirSync(reportsDir)).toEqual([FILE]);
    expect((await readCustomProperties(readFileSync(join(reportsDir, FILE))))[HASH_PROPERTY]).toBe(second.dataHash);
  });

  it('rolls back when the file cannot be written: an error, no link in the workbook, no file, no .tmp', async () => {
    // The reports "folder" is a file: writing into it fails.
    const { path, workbook, dir, call } = await setup({ reportsDir: (d) => {
      writeFileSync(join(d, 'notes'), 'pas un dossier');
      return join(d, 'notes');
    } });
    await expect(call('generateReport', '2018-AMFT-01')).rejects.toThrow(/La note n’a pas pu être écrite dans le dossier des notes .* rien n’a été enregistré dans le classeur\./);
    const link = (grid: unknown[][]) => grid[1][grid[0].indexOf('Lien de la note')] ?? '';
    expect(link(workbook.snapshot('Dossiers')!.values)).toBe('');
    expect(link((await LocalWorkbook.open(path)).snapshot('Dossiers')!.values)).toBe('');
    expect(workbook.dirty).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a PDF before anything is queued, and still answers the fields list', async () => {
    const { reportsDir, call } = await setup();
    expect(await call('generateReport', '2018-AMFT-01', { pdf: true })).toEqual({ status: 'error', message: expect.stringMatching(/^L’aperçu local n’écrit pas de PDF/) });
    expect(readdirSync(reportsDir)).toEqual([]);
    const fields = await call('listReportFields', medinsoft);
    expect(fields.find((f: { name: string }) => f.name === 'budget_proratise')?.value.replace(/[\u202f\u00a0]/g, ' ')).toBe('200 000 €');
  });

  it('« Créer le modèle par défaut » writes the template beside the workbook and names it in the settings; « Vérifier le modèle » then reads it', async () => {
    const { dir, call } = await setup();
    expect((await call('checkReportTemplate')).message).toBe('Le modèle « modèle par défaut » est valide : tous ses champs sont connus.');
    const created = await call('createDefaultTemplate');
    expect(created).toMatchObject({ status: 'created', id: 'modele-de-note.docx' });
    expect(created.message).toContain(join(dir, 'modele-de-note.docx'));
    expect(existsSync(join(dir, 'modele-de-note.docx'))).toBe(true);
    expect((await call('checkReportTemplate')).message).toBe('Le modèle « modele-de-note.docx » est valide : tous ses champs sont connus.');
    expect((await call('generateReport', '2018-AMFT-01')).status).toBe('created');
  });

  it('says which template cannot be read, without stopping the calls that need none', async () => {
    const { call } = await setup();
    const view = await call('getSettings');
    expect((await call('saveSettings', { ...view.form, template: 'absent.docx' })).status).toBe('saved');
    const checked = await call('checkReportTemplate');
    expect(checked.ok).toBe(false);
    expect(checked.message).toMatch(/^Le modèle de note « .*absent\.docx » ne peut pas être lu/);
    expect((await call('listDossiers')).dossiers).toHaveLength(1);
  });
});

describe('renderedToDocx', () => {
  const data = reportFields(medinsoft, checkDossier(medinsoft), undefined, { todayIso: '2018-06-12' });

  it('writes the same parts as fillDocx for the default template (body, header, footer)', async () => {
    const t = await openDocx(await modelToDocx(DEFAULT_TEMPLATE));
    const a = await renderedToDocx(t, renderDocument(docxModel(t), data));
    const b = await fillDocx(t, data);
    for (const part of t.parts.map((p) => p.path)) expect(await partText(a, part)).toEqual(await partText(b, part));
  });

  it('gives each of several header parts its own blocks', async () => {
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
    const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
    const zip = new JSZip();
    zip.file('word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body>${p('{{beneficiaire}}')}</w:body></w:document>`);
    zip.file('word/header1.xml', `<?xml version="1.0"?><w:hdr ${W}>${p('Un')}${p('{{collectivite}}')}</w:hdr>`);
    zip.file('word/header2.xml', `<?xml version="1.0"?><w:hdr ${W}>${p('{{#cofinanceurs}}{{nom}}{{/cofinanceurs}}')}</w:hdr>`);
    const t = await openDocx(await zip.generateAsync({ type: 'uint8array' }));
    const out = await renderedToDocx(t, renderDocument(docxModel(t), data));
    expect(await partText(out, 'word/header1.xml')).toEqual(['Un', 'Métropole d\'Aix-Marseille Provence']);
    expect(await partText(out, 'word/header2.xml')).toEqual(await partText(await fillDocx(t, data), 'word/header2.xml'));
    expect(await partText(out)).toEqual(['association Medinsoft']);
  });
});
