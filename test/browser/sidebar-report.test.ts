/**
 * « Note au conseil » in Chromium: fields with their values, the template check, generation
 * with the confirmation on error-level findings, the PDF option, and the link to the Doc,
 * over the DocumentApp and Drive fakes (the same adapters as in Sheets).
 */
import type { Browser } from 'playwright-core';
import { describeWithTool } from '../support/tools';
import { medinsoft } from '../support/gas-world';
import { createSidebarWorld, launch, norm, openSidebar, type SidebarPage, type SidebarWorld } from '../support/sidebar-page';
import * as server from '../../src/gas/sidebar-api';
import { DOC_MIME } from '../fakes/drive';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

jest.setTimeout(60000);

describeWithTool('chromium')('the report screen in Chromium', () => {
  let browser: Browser;
  let world: SidebarWorld;
  let s: SidebarPage;

  beforeAll(async () => (browser = await launch()));
  afterAll(async () => browser?.close());
  beforeEach(() => (world = createSidebarWorld()));
  afterEach(async () => {
    expect(s.errors).toEqual([]);
    expect(s.rpc.refusedResults).toEqual([]);
    await s.page.context().close();
    world.uninstall();
  });

  const save = (dossier: Record<string, unknown>) => {
    const r = server.saveDossier({ dossier, ref: null, version: null });
    if (r.status !== 'saved') throw new Error(JSON.stringify(r));
  };
  const docs = () => [...world.google.drive.files.values()].filter((f) => f.mimeType === DOC_MIME && !f.trashed);
  const cell = (header: string) => {
    const v = world.sheets.spreadsheet.getSheetByName('Dossiers')!.getDataRange().getValues();
    return v[1]![(v[0] as string[]).indexOf(header)];
  };

  /** Opens the saved dossier from the list, then its report screen. */
  async function openReport(): Promise<void> {
    s = await openSidebar(browser);
    await s.page.click('.dossier-item');
    await s.page.waitForSelector('#dossier-form');
    await s.page.click('#to-report');
    await s.page.waitForSelector('#report-title');
    await s.page.waitForSelector('#report-fields .field-entry');
  }
  const field = async (name: string) => norm(await s.page.locator('.field-entry', { has: s.page.locator(`code:text-is("{{${name}}}")`) }).locator('.field-value').textContent());

  it('lists the fields with their values for the dossier, creates and checks the default template, and generates the Doc with its PDF', async () => {
    save(medinsoft());
    await openReport();
    expect(await s.text('h1')).toBe('Note au conseil');
    expect(await s.text('.screen-subtitle')).toBe('Dossier 2018-AMFT-01 — association Medinsoft');
    expect(await field('montant_subvention')).toBe('47 500 €');
    expect(await field('taux')).toBe('23,75 %');
    expect(await field('budget_proratise')).toBe('200 000 €');
    expect(await field('periode')).toBe('du 1er janvier 2018 au 31 mars 2018');
    expect(await field('montant_subvention_lettres')).toBe('quarante-sept mille cinq cents euros');
    await s.page.fill('#report-fields-filter', 'lettres');
    expect(await s.page.locator('.field-entry').count()).toBeGreaterThan(0);
    expect(await s.text('#report-fields-status')).toMatch(/^\d+ champs? sur \d+\.$/);
    await s.page.fill('#report-fields-filter', '');
    await s.shot('report-01-fields.png');
    expect(await s.axe()).toEqual([]);

    await s.page.click('#template-create');
    await s.page.waitForSelector('#template-link');
    expect(await s.text('#template-outcome')).toContain('Modèle créé dans votre Drive');
    expect(await s.page.getAttribute('#template-link', 'target')).toBe('_blank');
    expect(await s.page.getAttribute('#template-link', 'rel')).toBe('noopener');
    const templateId = JSON.parse(world.properties.document.getProperty('rapporteur.settings')!).template as string;
    expect(await s.page.getAttribute('#template-link', 'href')).toBe(`https://docs.google.com/document/d/${templateId}/edit`);
    await s.page.click('#template-check');
    await s.page.waitForFunction(() => /est valide/.test(document.getElementById('template-outcome')?.textContent ?? ''));

    await s.page.check('#report-pdf');
    await s.page.click('#report-generate');
    await s.page.waitForSelector('#report-link');
    expect(await s.text('#report-outcome')).toMatch(/^Note créée : « association Medinsoft — note du .+ », avec sa version PDF\./);
    const href = (await s.page.getAttribute('#report-link', 'href'))!;
    expect(await s.page.getAttribute('#report-link', 'target')).toBe('_blank');
    expect(await s.page.getAttribute('#report-link', 'rel')).toBe('noopener');
    expect(await s.text('#report-link')).toBe('Ouvrir la note dans Google Docs (nouvel onglet)');
    expect((await s.focused()).id).toBe('report-link');
    expect(await s.page.getAttribute('#report-pdf-link', 'href')).toMatch(/^https:\/\/drive\.google\.com\/file\/d\/.+\/view$/);
    const id = /\/d\/([^/]+)\//.exec(href)![1]!;
    const body = norm(world.google.drive.getDoc(id)!.plainText().body);
    expect(body).toContain('représentant 23,75 % du budget prévisionnel 2018 proratisé sur 3 mois d\'un montant de 200 000 €');
    expect(body).not.toContain('{{');
    expect(cell('Lien de la note')).toBe(href);
    await s.shot('report-02-created.png');
    expect(await s.axe()).toEqual([]);

    // The same data and template again: the Doc already made is offered, not a second one.
    await s.page.uncheck('#report-pdf');
    await s.page.click('#report-generate');
    await s.page.waitForSelector('#report-regenerate');
    expect(await s.text('#report-outcome')).toContain('déjà à jour');
    expect(await s.page.getAttribute('#report-link', 'href')).toBe(href);
    expect(docs().filter((f) => f.appProperties.dossierId === '2018-AMFT-01')).toHaveLength(1);
  });

  it('lists the error-level findings and asks before going on; « Annuler » creates nothing', async () => {
    save({ ...medinsoft(), statedRate: '25 %', cofinancers: [{ name: 'Métropole', amount: '17 500' }, { name: 'CT2', amount: '31 000' }] });
    server.createDefaultTemplate();
    await openReport();
    const before = docs().length;
    await s.page.click('#report-generate');
    await s.page.waitForSelector('#report-confirm');
    expect(await s.text('.confirm-box h3')).toBe('Le dossier a 2 erreurs : la note reprendrait des chiffres faux ou incomplets. Corrigez le dossier, ou confirmez pour générer la note quand même.');
    const errors = await s.page.locator('#report-errors li').allTextContents();
    expect(errors.map(norm)).toEqual([expect.stringMatching(/^Erreur : Le taux annoncé \(25 %\) diffère/), expect.stringMatching(/^Erreur : La somme des cofinancements \(48 500 €\)/)]);
    expect((await s.focused()).tag).toBe('h3');
    expect(await s.text('#alert')).toContain('Le dossier a 2 erreurs');
    await s.shot('report-03-confirm-errors.png');
    expect(await s.axe()).toEqual([]);

    await s.page.keyboard.press('Tab');
    await s.page.keyboard.press('Tab');
    expect((await s.focused()).id).toBe('report-cancel');
    await s.page.keyboard.press('Enter');
    expect(await s.page.locator('#report-confirm').count()).toBe(0);
    expect((await s.focused()).id).toBe('report-generate');
    expect(docs()).toHaveLength(before);

    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('#report-confirm');
    await s.page.click('#report-confirm');
    await s.page.waitForSelector('#report-link');
    expect(docs()).toHaveLength(before + 1);
  });

  it('shows each template error with its place, and creates nothing', async () => {
    save(medinsoft());
    const user = world.google.drive.addUserDoc('Mon modèle', (d) => {
      d.body.appendParagraph('Subvention de {{montant_subvention}} à {{beneficiare}}.');
      d.body.appendParagraph('{{#cofinanceurs}}{{nom}}');
    });
    expect(server.saveSettings({ template: `https://docs.google.com/document/d/${user.id}/edit` }).status).toBe('saved');
    await openReport();
    await s.page.click('#template-check');
    await s.page.waitForSelector('#template-errors li');
    const items = (await s.page.locator('#template-errors li').allTextContents()).map(norm);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^Erreur : .*beneficiare.*\(paragraphe 2, colonne \d+\)$/);
    expect(items[1]).toMatch(/^Erreur : .*cofinanceurs.*\(paragraphe 3, colonne 1\)$/);
    await s.shot('report-04-template-errors.png');
    const before = docs().length;
    await s.page.click('#report-generate');
    await s.page.waitForSelector('#report-outcome #template-errors');
    expect(await s.text('#alert')).toMatch(/^Le modèle contient 2 erreurs : aucune note n’a été créée\./);
    expect(docs()).toHaveLength(before);
    expect(await s.axe()).toEqual([]);
  });

  it('« Générer quand même » answered by a template error leaves the keyboard on « Générer la note », not on <body>', async () => {
    save({ ...medinsoft(), statedRate: '25 %' });
    const user = world.google.drive.addUserDoc('Mon modèle', (d) => d.body.appendParagraph('Subvention à {{beneficiare}}.'));
    expect(server.saveSettings({ template: `https://docs.google.com/document/d/${user.id}/edit` }).status).toBe('saved');
    await openReport();
    await s.page.focus('#report-generate');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('#report-confirm');
    await s.page.focus('#report-confirm');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('#report-outcome #template-errors');
    // Before: the confirmation box, focus included, was replaced by the errors: <body>.
    expect((await s.focused()).id).toBe('report-generate');
  });

  /**
   * The report screen of the saved dossier with the answer of `conventionStatus` held, the
   * keyboard on `control` before it comes (the race of a user tabbing faster than the server).
   */
  async function focusBeforeConventionStatus(control: string): Promise<void> {
    s = await openSidebar(browser, { hold: ['conventionStatus'] });
    await s.page.click('.dossier-item');
    await s.page.waitForSelector('#dossier-form');
    await s.page.click('#to-report');
    await s.page.waitForSelector('#convention-generate');
    await s.rpc.waiting('conventionStatus');
    await s.page.focus(control);
    expect(await s.text('#convention-need')).toBe('');
    s.rpc.release('conventionStatus');
    await s.page.waitForFunction(() => (document.getElementById('convention-need')?.textContent ?? '') !== '');
    // Chromium sends the focus of a disabled control to <body> at the next rendering: let it.
    await s.page.evaluate(() => new Promise((r) => (globalThis as any).requestAnimationFrame(() => (globalThis as any).requestAnimationFrame(r))));
  }
  // 10 000 € alone, no other subsidy to the beneficiary: under the threshold, no convention.
  const small = () => ({ ...medinsoft(), subsidy: '10 000', statedRate: '5 %', cofinancers: [{ name: 'Métropole', amount: '10 000' }], convention: false });

  it.each(['#convention-generate', '#convention-pdf'])('a dossier that needs no convention: the keyboard on %s when the answer disables it goes to the sentence that says why, not to <body>', async (control) => {
    save(small());
    await focusBeforeConventionStatus(control);
    expect(await s.page.isDisabled('#convention-generate')).toBe(true);
    expect(await s.page.isDisabled('#convention-pdf')).toBe(true);
    expect(await s.page.getAttribute('#convention-generate', 'aria-describedby')).toBe('convention-need');
    const focused = await s.focused();
    expect(focused.id).toBe('convention-need');
    expect(norm(focused.text)).toMatch(/^Ce dossier ne demande pas de convention : la subvention \(10 000 €\) ne dépasse pas 23 000 €/);
    expect(await s.axe()).toEqual([]);
  });

  it.each(['#convention-generate', '#convention-pdf'])('a dossier that needs a convention: the keyboard stays on %s', async (control) => {
    save(medinsoft());
    await focusBeforeConventionStatus(control);
    expect(await s.page.isDisabled(control)).toBe(false);
    expect('#' + (await s.focused()).id).toBe(control);
    expect(await s.text('#convention-need')).toMatch(/^Convention obligatoire/);
    expect(await s.axe()).toEqual([]);
  });

  it('works from the keyboard, and saves unsaved changes before leaving the form', async () => {
    save(medinsoft());
    server.createDefaultTemplate();
    s = await openSidebar(browser);
    await s.tabTo(`document.activeElement?.classList.contains('dossier-item')`);
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('#dossier-form');
    await s.page.fill('#f-subject', 'Objet modifié');
    await s.tabTo(`document.activeElement?.id === 'to-report'`);
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('[role="alertdialog"]');
    expect(norm(await s.page.textContent('[role="alertdialog"] p'))).toContain('La note est écrite à partir du dossier enregistré');
    expect((await s.focused()).text).toBe('Enregistrer et continuer');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('#report-title');
    expect(cell('Objet')).toBe('Objet modifié');
    await s.tabTo(`document.activeElement?.id === 'report-pdf'`);
    await s.page.keyboard.press('Space');
    expect(await s.page.isChecked('#report-pdf')).toBe(true);
    await s.page.keyboard.press('Tab');
    expect((await s.focused()).id).toBe('report-generate');
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('#report-link');
    expect((await s.focused()).id).toBe('report-link');
    await s.tabTo(`document.activeElement?.id === 'report-back'`);
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('#dossier-form');
    expect(await s.page.inputValue('#f-subject')).toBe('Objet modifié');
  });
  it('opens from the menu « Générer la note » on the report of the dossier in the active row', async () => {
    save(medinsoft());
    const sheet = world.sheets.spreadsheet.getSheetByName('Dossiers')!;
    world.sheets.spreadsheet.setActiveSheet(sheet);
    sheet.getRange(2, 3).activate();
    s = await openSidebar(browser, { start: 'active-report' });
    await s.page.waitForSelector('#report-title');
    expect(await s.text('.screen-subtitle')).toBe('Dossier 2018-AMFT-01 — association Medinsoft');
    expect(await s.axe()).toEqual([]);
  });

  it('opens the list and says why when the active row holds no dossier', async () => {
    save(medinsoft());
    world.sheets.spreadsheet.setActiveSheet(world.sheets.spreadsheet.getSheetByName('Cofinancements')!);
    s = await openSidebar(browser, { start: 'active-report' });
    await s.page.waitForSelector('.dossier-item');
    expect(norm(await s.page.locator('#alert').textContent())).toMatch(/Choisissez le dossier dans la liste\.$/);
  });
});
