import { createGasWorld, type GasWorld } from '../../test/support/gas-world';
import * as server from '../gas/sidebar-api';
import { checkDossier } from '../core/checks';
import type { DossierInput } from '../core/dossier';
import { DEFAULT_SETTINGS } from '../core/settings';
import { checkDossiers } from './check-dossiers';
import { cumulatedFindingsFor } from './beneficiary-context';

let world: GasWorld;
beforeEach(() => (world = createGasWorld()));
afterEach(() => world.uninstall());

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const dossier = (id: string, beneficiary: string, subsidy: string, more: Partial<DossierInput> = {}): DossierInput => ({
  id,
  beneficiary,
  beneficiaryKind: 'association',
  budgetYear: 2019,
  subsidy,
  ...more,
});
function save(...dossiers: DossierInput[]) {
  for (const d of dossiers) {
    const r = server.saveDossier({ dossier: d, ref: null, version: null });
    if (r.status !== 'saved') throw new Error(JSON.stringify(r));
  }
}

describe('listBeneficiaries', () => {
  it('answers an empty list before the « Dossiers » sheet exists', () => {
    expect(server.listBeneficiaries()).toEqual({ rows: [], ready: false, threshold: '23\u202f000\u00a0€' });
  });

  it('groups the sheet’s dossiers by beneficiary (names written differently) and year, with totals and the convention rule', () => {
    save(
      dossier('A-1', 'Les Petits Débrouillards', '15 000'),
      dossier('B-1', 'Club de voile', '5 000'),
      dossier('A-2', 'les petits-debrouillards', '12 000', { convention: false }),
      dossier('A-3', 'Les Petits Débrouillards', '9 000', { budgetYear: 2020 }),
      dossier('C-1', 'Syndicat mixte', '40 000', { beneficiaryKind: 'public' }),
    );
    const list = server.listBeneficiaries();
    expect(list.ready).toBe(true);
    expect(list.rows.map((r) => [r.beneficiary, r.year, r.dossiers, plain(r.total), r.totalCents, r.conventionRequired, r.convention])).toEqual([
      ['Les Petits Débrouillards', 2019, ['A-1', 'A-2'], '27 000,00 €', '27000.00', true, 'oui'],
      ['Club de voile', 2019, ['B-1'], '5 000,00 €', '5000.00', false, 'non'],
      ['Syndicat mixte', 2019, ['C-1'], '40 000,00 €', '40000.00', false, 'non (organisme public)'],
      ['Les Petits Débrouillards', 2020, ['A-3'], '9 000,00 €', '9000.00', false, 'non'],
    ]);
  });

  it('follows the threshold of the settings', () => {
    save(dossier('A-1', 'Asso', '15 000'), dossier('A-2', 'Asso', '12 000'));
    expect(server.saveSettings({ conventionThreshold: '30 000' }).status).toBe('saved');
    const list = server.listBeneficiaries();
    expect(plain(list.threshold)).toBe('30 000 €');
    expect(list.rows[0]).toMatchObject({ conventionRequired: false, convention: 'non' });
  });

  it('counts an unreadable subsidy as incomplete rather than as zero', () => {
    // Stored as typed: the sheet keeps what a person wrote, the check says it is unreadable.
    world.sheets.spreadsheet.insertSheet('Dossiers').getRange(1, 1, 3, 4).setValues([
      ['Identifiant', 'Bénéficiaire', 'Exercice', 'Montant de la subvention'],
      ['A-1', 'Asso', 2019, 15000],
      ['A-2', 'Asso', 2019, 'douze mille'],
    ]);
    expect(server.listBeneficiaries().rows).toEqual([expect.objectContaining({ dossiers: ['A-1', 'A-2'], totalCents: '15000.00', incomplete: true })]);
  });

  it('does not say « non » when the readable total is under the threshold but a subsidy cannot be read: the rule is undecided', () => {
    world.sheets.spreadsheet.insertSheet('Dossiers').getRange(1, 1, 3, 4).setValues([
      ['Identifiant', 'Bénéficiaire', 'Exercice', 'Montant de la subvention'],
      ['A-1', 'Asso', 2019, 15000],
      ['A-2', 'Asso', 2019, '200 00'],
    ]);
    expect(server.listBeneficiaries().rows).toEqual([expect.objectContaining({ incomplete: true, conventionRequired: false, conventionUnknown: true, convention: 'impossible de dire' })]);
  });

  it('answers plain data only', () => {
    save(dossier('A-1', 'Asso', '15 000'));
    const r = server.listBeneficiaries();
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('beneficiaryContext and the cumulative check in the form', () => {
  /** What the form computes as you type: this dossier's own check, then the yearly total with the others. */
  const asTyped = (d: DossierInput, ref: string | null) =>
    cumulatedFindingsFor({ ref, dossier: d, subsidy: checkDossier(d, DEFAULT_SETTINGS).figures.subsidy }, server.beneficiaryContext(), DEFAULT_SETTINGS);

  it('gives the form the same CONVENTION_REQUIRED_CUMULATED as the check of the whole sheet: 15 000 € and 12 000 €', () => {
    const a = dossier('A-1', 'Asso des Quais', '15 000');
    const b = dossier('A-2', 'ASSO DES QUAIS ', '12 000', { convention: true });
    save(a, b);
    const sheet = checkDossiers([a, b], DEFAULT_SETTINGS).map((r) => r.check.findings.filter((f) => f.code === 'CONVENTION_REQUIRED_CUMULATED'));
    expect(sheet.map((f) => f.map((x) => x.severity))).toEqual([['warning'], ['info']]);
    expect(asTyped(a, 'A-1')).toEqual(sheet[0]);
    expect(plain(asTyped(a, 'A-1')[0]!.message)).toBe(
      'Cette subvention (15 000 €) ne dépasse pas 23 000 € à elle seule, mais avec le dossier A-2 (12 000 €), les subventions de l’exercice 2019 à « Asso des Quais » totalisent 27 000 € : une convention est obligatoire, le seuil portant sur le montant annuel attribué à un même organisme (décret n° 2001-495 du 6 juin 2001) ; indiquez si elle est approuvée.',
    );
    expect(asTyped(b, 'A-2').map((f) => f.severity)).toEqual(['info']);
  });

  it('gives the form the same CONVENTION_CUMULATED_UNKNOWN as the check of the whole sheet when the other subsidy of the year cannot be read', () => {
    world.sheets.spreadsheet.insertSheet('Dossiers').getRange(1, 1, 3, 5).setValues([
      ['Identifiant', 'Bénéficiaire', 'Nature du bénéficiaire', 'Exercice', 'Montant de la subvention'],
      ['A-1', 'Asso', 'association', 2019, 15000],
      ['A-2', 'Asso', 'association', 2019, '47.5'],
    ]);
    const a = dossier('A-1', 'Asso', '15 000');
    const sheet = checkDossiers([a, dossier('A-2', 'Asso', '47.5')], DEFAULT_SETTINGS)[0]!.check.findings.filter((f) => f.code === 'CONVENTION_CUMULATED_UNKNOWN');
    expect(sheet.map((f) => f.severity)).toEqual(['warning']);
    expect(asTyped(a, 'A-1')).toEqual(sheet);
    expect(plain(sheet[0]!.message)).toContain('mais le dossier A-2 de l’exercice 2019 à « Asso » a un montant de subvention illisible ou absent');
  });

  it('gives nothing for 11 000 € and 12 000 €', () => {
    save(dossier('A-1', 'Asso', '11 000'), dossier('A-2', 'Asso', '12 000'));
    expect(asTyped(dossier('A-1', 'Asso', '11 000'), 'A-1')).toEqual([]);
  });

  it('leaves out the stored version of the dossier being edited, so that it never counts twice', () => {
    save(dossier('A-1', 'Asso', '15 000'));
    // Typed up to 20 000 €: alone in its year, still under the threshold.
    expect(asTyped(dossier('A-1', 'Asso', '20 000'), 'A-1')).toEqual([]);
    // A new dossier (or a copy) counts with the stored one.
    expect(asTyped(dossier('A-2', 'Asso', '9 000'), null).map((f) => f.code)).toEqual(['CONVENTION_REQUIRED_CUMULATED']);
  });

  it('follows what is typed: another year or another beneficiary leaves the group', () => {
    save(dossier('A-1', 'Asso', '15 000'));
    expect(asTyped(dossier('A-2', 'Asso', '12 000', { budgetYear: 2020 }), null)).toEqual([]);
    expect(asTyped(dossier('A-2', 'Autre asso', '12 000'), null)).toEqual([]);
    expect(asTyped(dossier('A-2', 'Asso', '12 000', { convention: false }), null).map((f) => f.severity)).toEqual(['error']);
  });

  it('carries only the fields grouping reads, as plain data', () => {
    save({ ...dossier('A-1', 'Asso', '15 000', { siret: '123 456 789 00012' }), subject: 'Objet', cofinancers: [{ name: 'Ville', amount: '15 000' }] });
    const context = server.beneficiaryContext();
    expect(context).toEqual({ dossiers: [{ ref: 'A-1', id: 'A-1', dossier: { beneficiary: 'Asso', beneficiaryKind: 'association', siret: '123 456 789 00012', budgetYear: 2019 }, subsidy: '15000.00' }] });
  });
});
