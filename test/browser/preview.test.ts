/**
 * The local preview in real headless Chromium: the page of `rapporteur preview` served by
 * startPreview on a free port, bound by composePreviewApi to a temporary workbook and
 * reports folder, with the real dist/Sidebar.html in its iframe. The whole flow: enter a
 * dossier, see its figures, save, see its row in the page's « Dossiers » table, generate its
 * report, read the .docx back, see its link on the page. Screenshot: test-output/screenshots/preview.png
 * (copied to docs/apercu-local.png, the README's, with UPDATE_README_SCREENSHOT=1)
 * (README) and test-output/screenshots/.
 */
import JSZip from 'jszip';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { describeWithTool } from '../support/tools';
import { openPreviewPage } from '../support/preview-page';
import { startPreview } from '../../src/local/preview/server';
import { composePreviewApi } from '../../src/local/preview/compose';
import { exampleDossiers } from '../../src/local/commands/preview';
import { openOrSeedWorkbook, readWorkbookDossiers } from '../../src/local/workbook-dossiers';
import { HASH_PROPERTY } from '../../src/local/commands/report';
import { readBlocks, readCustomProperties } from '../../src/local/docx';
import { parseXml, W } from '../../src/local/docx/xml';
import { paragraphText, type TBlock } from '../../src/core/template/model';
import { reportFields } from '../../src/core/report-fields';
import { checkDossier } from '../../src/core/checks';
import { resolveSettings } from '../../src/core/settings';
import type { LocalWorkbook } from '../../src/local/workbook';
import { reportDataHash } from '../../src/core/report-hash';
import { defaultTemplateId } from '../../src/core/template/default-template';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any;

const ROOT = join(__dirname, '..', '..');
const SIDEBAR = join(ROOT, 'dist', 'Sidebar.html');
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const README_SHOT = join(ROOT, 'docs', 'apercu-local.png');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const FILE = '2018-AMFT-01-association-medinsoft.docx';
const clock = { nowIso: () => '2018-06-12T08:00:00.000Z', todayIso: () => '2018-06-12' };

jest.setTimeout(90000);

const norm = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  const body = parseXml(xml, 'word/document.xml').documentElement!.getElementsByTagNameNS(W, 'body')[0]!;
  const flat = (blocks: TBlock[]): string[] => blocks.flatMap((b) => (b.type === 'paragraph' ? [paragraphText(b)] : b.type === 'table' ? b.rows.flatMap((r) => r.cells.flatMap((c) => flat(c.blocks))) : []));
  return flat(readBlocks(body as never));
}

describeWithTool('chromium')('the local preview in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let server: { url: string; close(): Promise<void> };
  let workbook: LocalWorkbook;
  let dir: string;
  let reportsDir: string;
  const pageErrors: string[] = [];
  const failedCalls: string[] = [];

  beforeAll(async () => {
    if (!existsSync(SIDEBAR)) throw new Error('dist/Sidebar.html est absent : lancez « node build.mjs » (npm run test:browser le fait).');
    mkdirSync(SHOTS, { recursive: true });
    // Named as `npm start` names it, since the screenshot shows the path.
    dir = join(mkdtempSync(join(tmpdir(), 'rapporteur-preview-')), 'donnees-locales');
    mkdirSync(dir);
    reportsDir = join(dir, 'notes');
    mkdirSync(reportsDir);
    // The examples without the Medinsoft dossier: the test enters that one through the form.
    const seed = exampleDossiers(ROOT).filter((d) => d.id !== '2018-AMFT-01');
    ({ workbook } = await openOrSeedWorkbook(join(dir, 'dossiers.xlsx'), () => seed));
    server = await startPreview({ workbook, ...composePreviewApi(workbook, reportsDir, clock), sidebarHtml: () => readFileSync(SIDEBAR, 'utf8'), reportsDir, port: 0 });
    ({ browser, page } = await openPreviewPage(server.url, { pageErrors, failedCalls, height: 800 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let sidebar: Frame;
  const text = async (selector: string) => norm(await sidebar.textContent(selector));

  it('shows the « Dossiers » sheet and the sidebar side by side', async () => {
    await page.goto(server.url);
    await page.waitForSelector('#sheet tbody tr');
    expect(await page.locator('#sheet tbody tr').count()).toBe(9);
    expect(norm(await page.textContent('#files'))).toBe('Classeur : donnees-locales/dossiers.xlsx · Notes : donnees-locales/notes/');
    expect(norm(await page.textContent('#reports'))).toBe('Aucune note pour l’instant : générez-en une depuis le formulaire.');
    sidebar = page.frame({ url: /\/sidebar$/ })!;
    expect(sidebar).toBeTruthy();
    await sidebar.waitForSelector('body[data-ready]');
    expect(await sidebar.locator('.dossier-item').count()).toBe(9);
  });

  it('enters the example’s figures: 200 000 € over 3 months and 23,75 %', async () => {
    await sidebar.click('#new-dossier');
    await sidebar.fill('#f-id', '2018-AMFT-01');
    await sidebar.fill('#f-beneficiary', 'association Medinsoft');
    await sidebar.selectOption('#f-beneficiaryKind', 'association');
    await sidebar.selectOption('#f-convention', 'oui');
    await sidebar.fill('#f-period-start', '2018-01-01');
    await sidebar.fill('#f-period-end', '2018-03-31');
    await sidebar.fill('#f-budgetYear', '2018');
    await sidebar.fill('#f-annualBudget', '800 000');
    await sidebar.fill('#f-subsidy', '47.500');
    await sidebar.fill('#f-statedProratedBudget', '200 000 €');
    await sidebar.fill('#f-statedRate', '23,75 %');
    await sidebar.click('#add-cofinancer');
    await page.keyboard.type('Métropole Aix-Marseille-Provence');
    await sidebar.fill('.cof-row:nth-of-type(1) .cof-amount', '17 500 €');
    await sidebar.click('#add-cofinancer');
    await page.keyboard.type('Conseil de Territoire du Pays d’Aix (CT2)');
    await sidebar.fill('.cof-row:nth-of-type(2) .cof-amount', '30.000 €');
    expect(await text('#sum-base')).toBe('200 000 € (sur 3 mois)');
    expect(await text('#sum-rate')).toBe('23,75 %');
    expect(await text('#sum-count')).toBe('Aucune erreur.');
  });

  it('saves into the workbook file, and the page’s table shows the new row', async () => {
    await sidebar.click('#save');
    await sidebar.waitForFunction(() => document.getElementById('status')?.textContent === 'Dossier enregistré.');
    const row = page.locator('#sheet tbody tr', { hasText: '2018-AMFT-01' });
    await row.waitFor();
    const cells = (await row.locator('td').allTextContents()).map(norm);
    expect(cells).toEqual(expect.arrayContaining(['11', '2018-AMFT-01', 'association Medinsoft', '47 500,00 €', '200 000,00 €', '23,75 %']));
    const stored = (await readWorkbookDossiers(join(dir, 'dossiers.xlsx'))).find((d) => d.id === '2018-AMFT-01');
    expect(stored).toMatchObject({ beneficiary: 'association Medinsoft', subsidy: '47 500', annualBudget: '800 000', period: { start: '2018-01-01', end: '2018-03-31' } });
  });

  it('generates the report into the reports folder, reads it back, and lists its link on the page', async () => {
    // As a person does it: « Note au conseil » from the saved form, then « Générer la note ».
    await sidebar.click('#to-report');
    await sidebar.waitForSelector('#report-title');
    expect(norm(await sidebar.textContent('#report-generate-title + p'))).toContain('.docx');
    await sidebar.click('#report-generate');
    await sidebar.waitForSelector('#report-link');
    expect(norm(await sidebar.textContent('#report-link'))).toBe('Télécharger la note (.docx) (nouvel onglet)');
    expect(await sidebar.getAttribute('#report-link', 'href')).toBe(`reports/${FILE}`);
    expect(readdirSync(reportsDir)).toEqual([FILE]);
    const bytes = readFileSync(join(reportsDir, FILE));
    const paragraphs = await docxParagraphs(bytes);
    const stored = (await readWorkbookDossiers(join(dir, 'dossiers.xlsx'))).find((d) => d.id === '2018-AMFT-01')!;
    const settings = resolveSettings(undefined).settings;
    const financial = reportFields(stored, checkDossier(stored, settings), settings, { todayIso: '2018-06-12' }).paragraphe_financier as string;
    expect(norm(financial)).toContain('200 000 €');
    expect(paragraphs).toContain(financial);
    expect(paragraphs.join('\n')).not.toContain('{{');
    expect((await readCustomProperties(bytes))[HASH_PROPERTY]).toBe(reportDataHash(stored, defaultTemplateId()));

    const link = page.locator('#reports a', { hasText: FILE });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`reports/${FILE}`);
    const download = await page.request.get(new URL(`reports/${FILE}`, server.url).href);
    expect(download.status()).toBe(200);
    expect(Buffer.compare(await download.body(), bytes)).toBe(0);
    const row = page.locator('#sheet tbody tr', { hasText: '2018-AMFT-01' });
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#sheet tbody td')).some((td: any) => td.textContent === 'reports/2018-AMFT-01-association-medinsoft.docx'));
    expect((await row.locator('td').allTextContents()).map(norm)).toEqual(expect.arrayContaining([`reports/${FILE}`, '12/06/2018']));
  });

  it('passes axe on the preview page, and makes the screenshot of the README', async () => {
    await page.click('#sheet tbody tr:has-text("2018-AMFT-01")');
    await page.waitForSelector('#sheet tbody tr.active');
    await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { iframes: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    // The screenshot shows what a reader should see: the checks' figures in the sidebar, no hover.
    await page.mouse.move(1270, 790);
    await sidebar.evaluate(() => document.getElementById('summary-title')?.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => document.activeElement?.blur());
    // Nothing of the machine that made it: the header once printed the test's /tmp folder.
    const visible = await page.innerText('body');
    for (const root of ['/tmp', '/home', '/work', '/root', tmpdir(), dir]) expect(visible).not.toContain(root);
    await page.screenshot({ path: join(SHOTS, 'preview.png'), fullPage: true });
    expect(statSync(join(SHOTS, 'preview.png')).size).toBeLessThan(150 * 1024);
    // The README's picture is refreshed on request only, so that `npm test` leaves the tree clean.
    if (process.env.UPDATE_README_SCREENSHOT === '1') copyFileSync(join(SHOTS, 'preview.png'), README_SHOT);
    expect(pageErrors).toEqual([]);
    expect(failedCalls).toEqual([]);
  });
});
