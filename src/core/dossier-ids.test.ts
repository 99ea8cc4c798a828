import { duplicateIdFindings, NAMED_ID_OTHERS } from './dossier-ids';
import type { DossierInput } from './dossier';
import { checkDossiers } from '../app/check-dossiers';
import { DEFAULT_SETTINGS } from './settings';

const ids = (...list: unknown[]): DossierInput[] => list.map((id) => (id === undefined ? {} : { id }) as DossierInput);
/** Positions (from 0) that got the finding. */
const flagged = (dossiers: DossierInput[]) => [...duplicateIdFindings(dossiers).keys()].sort((a, b) => a - b);

describe('DOSSIER_ID_DUPLICATE', () => {
  it.each<[string, unknown[], number[]]>([
    ['distinct ids', ['2024-A', '2024-B', '2024-C'], []],
    ['the same id twice', ['2024-A', '2024-B', '2024-A'], [0, 2]],
    ['case, accents and spaces aside, as the sidebar compares them on save', ['2024-é1', ' 2024-E1 ', '2024-b'], [0, 1]],
    ['a number and its text', [2024, '2024'], [0, 1]],
    ['dossiers without id are not duplicates of each other', [undefined, undefined, '', '  '], []],
    ['ids that differ by a character', ['2024-A1', '2024-A11'], []],
  ])('%s', (_, list, expected) => expect(flagged(ids(...list))).toEqual(expected));

  it('is an error on the id, naming the others by their place in the file', () => {
    const f = duplicateIdFindings(ids('X', 'Y', 'X')).get(2)![0];
    expect(f).toMatchObject({ code: 'DOSSIER_ID_DUPLICATE', severity: 'error', field: 'id', actual: 'X' });
    expect(f.message).toBe(
      'L’identifiant « X » de ce dossier (le 3e du fichier) est aussi celui du 1er dossier : leurs notes, leurs conventions et leurs lignes de données ouvertes seraient confondues ; donnez à chaque dossier un identifiant qui lui est propre.',
    );
  });

  it('names a few of the others and counts the rest, so the output stays linear', () => {
    const many = ids(...Array.from({ length: 500 }, () => 'SAME'));
    const findings = duplicateIdFindings(many);
    expect(findings.size).toBe(500);
    const message = findings.get(0)![0].message;
    expect(message).toContain('est aussi celui des 2e, 3e, 4e dossiers et de 496 autres');
    // Every finding is about as long, however many dossiers share the id.
    const lengths = [...findings.values()].map((l) => l[0].message.length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThan(20);
    expect(NAMED_ID_OTHERS).toBe(3);
  });

  it('reaches checkDossiers, beside each dossier’s own findings', () => {
    const base = { beneficiary: 'Association A', subsidy: '1000', annualBudget: '10000', period: { start: '2024-01-01', end: '2024-12-31' } };
    const reports = checkDossiers([{ ...base, id: 'D1' }, { ...base, id: 'D2' }, { ...base, id: 'd1' }] as DossierInput[], { ...DEFAULT_SETTINGS });
    expect(reports.map((r) => r.check.findings.some((f) => f.code === 'DOSSIER_ID_DUPLICATE'))).toEqual([true, false, true]);
  });
});
