/**
 * The settings panel's identity settings in Chromium: the « Avertir des bénéficiaires mal
 * identifiés » checkbox (identityWarnings), used by keyboard, saved with the other settings,
 * followed by the form's live checks; the authority's SIRET refused with its key's message
 * beside the field. Axe on the panel, with the error shown too.
 */
import type { Browser } from 'playwright-core';
import { describeWithTool } from '../support/tools';
import { createSidebarWorld, launch, openSidebar, type SidebarPage, type SidebarWorld } from '../support/sidebar-page';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

jest.setTimeout(60000);

describeWithTool('chromium')('the identity settings in Chromium', () => {
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

  const stored = () => JSON.parse(world.properties.document.getProperty('rapporteur.settings') ?? '{}');
  const status = (text: string) => s.page.waitForFunction((t: string) => document.getElementById('status')?.textContent === t, text);

  /** A new dossier for an association with no SIRET nor RNA: the case IDENTIFIER_MISSING is about. */
  async function bareAssociation(): Promise<void> {
    await s.page.click('#nav button:text-is("Dossiers")');
    await s.page.click('#new-dossier');
    await s.page.fill('#f-id', 'ID-1');
    await s.page.fill('#f-beneficiary', 'association Les Ateliers');
    await s.page.selectOption('#f-beneficiaryKind', 'association');
    await s.page.fill('#f-annualBudget', '100 000');
    await s.page.fill('#f-subsidy', '10 000');
  }

  it('saves the identity warnings checkbox by keyboard, and the form then warns about a beneficiary known by no number', async () => {
    s = await openSidebar(browser, { start: 'settings' });
    await s.page.waitForSelector('#settings-form');
    await s.page.waitForFunction(() => document.getElementById('s-authoritySiret') && document.getElementById('s-conventionThreshold')?.value === '23 000');
    // Labelled, described by its help text, unchecked by default.
    expect(await s.page.getAttribute('#s-identityWarnings', 'type')).toBe('checkbox');
    expect(await s.text('label[for="s-identityWarnings"]')).toBe('Avertir des bénéficiaires mal identifiés');
    expect(await s.page.getAttribute('#s-identityWarnings', 'aria-describedby')).toBe('s-identityWarnings-hint s-identityWarnings-msg');
    expect(await s.text('#s-identityWarnings-hint')).toContain('sans SIRET ni numéro RNA');
    expect(await s.page.isChecked('#s-identityWarnings')).toBe(false);
    expect(await s.axe()).toEqual([]);

    await bareAssociation();
    await s.page.waitForFunction(() => document.getElementById('sum-count')?.textContent !== '');
    expect(await s.text('#f-siret-msg')).toBe('');
    await s.page.click('#nav button:text-is("Paramètres")');
    // The form was left unsaved: the sidebar asks first.
    const leave = s.page.locator('button:text-is("Abandonner les modifications")');
    if (await leave.count()) await leave.click();
    await s.page.waitForSelector('#s-identityWarnings');
    await s.page.waitForFunction(() => document.getElementById('s-conventionThreshold')?.value === '23 000');

    await s.tabTo('document.activeElement?.id === "s-identityWarnings"');
    await s.page.keyboard.press('Space');
    expect(await s.page.isChecked('#s-identityWarnings')).toBe(true);
    await s.page.keyboard.press('Enter');
    await status('Paramètres enregistrés.');
    expect(stored().identityWarnings).toBe(true);
    expect(await s.page.isChecked('#s-identityWarnings')).toBe(true);
    await s.shot('settings-identity.png');

    await bareAssociation();
    await s.page.waitForFunction(() => /sans SIRET ni numéro RNA/.test(document.getElementById('f-siret-msg')?.textContent ?? ''));
    expect(await s.text('#f-siret-msg')).toMatch(/^Attention : Le bénéficiaire est une association sans SIRET ni numéro RNA/);
  });

  it('refuses an authority SIRET with a wrong key beside its field, in French, and saves a valid one as 14 digits', async () => {
    s = await openSidebar(browser, { start: 'settings' });
    await s.page.waitForSelector('#s-authoritySiret');
    await s.page.waitForFunction(() => document.getElementById('s-conventionThreshold')?.value === '23 000');
    expect(await s.text('label[for="s-authoritySiret"]')).toBe('SIRET de la collectivité');
    await s.page.fill('#s-authoritySiret', '732 829 320 00075');
    await s.page.click('#settings-save');
    await s.page.waitForSelector('#s-authoritySiret[aria-invalid="true"]');
    expect(await s.text('#s-authoritySiret-msg')).toBe('Erreur : SIRET de la collectivité 732 829 320 00075 : clé de contrôle invalide ; un chiffre est faux ou deux sont inversés.');
    expect(await s.focused()).toMatchObject({ id: 's-authoritySiret' });
    expect(world.properties.document.getProperty('rapporteur.settings')).toBeNull();
    expect(await s.axe()).toEqual([]);

    await s.page.fill('#s-authoritySiret', '732 829 320 00074');
    await s.page.click('#settings-save');
    await status('Paramètres enregistrés.');
    expect(stored().authoritySiret).toBe('73282932000074');
    expect(await s.page.inputValue('#s-authoritySiret')).toBe('73282932000074');
    expect(await s.page.getAttribute('#s-authoritySiret', 'aria-invalid')).toBeNull();
  });
});
