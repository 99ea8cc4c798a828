/**
 * The built sidebar (dist/Sidebar.html) in real headless Chromium, its google.script.run
 * calling the real server code (src/gas/sidebar-api.ts) over the in-memory fakes. The
 * network is cut, so Google's stylesheet never loads: the sidebar must stand on its own.
 * Screenshots go to test-output/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, describeWithTool } from '../support/tools';
import { createGasWorld, medinsoft, type GasWorld } from '../support/gas-world';
import { SCRIPT_RUN_BINDING, scriptRunPageSource, serveScriptRun, type ScriptRunServer } from '../fakes/script-run';
import * as server from '../../src/gas/sidebar-api';

// Functions given to page.evaluate run in the page; the tests' tsconfig has no DOM types.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any, getComputedStyle: any;

const ROOT = join(__dirname, '..', '..');
const SIDEBAR = join(ROOT, 'dist', 'Sidebar.html');
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

jest.setTimeout(60000);

const norm = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

describeWithTool('chromium')('the sidebar in Chromium', () => {
  let browser: Browser;
  let world: GasWorld;
  let page: Page;
  let rpc: ScriptRunServer;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(SIDEBAR)) throw new Error('dist/Sidebar.html est absent : lancez « node build.mjs » (npm run test:browser le fait).');
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => browser?.close());

  async function open(opts: { start?: string } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 300, height: 720 }, locale: 'fr-FR' });
    await context.route(/^https?:/, (route) => route.abort());
    const p = await context.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    rpc = serveScriptRun(Object.fromEntries(server.SIDEBAR_FUNCTIONS.map((n) => [n, server[n] as (...a: never[]) => unknown])));
    await p.exposeFunction(SCRIPT_RUN_BINDING, (name: string, args: string) => rpc.handle(name, args));
    await p.addInitScript(scriptRunPageSource(server.SIDEBAR_FUNCTIONS));
    if (opts.start) await p.addInitScript(`window.__RAPPORTEUR_START = ${JSON.stringify(opts.start)};`);
    await p.goto(pathToFileURL(SIDEBAR).href);
    await p.waitForSelector('body[data-ready]');
    return p;
  }

  beforeEach(async () => {
    world = createGasWorld();
    page = await open();
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    pageErrors = [];
    expect(rpc.refusedResults).toEqual([]);
    await page.context().close();
    world.uninstall();
  });

  const text = async (selector: string) => norm(await page.textContent(selector));
  const shot = async (name: string) => {
    await page.screenshot({ path: join(SHOTS, name), fullPage: true });
    // A full-page capture can leave the scroll position past the end; clamp it now, or the
    // next layout would move the page between a click's mousedown and mouseup.
    await page.evaluate(() => window.scrollTo(0, Math.min(window.scrollY, document.documentElement.scrollHeight - window.innerHeight)));
  };
  const axe = async () => {
    await page.addScriptTag({ content: readFileSync(AXE, 'utf8') });
    const result = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    return result;
  };
  const stored = (header: string) => {
    const sheet = world.sheets.spreadsheet.getSheetByName('Dossiers');
    if (!sheet) return [];
    const v = sheet.getDataRange().getValues();
    const i = (v[0] as string[]).indexOf(header);
    return v.slice(1).map((r) => r[i]);
  };

  async function enterMedinsoft(): Promise<void> {
    await page.click('#new-dossier');
    await page.fill('#f-id', '2018-AMFT-01');
    await page.fill('#f-beneficiary', 'association Medinsoft');
    await page.selectOption('#f-beneficiaryKind', 'association');
    await page.selectOption('#f-convention', 'oui');
    await page.fill('#f-period-start', '2018-01-01');
    await page.fill('#f-period-end', '2018-03-31');
    await page.fill('#f-budgetYear', '2018');
    await page.fill('#f-annualBudget', '800 000');
    await page.fill('#f-subsidy', '47.500');
    await page.fill('#f-statedProratedBudget', '200 000 €');
    await page.fill('#f-statedRate', '23,75 %');
    await page.click('#add-cofinancer');
    await page.keyboard.type('Métropole Aix-Marseille-Provence');
    await page.fill('.cof-row:nth-of-type(1) .cof-amount', '17 500 €');
    await page.click('#add-cofinancer');
    await page.keyboard.type('Conseil de Territoire du Pays d’Aix (CT2)');
    await page.fill('.cof-row:nth-of-type(2) .cof-amount', '30.000 €');
  }

  it('shows the chooser, usable without Google’s stylesheet, and axe finds nothing', async () => {
    expect(await text('h1')).toBe('Dossiers');
    expect(await text('#chooser-empty')).toContain('pas encore de feuille « Dossiers »');
    await shot('01-chooser-empty.png');
    expect(await axe()).toEqual([]);
  });

  it('computes the example report’s figures as you type: 200 000 € over 3 months and 23,75 %', async () => {
    await enterMedinsoft();
    expect(await text('#sum-base')).toBe('200 000 € (sur 3 mois)');
    expect(await text('#sum-rate')).toBe('23,75 %');
    expect(await text('#sum-total')).toBe('47 500 € pour 47 500 € de subvention');
    expect(await text('#sum-convention')).toBe('requise');
    expect(await text('.cof-row:nth-of-type(1) .cof-share')).toBe('36,84 % de la subvention · 8,75 % du budget');
    expect(await text('#sum-count')).toBe('Aucune erreur.');
    expect(await text('#f-convention-msg')).toContain('Info : La subvention (47 500 €) dépasse 23 000 € : une convention est requise, et elle est bien prévue.');
    await page.fill('#f-statedProratedBudget', '200 00 €');
    expect(await text('#f-statedProratedBudget-msg')).toMatch(/^Erreur : Le budget proratisé annoncé est illisible : .*200 00/);
    expect(await page.getAttribute('#f-statedProratedBudget', 'aria-invalid')).toBe('true');
    await page.fill('#f-statedProratedBudget', '200 000 €');
    expect(await page.getAttribute('#f-statedProratedBudget', 'aria-invalid')).toBeNull();
    await shot('02-form-medinsoft.png');
    expect(await axe()).toEqual([]);
  });

  it('a keystroke rewrites only what it changes: unchanged findings and figures keep their nodes, changed ones follow at once', async () => {
    await enterMedinsoft();
    // Nodes the next keystroke does not concern; the form used to rebuild every message and
    // rewrite every text on each keystroke, which with many co-financers made the slowest
    // keystroke miss its frame.
    await page.evaluate(() => {
      window.__kept = {
        finding: document.querySelector('#f-convention-msg .finding'),
        share: document.querySelector('.cof-row:nth-of-type(1) .cof-share').firstChild,
        base: document.querySelector('#sum-base').firstChild,
      };
    });
    await page.focus('#f-beneficiary');
    await page.keyboard.press('s');
    const same = () =>
      page.evaluate(() => ({
        finding: window.__kept.finding === document.querySelector('#f-convention-msg .finding'),
        share: window.__kept.share === document.querySelector('.cof-row:nth-of-type(1) .cof-share').firstChild,
        base: window.__kept.base === document.querySelector('#sum-base').firstChild,
      }));
    expect(await same()).toEqual({ finding: true, share: true, base: true });
    // An input that changes the subsidy updates the share and the convention's finding
    // within that same event (no deferred rendering).
    await page.fill('#f-subsidy', '475 000');
    const after = await page.evaluate(() => ({
      share: document.querySelector('.cof-row:nth-of-type(1) .cof-share').textContent,
      convention: document.querySelector('#f-convention-msg').textContent,
      sameFinding: window.__kept.finding === document.querySelector('#f-convention-msg .finding'),
    }));
    expect(norm(after.share)).toBe('3,68 % de la subvention · 8,75 % du budget');
    expect(norm(after.convention)).toContain('475 000 €');
    expect(after.sameFinding).toBe(false);
    // The field's invalid state follows on the same input, both ways.
    expect(await page.getAttribute('#f-subsidy', 'aria-invalid')).toBe('true');
    await page.fill('#f-subsidy', '47.500');
    expect(await page.getAttribute('#f-subsidy', 'aria-invalid')).toBeNull();
    expect(await text('.cof-row:nth-of-type(1) .cof-share')).toBe('36,84 % de la subvention · 8,75 % du budget');
  });

  it('shows the co-financing mismatch when a co-financer is added, and clears it when removed', async () => {
    await enterMedinsoft();
    expect(await text('#cof-msg')).toBe('');
    await page.click('#add-cofinancer');
    await page.keyboard.type('Région Sud');
    await page.fill('.cof-row:nth-of-type(3) .cof-amount', '1 000');
    expect(await text('#cof-msg')).toBe('Erreur : La somme des cofinancements (48 500 €) diffère du montant de la subvention (47 500 €) : écart de +1 000 €.');
    expect(await text('#sum-count')).toBe('1 erreur');
    await shot('03-form-sum-mismatch.png');
    await page.click('button[aria-label="Retirer le cofinanceur n° 3"]');
    expect(await text('#cof-msg')).toBe('');
    expect(await page.locator('.cof-row').count()).toBe(2);
    expect(await text('#sum-count')).toBe('Aucune erreur.');
  });

  it('saves, lists, reloads and finds the same values', async () => {
    await enterMedinsoft();
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Dossier enregistré.');
    expect(stored('Montant de la subvention')).toEqual([47500]);
    expect(stored('Budget proratisé')).toEqual([200000]);
    expect(stored('Taux')).toEqual([0.2375]);
    expect(world.sheets.spreadsheet.getSheetByName('Cofinancements')!.getDataRange().getValues().slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['2018-AMFT-01', 'Métropole Aix-Marseille-Provence', 17500],
      ['2018-AMFT-01', 'Conseil de Territoire du Pays d’Aix (CT2)', 30000],
    ]);
    expect(await text('h1')).toBe('Dossier 2018-AMFT-01');
    expect(await page.inputValue('#f-subsidy')).toBe('47 500');
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    expect(await text('.dossier-item')).toBe('2018-AMFT-01 association Medinsoft 47 500 € OK');
    await shot('04-chooser-list.png');
    await page.click('.dossier-item');
    await page.waitForSelector('#dossier-form');
    expect(await page.inputValue('#f-period-start')).toBe('2018-01-01');
    expect(await page.inputValue('#f-period-end')).toBe('2018-03-31');
    expect(await page.inputValue('#f-annualBudget')).toBe('800 000');
    expect(await page.inputValue('#f-subsidy')).toBe('47 500');
    expect(await page.inputValue('#f-statedRate')).toBe('23,75 %');
    expect(await page.inputValue('#f-convention')).toBe('oui');
    expect(await page.inputValue('.cof-row:nth-of-type(2) .cof-amount')).toBe('30 000');
    expect(await text('#sum-rate')).toBe('23,75 %');
  });

  it('checks the SIRET as you type: a wrong key gets its French message beside the field, and axe finds nothing', async () => {
    await enterMedinsoft();
    await page.fill('#f-siret', '732 829 320 00075');
    expect(await text('#f-siret-msg')).toBe('Erreur : SIRET 732 829 320 00075 : clé de contrôle invalide ; un chiffre est faux ou deux sont inversés.');
    expect(await page.getAttribute('#f-siret', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-siret', 'aria-describedby')).toContain('f-siret-msg');
    expect(await axe()).toEqual([]);
    await page.fill('#f-siret', '732 829 320 00074');
    expect(await text('#f-siret-msg')).toBe('');
    expect(await page.getAttribute('#f-siret', 'aria-invalid')).toBeNull();
  });

  it.each([
    ['letters in an amount', '#f-subsidy', '47 5OO', '#f-subsidy-msg', /^Erreur : Le montant de la subvention est illisible : .*47 5OO/],
    ['a malformed amount', '#f-subsidy', '200 00', '#f-subsidy-msg', /^Erreur : Le montant de la subvention est illisible : .*groupe/],
    ['an end before the start', '#f-period-end', '2017-12-31', '#f-period-end-msg', /^Erreur : La fin de la période \(31 décembre 2017\) précède son début \(1er janvier 2018\)\./],
  ])('%s: a French message beside the field, and nothing stored', async (_, field, value, message, expected) => {
    await enterMedinsoft();
    await page.fill(field, value);
    expect(await text(message)).toMatch(expected);
    expect(await page.getAttribute(field, 'aria-invalid')).toBe('true');
    await page.click('#save');
    await page.waitForFunction(() => (document.getElementById('alert')?.textContent ?? '') !== '');
    expect(await text('#alert')).toMatch(/^Le dossier n’a pas été enregistré : 1 valeur à corriger\./);
    expect(world.sheets.spreadsheet.getSheetByName('Dossiers')).toBeNull();
    expect(await page.inputValue(field)).toBe(value);
    if (field === '#f-subsidy' && value === '200 00') await shot('05-form-bad-amount.png');
  });

  it('keeps the form as typed when the save fails (another save holds the lock)', async () => {
    await enterMedinsoft();
    expect(world.locks.lockService('B').getDocumentLock().tryLock(0)).toBe(true);
    await page.click('#save');
    await page.waitForFunction(() => (document.getElementById('alert')?.textContent ?? '') !== '');
    expect(await text('#alert')).toContain('Le classeur est occupé par un autre enregistrement');
    expect(await page.inputValue('#f-subsidy')).toBe('47.500');
    expect(await page.isEnabled('#save')).toBe(true);
  });

  /** Medinsoft saved, and its form opened afresh: where a concurrent edit is made from. */
  async function openSavedMedinsoft() {
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    await page.click('.dossier-item');
    await page.waitForSelector('#dossier-form');
    return server.loadDossier('2018-AMFT-01');
  }

  it.each([
    ['Garder ma version', '40 000', 40000],
    ['Recharger leur version', '45 000', 45000],
  ])('detects a concurrent edit; « %s »', async (choice, expectedInput, expectedStored) => {
    const theirs = await openSavedMedinsoft();
    world.as('B', () => server.saveDossier({ dossier: { ...theirs.dossier, subsidy: '45 000' }, ref: theirs.ref, version: theirs.version }));
    await page.fill('#f-subsidy', '40 000');
    await page.click('#save');
    await page.waitForSelector('[role="alertdialog"]');
    expect(norm(await page.textContent('[role="alertdialog"] p'))).toContain('Ce dossier a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert.');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Recharger leur version');
    if (choice === 'Garder ma version') {
      await shot('06-conflict.png');
      expect(await axe()).toEqual([]);
    }
    await page.click(`[role="alertdialog"] button:text-is("${choice}")`);
    await page.waitForFunction(() => !document.querySelector('[role="alertdialog"]'));
    await page.waitForFunction(() => /enregistré|affichée/.test(document.getElementById('status')?.textContent ?? ''));
    expect(await page.inputValue('#f-subsidy')).toBe(expectedInput);
    expect(stored('Montant de la subvention')).toEqual([expectedStored]);
  });

  // Before: opened by Enter in a co-financer's amount, « Recharger leur version » and « Garder ma
  // version » rebuilt the rows, the focused field included: <body>. From « Enregistrer », the focus
  // was already given back (these cases guard it).
  it.each([
    ['Recharger leur version', 'Enter', '#save', 'save'],
    ['Garder ma version', 'Enter', '#save', 'save'],
    ['Annuler', 'Enter', '#save', 'save'],
    ['Escape', 'Escape', '#save', 'save'],
    ['Enregistrer ma version (dossier supprimé)', 'Enter', '#save', 'save'],
    ['Recharger leur version', 'Enter', '.cof-amount', 'FIRST-COF'],
    ['Garder ma version', 'Enter', '.cof-amount', 'FIRST-COF'],
    ['Escape', 'Escape', '.cof-amount', 'FIRST-COF'],
  ])('after the conflict dialog closes by « %s » (%s) opened from %s, the focus is on %s, never <body>', async (choice, key, from, expected) => {
    const theirs = await openSavedMedinsoft();
    if (choice.includes('supprimé')) world.sheets.spreadsheet.getSheetByName('Dossiers')!.deleteRow(2);
    else world.as('B', () => server.saveDossier({ dossier: { ...theirs.dossier, subsidy: '45 000' }, ref: theirs.ref, version: theirs.version }));
    await page.fill('#f-subsidy', '40 000');
    await page.focus(from);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="alertdialog"]');
    const label = choice.replace(/ \(.*/, '');
    if (key === 'Enter') await page.focus(`[role="alertdialog"] button:text-is("${label}")`);
    await page.keyboard.press(key);
    await page.waitForFunction(() => !document.querySelector('[role="alertdialog"]') && !document.getElementById('save').disabled);
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '') !== 'Enregistrement…');
    expect(await page.evaluate(() => (document.activeElement === document.querySelector('.cof-amount') ? 'FIRST-COF' : document.activeElement?.id))).toBe(expected);
  });

  it('a save by Enter in a co-financer’s name gives the keyboard back to that name in the rebuilt rows', async () => {
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    await page.reload();
    await page.waitForSelector('body[data-ready]');
    await page.click('.dossier-item');
    await page.waitForSelector('#dossier-form');
    await page.fill('.cof-row:nth-of-type(2) .cof-name', 'CT2');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Dossier enregistré.');
    // Before: <body>, the row holding the focus having been replaced by the saved one.
    expect(await page.evaluate(() => document.activeElement === document.querySelectorAll('.cof-name')[1])).toBe(true);
    expect(await page.inputValue('.cof-row:nth-of-type(2) .cof-name')).toBe('CT2');
  });

  it('works with the keyboard alone, with a visible focus, and asks before leaving unsaved work', async () => {
    const tabTo = async (predicate: string, max = 80) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(predicate)) return;
      }
      throw new Error(`focus never reached ${predicate}`);
    };
    await tabTo(`document.activeElement?.id === 'new-dossier'`);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#dossier-form');
    await tabTo(`document.activeElement?.id === 'f-id'`);
    await page.keyboard.type('K-1');
    await tabTo(`document.activeElement?.id === 'f-subsidy'`);
    await page.keyboard.type('1 000');
    await tabTo(`document.activeElement?.id === 'add-cofinancer'`);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('cof-name'))).toBe(true);
    await page.keyboard.type('Ville');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1 000');
    expect(await text('#sum-total')).toBe('1 000 € pour 1 000 € de subvention');
    await tabTo(`document.activeElement?.id === 'back'`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="alertdialog"]');
    await shot('07-unsaved-changes.png');
    expect(await axe()).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#dossier-form')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('back');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="alertdialog"]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Abandonner les modifications');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#chooser-title');
    expect(stored('Identifiant')).toEqual([]);
  });

  it('asks the browser before unloading an unsaved form', async () => {
    await page.click('#new-dossier');
    await page.fill('#f-id', 'X');
    const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
    await page.close({ runBeforeUnload: true });
    expect(await dialog).toBe('beforeunload');
    page = await open();
  });

  it('edits the settings in document properties; the live checks follow them', async () => {
    await page.click('#nav button:text-is("Paramètres")');
    await page.waitForSelector('#settings-form');
    expect(await page.inputValue('#s-conventionThreshold')).toBe('23 000');
    expect(await page.inputValue('#s-rateCap')).toBe('80 %');
    await shot('08-settings.png');
    expect(await axe()).toEqual([]);
    await page.fill('#s-conventionThreshold', 'vingt mille');
    await page.click('#settings-save');
    await page.waitForSelector('#s-conventionThreshold[aria-invalid="true"]');
    expect(await text('#s-conventionThreshold-msg')).toMatch(/^Erreur : Seuil de convention : /);
    await page.fill('#s-conventionThreshold', '50 000');
    await page.click('#settings-save');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Paramètres enregistrés.');
    expect(JSON.parse(world.properties.document.getProperty('rapporteur.settings')!).conventionThreshold).toBe('50000');
    await page.click('#nav button:text-is("Dossiers")');
    await enterMedinsoft();
    expect(await text('#sum-convention')).toBe('non requise');
  });

  it('opens on the settings screen when the menu asks for it', async () => {
    await page.context().close();
    page = await open({ start: 'settings' });
    expect(await text('h1')).toBe('Paramètres');
  });

  it('renders a hostile name as text, never as markup', async () => {
    server.saveDossier({ dossier: { ...medinsoft(), beneficiary: '<img src=x onerror="window.__owned=1">' }, ref: null, version: null });
    await page.reload();
    await page.waitForSelector('.dossier-item');
    expect(await text('.dossier-beneficiary')).toBe('<img src=x onerror="window.__owned=1">');
    expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
  });

  it('google.script.run refuses a Date in the arguments, as in Sheets', async () => {
    const outcome = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const run = (window as unknown as { google: { script: { run: Record<string, (...a: unknown[]) => unknown> } } }).google.script.run;
          const runner = (run.withSuccessHandler as (f: () => void) => typeof run)(() => resolve('succès'));
          ((runner.withFailureHandler as (f: (e: Error) => void) => typeof run)((e) => resolve(e.message)).checkDossierData as (a: unknown) => void)({ period: { start: new Date() } });
        }),
    );
    expect(outcome).toBe('Invalid argument: arguments[0].period.start (Date)');
  });
});
