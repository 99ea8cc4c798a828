import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidSiret, openDataCsv, openDataTable, openDataValues, readCsv, scdlRow, SCDL_COLUMNS, writeCsv, type ScdlColumn } from './opendata';
import { checkDossier } from './checks';
import { Dec } from './decimal';
import type { DossierInput } from './dossier';
import { DEFAULT_SETTINGS, resolveSettings } from './settings';
import { SCDL_SUBVENTIONS_2_1_1, stdnumSiretIsValid, validateScdlSubventions } from '../../test/support/scdl-subventions';

/** A dossier with every open-data value; the SIRETs are fictitious but pass INSEE's check. */
const complete: DossierInput = {
  id: '2018-AMFT-01',
  beneficiary: 'association Medinsoft',
  siret: '888 888 880 00018',
  subject: 'Attribution d’une subvention à l’association Medinsoft, French Tech – Approbation d’une convention',
  authority: 'Métropole d’Aix-Marseille Provence',
  authoritySiret: '99999999800019',
  actNumber: '2018-CT1-045',
  budgetYear: 2018,
  annualBudget: 800000,
  subsidy: '47.500 euros',
  convention: true,
  conventionDate: '5 mars 2018',
  aidNature: 'numéraire',
  paymentTerms: 'Échelonné',
  paymentDates: ['2018-10-15', '2018-04-16'],
  euNotification: false,
};

const item = (dossier: DossierInput, id = String(dossier.id ?? '#1')) => ({ id, dossier, subsidy: checkDossier(dossier).figures.subsidy });
const row = (patch: Partial<DossierInput>, settings = DEFAULT_SETTINGS) => scdlRow(item({ ...complete, ...patch }), settings);
const validate = (dossiers: DossierInput[], settings = DEFAULT_SETTINGS) => {
  const parsed = readCsv(openDataCsv(openDataTable(dossiers.map((d, i) => item(d, `#${i + 1}`)), settings, { all: true })));
  if (!parsed.ok) throw new Error(parsed.reason);
  return validateScdlSubventions(parsed.value);
};

describe('the test-side validator itself', () => {
  it('lists the sixteen columns in the order of the issue and of the schema', () => {
    expect(SCDL_SUBVENTIONS_2_1_1.map((f) => f.name)).toEqual([...SCDL_COLUMNS]);
  });

  it.each([
    ['73282932000074', true], // python-stdnum's own example
    ['23350001600040', true], // the schema's example idAttribuant (Région Bretagne)
    ['38047555800058', true], // the schema's example idBeneficiaire
    ['35600000000048', true], // La Poste's head office, plain Luhn
    ['35600000012340', false], // La Poste, digits not a multiple of 5
    ['73282932000075', false],
    ['12345678000014', false], // Luhn holds on the 14 digits but not on the SIREN
    ['7328293200007', false],
  ])('agrees with the export on the SIRET %s: %p', (siret, valid) => {
    expect(stdnumSiretIsValid(siret)).toBe(valid);
    expect(isValidSiret(siret)).toBe(valid);
  });

  it('catches each kind of broken cell, so that its silence means something', () => {
    const header = [...SCDL_COLUMNS];
    const good = ['Région Bretagne', '23350001600040', '2017-06-27', '', 'Asso', '38047555800058', '', 'Objet', '47800.20', 'aide en numéraire', 'unique', '2017-03-14', '', 'non', '1.00', ''];
    expect(validateScdlSubventions([header, good])).toEqual([]);
    const broken = (column: ScdlColumn, value: string) => {
      const r = [...good];
      r[header.indexOf(column)] = value;
      return validateScdlSubventions([header, r]).map((e) => `${e.field}:${e.rule}`);
    };
    expect(broken('idAttribuant', '2335000160004')).toEqual(['idAttribuant:pattern', 'idAttribuant:french-siret-value']);
    expect(broken('idAttribuant', '23350001600041')).toEqual(['idAttribuant:french-siret-value']);
    expect(broken('dateConvention', '27/06/2017')).toEqual(['dateConvention:type:date']);
    expect(broken('dateConvention', '2017-02-30')).toEqual(['dateConvention:type:date']);
    expect(broken('montant', '47 800,20')).toEqual(['montant:type:number']);
    expect(broken('nature', 'aide en numéraire; aide en nature')).toEqual(['nature:enum']);
    expect(broken('datesPeriodeVersement', '2017-03-14_2018-03-14')).toEqual(['datesPeriodeVersement:pattern']);
    expect(broken('notificationUE', 'false')).toEqual(['notificationUE:type:boolean']);
    expect(broken('pourcentageSubvention', '100')).toEqual(['pourcentageSubvention:maximum']);
    expect(broken('pourcentageSubvention', '0')).toEqual(['pourcentageSubvention:minimum']);
    expect(broken('objet', 'x'.repeat(257))).toEqual(['objet:maxLength']);
    expect(broken('idRAE', '123456')).toEqual(['idRAE:maxLength']);
    expect(broken('idBeneficiaire', '')).toEqual(['idBeneficiaire|rnaBeneficiaire:one-of-required']);
    expect(broken('rnaBeneficiaire', 'W12345678')).toEqual(['rnaBeneficiaire:pattern']);
    expect(broken('nomBeneficiaire', '')).toEqual(['nomBeneficiaire:required']);
    expect(validateScdlSubventions([header.slice(0, 15), good.slice(0, 15)])).toEqual([{ row: 0, field: '*', rule: 'header', value: header.slice(0, 15).join(',') }]);
  });
});

describe('scdlRow: every column in the schema’s format', () => {
  it('writes the complete dossier without a finding', () => {
    const { row: r, findings } = row({});
    expect(findings).toEqual([]);
    expect(r).toEqual({
      nomAttribuant: 'Métropole d’Aix-Marseille Provence',
      idAttribuant: '99999999800019',
      dateConvention: '2018-03-05',
      referenceDecision: '2018-CT1-045',
      nomBeneficiaire: 'association Medinsoft',
      idBeneficiaire: '88888888000018',
      rnaBeneficiaire: '',
      objet: 'Attribution d’une subvention à l’association Medinsoft, French Tech – Approbation d’une convention',
      montant: '47500.00',
      nature: 'aide en numéraire',
      conditionsVersement: 'échelonné',
      datesPeriodeVersement: '2018-04-16/2018-10-15',
      idRAE: '',
      notificationUE: 'non',
      pourcentageSubvention: '1.00',
      dispositifAide: '',
    });
  });

  it.each<[string, Partial<DossierInput>, ScdlColumn, string]>([
    ['montant with a dot and cents', { subsidy: '1 234,5 €' }, 'montant', '1234.50'],
    ['dateConvention from an ISO date', { conventionDate: '2018-03-05' }, 'dateConvention', '2018-03-05'],
    ['dateConvention from dd/mm/yyyy', { conventionDate: '05/03/2018' }, 'dateConvention', '2018-03-05'],
    ['nature in kind', { aidNature: 'aide en nature' }, 'nature', 'aide en nature'],
    ['nature both, in the order written', { aidNature: ['nature', 'Numéraire'] }, 'nature', 'aide en nature;aide en numéraire'],
    ['nature both, as the schema writes them', { aidNature: 'aide en numéraire;aide en nature' }, 'nature', 'aide en numéraire;aide en nature'],
    ['conditionsVersement unique', { paymentTerms: 'UNIQUE' }, 'conditionsVersement', 'unique'],
    ['conditionsVersement échelonné without accents', { paymentTerms: 'echelonne' }, 'conditionsVersement', 'échelonné'],
    ['conditionsVersement as a free description', { paymentTerms: '80 % à la signature, le solde sur bilan' }, 'conditionsVersement', '80 % à la signature, le solde sur bilan'],
    ['one payment date', { paymentDates: '2018-05-02' }, 'datesPeriodeVersement', '2018-05-02'],
    ['a period', { paymentDates: '2018-05-02/2018-12-15' }, 'datesPeriodeVersement', '2018-05-02/2018-12-15'],
    ['a period in French', { paymentDates: 'du 02/05/2018 au 15/12/2018' }, 'datesPeriodeVersement', '2018-05-02/2018-12-15'],
    ['a list of dates, first to last', { paymentDates: ['2019-01-15', '2018-09-03', '2019-06-28'] }, 'datesPeriodeVersement', '2018-09-03/2019-06-28'],
    ['a list of one date', { paymentDates: ['2018-09-03'] }, 'datesPeriodeVersement', '2018-09-03'],
    ['notificationUE true', { euNotification: true }, 'notificationUE', 'oui'],
    ['notificationUE written "Oui"', { euNotification: 'Oui' }, 'notificationUE', 'oui'],
    ['rnaBeneficiaire upper-cased, spaces removed', { rna: 'w 133 000 017' }, 'rnaBeneficiaire', 'W133000017'],
    ['idBeneficiaire as checked by identity.ts: no-break spaces and dots dropped', { siret: '888\u00a0888.880\u202f00018' }, 'idBeneficiaire', '88888888000018'],
    ['idBeneficiaire from a number cell', { siret: 88888888000018 as unknown as string }, 'idBeneficiaire', '88888888000018'],
    ['idBeneficiaire of a La Poste establishment (sum of digits)', { siret: '356 000 000 49837' }, 'idBeneficiaire', '35600000049837'],
    ['idRAE', { raeId: 12345 }, 'idRAE', '12345'],
    ['dispositifAide', { aidScheme: 'Aide à l’innovation' }, 'dispositifAide', 'Aide à l’innovation'],
    ['referenceDecision absent: empty, it is optional', { actNumber: undefined }, 'referenceDecision', ''],
  ])('%s', (_, patch, column, expected) => {
    expect(row(patch).row[column]).toBe(expected);
  });

  it('takes the authority’s name and SIRET from the settings when the dossier has none', () => {
    const { settings } = resolveSettings({ authorityName: 'Métropole d’Aix-Marseille-Provence', authoritySiret: '23350001600040' });
    const r = row({ authority: undefined, authoritySiret: undefined }, settings);
    expect([r.row.nomAttribuant, r.row.idAttribuant, r.findings]).toEqual(['Métropole d’Aix-Marseille-Provence', '23350001600040', []]);
  });
});

describe('scdlRow: a missing or unusable value is a finding and an empty cell, never a guess', () => {
  it.each<[string, Partial<DossierInput>, ScdlColumn, string, string]>([
    ['no authority name', { authority: undefined }, 'nomAttribuant', 'OPENDATA_FIELD_MISSING', 'authority'],
    ['no authority SIRET', { authoritySiret: '' }, 'idAttribuant', 'OPENDATA_FIELD_MISSING', 'authoritySiret'],
    ['an authority SIRET of 13 digits', { authoritySiret: '9999999980001' }, 'idAttribuant', 'OPENDATA_FIELD_INVALID', 'authoritySiret'],
    ['no convention date', { conventionDate: undefined }, 'dateConvention', 'OPENDATA_FIELD_MISSING', 'conventionDate'],
    ['an impossible convention date', { conventionDate: '2018-02-30' }, 'dateConvention', 'OPENDATA_FIELD_INVALID', 'conventionDate'],
    ['no beneficiary', { beneficiary: ' ' }, 'nomBeneficiaire', 'OPENDATA_FIELD_MISSING', 'beneficiary'],
    ['a beneficiary SIRET with a wrong check digit', { siret: '88888888000019' }, 'idBeneficiaire', 'OPENDATA_FIELD_INVALID', 'siret'],
    ['an RNA number of 8 digits', { rna: 'W13300001', siret: undefined }, 'rnaBeneficiaire', 'OPENDATA_FIELD_INVALID', 'rna'],
    ['no subject', { subject: undefined }, 'objet', 'OPENDATA_FIELD_MISSING', 'subject'],
    ['a subject longer than 256 characters', { subject: 'x'.repeat(257) }, 'objet', 'OPENDATA_FIELD_INVALID', 'subject'],
    ['no subsidy', { subsidy: undefined }, 'montant', 'OPENDATA_FIELD_MISSING', 'subsidy'],
    ['an unreadable subsidy', { subsidy: '47.5' }, 'montant', 'OPENDATA_FIELD_INVALID', 'subsidy'],
    ['no nature', { aidNature: undefined }, 'nature', 'OPENDATA_FIELD_MISSING', 'aidNature'],
    ['an unknown nature', { aidNature: 'prêt' }, 'nature', 'OPENDATA_FIELD_INVALID', 'aidNature'],
    ['no payment terms', { paymentTerms: undefined }, 'conditionsVersement', 'OPENDATA_FIELD_MISSING', 'paymentTerms'],
    ['a one-word typo in the payment terms', { paymentTerms: 'uniqe' }, 'conditionsVersement', 'OPENDATA_FIELD_INVALID', 'paymentTerms'],
    ['no payment dates', { paymentDates: [] }, 'datesPeriodeVersement', 'OPENDATA_FIELD_MISSING', 'paymentDates'],
    ['a reversed payment period', { paymentDates: '2018-12-15/2018-05-02' }, 'datesPeriodeVersement', 'OPENDATA_FIELD_INVALID', 'paymentDates'],
    ['an unreadable payment date', { paymentDates: ['2018-13-01'] }, 'datesPeriodeVersement', 'OPENDATA_FIELD_INVALID', 'paymentDates'],
    ['no EU notification', { euNotification: undefined }, 'notificationUE', 'OPENDATA_FIELD_MISSING', 'euNotification'],
    ['an EU notification of "peut-être"', { euNotification: 'peut-être' }, 'notificationUE', 'OPENDATA_FIELD_INVALID', 'euNotification'],
    ['an idRAE of 6 characters', { raeId: '123456' }, 'idRAE', 'OPENDATA_FIELD_INVALID', 'raeId'],
  ])('%s', (_, patch, column, code, field) => {
    const { row: r, findings } = row(patch);
    expect(r[column]).toBe('');
    expect(findings.map((f) => [f.code, f.severity, f.field])).toEqual([[code, 'error', field]]);
  });

  it('measures lengths in characters as the schema does, not in UTF-16 units: 255 letters and an emoji are 256, allowed', () => {
    const subject = `${'x'.repeat(255)}\u{1F600}`;
    const { row: r, findings } = row({ subject, raeId: '\u{1F600}'.repeat(5), paymentTerms: `versé en deux fois ${'\u{1F600}'.repeat(237)}` });
    expect([r.objet, r.idRAE, [...r.conditionsVersement].length, findings]).toEqual([subject, '\u{1F600}'.repeat(5), 256, []]);
    expect(validate([{ ...complete, subject }])).toEqual([]);
  });

  it('asks for a SIRET or an RNA number when the beneficiary has neither (one-of-required)', () => {
    const { findings } = row({ siret: undefined, rna: undefined });
    expect(findings.map((f) => [f.code, f.field])).toEqual([['OPENDATA_FIELD_MISSING', 'siret']]);
    expect(findings[0].message).toContain('RNA');
  });

  it('accepts an RNA number alone, as the schema does for associations', () => {
    expect(row({ siret: undefined, rna: 'W133000017' }).findings).toEqual([]);
  });

  it('reports exactly the columns the schema would refuse: a finding for each empty required cell', () => {
    const bare: DossierInput = { id: 'X', beneficiary: 'Asso', subsidy: 30000, annualBudget: 100000 };
    const errors = validate([bare]);
    const { findings } = scdlRow(item(bare));
    const refused = errors.map((e) => e.field).sort();
    expect(refused).toEqual(['dateConvention', 'idAttribuant', 'idBeneficiaire|rnaBeneficiaire', 'nature', 'nomAttribuant', 'notificationUE', 'objet', 'conditionsVersement', 'datesPeriodeVersement'].sort());
    expect(findings).toHaveLength(refused.length);
  });
});

describe('openDataTable: which subsidies are published', () => {
  const d = (id: string, subsidy: number | string, extra: DossierInput = {}): DossierInput => ({ ...complete, id, beneficiary: `Asso ${id}`, siret: undefined, rna: undefined, subsidy, ...extra });
  const ids = (dossiers: DossierInput[], opts = {}, settings = DEFAULT_SETTINGS) =>
    openDataTable(
      dossiers.map((x) => item(x)),
      settings,
      opts,
    ).rows.map((r) => `${r.id}${r.mandatory ? '' : '*'}`);

  it('publishes a subsidy strictly above the threshold, not one of exactly the threshold', () => {
    expect(ids([d('A', 23000), d('B', '23 000,01 €'), d('C', 1000)])).toEqual(['B']);
  });

  it('publishes 15 000 € and 12 000 € to the same body in one year (the annual amount counts)', () => {
    const a = d('A', 15000, { beneficiary: 'Les Petits Débrouillards' });
    const b = d('B', 12000, { beneficiary: 'LES PETITS DEBROUILLARDS' });
    expect(ids([a, b])).toEqual(['A', 'B']);
    expect(ids([{ ...a, subsidy: 11000 }, b])).toEqual([]);
  });

  it('leaves public bodies out, and brings every subsidy in with all (marked not mandatory)', () => {
    const pub = d('P', 50000, { beneficiaryKind: 'public' });
    expect(ids([pub, d('C', 1000)])).toEqual([]);
    expect(ids([pub, d('C', 1000)], { all: true })).toEqual(['P*', 'C*']);
  });

  it('keeps one budget year with year', () => {
    const y17 = d('A', 30000, { budgetYear: 2017 });
    const y18 = d('B', 30000, { budgetYear: undefined, period: { start: '2018-09-01', end: '2019-08-31' } });
    expect(ids([y17, y18], { year: 2018 })).toEqual(['B']);
    expect(ids([y17, y18], { year: 2017 })).toEqual(['A']);
  });

  it('follows the threshold of the settings', () => {
    const { settings } = resolveSettings({ conventionThreshold: 50000 });
    expect(ids([d('A', 47500)], {}, settings)).toEqual([]);
  });

  it('names the dossiers whose subsidy cannot be read, since nobody can tell whether to publish them', () => {
    const table = openDataTable([item(d('A', '47.5'))]);
    expect([table.rows, table.undetermined]).toEqual([[], ['A']]);
  });
});

describe('CSV', () => {
  it('quotes as RFC 4180 says, ends lines with CRLF', () => {
    expect(writeCsv([['a', 'b,c', 'd"e', 'f\ng', '']])).toBe('a,"b,c","d""e","f\ng",\r\n');
  });

  it.each([
    ['a,"b,c"\r\n', [['a', 'b,c']]],
    ['a,b\nc,d', [['a', 'b'], ['c', 'd']]],
    ['\ufeffa,"x""y"\r\n,\r\n', [['a', 'x"y'], ['', '']]],
    ['"multi\r\nline",z\r\n', [['multi\r\nline', 'z']]],
  ])('reads %p', (text, rows) => {
    expect(readCsv(text)).toEqual({ ok: true, value: rows });
  });

  it.each(['"never closed', 'a"b,c', '"a"b,c'])('refuses %p', (text) => {
    expect(readCsv(text).ok).toBe(false);
  });

  it('reads back what it writes, tricky values included', () => {
    const rows = [['nomAttribuant', 'objet'], ['Ville d’Aix', 'Fête « de la science », 2018 ; "grand public"\nsur deux lignes']];
    expect(readCsv(writeCsv(rows))).toEqual({ ok: true, value: rows });
  });
});

describe('the examples', () => {
  const examples: DossierInput[] = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'dossiers-2018.json'), 'utf8'));
  const items = examples.map((x) => item(x));

  it('export a CSV that passes the schema, with the four subsidies to publish', () => {
    const table = openDataTable(items);
    expect(table.rows.map((r) => r.id)).toEqual(['2018-AMFT-01', '2018-CULT-07', '2018-CULT-19', '2018-ECO-02']);
    expect(table.rows.flatMap((r) => r.findings)).toEqual([]);
    const parsed = readCsv(openDataCsv(table));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(validateScdlSubventions(parsed.value)).toEqual([]);
  });

  it('read back, give the same figures as the checks (round trip)', () => {
    const table = openDataTable(items, DEFAULT_SETTINGS, { all: true });
    const parsed = readCsv(openDataCsv(table));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value).toEqual(openDataValues(table));
    const [header, ...rows] = parsed.value;
    const col = (name: ScdlColumn) => header.indexOf(name);
    const byName = new Map(rows.map((r) => [r[col('nomBeneficiaire')], r]));
    for (const it of items) {
      const r = byName.get(String(it.dossier.beneficiary));
      expect(r && new Dec(r[col('montant')]).equals(it.subsidy!)).toBe(true);
    }
    const total = rows.reduce((s, r) => s.plus(r[col('montant')]), new Dec(0));
    expect(total.toFixed(2)).toBe(items.reduce((s, it) => s.plus(it.subsidy!), new Dec(0)).toFixed(2));
  });

  it('under all, leave empty only cells the schema then refuses, each with a finding', () => {
    const table = openDataTable(items, DEFAULT_SETTINGS, { all: true });
    const parsed = readCsv(openDataCsv(table));
    if (!parsed.ok) throw new Error(parsed.reason);
    const errors = validateScdlSubventions(parsed.value);
    expect(errors.every((e) => e.rule === 'required' || e.rule === 'one-of-required')).toBe(true);
    expect(errors).toHaveLength(table.rows.flatMap((r) => r.findings).length);
  });
});

describe('payment dates typed in one cell', () => {
  it.each([
    ['2018-04-16, 2018-10-15', '2018-04-16/2018-10-15'],
    ['16/04/2018 ; 15/10/2018 ; 02/01/2019', '2018-04-16/2019-01-02'],
    ['15/10/2018', '2018-10-15'],
  ])('%s gives %s', (typed, expected) => {
    const dossier = { id: 'P', beneficiary: 'Asso', siret: '88888888000018', subject: 'Objet', annualBudget: 100000, subsidy: 30000, conventionDate: '2018-03-05', paymentTerms: 'unique', paymentDates: typed, euNotification: false, aidNature: 'aide en numéraire' };
    const table = openDataTable([{ id: 'P', dossier, subsidy: new Dec(30000) }], { ...DEFAULT_SETTINGS, authoritySiret: '99999999800019', authorityName: 'Métropole' });
    expect(table.rows[0]!.row.datesPeriodeVersement).toBe(expected);
  });
});
