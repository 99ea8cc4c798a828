/**
 * The local preview used as a finance officer and an RGAA auditor use it, keyboard first:
 * what the other browser suites did not look at. Each test here failed before its fix (the
 * comments beside its checks say what the browser showed then), and axe still passes on each
 * screen it visits.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { describeWithTool } from '../support/tools';
import { openPreviewPage } from '../support/preview-page';
import { startPreview } from '../../src/local/preview/server';
import { composePreviewApi } from '../../src/local/preview/compose';
import { exampleDossiers } from '../../src/local/commands/preview';
import { openOrSeedWorkbook, readWorkbookDossiers } from '../../src/local/workbook-dossiers';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any;

const ROOT = join(__dirname, '..', '..');
const SIDEBAR = join(ROOT, 'dist', 'Sidebar.html');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const clock = { nowIso: () => '2018-06-12T08:00:00.000Z', todayIso: () => '2018-06-12' };

jest.setTimeout(90000);

const norm = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

async function axeViolations(target: Page | Frame): Promise<string[]> {
  await target.addScriptTag({ content: readFileSync(AXE, 'utf8') });
  return target.evaluate(async () => {
    const r = await window.axe.run(document, { iframes: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

describeWithTool('chromium')('the local preview, keyboard and screen reader first', () => {
  let browser: Browser;
  let page: Page;
  let sidebar: Frame;
  let server: { url: string; close(): Promise<void> };
  let workbookPath: string;
  const pageErrors: string[] = [];
  const failedCalls: string[] = [];

  beforeAll(async () => {
    if (!existsSync(SIDEBAR)) throw new Error('dist/Sidebar.html est absent : lancez « node build.mjs » (npm run test:browser le fait).');
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-outside-preview-'));
    const reportsDir = join(dir, 'notes');
    mkdirSync(reportsDir);
    workbookPath = join(dir, 'dossiers.xlsx');
    const { workbook } = await openOrSeedWorkbook(workbookPath, () => exampleDossiers(ROOT));
    server = await startPreview({ workbook, ...composePreviewApi(workbook, reportsDir, clock), sidebarHtml: () => readFileSync(SIDEBAR, 'utf8'), reportsDir, port: 0 });
    ({ browser, page } = await openPreviewPage(server.url, { pageErrors, failedCalls }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const activeId = () => sidebar.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}#${document.activeElement?.id ?? ''}`);
  /** Opens the sidebar afresh (a reload, as after closing the browser) and the dossier of this id. */
  async function openDossier(id: string): Promise<void> {
    await page.goto(server.url);
    sidebar = page.frame({ url: /\/sidebar$/ })!;
    await sidebar.waitForSelector('body[data-ready]');
    await sidebar.click(`.dossier-item:has-text("${id}")`);
    await sidebar.waitForSelector('#form-title');
  }
  /** « Enregistrer » as the keyboard does it: focus, then Enter. */
  async function saveWithKeyboard(): Promise<void> {
    await sidebar.focus('#save');
    await page.keyboard.press('Enter');
    await sidebar.waitForFunction(() => !document.getElementById('save').disabled && (document.getElementById('status').textContent !== 'Enregistrement…' || document.getElementById('alert').textContent !== ''));
  }

  it('a refused save puts the keyboard on the first value to correct, and says each refusal once', async () => {
    await openDossier('2018-AMFT-01');
    await sidebar.fill('#f-subsidy', 'abc');
    await sidebar.fill('#f-budgetYear', '18');
    await saveWithKeyboard();
    expect(norm(await sidebar.textContent('#alert'))).toMatch(/^Le dossier n’a pas été enregistré : 2 valeurs à corriger\./);
    // Before: focus on <body>, the disabled button having lost it; the exercise comes first in the form.
    expect(await activeId()).toBe('input#f-budgetYear');
    // Before: « 4 erreurs » and the subsidy's error twice, once from the save and once from the live check.
    expect(await sidebar.locator('#f-subsidy-msg .finding').count()).toBe(1);
    expect(await sidebar.locator('#f-budgetYear-msg .finding').count()).toBe(1);
    expect(norm(await sidebar.textContent('#f-budgetYear-msg'))).toBe('Erreur : L’exercice budgétaire doit être une année sur quatre chiffres (reçu : « 18 »).');
    expect(norm(await sidebar.textContent('#sum-count'))).toBe('2 erreurs');
    expect(norm(await sidebar.textContent('#f-subsidy-msg'))).toBe('Erreur : Montant de la subvention : « abc » n’est pas un montant : seuls un nombre et son unité (€, euros, EUR) sont attendus.');
    expect(norm(await sidebar.textContent('legend:has-text("Période et montants") .group-badge'))).toBe('(2 erreurs)');
    for (const id of ['f-subsidy', 'f-budgetYear']) {
      expect(await sidebar.getAttribute(`#${id}`, 'aria-invalid')).toBe('true');
      expect((await sidebar.getAttribute(`#${id}`, 'aria-describedby'))!.split(' ')).toContain(`${id}-msg`);
    }
    expect(await axeViolations(sidebar)).toEqual([]);
    // Correcting the exercise clears its refusal; the subsidy's live error stays, said once.
    await sidebar.fill('#f-budgetYear', '2018');
    expect(await sidebar.locator('#f-budgetYear-msg .finding').count()).toBe(0);
    expect(await sidebar.getAttribute('#f-budgetYear', 'aria-invalid')).toBeNull();
    expect(await sidebar.locator('#f-subsidy-msg .finding').count()).toBe(1);
  });

  it('a refused co-financer amount puts the keyboard on that row’s amount', async () => {
    await openDossier('2018-AMFT-01');
    await sidebar.fill('.cof-row:nth-of-type(2) .cof-amount', '30 00');
    await saveWithKeyboard();
    expect(await sidebar.evaluate(() => document.activeElement === document.querySelectorAll('.cof-amount')[1])).toBe(true);
    expect(await sidebar.evaluate(() => document.activeElement.getAttribute('aria-invalid'))).toBe('true');
  });

  it('a saved dossier leaves the keyboard on « Enregistrer », and what was typed survives a reload', async () => {
    await openDossier('2018-AMFT-01');
    await sidebar.fill('#f-subject', 'Soutien au festival\t2018');
    await sidebar.click('#add-cofinancer');
    await page.keyboard.type('Région Sud');
    await sidebar.click('.cof-row:nth-of-type(3) .remove');
    // The row before the one removed takes the focus, the removal is said.
    expect(await sidebar.evaluate(() => document.activeElement === document.querySelectorAll('.cof-name')[1])).toBe(true);
    expect(norm(await sidebar.textContent('#status'))).toBe('Cofinanceur n° 3 retiré.');
    await saveWithKeyboard();
    expect(norm(await sidebar.textContent('#status'))).toBe('Dossier enregistré.');
    // Before: focus on <body>, and Tab started again from the navigation.
    expect(await activeId()).toBe('button#save');
    await page.keyboard.press('Tab');
    expect(await activeId()).toBe('button#back');
    const stored = (await readWorkbookDossiers(workbookPath)).find((d) => d.id === '2018-AMFT-01')!;
    expect(stored.subject).toBe('Soutien au festival\t2018');
    expect(stored.cofinancers?.map((c) => c.name)).toEqual(exampleDossiers(ROOT).find((d) => d.id === '2018-AMFT-01')!.cofinancers!.map((c) => c.name));
    await openDossier('2018-AMFT-01');
    expect(await sidebar.inputValue('#f-subject')).toBe('Soutien au festival\t2018');
    expect(await sidebar.locator('.cof-row').count()).toBe(2);
  });

  it('saved settings leave the keyboard on their button', async () => {
    await page.goto(server.url);
    sidebar = page.frame({ url: /\/sidebar$/ })!;
    await sidebar.waitForSelector('body[data-ready]');
    await sidebar.click('#nav button:text-is("Paramètres")');
    await sidebar.waitForSelector('#settings-title');
    await sidebar.waitForFunction(() => document.getElementById('s-conventionThreshold').value !== '');
    await sidebar.fill('#s-rateCap', '75 %');
    await sidebar.focus('#settings-save');
    await page.keyboard.press('Enter');
    await sidebar.waitForFunction(() => document.getElementById('status').textContent === 'Paramètres enregistrés.');
    expect(await activeId()).toBe('button#settings-save');
    await sidebar.fill('#s-rateCap', '80 %');
    await page.keyboard.press('Enter');
    await sidebar.waitForFunction(() => document.getElementById('status').textContent === 'Paramètres enregistrés.' && !document.getElementById('settings-save').disabled);
    expect(await axeViolations(sidebar)).toEqual([]);
  });

  it('a refused setting stays marked until it is changed, then only the others do', async () => {
    await page.goto(server.url);
    sidebar = page.frame({ url: /\/sidebar$/ })!;
    await sidebar.waitForSelector('body[data-ready]');
    await sidebar.click('#nav button:text-is("Paramètres")');
    await sidebar.waitForFunction(() => document.getElementById('s-conventionThreshold')?.value !== '');
    await sidebar.fill('#s-conventionThreshold', '-5');
    await sidebar.fill('#s-rateCap', 'abc');
    await sidebar.focus('#settings-save');
    await page.keyboard.press('Enter');
    await sidebar.waitForSelector('#s-rateCap[aria-invalid="true"]');
    expect(await activeId()).toBe('input#s-conventionThreshold');
    expect(norm(await sidebar.textContent('#s-conventionThreshold-msg'))).toBe('Erreur : Seuil de convention : Le montant ne peut pas être négatif (-5 €).');
    await sidebar.fill('#s-conventionThreshold', '23 000');
    // Before: still « Erreur : … négatif (-5 €) » and aria-invalid beside « 23 000 ».
    expect(await sidebar.getAttribute('#s-conventionThreshold', 'aria-invalid')).toBeNull();
    expect(await sidebar.textContent('#s-conventionThreshold-msg')).toBe('');
    expect(await sidebar.getAttribute('#s-rateCap', 'aria-invalid')).toBe('true');
    expect(norm(await sidebar.textContent('#s-rateCap-msg'))).toMatch(/^Erreur : Plafond du taux : « abc »/);
    await sidebar.fill('#s-rateCap', '80 %');
    await sidebar.focus('#settings-save');
    await page.keyboard.press('Enter');
    await sidebar.waitForFunction(() => document.getElementById('status').textContent === 'Paramètres enregistrés.');
    expect(await axeViolations(sidebar)).toEqual([]);
  });

  it('reads out the figures once typing pauses, politely, once per pause and never on opening', async () => {
    await openDossier('2018-AMFT-01');
    const live = sidebar.locator('#sum-live');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    expect(await live.getAttribute('role')).toBe('status');
    // Count what a screen reader would be told: every change of the region's text.
    await sidebar.evaluate(() => {
      window.__liveChanges = 0;
      new window.MutationObserver(() => (window.__liveChanges += 1)).observe(document.getElementById('sum-live'), { childList: true, characterData: true, subtree: true });
    });
    await sidebar.waitForTimeout(1300);
    expect(await live.textContent()).toBe('');
    await sidebar.fill('#f-subsidy', '');
    await sidebar.focus('#f-subsidy');
    await page.keyboard.type('30 000 €', { delay: 60 });
    await sidebar.waitForFunction(() => document.getElementById('sum-live').textContent !== '', undefined, { timeout: 5000 });
    expect(norm(await live.textContent())).toBe('Budget proratisé : 200 000 € (sur 3 mois). Taux calculé : 15,00 %. Total cofinancé : 47 500 € pour 30 000 € de subvention. 2 erreurs');
    // The two errors: the plan no longer adds up, and the stated 23,75 % is no longer the rate.
    // Eight keystrokes, one announcement: the figures of each keystroke are not read out.
    expect(await sidebar.evaluate(() => window.__liveChanges)).toBe(1);
    // The same figures again (a character typed and erased) are not said twice.
    await page.keyboard.type('x');
    await page.keyboard.press('Backspace');
    await sidebar.waitForTimeout(1300);
    expect(await sidebar.evaluate(() => window.__liveChanges)).toBe(1);
    // Removing a co-financer changes the total: said too.
    await sidebar.click('.cof-row:nth-of-type(1) .remove');
    await sidebar.waitForFunction(() => window.__liveChanges === 2, undefined, { timeout: 5000 });
    expect(norm(await live.textContent())).toContain('Total cofinancé : 30 000 € pour 30 000 € de subvention.');
    expect(await axeViolations(sidebar)).toEqual([]);
  });

  it('filters the list as staff type names: without accents, with either apostrophe, the count said politely', async () => {
    await page.goto(server.url);
    sidebar = page.frame({ url: /\/sidebar$/ })!;
    await sidebar.waitForSelector('body[data-ready]');
    expect(await sidebar.getAttribute('#chooser-empty', 'role')).toBe('status');
    expect(await sidebar.getAttribute('#chooser-filter', 'aria-describedby')).toBe('chooser-empty');
    const shown = async (typed: string) => {
      await sidebar.fill('#chooser-filter', typed);
      return (await sidebar.locator('.dossier-id').allTextContents()).sort();
    };
    // The sheet holds « Club Nautique de l'Estaque » and « club nautique de l’Estaque »: before, each apostrophe found one.
    expect(await shown('l’estaque')).toEqual(['2018-SPORT-03', '2018-SPORT-11']);
    expect(await shown("de l'Estaque")).toEqual(['2018-SPORT-03', '2018-SPORT-11']);
    // « Débrouillards » typed without its accent: before, only the row written in capitals without one.
    expect(await shown('debrouillards')).toEqual(['2018-CULT-07', '2018-CULT-19']);
    expect(norm(await sidebar.textContent('#chooser-empty'))).toBe('2 dossiers.');
    expect(await shown('société inconnue')).toEqual([]);
    expect(norm(await sidebar.textContent('#chooser-empty'))).toBe('Aucun dossier ne correspond au filtre.');
    expect(await axeViolations(sidebar)).toEqual([]);
  });

  it('a 3 000-character name without spaces wraps in the 300 px sidebar instead of scrolling it sideways', async () => {
    await openDossier('2018-CULT-07');
    await sidebar.fill('#f-beneficiary', `Association-${'x'.repeat(3000)}`);
    await saveWithKeyboard();
    expect(norm(await sidebar.textContent('#status'))).toBe('Dossier enregistré.');
    await sidebar.click('#back');
    await sidebar.waitForSelector('.dossier-item');
    // Before: 20 000 px and more of horizontal scroll, each dossier of the list off to the left.
    const [scrollWidth, clientWidth] = await sidebar.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(await axeViolations(sidebar)).toEqual([]);
  });

  it('Enter on a row of the page’s sheet makes it active and leaves the keyboard on it', async () => {
    await page.goto(server.url);
    await page.waitForSelector('#sheet tbody tr');
    await page.focus('#sheet tbody tr:nth-child(3)');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sheet tbody tr.active');
    // Before: the table rebuilt without it, the focus on <body>.
    expect(await page.evaluate(() => document.activeElement.getAttribute('aria-label'))).toBe('Ligne 4 (active)');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement.getAttribute('aria-label'))).toBe('Ligne 3');
    await page.keyboard.press('Space');
    await page.waitForSelector('#sheet tbody tr.active[aria-label="Ligne 3 (active)"]');
    expect(await page.evaluate(() => document.activeElement.getAttribute('aria-label'))).toBe('Ligne 3 (active)');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('« Vérifier une note » says a refused text or address beside its field, until it is corrected', async () => {
    await page.goto(server.url);
    sidebar = page.frame({ url: /\/sidebar$/ })!;
    await sidebar.waitForSelector('body[data-ready]');
    await sidebar.click('#nav button:text-is("Vérifier une note")');
    await sidebar.focus('#audit-text-submit');
    await page.keyboard.press('Enter');
    await sidebar.waitForSelector('#audit-text[aria-invalid="true"]');
    expect(await activeId()).toBe('textarea#audit-text');
    // Before: said only by the alert (gone at the next announcement), the field described by its hint alone.
    expect((await sidebar.getAttribute('#audit-text', 'aria-describedby'))!.split(' ')).toContain('audit-text-msg');
    expect(norm(await sidebar.textContent('#audit-text-msg'))).toBe(`Erreur : ${norm(await sidebar.textContent('#alert'))}`);
    expect(norm(await sidebar.textContent('#audit-text-msg'))).not.toBe('Erreur :');
    await page.keyboard.type('La subvention de 47.500 euros.');
    expect(await sidebar.getAttribute('#audit-text', 'aria-invalid')).toBeNull();
    expect(await sidebar.textContent('#audit-text-msg')).toBe('');
    await sidebar.fill('#audit-doc', 'pas une adresse');
    await page.keyboard.press('Enter');
    await sidebar.waitForSelector('#audit-doc[aria-invalid="true"]');
    expect((await sidebar.getAttribute('#audit-doc', 'aria-describedby'))!.split(' ')).toContain('audit-doc-msg');
    expect(norm(await sidebar.textContent('#audit-doc-msg'))).toMatch(/^Erreur : « pas une adresse » n’est ni l’adresse ni l’identifiant d’un Google Doc/);
    expect(await axeViolations(sidebar)).toEqual([]);
  });

  it('an impossible date (31 February) is called so, and refused without losing the stored date', async () => {
    await openDossier('2018-AMFT-01');
    // Chromium's date field orders its parts by the browser's language, not the page's: try both orders.
    for (const keys of ['31022018', '02312018']) {
      await sidebar.fill('#f-period-start', '');
      await sidebar.focus('#f-period-start');
      await page.keyboard.type(keys);
      if (await sidebar.evaluate(() => document.getElementById('f-period-start').validity.badInput)) break;
    }
    expect(await sidebar.evaluate(() => document.getElementById('f-period-start').validity.badInput)).toBe(true);
    await page.keyboard.press('Tab');
    const expected = 'Erreur : Début de la période : la date est incomplète ou n’existe pas (un 31 février, un 31 avril…) : complétez le jour, le mois et l’année, ou effacez la date.';
    // Before: « La date de début de la période est à renseigner. » of a field just filled.
    expect(norm(await sidebar.textContent('#f-period-start-msg'))).toBe(expected);
    expect(await sidebar.getAttribute('#f-period-start', 'aria-invalid')).toBe('true');
    await saveWithKeyboard();
    // Before: « La date « date incomplète » n'est pas reconnue », quoting what the user never typed.
    expect(norm(await sidebar.textContent('#alert'))).toBe(`Le dossier n’a pas été enregistré : 1 valeur à corriger. ${expected.replace('Erreur : ', '')}`);
    expect(norm(await sidebar.textContent('#f-period-start-msg'))).toBe(expected);
    expect(await activeId()).toBe('input#f-period-start');
    const stored = (await readWorkbookDossiers(workbookPath)).find((d) => d.id === '2018-AMFT-01')!;
    expect(stored.period?.start).toBe('2018-01-01');
    expect(await axeViolations(sidebar)).toEqual([]);
  });

  it('text pasted with tabs and line breaks (cells of a spreadsheet) lands in a one-line field as spaces', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    await openDossier('2018-AMFT-01');
    const paste = async (selector: string, text: string) => {
      await sidebar.fill(selector, '');
      await sidebar.focus(selector);
      await sidebar.evaluate((t: string) => window.navigator.clipboard.writeText(t), text);
      await page.keyboard.press('Control+V');
      return sidebar.inputValue(selector);
    };
    // Before: « 17\t500 € », refused with « le caractère «  » est inattendu » (a tab, quoted invisibly).
    expect(await paste('.cof-row:nth-of-type(1) .cof-amount', '17\t500 €\r\n')).toBe('17 500 €');
    expect(await sidebar.textContent('.cof-row:nth-of-type(1) .field-message')).toBe('');
    expect(await sidebar.getAttribute('.cof-row:nth-of-type(1) .cof-amount', 'aria-invalid')).toBeNull();
    expect(norm(await sidebar.textContent('#cof-total'))).toBe('Total : 47 500 € pour 47 500 € de subvention');
    expect(await paste('#f-beneficiary', 'association\tMedinsoft\n')).toBe('association Medinsoft');
    // Pasted inside a text, at the caret: what was around it stays.
    await sidebar.fill('#f-subject', 'Soutien  2018');
    await sidebar.evaluate(() => document.getElementById('f-subject').setSelectionRange(8, 8));
    await sidebar.evaluate(() => window.navigator.clipboard.writeText('au\tfestival'));
    await page.keyboard.press('Control+V');
    expect(await sidebar.inputValue('#f-subject')).toBe('Soutien au festival 2018');
    expect(await sidebar.evaluate(() => document.activeElement.selectionStart)).toBe(19);
  });

  it('Ctrl+Z undoes a paste whose tabs became spaces, and the checks follow the restored value', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    await openDossier('2018-AMFT-01');
    const amount = '.cof-row:nth-of-type(1) .cof-amount';
    await sidebar.fill(amount, '');
    await sidebar.focus(amount);
    await page.keyboard.type('30 000');
    await page.keyboard.press('Control+A');
    await sidebar.evaluate(() => window.navigator.clipboard.writeText('17\t500 €\r\n'));
    await page.keyboard.press('Control+V');
    expect(await sidebar.inputValue(amount)).toBe('17 500 €');
    expect(norm(await sidebar.textContent('#cof-total'))).toBe('Total : 47 500 € pour 47 500 € de subvention');
    // Before: Ctrl+Z changed nothing, the rewritten paste (setRangeText) was not in the undo history.
    await page.keyboard.press('Control+Z');
    expect(await sidebar.inputValue(amount)).toBe('30 000');
    expect(norm(await sidebar.textContent('#cof-total'))).toBe('Total : 60 000 € pour 47 500 € de subvention');
    await page.keyboard.press('Control+Shift+Z');
    expect(await sidebar.inputValue(amount)).toBe('17 500 €');
    expect(norm(await sidebar.textContent('#cof-total'))).toBe('Total : 47 500 € pour 47 500 € de subvention');
    // Where insertText is refused, the paste is still rewritten and checked (without undo).
    await sidebar.evaluate(() => (document.execCommand = () => false));
    await sidebar.fill(amount, '');
    await sidebar.evaluate(() => window.navigator.clipboard.writeText('30\t000 €'));
    await page.keyboard.press('Control+V');
    expect(await sidebar.inputValue(amount)).toBe('30 000 €');
    expect(norm(await sidebar.textContent('#cof-total'))).toBe('Total : 60 000 € pour 47 500 € de subvention');
  });

  it('met no page error and no failed call', () => {
    expect(pageErrors).toEqual([]);
    // The refused saves answered ok with status « invalid »: no call failed.
    expect(failedCalls).toEqual([]);
  });
});
