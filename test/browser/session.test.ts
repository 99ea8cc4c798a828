/**
 * The session screen of the built sidebar (dist/Sidebar.html) in headless Chromium, its
 * google.script.run calling the batch use case over the fakes (test/support/batch-world.ts:
 * the Apps Script adapters, a fake clock, a short chunk budget so that a run takes several
 * chunks). Screenshots go to test-output/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, describeWithTool } from '../support/tools';
import { createBatchWorld, sessionDossiers, type BatchWorld } from '../support/batch-world';
import { SCRIPT_RUN_BINDING, scriptRunPageSource, serveScriptRun, type ScriptRunServer } from '../fakes/script-run';
import { BATCH_FUNCTIONS } from '../../src/app/batch-api';
import * as sidebarServer from '../../src/gas/sidebar-api';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any;

const ROOT = join(__dirname, '..', '..');
const SIDEBAR = join(ROOT, 'dist', 'Sidebar.html');
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const SESSION = 'Conseil de la Métropole du 28 juin 2018';

jest.setTimeout(60000);

const norm = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

describeWithTool('chromium')('the session screen in Chromium', () => {
  let browser: Browser;
  let world: BatchWorld;
  let page: Page;
  let rpc: ScriptRunServer;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(SIDEBAR)) throw new Error('dist/Sidebar.html est absent : lancez « node build.mjs ».');
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => browser?.close());

  /** `chunkDelayMs`: how long each chunk call takes, so that the page can be seen (and cancelled) between chunks. */
  async function open(dossiers: number | ReturnType<typeof sessionDossiers>, chunkDelayMs = 0): Promise<Page> {
    world = createBatchWorld({ dossiers: typeof dossiers === 'number' ? sessionDossiers(dossiers) : dossiers, budgetMs: 30000 });
    const context = await browser.newContext({ viewport: { width: 300, height: 720 }, locale: 'fr-FR' });
    await context.route(/^https?:/, (route) => route.abort());
    const p = await context.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    const api = world.api as unknown as Record<string, (...a: never[]) => unknown>;
    const functions: Record<string, (...a: never[]) => unknown> = { getSettings: sidebarServer.getSettings };
    for (const name of BATCH_FUNCTIONS) functions[name] = api[name]!;
    functions.runSessionChunk = async (...a: never[]) => {
      await new Promise((r) => setTimeout(r, chunkDelayMs));
      return api.runSessionChunk!(...a);
    };
    rpc = serveScriptRun(functions);
    await p.exposeFunction(SCRIPT_RUN_BINDING, (name: string, args: string) => rpc.handle(name, args));
    await p.addInitScript(scriptRunPageSource(Object.keys(functions)));
    await p.addInitScript(`window.__RAPPORTEUR_START = "session";`);
    await p.goto(pathToFileURL(SIDEBAR).href);
    await p.waitForSelector('body[data-ready]');
    await p.waitForSelector('#session-choice option', { state: 'attached' });
    page = p;
    return p;
  }

  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    pageErrors = [];
    expect(rpc.refusedResults).toEqual([]);
    await page?.context().close();
    world?.uninstall();
  });

  const text = async (selector: string) => norm(await page.textContent(selector));
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, name), fullPage: true });
  const axe = async () => {
    await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
    return page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
    });
  };

  it('plans a session against the quota, runs it chunk after chunk with a progress bar, and lists each report with its link', async () => {
    await open(12, 150);
    expect(await text('h1')).toBe('Générer une séance');
    expect(await text('#session-choice')).toBe(`${SESSION} (12 dossiers)`);
    expect(await axe()).toEqual([]);
    await shot('session-01-choose.png');
    await page.click('#session-plan');
    await page.waitForSelector('#session-start');
    expect(await text('#session-plan-count')).toBe('12 dossiers, 12 notes à créer.');
    expect(await text('#session-plan-messages')).toContain('14 documents seront créés, sur un quota de 250 par jour.');
    await shot('session-02-plan.png');
    await page.click('#session-start');
    // Between two chunks: part of the dossiers done, the bar says how many.
    await page.waitForFunction(() => {
      const n = Number(document.querySelector('#session-progress')?.getAttribute('aria-valuenow'));
      return n > 0 && n < 12;
    });
    const mid = await page.getAttribute('#session-progress', 'aria-valuetext');
    expect(norm(mid)).toMatch(/^\d+ sur 12 — en cours : S-0\d\d association n° \d+$/);
    expect(await text('#session-current')).toMatch(/^Dossier en cours : S-0\d\d association n° \d+$/);
    await shot('session-03-progress.png');
    expect(await axe()).toEqual([]);
    await page.waitForSelector('#session-results .session-item');
    expect(await page.getAttribute('#session-progress', 'aria-valuenow')).toBe('12');
    expect(norm(await page.getAttribute('#session-progress', 'aria-valuetext'))).toBe('12 sur 12');
    expect(await text('#session-note')).toBe('Terminé : 12 notes créées, 0 conservée (à jour), 0 en échec, 0 ignorée.');
    expect(await page.locator('#session-results .session-link').count()).toBe(12);
    expect(await page.getAttribute('#session-results a.outcome-link', 'href')).toMatch(/^https:\/\/docs\.google\.com\/document\/d\/f\d+\/edit$/);
    expect(rpc.calls.filter((c) => c === 'runSessionChunk').length).toBeGreaterThan(2);
    expect(await axe()).toEqual([]);
    await shot('session-04-done.png');
  });

  it('cancels between chunks: the run stops, what was made is listed, and the progress bar stays where it was', async () => {
    await open(20, 400);
    await page.click('#session-plan');
    await page.click('#session-start');
    await page.waitForFunction(() => Number(document.querySelector('#session-progress')?.getAttribute('aria-valuenow')) > 0);
    await page.click('#session-cancel');
    await page.waitForSelector('#session-results .session-item');
    expect(await text('#session-note')).toMatch(/^Génération annulée après \d+ dossiers sur 20\./);
    const done = Number(await page.getAttribute('#session-progress', 'aria-valuenow'));
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(20);
    expect(world.api.sessionRunStatus()).toMatchObject({ status: 'cancelled', done });
    expect(await page.locator('#session-results .session-link').count()).toBe(done);
    await shot('session-05-cancelled.png');
  });

  it('lists the dossiers with errors in the plan, skips them, and includes them when asked', async () => {
    const dossiers = sessionDossiers(3);
    dossiers[1] = { ...dossiers[1]!, statedRate: '99 %' };
    await open(dossiers);
    await page.click('#session-plan');
    await page.waitForSelector('#session-plan-errors');
    expect(await text('#session-plan-errors')).toMatch(/^S-002 association n° 2 : .*taux/);
    expect(await text('#session-plan-messages')).toContain('1 dossier a des erreurs : il sera ignoré sauf si vous cochez « Inclure les dossiers en erreur ».');
    expect(await text('#session-plan-count')).toBe('3 dossiers, 2 notes à créer.');
    expect(await axe()).toEqual([]);
    await shot('session-07-errors.png');
    await page.check('#session-include-errors');
    await page.click('#session-plan');
    await page.waitForFunction(() => document.querySelector('#session-plan-count')?.textContent === '3 dossiers, 3 notes à créer.');
    await page.click('#session-start');
    await page.waitForSelector('#session-results .session-item');
    expect(await text('#session-note')).toBe('Terminé : 3 notes créées, 0 conservée (à jour), 0 en échec, 0 ignorée.');
  });

  it('says why a run above the daily quota is refused, and offers no start', async () => {
    // 126 reports + 127 PDFs (the summary's too) + the summary + its template = 255 > 250.
    await open(126);
    await page.check('#session-pdf');
    await page.click('#session-plan');
    await page.waitForSelector('#session-refusal');
    expect(await text('#session-refusal')).toBe(
      'Cette génération créerait 255 documents, davantage que le quota quotidien de Google (250 documents par jour pour ce type de compte). Générez la séance en plusieurs fois (sélectionnez une partie des lignes), sans les PDF, ou choisissez « Google Workspace » si c’est votre type de compte.',
    );
    expect(await page.locator('#session-start').count()).toBe(0);
    await shot('session-08-quota-refused.png');
    await page.check('#session-quota-1500');
    await page.click('#session-plan');
    await page.waitForSelector('#session-start');
    expect(await text('#session-plan-messages')).toContain('255 documents seront créés, sur un quota de 1500 par jour.');
  });

  it('offers to resume a run left unfinished when the screen opens again', async () => {
    await open(12);
    const started = world.api.startSessionRun({ session: SESSION });
    if (started.status !== 'started') throw new Error();
    world.api.runSessionChunk(started.run.runId!);
    await page.reload();
    await page.waitForSelector('#session-resume:not([hidden])');
    expect(await text('#session-note')).toContain('Une génération n’est pas terminée');
    await page.click('#session-resume');
    await page.waitForSelector('#session-results .session-item');
    expect(await text('#session-note')).toMatch(/^Terminé : 12 notes créées/);
    await shot('session-06-resumed.png');
  });
  describe('the keyboard keeps its place when the plan or the run is rebuilt (before: <body>, back at the page’s top)', () => {
    const active = () => page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}#${document.activeElement?.id ?? ''}`);
    const press = async (selector: string) => {
      await page.focus(selector);
      await page.keyboard.press('Enter');
    };

    it('« Générer la séance » puts the focus on the run’s title, where it stays once the run is done; « Nouvelle génération » on the choice', async () => {
      await open(12, 150);
      await press('#session-plan');
      await page.waitForSelector('#session-start');
      await press('#session-start');
      await page.waitForSelector('#session-run:not([hidden])');
      expect(await active()).toBe('h2#session-run-title');
      await page.waitForSelector('#session-results .session-item');
      expect(await active()).toBe('h2#session-run-title');
      await press('#session-again');
      expect(await active()).toBe('select#session-choice');
    });

    it('« Annuler » puts the focus on the run’s title once the cancel button is gone', async () => {
      await open(20, 400);
      await press('#session-plan');
      await page.waitForSelector('#session-start');
      await press('#session-start');
      await page.waitForFunction(() => Number(document.querySelector('#session-progress')?.getAttribute('aria-valuenow')) > 0);
      await press('#session-cancel');
      await page.waitForSelector('#session-results .session-item');
      // The chunk under way when the cancel was asked answers after it and redraws the results.
      await page.waitForFunction(() => !document.getElementById('session-cancel').disabled);
      await page.waitForTimeout(600);
      expect(await active()).toBe('h2#session-run-title');
    });

    it('results redrawn by the chunk that answers after « Annuler » do not drop the focus of one of their links', async () => {
      await open(20, 1500);
      await press('#session-plan');
      await page.waitForSelector('#session-start');
      await press('#session-start');
      await page.waitForFunction(() => Number(document.querySelector('#session-progress')?.getAttribute('aria-valuenow')) > 0);
      await press('#session-cancel');
      // The cancel's answer lists the results while the chunk under way still works.
      await page.waitForSelector('#session-results .session-link');
      await page.evaluate(() => {
        document.querySelector('#session-results ul').setAttribute('data-first', '');
        document.querySelector('#session-results .session-link').focus();
      });
      await page.waitForFunction(() => !document.querySelector('#session-results ul[data-first]'), undefined, { timeout: 5000 });
      expect(await active()).toBe('h2#session-run-title');
    });

    it('« Reprendre » puts the focus on the run’s title once the button is hidden', async () => {
      await open(12, 300);
      const started = world.api.startSessionRun({ session: SESSION });
      if (started.status !== 'started') throw new Error();
      world.api.runSessionChunk(started.run.runId!);
      await page.reload();
      await page.waitForSelector('#session-resume:not([hidden])');
      await press('#session-resume');
      await page.waitForTimeout(100);
      expect(await active()).toBe('h2#session-run-title');
      await page.waitForSelector('#session-results .session-item');
      expect(await active()).toBe('h2#session-run-title');
    });

    it('a start refused by the server (the quota changed since the plan) puts the focus on the new plan’s title', async () => {
      await open(126);
      await page.check('#session-pdf');
      await page.check('#session-quota-1500');
      await press('#session-plan');
      await page.waitForSelector('#session-start');
      await page.check('#session-quota-250');
      await press('#session-start');
      await page.waitForSelector('#session-refusal');
      expect(await active()).toBe('h2#session-plan-title');
    });
  });
});
