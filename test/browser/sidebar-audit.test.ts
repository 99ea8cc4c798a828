/**
 * « Vérifier une note » in Chromium: a pasted text or a Google Doc (DocumentApp fake),
 * findings listed with their excerpts highlighted in the text as `<mark>` nodes, each
 * finding reachable from the keyboard, and the menu's entry point opening this panel.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { describeWithTool } from '../support/tools';
import { createSidebarWorld, launch, norm, openSidebar, ROOT, type SidebarPage, type SidebarWorld } from '../support/sidebar-page';
import { openAuditPanel } from '../../src/gas/docs-audit';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, document: any;

jest.setTimeout(60000);

const printed = readFileSync(join(ROOT, 'test/corpus/audit/00-medinsoft-imprime.txt'), 'utf8');
const corrected = readFileSync(join(ROOT, 'test/corpus/audit/01-medinsoft-corrige.txt'), 'utf8');

describeWithTool('chromium')('the audit panel in Chromium', () => {
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

  async function auditPasted(text: string): Promise<void> {
    await s.page.click('#nav button:text-is("Vérifier une note")');
    await s.page.waitForSelector('#audit-text');
    await s.page.fill('#audit-text', text);
    await s.page.click('#audit-text-submit');
    await s.page.waitForSelector('#audit-result:not([hidden])');
  }

  it('highlights « 200 00 € » and the mixed styles in the example report as printed; each finding leads to its place and back', async () => {
    s = await openSidebar(browser);
    await auditPasted(printed);
    expect(await s.text('#audit-summary')).toBe('1 erreur, 1 avertissement.');
    const findings = (await s.page.locator('.audit-finding .finding').allTextContents()).map(norm);
    expect(findings[0]).toMatch(/^Attention : Les montants du texte sont écrits de deux façons/);
    expect(findings[1]).toMatch(/^Erreur : Nombre mal écrit dans le texte, « 200 00 € »/);
    // The text is shown whole, the two excerpts in <mark> nodes, nothing else marked.
    expect(await s.page.textContent('#audit-document')).toBe(printed);
    const marks = await s.page.$$eval('#audit-document mark', (ms: any[]) => ms.map((m) => [m.className, m.textContent, m.dataset.findings]));
    expect(marks).toEqual([
      ['audit-mark mark-warning', '47.500 euros', '1'],
      ['audit-mark mark-error', '200 00 €', '2'],
    ]);
    expect((await s.focused()).id).toBe('audit-result-title');
    await s.shot('audit-01-printed-report.png');
    expect(await s.axe()).toEqual([]);

    await s.tabTo(`document.activeElement?.id === 'audit-goto-1'`);
    expect(await s.page.getAttribute('#audit-goto-1', 'aria-label')).toBe('Voir dans le texte : constat 2');
    await s.page.keyboard.press('Enter');
    expect(await s.focused()).toEqual({ id: 'audit-mark-1', tag: 'mark', text: '200 00 €' });
    expect(await s.page.getAttribute('#audit-mark-1', 'aria-describedby')).toBe('audit-finding-1-msg');
    expect(await s.page.evaluate(() => document.activeElement.classList.contains('is-current'))).toBe(true);
    await s.shot('audit-02-finding-focused.png');
    await s.page.keyboard.press('Escape');
    expect((await s.focused()).id).toBe('audit-goto-1');
  });

  it('says so when the figures agree', async () => {
    s = await openSidebar(browser);
    await auditPasted(corrected);
    expect(await s.text('#audit-summary')).toBe('Aucune anomalie dans les chiffres de la note.');
    expect(await s.page.locator('#audit-document mark').count()).toBe(0);
    expect(await s.text('#status')).toBe('Aucune anomalie dans les chiffres de la note.');
  });

  it('shows a hostile text as text, marks around overlapping findings included', async () => {
    s = await openSidebar(browser);
    const hostile = '<img src=x onerror="window.__owned=1"> Le Département décide d’attribuer des subventions de 15 000 € à l’association A et de 22 500 € à l’association B, soit un total de 36 500 €. Budget : 200 00 €.';
    await auditPasted(hostile);
    expect(await s.page.textContent('#audit-document')).toBe(hostile);
    expect(await s.page.locator('img').count()).toBe(0);
    expect(await s.page.evaluate(() => window.__owned)).toBeUndefined();
    expect(await s.page.locator('#audit-document mark').count()).toBeGreaterThan(0);
    expect(await s.text('#audit-summary')).toMatch(/^2 erreurs/);
  });

  it('audits a Google Doc by its address, names it with a link, and explains an address it cannot open', async () => {
    const doc = world.google.drive.addUserDoc('Note Start-up Days 2019', (d) => {
      d.body.appendParagraph('Pour l’édition 2019, la participation financière des collectivités s’élève à 60 000 €.');
      d.body.appendParagraph('Cette participation se répartit comme suit :');
      d.body.appendListItem('25 000 € pris en charge par la Métropole ;');
      d.body.appendListItem('30 000 € pris en charge par le Département.');
    });
    s = await openSidebar(browser, { start: 'audit' });
    expect(await s.text('h1')).toBe('Vérifier une note');
    await s.page.fill('#audit-doc', 'https://docs.google.com/spreadsheets/d/abc/edit');
    await s.page.click('#audit-doc-submit');
    await s.page.waitForSelector('#audit-doc[aria-invalid="true"]');
    expect(await s.text('#alert')).toContain('feuille de calcul Google Sheets, pas à un Google Doc');
    expect((await s.focused()).id).toBe('audit-doc');

    await s.page.fill('#audit-doc', 'https://docs.google.com/document/d/1NoSuchDocXYZ/edit');
    await s.page.click('#audit-doc-submit');
    await s.page.waitForFunction(() => /ne peut pas être ouvert/.test(document.getElementById('alert')?.textContent ?? ''));

    await s.page.fill('#audit-doc', `https://docs.google.com/document/d/${doc.id}/edit`);
    await s.page.click('#audit-doc-submit');
    await s.page.waitForSelector('#audit-result:not([hidden])');
    expect(await s.page.getAttribute('#audit-doc', 'aria-invalid')).toBeNull();
    expect(await s.text('#audit-source')).toBe('Note Start-up Days 2019 (nouvel onglet)');
    expect(await s.page.getAttribute('#audit-source', 'target')).toBe('_blank');
    expect(await s.page.getAttribute('#audit-source', 'rel')).toBe('noopener');
    expect(await s.text('.audit-finding .finding')).toMatch(/^Erreur : Les parts des cofinanceurs \(25 000 € \+ 30 000 €\) font 55 000 €/);
    expect(norm(await s.page.textContent('#audit-document'))).toContain('- 25 000 € pris en charge par la Métropole ;');
    await s.shot('audit-03-google-doc.png');
    expect(await s.axe()).toEqual([]);
  });

  it('opens on this panel from the menu entry point openAuditPanel', async () => {
    let html = '';
    world.sheets.setUi({ showSidebar: (h: { getContent(): string }) => (html = h.getContent()) } as never);
    openAuditPanel();
    expect(html).toContain('<script>window.__RAPPORTEUR_START="audit"</script>');
    s = await openSidebar(browser, { html });
    expect(await s.text('h1')).toBe('Vérifier une note');
    expect(await s.page.getAttribute('#nav button[aria-current="page"]', 'class')).toBe('nav-link');
    expect(await s.text('#nav button[aria-current="page"]')).toBe('Vérifier une note');
  });
});
