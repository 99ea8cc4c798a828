/**
 * The session screen in the local preview, in real headless Chromium: the page of
 * `rapporteur preview` served by startPreview on a free port, bound by composePreviewApi to
 * a workbook of the example dossiers and a reports folder, with the real dist/Sidebar.html
 * in its iframe. A council session from the sidebar's « Séance »: plan, run chunk after
 * chunk, every report and the summary written as .docx, their links, the rows' status on
 * the page; a second plan finds everything up to date. Axe on the sidebar and the page.
 * Screenshots: test-output/screenshots/preview-session-*.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { describeWithTool } from '../support/tools';
import { openPreviewPage } from '../support/preview-page';
import { startPreview } from '../../src/local/preview/server';
import { composePreviewApi } from '../../src/local/preview/compose';
import { exampleDossiers } from '../../src/local/commands/preview';
import { openOrSeedWorkbook } from '../../src/local/workbook-dossiers';
import { HASH_PROPERTY, summaryFileName } from '../../src/local/commands/report';
import { docxModel, modelToDocx, openDocx, readCustomProperties } from '../../src/local/docx';
import { DEFAULT_TEMPLATE } from '../../src/core/template/default-template';
import { resolveSettings } from '../../src/core/settings';
import { readRunFiles, runFilePath } from '../../src/local/local-batch';
import { sessionDossiers } from '../support/batch-world';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any;

const ROOT = join(__dirname, '..', '..');
const SIDEBAR = join(ROOT, 'dist', 'Sidebar.html');
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const JUNE = 'Conseil de la Métropole du 28 juin 2018';
const SUMMARY = summaryFileName(JUNE);
const CONVENTIONS = ['convention-2018-AMFT-01-association-medinsoft.docx', 'convention-2018-CULT-07-les-petits-debrouillards-provence.docx', 'convention-2018-ECO-02-provence-robotique-sas.docx'];

jest.setTimeout(90000);

const norm = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** Moves 400 ms at every reading: a chunk's 1-second budget runs out after a dossier or two, so the run takes several chunks. */
function movingClock() {
  let now = Date.parse('2018-06-12T08:00:00Z');
  return { nowIso: () => new Date((now += 400)).toISOString(), todayIso: () => '2018-06-12' };
}

async function axeViolations(target: Page | Frame, iframes: boolean): Promise<string[]> {
  await target.addScriptTag({ content: readFileSync(AXE, 'utf8') });
  return target.evaluate(async (withFrames: boolean) => {
    const r = await window.axe.run(document, { iframes: withFrames, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  }, iframes);
}

describeWithTool('chromium')('the session screen in the local preview, in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let sidebar: Frame;
  let server: { url: string; close(): Promise<void> };
  let reportsDir: string;
  const pageErrors: string[] = [];
  const failedCalls: string[] = [];
  const calls: string[] = [];

  beforeAll(async () => {
    if (!existsSync(SIDEBAR)) throw new Error('dist/Sidebar.html est absent : lancez « node build.mjs » (npm run test:browser le fait).');
    mkdirSync(SHOTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-preview-session-'));
    reportsDir = join(dir, 'notes');
    mkdirSync(reportsDir);
    const { workbook } = await openOrSeedWorkbook(join(dir, 'dossiers.xlsx'), () => exampleDossiers(ROOT));
    server = await startPreview({ workbook, ...composePreviewApi(workbook, reportsDir, movingClock(), { chunkMs: 1000 }), sidebarHtml: () => readFileSync(SIDEBAR, 'utf8'), reportsDir, port: 0 });
    ({ browser, page } = await openPreviewPage(server.url, { pageErrors, failedCalls, onRpc: (name) => calls.push(name) }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const text = async (selector: string) => norm(await sidebar.textContent(selector));

  it('opens « Séance » from the sidebar’s navigation, with the workbook’s sessions', async () => {
    await page.goto(server.url);
    await page.waitForSelector('#sheet tbody tr');
    sidebar = page.frame({ url: /\/sidebar$/ })!;
    await sidebar.waitForSelector('body[data-ready]');
    await sidebar.click('#nav button:text-is("Séance")');
    await sidebar.waitForSelector('#session-choice option', { state: 'attached' });
    expect(await text('h1')).toBe('Générer une séance');
    expect((await sidebar.locator('#session-choice option').allTextContents()).map(norm)).toEqual([`${JUNE} (4 dossiers)`, 'Conseil de la Métropole du 18 octobre 2018 (3 dossiers)']);
    expect(await axeViolations(sidebar, false)).toEqual([]);
  });

  it('plans, runs the session chunk after chunk, and lists every report and the summary with their links', async () => {
    await sidebar.click('#session-plan');
    await sidebar.waitForSelector('#session-start');
    expect(await text('#session-plan-count')).toBe('4 dossiers, 4 notes et 3 conventions à créer.');
    await page.screenshot({ path: join(SHOTS, 'preview-session-plan.png') });
    await sidebar.click('#session-start');
    await sidebar.waitForSelector('#session-results .session-item', { timeout: 30000 });
    expect(await text('#session-note')).toBe('Terminé : 4 notes créées, 0 conservée (à jour), 0 en échec, 0 ignorée ; 3 conventions créées, 0 conservée (à jour), 0 en échec.');
    expect(await text('#session-counts')).toBe('Notes : 4 créées, 0 à jour, 0 en échec, 0 ignorée ; conventions : 3 créées, 0 à jour, 0 en échec');
    expect(await sidebar.getAttribute('#session-progress', 'aria-valuenow')).toBe('4');
    expect(calls.filter((c) => c === 'runSessionChunk').length).toBeGreaterThan(1);

    const links = sidebar.locator('#session-results .session-link:not(.session-convention-link)');
    expect(await links.count()).toBe(4);
    const hrefs = await links.evaluateAll((as: any[]) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('reports/2018-AMFT-01-association-medinsoft.docx');
    // The conventions: Medinsoft and Provence Robotique above the threshold, Les Petits Débrouillards by cumulation.
    const conventionLinks = sidebar.locator('#session-results .session-convention-link');
    expect(await conventionLinks.evaluateAll((as: any[]) => as.map((a) => a.getAttribute('href')))).toEqual(
      CONVENTIONS.map((f) => `reports/${f}`),
    );
    expect(norm(await conventionLinks.first().textContent())).toBe('Ouvrir la convention de association Medinsoft (nouvel onglet)');
    const summaryLink = sidebar.locator('#session-results a.outcome-link');
    expect(norm(await summaryLink.textContent())).toBe('Ouvrir le récapitulatif de la séance (nouvel onglet)');
    expect(await summaryLink.getAttribute('href')).toBe(`reports/${encodeURIComponent(SUMMARY)}`);
    expect(readdirSync(reportsDir).sort()).toEqual(
      ['2018-AMFT-01-association-medinsoft.docx', '2018-CULT-07-les-petits-debrouillards-provence.docx', '2018-ECO-02-provence-robotique-sas.docx', '2018-SPORT-03-club-nautique-de-l-estaque.docx', ...CONVENTIONS, SUMMARY].sort(),
    );

    // The summary the link serves is the file written, its table one row per dossier plus the totals.
    const download = await page.request.get(new URL(`reports/${encodeURIComponent(SUMMARY)}`, server.url).href);
    expect(download.status()).toBe(200);
    const bytes = await download.body();
    expect(Buffer.compare(bytes, readFileSync(join(reportsDir, SUMMARY)))).toBe(0);
    const table = docxModel(await openDocx(bytes)).body.find((b) => b.type === 'table');
    expect(table?.type === 'table' ? table.rows.length : 0).toBe(6);
    expect((await readCustomProperties(bytes))[HASH_PROPERTY]).toMatch(/^[0-9a-f]{64}$/);

    // The page beside the sidebar: the reports listed, the rows saying « note créée ».
    await page.locator('#reports a', { hasText: SUMMARY }).waitFor();
    const row = page.locator('#sheet tbody tr', { hasText: '2018-ECO-02' });
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#sheet tbody td')).some((td: any) => /^note créée/.test(td.textContent)));
    expect((await row.locator('td').allTextContents()).map(norm)).toEqual(expect.arrayContaining(['note créée ; convention créée', 'reports/2018-ECO-02-provence-robotique-sas.docx', '12/06/2018']));
    expect(await axeViolations(sidebar, false)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'preview-session-done.png') });
  });

  it('plans the same session again: everything is up to date, nothing to create', async () => {
    await sidebar.click('#session-again');
    await sidebar.click('#session-plan');
    await sidebar.waitForFunction(() => document.querySelector('#session-plan-count')?.textContent === '4 dossiers, 0 note à créer.');
    expect(await text('#session-plan-messages')).toContain('4 notes sont déjà à jour et seront conservées');
  });

  it('passes axe on the page and on the sidebar, with no page error or failed call', async () => {
    // Each document on its own, as the preview's own test does: across the frame, axe counts
    // the sidebar's <main> and the page's as two « main » landmarks of one page.
    expect(await axeViolations(page, false)).toEqual([]);
    expect(await axeViolations(sidebar, false)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(failedCalls).toEqual([]);
  });
});

/**
 * Issue 15: a 500-dossier session in the local preview. The page stays responsive: the
 * progress bar moves from chunk to chunk (short chunks, real time), « Annuler » stops the
 * run mid-way with a French message, and the reports already written stay, as the run's
 * state (snapshot and journal) says.
 */
describeWithTool('chromium')('a 500-dossier session in the local preview, in Chromium', () => {
  const N = 500;
  let browser: Browser;
  let page: Page;
  let sidebar: Frame;
  let server: { url: string; close(): Promise<void> };
  let dir: string;
  let reportsDir: string;
  const pageErrors: string[] = [];
  const failedCalls: string[] = [];

  /** 500 dossiers of one session, each under the threshold and its own body: no convention, no error. */
  const dossiers = () =>
    sessionDossiers(N).map((d, i) => ({
      ...d,
      subsidy: String(10000 + (i % 100) * 100),
      cofinancers: [
        { name: 'Métropole Aix-Marseille-Provence', amount: String(5000 + (i % 100) * 100) },
        { name: 'Région Sud', amount: '5 000' },
      ],
    }));

  beforeAll(async () => {
    if (!existsSync(SIDEBAR)) throw new Error('dist/Sidebar.html est absent : lancez « node build.mjs » (npm run test:browser le fait).');
    dir = mkdtempSync(join(tmpdir(), 'rapporteur-preview-session-500-'));
    reportsDir = join(dir, 'notes');
    mkdirSync(reportsDir);
    const { workbook } = await openOrSeedWorkbook(join(dir, 'dossiers.xlsx'), dossiers);
    // A long template (the default’s body 40 times over): a run long enough for several
    // chunks, since a chunk lasts at least twice what a call costs besides its reports.
    writeFileSync(join(dir, 'modele-long.docx'), await modelToDocx({ ...DEFAULT_TEMPLATE, body: Array.from({ length: 40 }, () => DEFAULT_TEMPLATE.body).flat() }));
    const settings = workbook.settingsStore();
    settings.write({ ...resolveSettings(settings.read()).settings, template: 'modele-long.docx' });
    await workbook.save();
    const clock = { nowIso: () => new Date().toISOString(), todayIso: () => '2018-06-12' };
    server = await startPreview({ workbook, ...composePreviewApi(workbook, reportsDir, clock, { chunkMs: 200 }), sidebarHtml: () => readFileSync(SIDEBAR, 'utf8'), reportsDir, port: 0 });
    ({ browser, page } = await openPreviewPage(server.url, { pageErrors, failedCalls }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const valueNow = async () => Number(await sidebar.getAttribute('#session-progress', 'aria-valuenow'));

  it('moves the progress bar chunk after chunk, cancels mid-run with a French message, and keeps the reports made', async () => {
    await page.goto(server.url);
    await page.waitForSelector('#sheet tbody tr');
    sidebar = page.frame({ url: /\/sidebar$/ })!;
    await sidebar.waitForSelector('body[data-ready]');
    await sidebar.click('#nav button:text-is("Séance")');
    await sidebar.waitForSelector('#session-choice option', { state: 'attached' });
    // 501 documents, more than a personal Google account's 250 a day: the preview writes
    // files on this machine, so it neither asks for an account type nor counts a quota.
    expect(await sidebar.$('#session-account')).toBeNull();
    await sidebar.click('#session-plan');
    await sidebar.waitForSelector('#session-start');
    expect(norm(await sidebar.textContent('#session-plan-messages'))).toContain('501 documents seront écrits dans le dossier des notes.');
    expect(norm(await sidebar.textContent('#session-plan-count'))).toBe('500 dossiers, 500 notes à créer.');
    await sidebar.click('#session-start');
    await sidebar.waitForSelector('#session-progress');
    expect(await sidebar.getAttribute('#session-progress', 'aria-valuemax')).toBe(String(N));

    // The bar rises, reading after reading, while the run goes on.
    const seen: number[] = [await valueNow()];
    while (seen.length < 4) {
      const last = seen[seen.length - 1]!;
      await sidebar.waitForFunction((v: number) => Number(document.querySelector('#session-progress')?.getAttribute('aria-valuenow')) > v, last, { timeout: 30000 });
      seen.push(await valueNow());
    }
    expect(seen.every((v, i) => i === 0 || v > seen[i - 1]!)).toBe(true);
    const width = await sidebar.$eval('#session-progress .progress-fill', (e: any) => e.style.width);
    expect(width).toMatch(/^\d+%$/);
    expect(seen[seen.length - 1]).toBeLessThan(N);

    await sidebar.click('#session-cancel');
    await sidebar.waitForFunction(() => /annulée/.test(document.querySelector('#session-run-title')?.textContent ?? ''), undefined, { timeout: 30000 });
    const note = norm(await sidebar.textContent('#session-note'));
    const m = /^Génération annulée après (\d+) dossiers? sur 500\. Les notes déjà créées sont conservées ; relancer la séance ne les refera pas\.$/.exec(note);
    expect(m).not.toBeNull();
    const done = Number(m![1]);
    expect(done).toBeGreaterThanOrEqual(seen[seen.length - 1]!);
    expect(done).toBeLessThan(N);
    expect(await valueNow()).toBe(done);
    await page.screenshot({ path: join(SHOTS, 'preview-session-500-cancelled.png') });

    // The run stopped: the reports made stay, no more come, and the state on disk says so.
    const reports = () => readdirSync(reportsDir).filter((f) => f.endsWith('.docx'));
    expect(reports()).toHaveLength(done);
    await page.waitForTimeout(800);
    expect(reports()).toHaveLength(done);
    const state = readRunFiles(runFilePath(join(dir, 'dossiers.xlsx'))).state!;
    expect(state).toMatchObject({ status: 'cancelled' });
    expect(state.items.filter((i) => i.status === 'created')).toHaveLength(done);
    expect(await sidebar.locator('#session-results .session-link').count()).toBe(done);

    expect(await axeViolations(sidebar, false)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(failedCalls).toEqual([]);
  });
});
