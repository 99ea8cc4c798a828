/**
 * « Bénéficiaires » in Chromium: yearly totals per beneficiary from every dossier of the
 * sheet, and CONVENTION_REQUIRED_CUMULATED beside the dossier in the form's live checks,
 * computed in the page from the other dossiers given once when the dossier is loaded.
 */
import type { Browser } from 'playwright-core';
import { describeWithTool } from '../support/tools';
import { createSidebarWorld, launch, norm, openSidebar, type SidebarPage, type SidebarWorld } from '../support/sidebar-page';
import * as server from '../../src/gas/sidebar-api';
import type { DossierInput } from '../../src/core/dossier';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

jest.setTimeout(60000);

const dossier = (id: string, beneficiary: string, subsidy: string, more: Partial<DossierInput> = {}): DossierInput => ({ id, beneficiary, beneficiaryKind: 'association', budgetYear: 2019, subsidy, ...more });

describeWithTool('chromium')('the beneficiaries view in Chromium', () => {
  let browser: Browser;
  let world: SidebarWorld;
  let s: SidebarPage;

  beforeAll(async () => (browser = await launch()));
  afterAll(async () => browser?.close());
  beforeEach(() => {
    world = createSidebarWorld();
    for (const d of [
      dossier('2019-A', 'Les Petits Débrouillards', '15 000'),
      dossier('2019-B', 'Club de voile', '5 000'),
      dossier('2019-C', 'les petits-debrouillards', '12 000', { convention: false }),
      dossier('2020-A', 'Les Petits Débrouillards', '9 000', { budgetYear: 2020 }),
      dossier('2019-D', 'Syndicat mixte', '40 000', { beneficiaryKind: 'public' }),
    ]) {
      const r = server.saveDossier({ dossier: d, ref: null, version: null });
      if (r.status !== 'saved') throw new Error(JSON.stringify(r));
    }
  });
  afterEach(async () => {
    expect(s.errors).toEqual([]);
    expect(s.rpc.refusedResults).toEqual([]);
    await s.page.context().close();
    world.uninstall();
  });

  const rows = async () =>
    (await s.page.$$eval('#beneficiaries-table tbody tr', (trs: any[]) => trs.map((tr) => [...tr.children].map((c: any) => c.textContent)))).map((r: string[]) => r.map(norm));

  it('lists beneficiary, year, number of dossiers, total and convention, and opens a dossier from its id', async () => {
    s = await openSidebar(browser);
    await s.page.click('#nav button:text-is("Bénéficiaires")');
    await s.page.waitForSelector('#beneficiaries-table:not([hidden])');
    expect(await s.page.$$eval('#beneficiaries-table thead th', (ths: any[]) => ths.map((t) => t.textContent.replace(/\u00ad/g, '')))).toEqual(['Bénéficiaire', 'Exercice', 'Dossiers', 'Total', 'Convention requise']);
    expect(await rows()).toEqual([
      ['Les Petits Débrouillards2019-A2019-C', '2019', '2', '27 000,00 €', 'oui'],
      ['Club de voile2019-B', '2019', '1', '5 000,00 €', 'non'],
      ['Syndicat mixte2019-D', '2019', '1', '40 000,00 €', 'non (organisme public)'],
      ['Les Petits Débrouillards2020-A', '2020', '1', '9 000,00 €', 'non'],
    ]);
    expect(await s.text('#beneficiaries-status')).toBe('4 lignes ; convention requise pour 1 d’entre elle.');
    expect(await s.text('#beneficiaries-intro')).toContain('Au-delà de 23 000 € par an');
    await s.shot('beneficiaries-01-table.png');
    expect(await s.axe()).toEqual([]);

    await s.tabTo(`document.activeElement?.getAttribute('aria-label') === 'Ouvrir le dossier 2019-C'`);
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('#dossier-form');
    expect(await s.text('h1')).toBe('Dossier 2019-C');
  });

  it('shows CONVENTION_REQUIRED_CUMULATED beside the convention field, following what is typed', async () => {
    s = await openSidebar(browser);
    await s.page.click('.dossier-item:has-text("2019-C")');
    await s.page.waitForSelector('#dossier-form');
    await s.page.waitForFunction(() => /totalisent/.test(document.getElementById('f-convention-msg')?.textContent ?? ''));
    expect(await s.text('#f-convention-msg')).toBe(
      'Erreur : Cette subvention (12 000 €) ne dépasse pas 23 000 € à elle seule, mais avec le dossier 2019-A (15 000 €), les subventions de l’exercice 2019 à « les petits-debrouillards » totalisent 27 000 € : une convention est obligatoire, le seuil portant sur le montant annuel attribué à un même organisme (décret n° 2001-495 du 6 juin 2001), or le dossier indique qu’aucune n’est approuvée.',
    );
    expect(await s.text('#sum-convention')).toBe('requise (cumul de l’exercice)');
    // The other error: the dossier has no budget (FIELD_MISSING), which the cumulative one comes on top of.
    expect(await s.text('#sum-count')).toBe('2 erreurs');
    expect(await s.page.getAttribute('#f-convention', 'aria-invalid')).toBe('true');
    await s.shot('beneficiaries-02-form-cumulated.png');
    expect(await s.axe()).toEqual([]);
    const calls = s.rpc.calls.filter((c) => c === 'beneficiaryContext').length;

    // Typed down to 8 000 €: 23 000 € together, not above the threshold. No call to the server.
    await s.page.fill('#f-subsidy', '8 000');
    expect(await s.text('#f-convention-msg')).toBe('');
    expect(await s.text('#sum-convention')).toBe('non requise');
    expect(await s.text('#sum-count')).toBe('1 erreur');
    expect(await s.page.getAttribute('#f-convention', 'aria-invalid')).toBeNull();
    await s.page.fill('#f-subsidy', '8 000,01');
    expect(await s.text('#f-convention-msg')).toMatch(/^Erreur : Cette subvention \(8 000,01 €\) .* totalisent 23 000,01 €/);
    await s.page.selectOption('#f-convention', 'oui');
    expect(await s.text('#f-convention-msg')).toMatch(/^Info : .*une convention est requise, et elle est bien prévue\.$/);
    await s.page.fill('#f-budgetYear', '2021');
    expect(await s.text('#f-convention-msg')).toBe('');
    expect(s.rpc.calls.filter((c) => c === 'beneficiaryContext').length).toBe(calls);
  });

  it('counts a new dossier with the stored ones of its beneficiary and year', async () => {
    s = await openSidebar(browser);
    await s.page.click('#new-dossier');
    await s.page.waitForSelector('#dossier-form');
    await s.page.fill('#f-id', '2019-E');
    await s.page.fill('#f-beneficiary', 'Club de Voile');
    await s.page.fill('#f-budgetYear', '2019');
    await s.page.fill('#f-subsidy', '18 500');
    await s.page.waitForFunction(() => /totalisent/.test(document.getElementById('f-convention-msg')?.textContent ?? ''));
    expect(await s.text('#f-convention-msg')).toMatch(/^Attention : Cette subvention \(18 500 €\) .*avec le dossier 2019-B \(5 000 €\), .* totalisent 23 500 € .* indiquez si elle est approuvée\.$/);
  });

  // CONVENTION_CUMULATED_UNKNOWN: 15 000 € beside a co-dossier whose subsidy cannot be read. The
  // yearly total is unknown: neither the form nor the table may say « non requise ».
  it('says the convention cannot be told when another dossier of the year cannot be read', async () => {
    for (const d of [dossier('2019-E', 'Atelier bleu', '15 000', { convention: false }), dossier('2019-F', 'Atelier bleu', '5 000')]) {
      const r = server.saveDossier({ dossier: d, ref: null, version: null });
      if (r.status !== 'saved') throw new Error(JSON.stringify(r));
    }
    // The form refuses « 47.5 »; a sheet edited by hand holds it.
    const sheet = world.sheets.spreadsheet.getSheetByName('Dossiers')!;
    const values = sheet.getDataRange().getValues();
    const headers = values[0] as string[];
    const row = values.findIndex((r) => r[headers.indexOf('Identifiant')] === '2019-F');
    sheet.getRange(row + 1, headers.indexOf('Montant de la subvention') + 1, 1, 1).setValues([['47.5']]);

    s = await openSidebar(browser);
    await s.page.click('#nav button:text-is("Bénéficiaires")');
    await s.page.waitForSelector('#beneficiaries-table:not([hidden])');
    const atelier = (await rows()).find((r) => r[0]!.startsWith('Atelier bleu'));
    expect(atelier?.[4]).toBe('impossible de dire');
    expect(await s.page.$eval('#beneficiaries-table tbody tr:has-text("Atelier bleu") .badge', (b: any) => b.className)).toContain('badge-warning');
    expect(await s.axe()).toEqual([]);

    await s.page.click('#nav button:text-is("Dossiers")');
    await s.page.click('.dossier-item:has-text("2019-E")');
    await s.page.waitForSelector('#dossier-form');
    await s.page.waitForFunction(() => /impossible de dire/.test(document.getElementById('sum-convention')?.textContent ?? ''));
    expect(await s.text('#sum-convention')).toBe('impossible de dire (cumul de l’exercice incomplet)');
    expect(await s.text('#f-convention-msg')).toMatch(/2019-F/);
    expect(await s.axe()).toEqual([]);
  });
});
