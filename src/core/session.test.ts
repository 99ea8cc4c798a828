import { checkDossier, subsidyFigure } from './checks';
import { cumulativeConventionFindings, groupByBeneficiary } from './beneficiaries';
import type { DossierInput } from './dossier';
import { listSessions, sameSession, sessionIndexes, summaryDataHash, summaryFields, summaryKey, SUMMARY_FIELD_DOCS } from './session';
import { checkTemplate } from './template/check';
import { renderDocument, toModel } from './template/render';
import { DEFAULT_SUMMARY_TEMPLATE } from './template/default-summary-template';

const d = (id: string, session: string | undefined, subsidy: string, extra: Partial<DossierInput> = {}): DossierInput => ({ id, beneficiary: `B ${id}`, session, subsidy, annualBudget: '100 000', ...extra });
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('sessions', () => {
  it.each([
    ['Conseil du 28 juin 2018', 'conseil  du 28 JUIN 2018', true],
    ['Conseil de la Métropole', 'Conseil de la Metropole', true],
    ['Conseil du 28 juin 2018', 'Conseil du 18 octobre 2018', false],
  ])('%s and %s are the same session: %s', (a, b, same) => {
    expect(sameSession(a, b)).toBe(same);
  });

  it('lists sessions in order of first appearance, with their counts and dates, skipping dossiers without one', () => {
    const list = [d('1', 'Juin', '1'), d('2', undefined, '1'), d('3', 'Octobre', '1', { sessionDate: '2018-10-18' }), d('4', ' juin ', '1', { sessionDate: '2018-06-28' })];
    expect(listSessions(list)).toEqual([
      { name: 'Juin', count: 2, date: '2018-06-28' },
      { name: 'Octobre', count: 1, date: '2018-10-18' },
    ]);
    expect(sessionIndexes(list, 'JUIN')).toEqual([0, 3]);
  });
});

describe('the session summary', () => {
  const entries = [
    d('A', 'Juin', '47 500', { cofinancers: [{ name: 'Métropole', amount: '17 500' }, { name: 'CT2', amount: '30 000' }], beneficiaryKind: 'association', convention: true }),
    d('B', 'Juin', '0,10'),
    d('C', 'Juin', '200 00'),
  ].map((dossier) => ({ id: String(dossier.id), dossier, check: checkDossier(dossier) }));

  it('gives one row per dossier and totals summed as decimals, marking an unreadable amount', () => {
    const f = summaryFields('Juin', entries, undefined, { todayIso: '2018-06-12' }) as Record<string, unknown>;
    expect(plain(String(f.total_montant))).toBe('47 500,10 € (incomplet)');
    expect(plain(String(f.total_cofinancements))).toBe('47 500 €');
    expect(f).toMatchObject({ nombre_dossiers: '3', nombre_conventions: '1', total_incomplet: true, date_recapitulatif: '12 juin 2018' });
    const rows = f.dossiers as Record<string, string>[];
    expect(rows.map((r) => plain(r.cofinanceurs!))).toEqual(['Métropole (17 500 €) ; CT2 (30 000 €)', '—', '—']);
    expect(rows.map((r) => r.convention_requise)).toEqual(['oui', 'non', 'à vérifier']);
    expect(rows[2]!.montant).toBe('[à compléter]');
  });

  it('says « à vérifier », not « non », for 15 000 € whose beneficiary has an unreadable subsidy the same year', () => {
    const pair = [d('P', 'Juin', '15 000', { beneficiary: 'Asso', budgetYear: 2018 }), d('Q', 'Octobre', '47.5', { beneficiary: 'Asso', budgetYear: 2018 })];
    const items = pair.map((dossier) => ({ id: String(dossier.id), dossier, subsidy: subsidyFigure(dossier) }));
    const check = checkDossier(pair[0]!);
    check.findings.push(...(cumulativeConventionFindings(groupByBeneficiary(items), items).get(0) ?? []));
    expect(check.findings.map((f) => f.code)).toContain('CONVENTION_CUMULATED_UNKNOWN');
    const rows = summaryFields('Juin', [{ id: 'P', dossier: pair[0]!, check }]).dossiers as Record<string, string>[];
    expect(rows.map((r) => r.convention_requise)).toEqual(['à vérifier']);
  });

  it('has a default template without errors, whose table repeats a row per dossier', () => {
    expect(checkTemplate(DEFAULT_SUMMARY_TEMPLATE, SUMMARY_FIELD_DOCS)).toEqual([]);
    const out = toModel(renderDocument(DEFAULT_SUMMARY_TEMPLATE, summaryFields('Juin', entries)).body);
    const table = out.find((b) => b.type === 'table');
    expect(table && table.type === 'table' && table.rows.length).toBe(5);
  });

  it('hashes the session, the dossiers and the template: a change to any of them changes the hash', () => {
    const base = summaryDataHash('Juin', [entries[0]!.dossier], 't1');
    expect(summaryDataHash('Juin', [entries[0]!.dossier], 't1')).toBe(base);
    expect(summaryDataHash('Juin', [{ ...entries[0]!.dossier, subsidy: '1' }], 't1')).not.toBe(base);
    expect(summaryDataHash('Juin', [entries[0]!.dossier], 't2')).not.toBe(base);
    expect(summaryKey('Conseil du 28 juin')).toBe(summaryKey('conseil du 28 JUIN'));
  });
});
