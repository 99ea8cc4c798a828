import fc from 'fast-check';
import { checkDossier } from './checks';
import { Dec } from './decimal';
import { formatRate } from './format';
import { DEFAULT_SETTINGS, resolveSettings } from './settings';
import type { DossierInput } from './dossier';
import type { FindingCode, Severity } from './findings';

const medinsoft: DossierInput = {
  id: '2018-AMFT-01',
  beneficiary: 'association Medinsoft',
  // A fictitious RNA number (the report prints none), so that only the figures speak here.
  rna: 'W133000017',
  period: { start: '2018-01-01', end: '2018-03-31' },
  budgetYear: 2018,
  annualBudget: 800000,
  subsidy: 47500,
  prorationMethod: 'months',
  statedProratedBudget: '200 000 €',
  statedRate: '23,75 %',
  cofinancers: [
    { name: 'Métropole Aix-Marseille-Provence', amount: 17500 },
    { name: "Conseil de Territoire du Pays d'Aix (CT2)", amount: '30.000 €' },
  ],
  convention: true,
};

const codes = (d: DossierInput, settings = DEFAULT_SETTINGS) => checkDossier(d, settings).findings.map((f) => `${f.code}:${f.severity}:${f.field}`);

describe('checkDossier on the example report', () => {
  it('computes the figures of the report', () => {
    const { computed } = checkDossier(medinsoft);
    expect(computed).toMatchObject({ months: 3, proratedBudget: '200000.00', rate: '0.237500', cofinancingTotal: '47500.00', conventionRequired: true });
    expect(computed.cofinancers.map((c) => c.shareOfSubsidy)).toEqual(['0.368421', '0.631579']);
  });

  it('finds only the approved convention on the corrected dossier', () => {
    expect(codes(medinsoft)).toEqual(['CONVENTION_REQUIRED:info:convention']);
  });

  it('finds "200 00 €" as printed, and nothing else but the convention', () => {
    expect(codes({ ...medinsoft, statedProratedBudget: '200 00 €' })).toEqual(['AMOUNT_INVALID:error:statedProratedBudget', 'CONVENTION_REQUIRED:info:convention']);
  });

  it('quotes both figures when the stated rate differs', () => {
    const f = checkDossier({ ...medinsoft, statedRate: '23,57 %' }).findings.find((x) => x.code === 'RATE_MISMATCH');
    expect(f?.message).toBe('Le taux annoncé (23,57\u00a0%) diffère du taux calculé (23,75\u00a0% = 47\u202f500\u00a0€ / 200\u202f000\u00a0€).');
    expect(f).toMatchObject({ expected: '0.2375', actual: '0.2357' });
  });
});

type Row = [string, Partial<DossierInput> | ((d: DossierInput) => DossierInput), FindingCode, Severity, string];
const rows: Row[] = [
  ['a missing subsidy', { subsidy: undefined }, 'FIELD_MISSING', 'error', 'subsidy'],
  ['a missing beneficiary', { beneficiary: '  ' }, 'FIELD_MISSING', 'error', 'beneficiary'],
  ['a period without its end', { period: { start: '2018-01-01' } }, 'FIELD_MISSING', 'error', 'period.end'],
  ['a co-financer without a name', { cofinancers: [{ name: '', amount: 47500 }] }, 'FIELD_MISSING', 'error', 'cofinancers[0].name'],
  ['letters in the subsidy', { subsidy: '47 5OO €' }, 'AMOUNT_INVALID', 'error', 'subsidy'],
  ['an ambiguous annual budget', { annualBudget: '800.00' }, 'AMOUNT_INVALID', 'error', 'annualBudget'],
  ['a negative co-financer amount', { cofinancers: [{ name: 'A', amount: -1 }, { name: 'B', amount: 47501 }] }, 'AMOUNT_INVALID', 'error', 'cofinancers[0].amount'],
  ['a zero annual budget', { annualBudget: 0 }, 'AMOUNT_INVALID', 'error', 'annualBudget'],
  ['an unreadable stated rate', { statedRate: '23,75 pourcents et demi' }, 'AMOUNT_INVALID', 'error', 'statedRate'],
  ['an impossible date', { period: { start: '2018-02-30', end: '2018-03-31' } }, 'PERIOD_INVALID', 'error', 'period.start'],
  ['an end before the start', { period: { start: '2018-03-31', end: '2018-01-01' } }, 'PERIOD_INVALID', 'error', 'period.end'],
  ['a period leaving the budget year', { period: { start: '2018-11-01', end: '2019-01-31' }, statedProratedBudget: undefined, statedRate: undefined }, 'PERIOD_OUTSIDE_YEAR', 'warning', 'period.end'],
  ['a period longer than a year', { period: { start: '2018-01-01', end: '2019-03-31' }, budgetYear: undefined, statedProratedBudget: undefined, statedRate: undefined }, 'PERIOD_TOO_LONG', 'warning', 'period.end'],
  ['a wrong prorated budget', { statedProratedBudget: '210 000 €', statedRate: undefined }, 'PRORATED_BUDGET_MISMATCH', 'error', 'statedProratedBudget'],
  ['a wrong rate', { statedRate: 0.2357 }, 'RATE_MISMATCH', 'error', 'statedRate'],
  ['a subsidy above its base', { subsidy: 250000, statedRate: undefined, cofinancers: [] }, 'RATE_ABOVE_100', 'error', 'subsidy'],
  ['a rate above the cap', { subsidy: 170000, statedRate: undefined, cofinancers: [] }, 'RATE_ABOVE_CAP', 'warning', 'subsidy'],
  ['a co-financing plan one cent short', { cofinancers: [{ name: 'A', amount: 17500 }, { name: 'B', amount: '29 999,99' }] }, 'COFINANCING_SUM_MISMATCH', 'error', 'cofinancers'],
  ['the same co-financer twice', { cofinancers: [{ name: 'Métropole', amount: 17500 }, { name: ' metropole ', amount: 30000 }] }, 'COFINANCER_DUPLICATE', 'warning', 'cofinancers[1].name'],
  ['a zero co-financer', { cofinancers: [{ name: 'A', amount: 47500 }, { name: 'B', amount: 0 }] }, 'COFINANCER_ZERO', 'warning', 'cofinancers[1].amount'],
  ['no convention approved above the threshold', { convention: false }, 'CONVENTION_REQUIRED', 'error', 'convention'],
  ['nothing said of the convention above the threshold', { convention: undefined }, 'CONVENTION_REQUIRED', 'warning', 'convention'],
  ['an approved convention above the threshold', {}, 'CONVENTION_REQUIRED', 'info', 'convention'],
  ['an unknown proration method', { prorationMethod: 'semaines' }, 'FIELD_INVALID', 'error', 'prorationMethod'],
  ['an unknown beneficiary kind', { beneficiaryKind: 'mairie' as never }, 'FIELD_INVALID', 'error', 'beneficiaryKind'],
];

describe('checkDossier finds', () => {
  it.each(rows)('%s', (_title, change, code, severity, field) => {
    const dossier = typeof change === 'function' ? change(medinsoft) : { ...medinsoft, ...change };
    const found = checkDossier(dossier).findings.filter((f) => f.code === code);
    expect(found.map((f) => [f.severity, f.field])).toContainEqual([severity, field]);
    for (const f of found) expect(f.message).toMatch(/[a-zé].*[.?]$/);
  });
});

// Found by the fuzz test: the value was quoted as JSON ("2018\n0", straight quotes, escapes).
describe('an invalid field quotes the value as the user wrote it', () => {
  it.each([
    [{ budgetYear: '2018\n0' }, 'budgetYear', 'L\'exercice budgétaire vaut « 2018\n0 » ; valeurs possibles : une année sur quatre chiffres.'],
    [{ budgetYear: 2018.5 }, 'budgetYear', 'L\'exercice budgétaire vaut 2018.5 ; valeurs possibles : une année sur quatre chiffres.'],
    [{ prorationMethod: 'semaines' }, 'prorationMethod', 'La méthode de proratisation vaut « semaines » ; valeurs possibles : months, days, 30/360.'],
  ])('%j', (change, field, message) => {
    const found = checkDossier({ ...medinsoft, ...change } as never).findings.filter((f) => f.code === 'FIELD_INVALID' && f.field === field);
    expect(found.map((f) => f.message)).toEqual([message]);
  });
});

describe('the convention threshold', () => {
  it.each([
    [23000, 23000, false],
    [23000.01, 23000, true],
    ['23 000,01 €', 23000, true],
    ['30 000 €', 30000, false],
  ])('subsidy %s with threshold %s requires a convention: %s', (subsidy, threshold, required) => {
    const settings = resolveSettings({ conventionThreshold: threshold }).settings;
    const dossier = { ...medinsoft, subsidy, cofinancers: [], statedRate: undefined };
    expect(checkDossier(dossier, settings).computed.conventionRequired).toBe(required);
  });

  // A cell holding 23000.004 (a formula's leftover) votes 23 000,00 €: the amount is money, taken
  // at the cent before it is compared, else the finding said « 23 000 € dépasse 23 000 € ».
  it.each([
    [23000.004, false, '23000.00'],
    [23000.005, true, '23000.01'],
    [22999.995, false, '23000.00'],
  ])('compares the subsidy %s at the cent: required %s, subsidy %s', (subsidy, required, cents) => {
    const r = checkDossier({ ...medinsoft, subsidy, cofinancers: [], statedRate: undefined });
    expect(r.computed.conventionRequired).toBe(required);
    expect(r.computed.subsidy).toBe(cents);
    expect(r.findings.some((f) => f.code === 'CONVENTION_REQUIRED')).toBe(required);
  });

  it('does not apply to a public body', () => {
    const r = checkDossier({ ...medinsoft, beneficiaryKind: 'public', convention: undefined });
    expect(r.computed.conventionRequired).toBe(false);
    expect(r.findings.map((f) => f.code)).not.toContain('CONVENTION_REQUIRED');
  });
});

describe('the cap at 100 % of the base', () => {
  // 200000.004 on a base of 200 000,00 € is 200 000,00 € voted: 100 %, not above it (the
  // error used to read « La subvention (200 000 €) dépasse sa base (200 000 €) »).
  it('compares the subsidy at the cent with its base', () => {
    const r = checkDossier({ ...medinsoft, period: undefined, annualBudget: 200000, subsidy: 200000.004, statedRate: undefined, statedProratedBudget: undefined, cofinancers: [] });
    expect(r.findings.map((f) => f.code)).not.toContain('RATE_ABOVE_100');
    expect(r.computed.rate).toBe('1.000000');
  });
  it('still finds one cent above the base', () => {
    const r = checkDossier({ ...medinsoft, period: undefined, annualBudget: 200000, subsidy: 200000.005, statedRate: undefined, statedProratedBudget: undefined, cofinancers: [] });
    expect(r.findings.map((f) => f.code)).toContain('RATE_ABOVE_100');
  });
});

describe('every amount of a dossier is read at the cent', () => {
  // A cell's leftover thousandths (50.004) print as 50,00 €; compared unrounded they made
  // « 50 € + 50 € » differ from 100 €, a 0,004 € line escape COFINANCER_ZERO, and a budget of
  // 0,004 € a base of « 0 € » that a subsidy « exceeded » by 2 500 000 %.
  const plain = { ...medinsoft, period: undefined, statedRate: undefined, statedProratedBudget: undefined, convention: undefined, subsidy: 100, annualBudget: 800000, cofinancers: [] };
  it('adds co-financers at the cent: 50.004 + 50.004 is 100,00 €', () => {
    const r = checkDossier({ ...plain, cofinancers: [{ name: 'A', amount: 50.004 }, { name: 'B', amount: 50.004 }] });
    expect(r.findings.map((f) => f.code)).toEqual([]);
    expect(r.computed.cofinancingTotal).toBe('100.00');
  });
  it('warns about a co-financer of 0.004, which is 0,00 €', () => {
    const r = checkDossier({ ...plain, cofinancers: [{ name: 'A', amount: 100 }, { name: 'B', amount: 0.004 }] });
    expect(r.findings.map((f) => `${f.code}:${f.field}`)).toEqual(['COFINANCER_ZERO:cofinancers[1].amount']);
  });
  it('refuses an annual budget of 0.004 as a zero budget', () => {
    const r = checkDossier({ ...plain, annualBudget: 0.004 });
    expect(r.findings.map((f) => `${f.code}:${f.field}`)).toEqual(['AMOUNT_INVALID:annualBudget']);
    expect(r.computed.rate).toBeNull();
  });
  it('compares a stated prorated budget at the cent', () => {
    const r = checkDossier({ ...medinsoft, statedProratedBudget: 200000.004 });
    expect(r.findings.map((f) => f.code)).not.toContain('PRORATED_BUDGET_MISMATCH');
  });
});

describe('the base of the rate', () => {
  it('is the annual budget when there is no period', () => {
    const { computed, findings } = checkDossier({ ...medinsoft, period: undefined, statedProratedBudget: undefined, statedRate: '5,94 %' });
    expect(computed).toMatchObject({ base: '800000.00', proratedBudget: '800000.00', rate: '0.059375', months: null });
    expect(findings.map((f) => f.code)).toEqual(['CONVENTION_REQUIRED']);
  });

  it('is the prorated budget rounded to the cent, what readers divide by', () => {
    // 100 000 over 16 Jan – 31 Mar: 100000 × (2 + 16/31) / 12 = 20 967,741935… → 20 967,74
    const { computed } = checkDossier({ ...medinsoft, annualBudget: 100000, subsidy: 10000, period: { start: '2018-01-16', end: '2018-03-31' }, statedProratedBudget: '20 967,74 €', statedRate: '47,69 %', cofinancers: [] });
    expect(computed.proratedBudget).toBe('20967.74');
    expect(computed.rate).toBe((10000 / 20967.74).toFixed(6));
  });

  it('follows the proration method of the dossier', () => {
    const days = checkDossier({ ...medinsoft, prorationMethod: 'days', statedProratedBudget: undefined, statedRate: undefined });
    expect(days.computed.proratedBudget).toBe('197260.27'); // 800 000 × 90/365
    const e30 = checkDossier({ ...medinsoft, prorationMethod: '30/360', statedProratedBudget: undefined, statedRate: undefined });
    expect(e30.computed.proratedBudget).toBe('200000.00');
  });

  it('has no rate when the period cannot be read', () => {
    const { computed } = checkDossier({ ...medinsoft, period: { start: 'demain', end: '2018-03-31' } });
    expect(computed).toMatchObject({ base: null, rate: null, proratedBudget: null });
  });
});

describe('a stated rate', () => {
  it.each([
    ['23,75 %'],
    ['23,8 %'],
    ['24 %'],
    [0.2375],
    [0.24],
    ['0,2375'],
  ])('%s matches 47 500 / 200 000 at its own precision', (stated) => {
    expect(codes({ ...medinsoft, statedRate: stated })).not.toContainEqual(expect.stringMatching(/^RATE_MISMATCH/));
  });

  it.each([['23,7 %'], ['23 %'], [0.237], ['23,76 %']])('%s does not match', (stated) => {
    expect(codes({ ...medinsoft, statedRate: stated })).toContainEqual('RATE_MISMATCH:error:statedRate');
  });

  it('refuses a bare number above one as ambiguous', () => {
    expect(codes({ ...medinsoft, statedRate: 23.75 })).toContainEqual('AMOUNT_INVALID:error:statedRate');
  });
});

describe('co-financing', () => {
  it('takes cell floats as their cent value', () => {
    const r = checkDossier({ ...medinsoft, cofinancers: [{ name: 'A', amount: 17499.999999999996 }, { name: 'B', amount: 30000.000000000004 }] });
    expect(r.computed.cofinancingTotal).toBe('47500.00');
    expect(r.findings.map((f) => f.code)).not.toContain('COFINANCING_SUM_MISMATCH');
  });

  it('allows a dossier without co-financers', () => {
    const r = checkDossier({ ...medinsoft, cofinancers: [] });
    expect(r.computed.cofinancingTotal).toBeNull();
    expect(r.findings.map((f) => f.code)).toEqual(['CONVENTION_REQUIRED']);
  });

  it('gives the signed difference in its message', () => {
    const f = checkDossier({ ...medinsoft, cofinancers: [{ name: 'A', amount: 17500 }, { name: 'B', amount: 31000 }] }).findings.find((x) => x.code === 'COFINANCING_SUM_MISMATCH');
    expect(f?.message).toBe('La somme des cofinancements (48\u202f500\u00a0€) diffère du montant de la subvention (47\u202f500\u00a0€) : écart de +1\u202f000\u00a0€.');
  });

  it('does not add up a plan with an unreadable amount', () => {
    const r = checkDossier({ ...medinsoft, cofinancers: [{ name: 'A', amount: '17 5OO' }, { name: 'B', amount: 30000 }] });
    expect(r.computed.cofinancingTotal).toBeNull();
    expect(r.findings.map((f) => f.code)).not.toContain('COFINANCING_SUM_MISMATCH');
  });
});

describe('settings', () => {
  it('reads a cap typed as a percentage', () => {
    expect(resolveSettings({ rateCap: 80 }).settings.rateCap).toBe('0.8');
    expect(resolveSettings({ rateCap: 0.5 }).settings.rateCap).toBe('0.5');
  });
  it.each([[{ conventionThreshold: 'beaucoup' }], [{ prorationMethod: 'weeks' }], [{ spacing: 'wide' }], [{ unknownKey: 1 }], [[1, 2]]])('refuses %j with a French reason', (input) => {
    const { errors } = resolveSettings(input);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/paramètre/i);
  });
  it('uses the setting threshold in the message', () => {
    const f = checkDossier({ ...medinsoft, subsidy: 47500 }, resolveSettings({ conventionThreshold: 40000 }).settings).findings.find((x) => x.code === 'CONVENTION_REQUIRED');
    expect(f?.message).toContain('40\u202f000\u00a0€');
  });
});

describe('property: a stated rate equal to the computed one rounded at any precision is accepted', () => {
  it('holds for text with % and for fractions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 6 }), (base, percent, places) => {
        const subsidy = Math.floor((base * percent) / 100) || 1;
        const rate = new Dec(subsidy).dividedBy(base);
        const stated = rate.times(100).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
        const asText = formatRate(stated.dividedBy(100), { decimals: places });
        const asFraction = stated.dividedBy(100).toFixed(places + 2);
        for (const statedRate of [asText, asFraction]) {
          const found = checkDossier({ beneficiary: 'X', annualBudget: base, subsidy, statedRate }).findings.map((f) => f.code);
          expect(found).not.toContain('RATE_MISMATCH');
        }
        // One unit of the last place away is always refused.
        const off = formatRate(stated.plus(new Dec(10).pow(-places)).dividedBy(100), { decimals: places });
        expect(checkDossier({ beneficiary: 'X', annualBudget: base, subsidy, statedRate: off }).findings.map((f) => f.code)).toContain('RATE_MISMATCH');
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('the prorated budget', () => {
  it('rounds once, at the end: 18 601,86 € over 1–11 January is 550,06 €, not 550,05 €', () => {
    // 18 601,86 × 11/372 = 550,055 exactly; rounding the fraction first lands on 550,05.
    const r = checkDossier({ beneficiary: 'X', annualBudget: '18 601,86', subsidy: 100, period: { start: '2018-01-01', end: '2018-01-11' }, statedProratedBudget: '550,06 €' });
    expect(r.computed.proratedBudget).toBe('550.06');
    expect(r.findings.map((f) => f.code)).not.toContain('PRORATED_BUDGET_MISMATCH');
  });

  it('spells out a partial month so that the reader can redo the division', () => {
    const r = checkDossier({ beneficiary: 'X', annualBudget: 310000, subsidy: 5000, period: { start: '2018-07-01', end: '2018-10-15' }, statedProratedBudget: '90 416,67 €' });
    const f = r.findings.find((x) => x.code === 'PRORATED_BUDGET_MISMATCH');
    expect(f?.message).toBe(
      'Le budget proratisé annoncé (90\u202f416,67\u00a0€) diffère du budget calculé (90\u202f000\u00a0€ = 310\u202f000\u00a0€ × (3 + 15/31)/12, soit 3 mois et 15 jours sur 31).',
    );
    expect(f).toMatchObject({ expected: '90000.00', actual: '90416.67' });
  });
});
