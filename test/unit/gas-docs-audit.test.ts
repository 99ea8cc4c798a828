/**
 * « Vérifier une note » over the DocumentApp fake: a Doc the user made outside the add-on
 * (DocumentApp opens it under the `documents` scope; Drive under `drive.file` could not),
 * read by the Apps Script adapter and audited, and the entry points as the sidebar calls them.
 */
import { auditApi } from '../../src/app/audit-api';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { docsDocumentReader, type DocsReadServices } from '../../src/gas/docs-audit';
import * as gas from '../../src/gas/docs-audit';
import { createGoogleFakes } from '../fakes/drive';
import { createGasWorld, type GasWorld } from '../support/gas-world';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function userDoc(fakes: ReturnType<typeof createGoogleFakes>) {
  return fakes.drive.addUserDoc('Note Start-up Days 2019', (d) => {
    d.body.appendParagraph('Pour l’édition 2019, la participation des collectivités s’élève à 60 000 €.');
    d.body.appendParagraph('Cette participation se répartit comme suit :');
    d.body.appendListItem('25 000 € pris en charge par la Métropole ;');
    d.body.appendListItem('30 000 € pris en charge par le Département.');
    d.body.appendTable([['Budget prévisionnel', '240 00 €']]);
  });
}

describe('the Apps Script reader of a Google Doc', () => {
  it('opens by the address the user gave and audits paragraphs, list items and tables', () => {
    const fakes = createGoogleFakes('drive.file');
    const doc = userDoc(fakes);
    const api = auditApi({ documents: docsDocumentReader(fakes as unknown as DocsReadServices), settings: () => DEFAULT_SETTINGS });
    const r = api.auditGoogleDoc(`https://docs.google.com/document/d/${doc.id}/edit#heading=h.1`);
    if (r.status !== 'audited') throw new Error(JSON.stringify(r));
    expect((fakes.calls.byName.get('DocumentApp.openByUrl') ?? 0)).toBe(1);
    expect((fakes.calls.byName.get('DocumentApp.openById') ?? 0)).toBe(0);
    expect(r.source).toEqual({ name: 'Note Start-up Days 2019', url: `https://docs.google.com/document/d/${doc.id}/edit` });
    expect(r.text.split('\n').slice(3)).toEqual(['- 25 000 € pris en charge par la Métropole ;', '- 30 000 € pris en charge par le Département.', 'Budget prévisionnel\t240 00 €']);
    expect(r.findings.map((f) => [f.code, plain(f.excerpt)])).toEqual([
      ['COFINANCING_SUM_MISMATCH', expect.stringContaining('25 000 €')],
      ['NUMBER_MALFORMED', '240 00 €'],
    ]);
  });

  it('opens a bare id with openById', () => {
    const fakes = createGoogleFakes();
    const doc = userDoc(fakes);
    const api = auditApi({ documents: docsDocumentReader(fakes as unknown as DocsReadServices), settings: () => DEFAULT_SETTINGS });
    expect(api.auditGoogleDoc(`${doc.id}-abcdefghijklmnopqrstu`)).toMatchObject({ status: 'error' });
    expect((fakes.calls.byName.get('DocumentApp.openById') ?? 0)).toBe(1);
  });

  it('says in French why a Doc cannot be opened, and what to do', () => {
    const fakes = createGoogleFakes();
    const api = auditApi({ documents: docsDocumentReader(fakes as unknown as DocsReadServices), settings: () => DEFAULT_SETTINGS });
    const url = 'https://docs.google.com/document/d/1NoSuchDocumentAtAllXYZ0123456789/edit';
    expect(api.auditGoogleDoc(url)).toEqual({
      status: 'error',
      message:
        `Le document « ${url} » ne peut pas être ouvert : vérifiez son adresse, et que votre compte Google y a accès (au moins en lecture). ` +
        'Un fichier Word déposé dans Drive doit d’abord être ouvert avec Google Docs (« Fichier › Enregistrer au format Google Docs »).',
    });
  });
});

describe('the entry points google.script.run calls', () => {
  let world: GasWorld;
  let undo: () => void;
  let docId: string;
  beforeEach(() => {
    world = createGasWorld();
    const fakes = createGoogleFakes();
    const g = globalThis as Record<string, unknown>;
    const previous = g.DocumentApp;
    g.DocumentApp = fakes.DocumentApp;
    undo = () => (g.DocumentApp = previous);
    docId = userDoc(fakes).id;
  });
  afterEach(() => {
    undo();
    world.uninstall();
  });

  it('audit a pasted text and a Doc with the settings of the spreadsheet', () => {
    world.properties.document.setProperty('rapporteur.settings', JSON.stringify({ spacing: 'nbsp' }));
    const text = gas.auditText('La subvention de 47 500 € représente 25 % du budget de 200 000 €.');
    expect(text).toMatchObject({ status: 'audited', findings: [{ code: 'RATE_MISMATCH' }] });
    if (text.status === 'audited') expect(text.findings[0]!.message).toMatch(/47\u00a0500/);
    const doc = gas.auditGoogleDoc(`https://docs.google.com/document/d/${docId}/edit`);
    expect(doc).toMatchObject({ status: 'audited', summary: '2 erreurs.' });
  });
});
