import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSpreadsheetFake } from '../fakes/spreadsheet';
import { exportOpenDataToSheet, type OpenDataSource } from '../../src/gas/opendata-export';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { DossierInput } from '../../src/core/dossier';
import { validateScdlSubventions } from '../support/scdl-subventions';

const examples: DossierInput[] = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'dossiers-2018.json'), 'utf8'));
const source = (dossiers: DossierInput[]): OpenDataSource => ({ dossiers: () => dossiers, settings: () => ({ ...DEFAULT_SETTINGS }) });
type Book = Parameters<typeof exportOpenDataToSheet>[0];

describe('Exporter les données essentielles (Sheets)', () => {
  it('writes the table of the examples into « Données essentielles », as text that passes the schema', () => {
    const fake = createSpreadsheetFake({ locale: 'fr_FR' });
    const result = exportOpenDataToSheet(fake.spreadsheet as unknown as Book, source(examples));
    expect(result).toEqual({ rows: 4, problems: [] });
    const sheet = fake.spreadsheet.getSheetByName('Données essentielles')!;
    const shown = sheet.getDataRange().getDisplayValues();
    expect(shown).toEqual(sheet.getDataRange().getValues());
    expect(shown[1].slice(0, 3)).toEqual(["Métropole d'Aix-Marseille Provence", '99999999800019', '2018-03-05']);
    expect(shown[1][8]).toBe('47500.00');
    expect(validateScdlSubventions(shown)).toEqual([]);
    expect(sheet.getFrozenRows()).toBe(1);
  });

  it('writes with one setValues whatever the number of rows', () => {
    const fake = createSpreadsheetFake();
    const many = Array.from({ length: 300 }, (_, i) => ({ ...examples[0], id: `D${i}`, beneficiary: `Asso ${i}` }));
    exportOpenDataToSheet(fake.spreadsheet as unknown as Book, source(many));
    expect(fake.calls.counts['Range.setValues']).toBe(1);
    expect(fake.spreadsheet.getSheetByName('Données essentielles')!.getLastRow()).toBe(301);
  });

  it('clears what a longer earlier export left, and lists the missing values of --all rows', () => {
    const fake = createSpreadsheetFake();
    const book = fake.spreadsheet as unknown as Book;
    exportOpenDataToSheet(book, source(examples), { all: true });
    const result = exportOpenDataToSheet(book, source(examples.slice(0, 1)));
    const sheet = fake.spreadsheet.getSheetByName('Données essentielles')!;
    expect(sheet.getLastRow()).toBe(2);
    expect(result.rows).toBe(1);
    const again = exportOpenDataToSheet(book, source(examples), { all: true });
    expect(again.problems).toHaveLength(21);
    expect(again.problems[0]).toMatch(/^dossier 2018-SPORT-03 : /);
  });
});

describe('the menu « Exporter les données essentielles » in a spreadsheet', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createGasWorld } = require('../support/gas-world') as typeof import('../support/gas-world');
  it('reads the dossiers of the « Dossiers » sheet and the document settings, writes the table and says how many rows', () => {
    const world = createGasWorld({ locale: 'fr_FR' });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FakeUi } = require('../fakes/ui') as typeof import('../fakes/ui');
    const ui = new FakeUi();
    world.sheets.setUi(ui);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const server = require('../../src/gas/sidebar-api') as typeof import('../../src/gas/sidebar-api');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { menuExportOpenData } = require('../../src/gas/opendata-export') as typeof import('../../src/gas/opendata-export');
      for (const dossier of examples) expect(server.saveDossier({ dossier, ref: null, version: null }).status).toBe('saved');
      menuExportOpenData();
      const sheet = world.sheets.spreadsheet.getSheetByName('Données essentielles')!;
      const shown = sheet.getDataRange().getDisplayValues();
      expect(shown.length).toBe(5);
      expect(validateScdlSubventions(shown)).toEqual([]);
      expect(ui.alerts.at(-1)!.prompt).toMatch(/^4 /);
    } finally {
      world.uninstall();
    }
  });
});
