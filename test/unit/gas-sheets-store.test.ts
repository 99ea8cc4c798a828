import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGasWorld, medinsoft, type GasWorld } from '../support/gas-world';
import { zoneCodec, sheetsDossierStore } from '../../src/gas/sheets-store';
import { menuPrepareWorkbook, prepareMessages } from '../../src/gas/prepare-workbook';
import * as server from '../../src/gas/sidebar-api';
import { DOSSIER_HEADERS } from '../../src/app/dossier-table';
import { coerceTyped, serialFromDate } from '../fakes/spreadsheet';

let world: GasWorld;
afterEach(() => world?.uninstall());

const ss = () => world.sheets.spreadsheet;
const asSheets = (x: unknown) => x as GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A UI that answers every alert with `answer` and records what it was shown. */
function fakeUi(answer: 'YES' | 'NO') {
  const shown: { alerts: string[][]; sidebars: { title: string; content: string }[] } = { alerts: [], sidebars: [] };
  return {
    shown,
    ui: {
      ButtonSet: { YES_NO: 'YES_NO', OK: 'OK' },
      Button: { YES: 'YES', NO: 'NO', OK: 'OK' },
      alert: (title: string, prompt: string) => {
        shown.alerts.push([title, prompt]);
        return answer;
      },
      showSidebar: (html: { getTitle(): string; getContent(): string }) => shown.sidebars.push({ title: html.getTitle(), content: html.getContent() }),
    },
  };
}

describe('zoneCodec', () => {
  it.each([
    ['Europe/Paris', '2018-03-25'],
    ['Europe/Paris', '2018-10-28'],
    ['UTC', '2018-01-01'],
    ['America/New_York', '2018-03-11'],
    ['Pacific/Auckland', '2024-04-07'],
    ['Asia/Kolkata', '2000-02-29'],
  ])('writes %s dates as midnight of that zone and reads them back (%s)', (timeZone, iso) => {
    const codec = zoneCodec(timeZone);
    const cell = codec.isoToCell(iso) as Date;
    expect(serialFromDate(cell, timeZone) % 1).toBe(0);
    expect(codec.dateToIso(cell)).toBe(iso);
  });
});

describe('« Préparer le classeur »', () => {
  it('creates both sheets with a frozen bold header, French formats and validation lists', () => {
    world = createGasWorld();
    const { ui, shown } = fakeUi('NO');
    world.sheets.setUi(ui);
    menuPrepareWorkbook();
    const d = ss().getSheetByName('Dossiers')!;
    const c = ss().getSheetByName('Cofinancements')!;
    expect(d.getRange(1, 1, 1, DOSSIER_HEADERS.length).getValues()[0]).toEqual(DOSSIER_HEADERS);
    expect(c.getRange(1, 1, 1, 4).getValues()).toEqual([['Dossier', 'Financeur', 'Montant', 'Part']]);
    for (const sheet of [d, c]) {
      expect(sheet.getFrozenRows()).toBe(1);
      expect(sheet.getRange(1, 1).getFontWeight()).toBe('bold');
    }
    const col = (h: string) => DOSSIER_HEADERS.indexOf(h) + 1;
    expect(d.getRange(500, col('Montant de la subvention')).getNumberFormat()).toBe('#,##0.00 "€"');
    expect(d.getRange(2, col('Taux')).getNumberFormat()).toBe('0.00%');
    expect(d.getRange(2, col('Début de période')).getNumberFormat()).toBe('dd/mm/yyyy');
    expect(c.getRange(2, 3).getNumberFormat()).toBe('#,##0.00 "€"');
    expect(c.getRange(2, 4).getNumberFormat()).toBe('0.00%');
    const rule = (h: string) => d.getRange(2, col(h)).getDataValidation();
    expect(rule('Nature du bénéficiaire')?.getCriteriaValues()[0]).toEqual(['association', 'entreprise', 'organisme public']);
    expect(rule('Convention')?.getCriteriaValues()[0]).toEqual(['oui', 'non']);
    expect(rule('Méthode de proratisation')?.getCriteriaValues()[0]).toEqual(['mois', 'jours', '30/360']);
    expect(rule('Nature de la subvention')?.getAllowInvalid()).toBe(false);
    expect(shown.alerts).toEqual([]);
    expect(ss().toasts).toEqual([{ message: prepareMessages.done, title: 'Rapporteur' }]);
    // Typed into the prepared sheet, amounts display the French way.
    d.getRange(2, col('Montant de la subvention')).setValue(47500);
    expect(d.getRange(2, col('Montant de la subvention')).getDisplayValues()).toEqual([['47\u202f500,00 €']]);
  });

  it('keeps existing rows and the user’s columns, and adds only what is missing', () => {
    world = createGasWorld();
    world.sheets.setUi(fakeUi('NO').ui);
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    const d = ss().getSheetByName('Dossiers')!;
    const extra = DOSSIER_HEADERS.length + 1;
    d.insertColumnsAfter(d.getMaxColumns(), 1);
    d.getRange(1, extra, 2, 1).setValues([['Suivi'], ['=A2']]);
    menuPrepareWorkbook();
    expect(d.getRange(1, extra, 2, 1).getFormulas()).toEqual([[''], ['=A2']]);
    expect(d.getLastColumn()).toBe(extra);
    expect(server.loadDossier('2018-AMFT-01').dossier).toEqual(medinsoft());
  });

  it.each([
    ['YES', 'fr_FR'],
    ['NO', 'en_US'],
  ] as const)('offers fr_FR to an en_US spreadsheet; answered %s, the locale is %s', (answer, locale) => {
    world = createGasWorld({ locale: 'en_US' });
    const { ui, shown } = fakeUi(answer);
    world.sheets.setUi(ui);
    menuPrepareWorkbook();
    expect(shown.alerts).toHaveLength(1);
    expect(shown.alerts[0]![1]).toContain('« en_US »');
    expect(ss().getSpreadsheetLocale()).toBe(locale);
  });
});

describe('text that Sheets would read as a formula (issue 14)', () => {
  it.each([
    ['=HYPERLINK("http://x";"y")'],
    ['+ de Sport'],
    ['-Département'],
    ['@moi'],
    ['\t=1+1'],
    ['\r=1+1'],
  ])('writes %j as plain text in every sheet, and reads back what was typed', (text) => {
    world = createGasWorld();
    world.sheets.setUi(fakeUi('NO').ui);
    const dossier = { ...medinsoft(), beneficiary: text, subject: text, context: [text], cofinancers: [{ name: text, amount: '1000' }] };
    expect(server.saveDossier({ dossier, ref: null, version: null }).status).toBe('saved');
    for (const name of ['Dossiers', 'Cofinancements']) {
      const sheet = ss().getSheetByName(name)!;
      const range = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn());
      expect(range.getFormulas().flat().filter((f) => f !== '')).toEqual([]);
    }
    const back = server.loadDossier('2018-AMFT-01').dossier;
    // The sheet keeps a text trimmed (as the form does): the formula never runs, the words stay.
    expect([back.beneficiary, back.subject, back.context, back.cofinancers?.[0]?.name]).toEqual([text.trim(), text.trim(), [text.trim()], text.trim()]);
  });
});

describe('sheetsDossierStore', () => {
  it('reads the row of the active cell only in the « Dossiers » sheet', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    const store = sheetsDossierStore(asSheets(ss()));
    ss().getSheetByName('Dossiers')!.getRange('C2').activate();
    expect(store.activeDossierRow()).toBe(2);
    ss().getSheetByName('Cofinancements')!.getRange('A2').activate();
    expect(store.activeDossierRow()).toBeNull();
  });

  it('leaves the user on the sheet they were on when a save creates the sheets', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    expect(ss().getActiveSheet().getName()).toBe('Feuille 1');
  });

  it('keeps an empty row when a save removes every co-financer of a sheet that has no other row', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    const c = ss().getSheetByName('Cofinancements')!;
    c.deleteRows(4, c.getMaxRows() - 3);
    expect(c.getMaxRows()).toBe(3);
    const v = server.loadDossier('2018-AMFT-01');
    expect(server.saveDossier({ dossier: { ...v.dossier, cofinancers: [] }, ref: v.ref, version: v.version }).status).toBe('saved');
    expect(c.getDataRange().getValues()).toEqual([['Dossier', 'Financeur', 'Montant', 'Part']]);
  });
});

describe('openSidebar', () => {
  it('shows dist/Sidebar.html titled « Rapporteur », on the settings screen from « Paramètres »', () => {
    const dist = mkdtempSync(join(tmpdir(), 'rapporteur-dist-'));
    writeFileSync(join(dist, 'Sidebar.html'), '<!doctype html><title>x</title>');
    world = createGasWorld({ dist });
    const { ui, shown } = fakeUi('NO');
    world.sheets.setUi(ui);
    server.openSidebar();
    server.openSettings();
    expect(shown.sidebars).toEqual([
      { title: 'Rapporteur', content: '<!doctype html><title>x</title>' },
      { title: 'Rapporteur', content: '<!doctype html><title>x</title><script>window.__RAPPORTEUR_START="settings"</script>' },
    ]);
  });
});

describe('the spreadsheet fake reads typed strings as Sheets does', () => {
  it.each([
    ['=1+1', 'fr_FR', { v: null, f: '=1+1' }],
    ['+33 4', 'fr_FR', { v: null, f: '=+33 4' }],
    ["'=1+1", 'fr_FR', { v: '=1+1' }],
    ['12,5', 'fr_FR', { v: 12.5 }],
    ['12,5', 'en_US', { v: '12,5' }],
    ['1,234.5', 'en_US', { v: 1234.5 }],
    ['23,75 %', 'fr_FR', { v: 0.2375, fmt: '0.00%' }],
    ['VRAI', 'fr_FR', { v: true }],
    ['0612', 'fr_FR', { v: 612 }],
    ['2018-01-01', 'en_US', { v: 43101, fmt: 'yyyy-mm-dd' }],
    ['31/01/2018', 'fr_FR', { v: 43131, fmt: 'dd/mm/yyyy' }],
    ['association', 'fr_FR', { v: 'association' }],
  ])('%j in %s', (text, locale, expected) => expect(coerceTyped(text, '', locale)).toEqual(expected));

  it('refuses a range outside the grid and data of the wrong shape, as Sheets does', () => {
    world = createGasWorld();
    const sheet = ss().getActiveSheet();
    expect(() => sheet.getRange(1, 27)).toThrow('outside the dimensions of the sheet');
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2]])).toThrow('The data has 1 but the range has 2.');
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
  });
});
