import { checkDossier } from './checks';
import { dossierShapeErrors, type DossierInput } from './dossier';

describe('dossierShapeErrors', () => {
  // Found by test/fuzz/dossier-json.fuzz.test.ts (shrunk): the finding read « La date « [object Object] » n'est pas reconnue ».
  it.each([
    ['an object', { start: {}, end: '2018-03-31' }, 'start', 'un objet'],
    ['a list', { start: '2018-01-01', end: ['2018-03-31'] }, 'end', 'une liste'],
  ])('refuses %s as a date of the period, naming the field', (_name, period, key, kind) => {
    const errors = dossierShapeErrors({ beneficiary: 'A', period });
    expect(errors).toEqual([{ path: `dossier.period.${key}`, message: expect.stringContaining(`dossier.period.${key} doit être un texte`) }]);
    expect(errors[0]!.message).toContain(`(reçu : ${kind})`);
  });

  it('leaves a text or a number in a date to the checks, which quote it', () => {
    const dossier: DossierInput = { beneficiary: 'A', period: { start: 20180101 as unknown as string, end: '2018-03-31' } };
    expect(dossierShapeErrors(dossier)).toEqual([]);
    const finding = checkDossier(dossier).findings.find((f) => f.field === 'period.start');
    expect(finding?.message).toContain('20180101');
  });

  // Found by test/fuzz/dossier-json.fuzz.test.ts (shrunk): a co-financer's amount {"toString": 1} threw a TypeError in the checks.
  it.each([[{ toString: 1 }, 'un objet'], [{}, 'un objet'], [[1], 'une liste'], [true, 'un booléen']])('refuses the co-financer amount %p, naming the field', (amount, kind) => {
    const dossier = JSON.parse(JSON.stringify({ beneficiary: 'A', cofinancers: [{ name: 'B', amount: 1 }, { name: 'C', amount }] }));
    expect(dossierShapeErrors(dossier)).toEqual([{ path: 'dossier.cofinancers[1].amount', message: `dossier.cofinancers[1].amount doit être un nombre ou un texte (reçu : ${kind}).` }]);
  });
});
