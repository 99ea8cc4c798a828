import { budgetYearOf, beneficiaryNameKey, cumulativeConventionFindings, groupByBeneficiary, rnaOf, sirenOf, type BeneficiaryInput } from './beneficiaries';
import { Dec } from './decimal';
import type { DossierInput } from './dossier';
import { DEFAULT_SETTINGS, resolveSettings } from './settings';

const item = (id: string, dossier: DossierInput, subsidy: string | null): BeneficiaryInput => ({ id, dossier: { id, ...dossier }, subsidy: subsidy === null ? null : new Dec(subsidy) });

/** The groups as [ids, year, total] triples, easy to read in a table. */
const shape = (items: BeneficiaryInput[]) => groupByBeneficiary(items).map((g) => [g.members.map((m) => m.id).join('+'), g.year, g.total.toFixed(2)]);

describe('beneficiary identifiers', () => {
  it.each([
    ['123 456 789 00012', '123456789'],
    ['12345678900012', '123456789'],
    ['123.456.789', '123456789'],
    ['1234567890001', null],
    ['W123456789', null],
    [12345678900012, '123456789'],
  ])('reads the SIREN of %p as %p', (input, expected) => expect(sirenOf(input)).toBe(expected));

  it.each([
    [' w380475558 ', 'W380475558'],
    ['W 380 475 558', 'W380475558'],
    ['W38047555', null],
    ['380475558', null],
  ])('reads the RNA %p as %p', (input, expected) => expect(rnaOf(input)).toBe(expected));

  it('compares names without case, accents, extra spaces, hyphens or apostrophe styles', () => {
    expect(beneficiaryNameKey('  Les Petits-Débrouillards  d’Aix ')).toBe(beneficiaryNameKey("les petits debrouillards d'AIX"));
    expect(beneficiaryNameKey('Association Medinsoft')).not.toBe(beneficiaryNameKey('Medinsoft'));
  });

  it.each<[string, DossierInput, number | null]>([
    ['budgetYear first', { budgetYear: 2018, period: { start: '2017-12-01', end: '2018-03-31' } }, 2018],
    ['budgetYear as text', { budgetYear: '2019' }, 2019],
    ['else the year the period starts, across two years', { period: { start: '2017-09-01', end: '2018-08-31' } }, 2017],
    ['a French start date', { period: { start: '1er septembre 2017' } }, 2017],
    ['null without either', {}, null],
    ['null for an unreadable budgetYear', { budgetYear: 'deux mille' }, null],
  ])('budget year: %s', (_, dossier, year) => expect(budgetYearOf(dossier)).toBe(year));
});

describe('groupByBeneficiary', () => {
  it('groups names written differently, in the order of their first dossier', () => {
    expect(
      shape([
        item('A', { beneficiary: 'Les Petits Débrouillards', budgetYear: 2018 }, '15000'),
        item('B', { beneficiary: 'Medinsoft', budgetYear: 2018 }, '1000'),
        item('C', { beneficiary: 'LES PETITS  DEBROUILLARDS ', budgetYear: 2018 }, '12000'),
      ]),
    ).toEqual([
      ['A+C', 2018, '27000.00'],
      ['B', 2018, '1000.00'],
    ]);
  });

  it('keeps two years apart, unknown years last', () => {
    expect(
      shape([
        item('U', { beneficiary: 'Asso' }, '5'),
        item('A', { beneficiary: 'Asso', budgetYear: 2019 }, '1'),
        item('B', { beneficiary: 'Asso', period: { start: '2018-06-01', end: '2019-05-31' } }, '2'),
        item('C', { beneficiary: 'Asso', budgetYear: 2019 }, '3'),
      ]),
    ).toEqual([
      ['B', 2018, '2.00'],
      ['A+C', 2019, '4.00'],
      ['U', null, '5.00'],
    ]);
  });

  it('joins dossiers by SIREN whatever their names, and two establishments of one body', () => {
    expect(
      shape([
        item('A', { beneficiary: 'Association Medinsoft', siret: '12345678900012', budgetYear: 2018 }, '10'),
        item('B', { beneficiary: 'Medinsoft (antenne de Nice)', siret: '123 456 789 00020', budgetYear: 2018 }, '20'),
      ]),
    ).toEqual([['A+B', 2018, '30.00']]);
  });

  it('never joins two different SIRENs, even under the same name', () => {
    expect(
      shape([
        item('A', { beneficiary: 'Sport pour tous', siret: '12345678900012', budgetYear: 2018 }, '10'),
        item('B', { beneficiary: 'Sport pour tous', siret: '98765432100018', budgetYear: 2018 }, '20'),
      ]),
    ).toEqual([
      ['A', 2018, '10.00'],
      ['B', 2018, '20.00'],
    ]);
  });

  it('joins a dossier known only by its name to the one with a SIRET and the same name', () => {
    expect(
      shape([
        item('A', { beneficiary: 'Association Medinsoft', siret: '12345678900012', budgetYear: 2018 }, '15000'),
        item('B', { beneficiary: 'association  medinsoft', budgetYear: 2018 }, '12000'),
      ]),
    ).toEqual([['A+B', 2018, '27000.00']]);
  });

  it('joins SIRET-only and RNA-only dossiers of the same name (one association, two identifiers)', () => {
    const groups = groupByBeneficiary([
      item('A', { beneficiary: 'Les Petits Débrouillards', siret: '12345678900012', budgetYear: 2018 }, '1'),
      item('B', { beneficiary: 'les petits débrouillards', rna: 'W131000001', budgetYear: 2018 }, '2'),
    ]);
    expect(groups.map((g) => [g.members.length, g.siren, g.rna])).toEqual([[2, '123456789', 'W131000001']]);
  });

  it('leaves a name-only dossier alone when its name is shared by two different identified bodies', () => {
    expect(
      shape([
        item('A', { beneficiary: 'Sport pour tous', siret: '12345678900012', budgetYear: 2018 }, '10'),
        item('B', { beneficiary: 'Sport pour tous', siret: '98765432100018', budgetYear: 2018 }, '20'),
        item('C', { beneficiary: 'Sport pour tous', budgetYear: 2018 }, '30'),
      ]),
    ).toEqual([
      ['A', 2018, '10.00'],
      ['B', 2018, '20.00'],
      ['C', 2018, '30.00'],
    ]);
  });

  it('ignores a malformed SIRET and falls back to the name', () => {
    expect(
      shape([
        item('A', { beneficiary: 'Asso', siret: '1234', budgetYear: 2018 }, '1'),
        item('B', { beneficiary: 'asso', budgetYear: 2018 }, '2'),
      ]),
    ).toEqual([['A+B', 2018, '3.00']]);
  });

  it('marks a total with an unreadable subsidy as incomplete', () => {
    const [g] = groupByBeneficiary([item('A', { beneficiary: 'Asso', budgetYear: 2018 }, '1'), item('B', { beneficiary: 'Asso', budgetYear: 2018 }, null)]);
    expect([g.total.toFixed(2), g.incomplete]).toEqual(['1.00', true]);
  });
});

describe('cumulativeConventionFindings', () => {
  const pair = (a: string, b: string, extra: DossierInput = {}) => [
    item('2018-A', { beneficiary: 'Les Petits Débrouillards', budgetYear: 2018, ...extra }, a),
    item('2018-B', { beneficiary: 'les petits debrouillards', budgetYear: 2018, ...extra }, b),
  ];
  const run = (items: BeneficiaryInput[], settings = DEFAULT_SETTINGS) =>
    [...cumulativeConventionFindings(groupByBeneficiary(items, settings), items, settings)].map(([i, fs]) => [items[i].id, fs.map((f) => `${f.code}:${f.severity}`).join(',')]);

  it.each([
    ['15 000 + 12 000: each gets the finding', '15000', '12000', 2],
    ['11 000 + 12 000: neither', '11000', '12000', 0],
    ['a total of exactly the threshold: neither', '11500', '11500', 0],
    ['one cent above the threshold: both', '11500', '11500.01', 2],
  ])('%s', (_, a, b, count) => {
    expect(run(pair(a, b))).toHaveLength(count);
  });

  it('says warning when the dossier says nothing about a convention, error when it says none, info when one is approved', () => {
    const items = [
      item('A', { beneficiary: 'Asso', budgetYear: 2018 }, '10000'),
      item('B', { beneficiary: 'Asso', budgetYear: 2018, convention: false }, '10000'),
      item('C', { beneficiary: 'Asso', budgetYear: 2018, convention: true }, '10000'),
    ];
    expect(run(items)).toEqual([
      ['A', 'CONVENTION_REQUIRED_CUMULATED:warning'],
      ['B', 'CONVENTION_REQUIRED_CUMULATED:error'],
      ['C', 'CONVENTION_REQUIRED_CUMULATED:info'],
    ]);
  });

  it('names the other dossiers and the total in its message', () => {
    const items = pair('15000', '12000');
    const found = cumulativeConventionFindings(groupByBeneficiary(items), items);
    const f = found.get(1)![0];
    expect(f.message).toBe(
      'Cette subvention (12\u202f000\u00a0€) ne dépasse pas 23\u202f000\u00a0€ à elle seule, mais avec le dossier 2018-A (15\u202f000\u00a0€), ' +
        'les subventions de l’exercice 2018 à « Les Petits Débrouillards » totalisent 27\u202f000\u00a0€ : une convention est obligatoire, ' +
        'le seuil portant sur le montant annuel attribué à un même organisme (décret n° 2001-495 du 6 juin 2001) ; indiquez si elle est approuvée.',
    );
    expect(f).toMatchObject({ field: 'convention', actual: '27000.00' });
  });

  it.each([
    // others in the group, what the message says of them
    [1, 'avec le dossier D0 (15\u202f000\u00a0€), les subventions'],
    [3, 'avec les dossiers D0 (15\u202f000\u00a0€), D1 (15\u202f000\u00a0€) et D2 (15\u202f000\u00a0€), les subventions'],
    [4, 'avec les dossiers D0 (15\u202f000\u00a0€), D1 (15\u202f000\u00a0€), D2 (15\u202f000\u00a0€) et 1 autre, les 5 subventions'],
    [250, 'avec les dossiers D0 (15\u202f000\u00a0€), D1 (15\u202f000\u00a0€), D2 (15\u202f000\u00a0€) et 247 autres, les 251 subventions'],
  ])('names at most three other dossiers and counts the rest (%i others)', (others, said) => {
    const items = Array.from({ length: others + 1 }, (_, i) => item(`D${i}`, { beneficiary: 'Asso', budgetYear: 2018 }, '15000'));
    const last = cumulativeConventionFindings(groupByBeneficiary(items), items).get(others)![0]!;
    expect(last.message).toContain(said);
    expect(last.actual).toBe(new Dec(15000).times(others + 1).toFixed(2));
  });

  it('keeps every finding short however many dossiers the beneficiary has: the output grows with the dossiers, not their square', () => {
    const many = (n: number) => {
      const items = Array.from({ length: n }, (_, i) => item(`D${i}`, { beneficiary: 'Asso', budgetYear: 2018 }, '5000'));
      return [...cumulativeConventionFindings(groupByBeneficiary(items), items).values()].reduce((sum, fs) => sum + fs[0]!.message.length, 0);
    };
    // Ten times the dossiers, ten times the text (a digit or two more in the counts).
    expect(many(2000) / many(200)).toBeLessThan(10.2);
  });

  it('gives nothing to a dossier already above the threshold on its own, but flags the small one beside it', () => {
    expect(run(pair('30000', '5000'))).toEqual([['2018-B', 'CONVENTION_REQUIRED_CUMULATED:warning']]);
  });

  it('excludes public bodies', () => {
    expect(run(pair('15000', '12000', { beneficiaryKind: 'public' }))).toEqual([]);
  });

  it('does not add up dossiers whose year is unknown', () => {
    const items = [item('A', { beneficiary: 'Asso' }, '15000'), item('B', { beneficiary: 'Asso' }, '12000')];
    expect(run(items)).toEqual([]);
  });

  it('follows the threshold of the settings', () => {
    const { settings } = resolveSettings({ conventionThreshold: 30000 });
    expect(run(pair('15000', '12000'), settings)).toEqual([]);
  });
});

describe('cumulativeConventionFindings with a subsidy that cannot be read', () => {
  const asso = (id: string, subsidy: string | null, extra: DossierInput = {}) => item(id, { beneficiary: 'Asso des Quartiers', budgetYear: 2018, ...extra }, subsidy);
  const run = (items: BeneficiaryInput[]) =>
    [...cumulativeConventionFindings(groupByBeneficiary(items), items)].map(([i, fs]) => [items[i].id, fs.map((f) => `${f.code}:${f.severity}`).join(',')]);

  it('cannot say « not required » for 15 000 € beside an unreadable co-dossier: CONVENTION_CUMULATED_UNKNOWN, naming it', () => {
    const items = [asso('2018-A', '15000'), asso('2018-B', null)];
    expect(run(items)).toEqual([['2018-A', 'CONVENTION_CUMULATED_UNKNOWN:warning']]);
    const f = cumulativeConventionFindings(groupByBeneficiary(items), items).get(0)![0]!;
    expect(f.message).toBe(
      'Impossible de dire si une convention est requise : cette subvention (15\u202f000\u00a0€) ne dépasse pas 23\u202f000\u00a0€ à elle seule, ' +
        'mais le dossier 2018-B de l’exercice 2018 à « Asso des Quartiers » a un montant de subvention illisible ou absent ; ' +
        'les subventions lisibles totalisent 15\u202f000\u00a0€, et le total de l’exercice peut dépasser le seuil, qui porte sur le montant annuel attribué à un même organisme (décret n° 2001-495 du 6 juin 2001) : corrigez ce montant.',
    );
    expect(f).toMatchObject({ field: 'convention', actual: '15000.00' });
    expect(groupByBeneficiary(items)[0]).toMatchObject({ conventionRequired: false, conventionUnknown: true, incomplete: true });
  });

  it('keeps CONVENTION_REQUIRED_CUMULATED when the readable part alone exceeds the threshold (the total is at least that)', () => {
    const items = [asso('A', '15000'), asso('B', '12000'), asso('C', null)];
    expect(run(items)).toEqual([
      ['A', 'CONVENTION_REQUIRED_CUMULATED:warning'],
      ['B', 'CONVENTION_REQUIRED_CUMULATED:warning'],
    ]);
    expect(groupByBeneficiary(items)[0]).toMatchObject({ conventionRequired: true, conventionUnknown: false });
  });

  it('says info when a convention is approved anyway, warning when the dossier says none', () => {
    expect(run([asso('A', '5000', { convention: true }), asso('B', '5000', { convention: false }), asso('C', null)])).toEqual([
      ['A', 'CONVENTION_CUMULATED_UNKNOWN:info'],
      ['B', 'CONVENTION_CUMULATED_UNKNOWN:warning'],
    ]);
  });

  it.each([
    [1, 'mais le dossier U0 de l’exercice 2018 à « Asso des Quartiers » a un montant'],
    [2, 'mais les dossiers U0 et U1 de l’exercice 2018 à « Asso des Quartiers » ont un montant'],
    [3, 'mais les dossiers U0, U1 et U2 de l’exercice'],
    [4, 'mais les dossiers U0, U1, U2 et 1 autre de l’exercice'],
    [250, 'mais les dossiers U0, U1, U2 et 247 autres de l’exercice'],
  ])('names at most three unreadable dossiers and counts the rest (%i unreadable)', (n, said) => {
    const items = [asso('A', '1000'), ...Array.from({ length: n }, (_, i) => asso(`U${i}`, null))];
    const found = cumulativeConventionFindings(groupByBeneficiary(items), items);
    expect([...found.keys()]).toEqual([0]);
    expect(found.get(0)![0]!.message).toContain(said);
  });

  it('keeps every finding short however many dossiers the beneficiary has', () => {
    const many = (n: number) => {
      const items = Array.from({ length: n }, (_, i) => asso(`D${i}`, i % 2 ? null : '10'));
      return [...cumulativeConventionFindings(groupByBeneficiary(items), items).values()].reduce((sum, fs) => sum + fs[0]!.message.length, 0);
    };
    expect(many(2000) / many(200)).toBeLessThan(10.2);
  });

  it.each([
    ['an unreadable dossier alone', [asso('A', null)]],
    ['a public body', [asso('A', '15000', { beneficiaryKind: 'public' }), asso('B', null, { beneficiaryKind: 'public' })]],
    ['another beneficiary’s unreadable dossier', [asso('A', '15000'), item('B', { beneficiary: 'Autre asso', budgetYear: 2018 }, null)]],
    ['another year’s unreadable dossier', [asso('A', '15000'), asso('B', null, { budgetYear: 2019 })]],
    ['a dossier above the threshold on its own (CONVENTION_REQUIRED already)', [asso('A', '30000'), asso('B', null)]],
  ])('adds nothing for %s', (_, items) => {
    expect(run(items as BeneficiaryInput[])).toEqual([]);
  });
});
