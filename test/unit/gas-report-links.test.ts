/**
 * The link and date of a report in the dossier's row, on the spreadsheet fake, which refuses
 * a range outside the grid as Sheets does. A « Dossiers » sheet as wide as its header has no
 * room for the « Date de la note » column: the sheet must grow before the write, or the Doc
 * is created and the call fails without its link.
 */
import { sheetsReportLinks } from '../../src/gas/docs-report';
import { createSpreadsheetFake } from '../fakes/spreadsheet';

describe('sheetsReportLinks', () => {
  it('grows a sheet with no spare column before adding the link and date columns', () => {
    const book = createSpreadsheetFake();
    const sheet = book.spreadsheet.insertSheet('Dossiers');
    // As wide as its grid (26 columns, a new sheet's width): what the store leaves after a save.
    const header = ['Identifiant', 'Bénéficiaire', ...Array.from({ length: 24 }, (_, i) => `Colonne ${i + 3}`)];
    sheet.getRange(1, 1, 2, 26).setValues([header, ['A-1', 'Asso', ...Array(24).fill('')]]);
    expect(sheet.getMaxColumns()).toBe(26);
    sheetsReportLinks(() => sheet, (iso) => `date:${iso}`).recordReportLink('A-1', 'https://docs.google.com/document/d/x/edit', '2018-06-12');
    const values = sheet.getDataRange().getValues();
    expect(values[0]!.slice(26)).toEqual(['Lien de la note', 'Date de la note']);
    expect(values[1]!.slice(26)).toEqual(['https://docs.google.com/document/d/x/edit', 'date:2018-06-12']);
    expect(values[1]!.slice(0, 2)).toEqual(['A-1', 'Asso']);
  });
});
