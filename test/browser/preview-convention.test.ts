/**
 * « Générer la convention » in the local preview, in real headless Chromium: the page of
 * `rapporteur preview` bound to a temporary workbook seeded with the example dossiers. For a
 * dossier above the threshold, and for one under it whose beneficiary's yearly total is
 * above it (CONVENTION_REQUIRED_CUMULATED), the screen says why a convention applies, the
 * button (by keyboard) writes a .docx convention read back with the dossier's amount in
 * digits and in words; for a dossier that needs none the screen says so in French and the
 * button is disabled. Axe runs on the report screen. Screenshots in test-output/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { describeWithTool } from '../support/tools';
import { openPreviewPage } from '../support/preview-page';
import { startPreview } from '../../src/local/preview/server';
import { composePreviewApi } from '../../src/local/preview/compose';
import { exampleDossiers } from '../../src/local/commands/preview';
import { openOrSeedWorkbook } from '../../src/local/workbook-dossiers';
import { conventionFileName, KIND_PROPERTY } from '../../src/local/commands/report';
import { docxModel, openDocx, readCustomProperties } from '../../src/local/docx';
import { documentToText } from '../../src/core/template/plain-text';
import type { LocalWorkbook } from '../../src/local/workbook';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any;

const ROOT = join(__dirname, '..', '..');
const SIDEBAR = join(ROOT, 'dist', 'Sidebar.html');
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const clock = { nowIso: () => '2018-06-12T08:00:00.000Z', todayIso: () => '2018-06-12' };

jest.setTimeout(90000);

const norm = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

describeWithTool('chromium')('« Générer la convention » in the local preview', () => {
  let browser: Browser;
  let page: Page;
  let server: { url: string; close(): Promise<void> };
  let workbook: LocalWorkbook;
  let reportsDir: string;
  let sidebar: Frame;
  const pageErrors: string[] = [];
  const failedCalls: string[] = [];
  const text = async (selector: string) => norm(await sidebar.textContent(selector));

  beforeAll(async () => {
    if (!existsSync(SIDEBAR)) throw new Error('dist/Sidebar.html est absent : lancez « node build.mjs » (npm run test:browser le fait).');
    mkdirSync(SHOTS, { recursive: true });
    const dir = join(mkdtempSync(join(tmpdir(), 'rapporteur-convention-')), 'donnees-locales');
    mkdirSync(dir);
    reportsDir = join(dir, 'notes');
    mkdirSync(reportsDir);
    ({ workbook } = await openOrSeedWorkbook(join(dir, 'dossiers.xlsx'), () => exampleDossiers(ROOT)));
    server = await startPreview({ workbook, ...composePreviewApi(workbook, reportsDir, clock), sidebarHtml: () => readFileSync(SIDEBAR, 'utf8'), reportsDir, port: 0 });
    ({ browser, page } = await openPreviewPage(server.url, { pageErrors, failedCalls }));
    await page.goto(server.url);
    sidebar = page.frame({ url: /\/sidebar$/ })!;
    await sidebar.waitForSelector('body[data-ready]');
  });
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    expect(failedCalls).toEqual([]);
    await browser?.close();
    await server?.close();
  });

  /** From the list of dossiers: the dossier, then « Note au conseil », until the convention block has said whether it applies. */
  async function openReportOf(id: string): Promise<void> {
    await sidebar.click('#nav button:text-is("Dossiers")');
    await sidebar.locator('.dossier-item', { hasText: id }).click();
    await sidebar.waitForSelector('#dossier-form');
    await sidebar.click('#to-report');
    await sidebar.waitForSelector('#report-title');
    await sidebar.waitForFunction(() => (document.getElementById('convention-need')?.textContent ?? '') !== '');
  }

  /** Presses Tab until the element `id` has the focus. */
  async function tabTo(id: string): Promise<void> {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      if (await sidebar.evaluate((x: string) => document.activeElement?.id === x, id)) return;
    }
    throw new Error(`focus never reached #${id}`);
  }

  async function axe(): Promise<string[]> {
    await sidebar.addScriptTag({ content: readFileSync(AXE, 'utf8') });
    return sidebar.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
  }

  const conventionText = async (file: string) => norm(documentToText(docxModel(await openDocx(readFileSync(join(reportsDir, file))))));

  it('says a convention is required above the threshold, writes it by keyboard, and the .docx reads back with the amount in digits and words', async () => {
    await openReportOf('2018-AMFT-01');
    expect(await text('#convention-generate-title')).toBe('Convention attributive');
    expect(await text('#convention-need')).toBe('Convention obligatoire : la subvention de 47 500 € dépasse le seuil de 23 000 € (loi n° 2000-321 du 12 avril 2000, art. 10).');
    expect(await sidebar.isDisabled('#convention-generate')).toBe(false);
    expect(await sidebar.getAttribute('#convention-generate', 'aria-describedby')).toBe('convention-need');
    // The PDF box is not for the preview: left unchecked. Tab to the button, Enter.
    await sidebar.focus('#convention-pdf');
    await tabTo('convention-generate');
    await page.keyboard.press('Enter');
    await sidebar.waitForSelector('#convention-link');
    expect(await text('#convention-outcome .outcome-ok')).toBe('Convention créée : « association Medinsoft — convention du 12 juin 2018 ».');
    expect(await text('#status')).toBe('Convention créée : « association Medinsoft — convention du 12 juin 2018 ».');
    expect(await text('#convention-link')).toBe('Télécharger la convention (.docx) (nouvel onglet)');
    // The focus moves to the link, so a keyboard user reaches the document at once.
    expect(await sidebar.evaluate(() => document.activeElement?.id)).toBe('convention-link');
    const file = conventionFileName('2018-AMFT-01', 'association Medinsoft');
    expect(await sidebar.getAttribute('#convention-link', 'href')).toBe(`reports/${file}`);
    expect(readdirSync(reportsDir)).toContain(file);
    const body = await conventionText(file);
    expect(body).toContain('Convention attributive de subvention');
    expect(body).toContain('d’un montant de 47 500 € (quarante-sept mille cinq cents euros)');
    expect(body).not.toContain('{{');
    expect((await readCustomProperties(readFileSync(join(reportsDir, file))))[KIND_PROPERTY]).toBe('convention');
    // What the page serves is the file written.
    const download = await page.request.get(new URL(`reports/${file}`, server.url).href);
    expect(download.status()).toBe(200);
    await sidebar.evaluate(() => document.getElementById('convention-generate-title')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SHOTS, 'preview-convention-created.png') });
    expect(await axe()).toEqual([]);
  });

  it('offers it under the threshold when the beneficiary’s yearly total is above it (15 000 € + 12 000 € in 2018)', async () => {
    await openReportOf('2018-CULT-07');
    expect(await text('#convention-need')).toBe(
      'Convention obligatoire : la subvention (15 000 €) ne dépasse pas 23 000 € à elle seule, mais les subventions de l’exercice 2018 au même bénéficiaire totalisent 27 000 € (décret n° 2001-495 du 6 juin 2001 : le seuil porte sur le montant annuel).',
    );
    await sidebar.click('#convention-generate');
    await sidebar.waitForSelector('#convention-link');
    const file = conventionFileName('2018-CULT-07', 'Les Petits Débrouillards Provence');
    expect(readdirSync(reportsDir)).toContain(file);
    expect(await conventionText(file)).toContain('d’un montant de 15 000 € (quinze mille euros)');
  });

  it('says in French that a dossier under the threshold needs none, and disables the button', async () => {
    const before = readdirSync(reportsDir).sort();
    // 11 000 € and 12 000 €: 23 000 € in the year, not above the threshold.
    await openReportOf('2018-SPORT-03');
    expect(await text('#convention-need')).toBe(
      'Ce dossier ne demande pas de convention : la subvention (11 000 €) ne dépasse pas 23 000 €, ni seule ni avec les autres subventions de l’exercice au même bénéficiaire, et le dossier n’indique pas qu’une convention est approuvée. Pour en établir une quand même, choisissez « oui » à « Convention approuvée avec la subvention » dans le dossier.',
    );
    expect(await sidebar.isDisabled('#convention-generate')).toBe(true);
    expect(await sidebar.isDisabled('#convention-pdf')).toBe(true);
    // The report's button stays: only the convention does not apply.
    expect(await sidebar.isDisabled('#report-generate')).toBe(false);
    expect(readdirSync(reportsDir).sort()).toEqual(before);
    await sidebar.evaluate(() => document.getElementById('convention-generate-title')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SHOTS, 'preview-convention-not-needed.png') });
    expect(await axe()).toEqual([]);
  });

  it('says why for a public body too', async () => {
    await openReportOf('2018-TOUR-01');
    expect(await text('#convention-need')).toMatch(/^Ce dossier ne demande pas de convention : le bénéficiaire est un organisme public/);
    expect(await sidebar.isDisabled('#convention-generate')).toBe(true);
  });
});
