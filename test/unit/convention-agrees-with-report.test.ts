/**
 * The report and the convention of one dossier are voted together: every amount the
 * convention prints (subsidy in digits and in words, prorated budget, rate, each
 * co-financer's amount) must be the report's. Both are written from one checked dossier,
 * read back from what the writers produced (.docx locally, Google Docs on the fakes), and
 * compared with each other and with the checked figures.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/local/cli';
import { conventionFileName, HASH_PROPERTY, KIND_PROPERTY, reportCommand, reportFileName } from '../../src/local/commands/report';
import { docxModel, openDocx, readCustomProperties } from '../../src/local/docx';
import { documentToText } from '../../src/core/template/plain-text';
import { checkDossier } from '../../src/core/checks';
import { formatAmount, formatRate } from '../../src/core/format';
import { amountInWords } from '../../src/core/words';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import type { DossierInput } from '../../src/core/dossier';
import { reportApi, type ReportPorts } from '../../src/app/report-api';
import { CONVENTION_TEMPLATE_KEY, docsConventionTemplateSource, docsReportWriter, docsTemplateSource, driveReportIndex, sheetsReportLinks, type DocsServices, type DriveIndexServices, type LinkSheetLike } from '../../src/gas/docs-report';
import { createGoogleFakes } from '../fakes/drive';

const example: DossierInput = JSON.parse(readFileSync(join(__dirname, '../../examples/medinsoft-2018-corrige.json'), 'utf8'));
/** Cents, three co-financers and a period that is not whole months: amounts a copy-paste would get wrong. */
const withCents: DossierInput = {
  ...example,
  id: '2019-CENTS-02',
  beneficiary: 'association Les Ateliers du Port',
  period: { start: '2019-01-16', end: '2019-10-15' },
  budgetYear: 2019,
  annualBudget: '312 450,50 €',
  subsidy: '61 234,57 €',
  statedProratedBudget: undefined,
  statedRate: undefined,
  cofinancers: [
    { name: 'Métropole Aix-Marseille-Provence', amount: '20 411,52 €' },
    { name: 'Région Provence-Alpes-Côte d’Azur', amount: '20 411,52 €' },
    { name: 'Département des Bouches-du-Rhône', amount: '20 411,53 €' },
  ],
};
const DOSSIERS = [example, withCents];

/** Every amount of the checked dossier, written as the documents write them (from the core figures, not from the template fields). */
function expectedAmounts(dossier: DossierInput): { label: string; text: string }[] {
  const f = checkDossier(dossier).figures;
  const money = (d: NonNullable<typeof f.subsidy>) => formatAmount(d, { spacing: DEFAULT_SETTINGS.spacing });
  return [
    { label: 'subsidy', text: money(f.subsidy!) },
    { label: 'prorated budget', text: money(f.proratedBudget!) },
    { label: 'rate', text: formatRate(f.rate!, { spacing: DEFAULT_SETTINGS.spacing }) },
    { label: 'amount in words', text: amountInWords(f.subsidy!) },
    ...f.cofinancers.map((c, i) => ({ label: `co-financer ${i + 1}`, text: money(c.amount!) })),
  ];
}

/** The amounts a document prints: « 61 234,57 € », « 23,75 % », and what the words say. */
const AMOUNT = /\d{1,3}(?:[\u202f\u00a0]\d{3})*(?:,\d{2})?\u00a0(?:€|%)/g;
const amountsIn = (text: string) => new Set(text.match(AMOUNT) ?? []);

/** What the convention's plan adds: the annual budget as « € » (the report says « euros »), each co-financer's share, the 100 % total. */
function planFigures(dossier: DossierInput): string[] {
  const f = checkDossier(dossier).figures;
  const spacing = DEFAULT_SETTINGS.spacing;
  return [formatAmount(f.annualBudget!, { spacing }), ...f.cofinancers.map((c) => formatRate(c.shareOfSubsidy!, { spacing })), '100\u00a0%'];
}

function compare(report: string, convention: string, dossier: DossierInput) {
  for (const { label, text } of expectedAmounts(dossier)) {
    expect({ label, inReport: report.includes(text), inConvention: convention.includes(text) }).toEqual({ label, inReport: true, inConvention: true });
  }
  // No other figure in the convention: each one is the report's or one of the plan's, all from the checked dossier.
  const known = new Set([...amountsIn(report), ...planFigures(dossier)]);
  expect([...amountsIn(convention)].filter((a) => !known.has(a))).toEqual([]);
  expect(amountsIn(convention).size).toBeGreaterThanOrEqual(expectedAmounts(dossier).length - 1);
}

describe('the report and the convention of one dossier, written locally (.docx)', () => {
  const cli = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { commands: { report: reportCommand } });
    return { code, out, err };
  };
  const textOf = async (path: string) => {
    const m = docxModel(await openDocx(readFileSync(path)));
    return documentToText(m);
  };

  it.each(DOSSIERS.map((d) => [d.id!, d] as const))('print the same amounts (%s)', async (_id, dossier) => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-convention-'));
    const file = join(dir, 'dossiers.json');
    writeFileSync(file, JSON.stringify([dossier]));
    expect((await cli('report', file, '--out', dir)).code).toBe(0);
    expect((await cli('report', file, '--convention', '--out', dir)).code).toBe(0);
    const reportPath = join(dir, reportFileName(dossier.id!, dossier.beneficiary));
    const conventionPath = join(dir, conventionFileName(dossier.id!, dossier.beneficiary));
    compare(await textOf(reportPath), await textOf(conventionPath), dossier);
  });

  it('keeps both documents apart: distinct hashes, the kind recorded, neither rewritten by the other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-convention-'));
    const file = join(dir, 'dossiers.json');
    writeFileSync(file, JSON.stringify([example]));
    await cli('report', file, '--out', dir);
    await cli('report', file, '--convention', '--out', dir);
    const report = await readCustomProperties(readFileSync(join(dir, reportFileName(example.id!, example.beneficiary))));
    const convention = await readCustomProperties(readFileSync(join(dir, conventionFileName(example.id!, example.beneficiary))));
    expect(convention[HASH_PROPERTY]).not.toBe(report[HASH_PROPERTY]);
    expect([report[KIND_PROPERTY], convention[KIND_PROPERTY]]).toEqual([undefined, 'convention']);
    expect((await cli('report', file, '--out', dir)).out).toContain('conservé');
    expect((await cli('report', file, '--convention', '--out', dir)).out).toContain('conservé');
    expect(readdirSync(dir).sort()).toEqual(['convention-2018-AMFT-01-association-medinsoft.docx', '2018-AMFT-01-association-medinsoft.docx', 'dossiers.json'].sort());
  });

  it('writes no convention for a dossier that needs none, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-convention-'));
    const file = join(dir, 'dossiers.json');
    writeFileSync(file, JSON.stringify([{ ...example, subsidy: 20000, cofinancers: [], convention: false }]));
    const r = await cli('report', file, '--convention', '--out', dir);
    expect(r.out).toContain('pas de convention requise ni approuvée');
    expect(readdirSync(dir)).toEqual(['dossiers.json']);
  });
});

describe('the report and the convention of one dossier, in Google Docs (fakes)', () => {
  function setup(dossiers: DossierInput[]) {
    const fakes = createGoogleFakes();
    const services = { DocumentApp: fakes.DocumentApp, Drive: fakes.Drive } as unknown as DocsServices;
    let settings: Settings = { ...DEFAULT_SETTINGS, outputFolder: fakes.drive.addFolder('Notes') };
    const props = new Map<string, string>();
    const sheet: LinkSheetLike = {
      getDataRange: () => ({ getValues: () => [['Identifiant', 'Lien de la note', 'Date de la note'], ...dossiers.map((d) => [d.id, '', ''])] }),
      getRange: () => ({ setValues: () => undefined }),
    };
    let n = 0;
    const ports: ReportPorts = {
      dossiers: { getDossier: (ref) => dossiers.find((d) => d.id === ref) ?? null },
      settings: () => settings,
      templates: docsTemplateSource(services, () => settings),
      conventionTemplates: docsConventionTemplateSource(services, () => settings, () => ({ getProperty: (k) => props.get(k) ?? null, setProperty: (k, v) => props.set(k, v) })),
      writer: docsReportWriter(services, () => settings),
      index: driveReportIndex(services as unknown as DriveIndexServices),
      links: sheetsReportLinks(() => sheet, (iso) => iso),
      clock: { nowIso: () => '2018-06-12T08:00:00Z', todayIso: () => '2018-06-12' },
      newId: () => `call${++n}`,
    };
    const api = reportApi(ports);
    const created = api.createDefaultTemplate();
    if (created.status !== 'created') throw new Error(created.message);
    settings = { ...settings, template: created.id };
    const text = (url: string) => {
      const t = fakes.drive.getDoc(/\/d\/([^/]+)/.exec(url)![1]!)!.plainText();
      return [t.header, t.body, t.footer].join('\n');
    };
    const fileOf = (url: string) => fakes.drive.files.get(/\/d\/([^/]+)/.exec(url)![1]!)!;
    return { api, text, fileOf, props };
  }

  it.each(DOSSIERS.map((d) => [d.id!, d] as const))('print the same amounts (%s)', (_id, dossier) => {
    const env = setup([dossier]);
    const report = env.api.generateReport(dossier.id!);
    const convention = env.api.generateConvention(dossier.id!);
    if (report.status !== 'created' || convention.status !== 'created') throw new Error(`${report.message} / ${convention.message}`);
    compare(env.text(report.url), env.text(convention.url), dossier);
  });

  it('creates the convention template on first use, and keeps the two documents apart in Drive', () => {
    const env = setup([example]);
    const report = env.api.generateReport(example.id!);
    const convention = env.api.generateConvention(example.id!);
    if (report.status !== 'created' || convention.status !== 'created') throw new Error('not created');
    expect(env.props.get(CONVENTION_TEMPLATE_KEY)).toBeTruthy();
    expect(env.fileOf(convention.url).appProperties).toMatchObject({ dossierId: example.id, kind: 'convention', dataHash: convention.dataHash });
    expect(env.fileOf(report.url).appProperties.kind).toBeUndefined();
    expect(convention.dataHash).not.toBe(report.dataHash);
    // Each is found again as up to date, and neither is taken for the other.
    expect(env.api.generateReport(example.id!)).toMatchObject({ status: 'up_to_date', url: report.url });
    expect(env.api.generateConvention(example.id!)).toMatchObject({ status: 'up_to_date', url: convention.url });
  });

  it('refuses a convention to a dossier that needs none, creating nothing', () => {
    const small = { ...example, subsidy: 20000, cofinancers: [], convention: false };
    const env = setup([small]);
    expect(env.api.generateConvention(small.id!)).toMatchObject({ status: 'error', message: expect.stringContaining('ne demande pas de convention') });
    expect(env.props.size).toBe(0);
  });
});

/**
 * The cumulated rule (décret n° 2001-495: the threshold is the yearly amount given to one
 * body): a dossier under the threshold whose beneficiary's year is above it needs a
 * convention, by the command line and by the sidebar's use case alike.
 */
describe('a convention for the beneficiary’s yearly total (CONVENTION_REQUIRED_CUMULATED)', () => {
  const base = { ...example, cofinancers: [], statedProratedBudget: undefined, statedRate: undefined, convention: undefined, siret: '73282932000074', beneficiary: 'association Les Ateliers', budgetYear: 2018 };
  /** 15 000 € and 12 000 € to one body in 2018: 27 000 € in all, each under 23 000 €. */
  const first: DossierInput = { ...base, id: 'CUM-1', subsidy: '15 000 €' };
  const second: DossierInput = { ...base, id: 'CUM-2', subsidy: '12 000 €' };
  /** Another body, same year, same amount: no cumulated total. */
  const alone: DossierInput = { ...base, id: 'SEUL-1', siret: '44306184100047', beneficiary: 'association Voisine', subsidy: '15 000 €' };

  const cli = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { commands: { report: reportCommand } });
    return { code, out, err };
  };
  const fileWith = (dossiers: DossierInput[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-cumul-'));
    const file = join(dir, 'dossiers.json');
    writeFileSync(file, JSON.stringify(dossiers));
    return { dir, file };
  };

  it('writes the convention of each dossier of the total from the command line, and none for the other body', async () => {
    const { dir, file } = fileWith([first, second, alone]);
    const r = await cli('report', file, '--convention', '--out', dir);
    expect(readdirSync(dir).filter((f) => f.startsWith('convention-')).sort()).toEqual([conventionFileName('CUM-1', base.beneficiary), conventionFileName('CUM-2', base.beneficiary)].sort());
    expect(r.out).toMatch(/sans objet {2}SEUL-1/);
    const text = documentToText(docxModel(await openDocx(readFileSync(join(dir, conventionFileName('CUM-1', base.beneficiary))))));
    expect(text).toContain('15\u202f000\u00a0€ (quinze mille euros)');
  });

  it('counts the other dossiers of the file with --id (they were filtered out before the check)', async () => {
    const { dir, file } = fileWith([first, second, alone]);
    await cli('report', file, '--convention', '--id', 'CUM-2', '--out', dir);
    expect(readdirSync(dir).filter((f) => f.startsWith('convention-'))).toEqual([conventionFileName('CUM-2', base.beneficiary)]);
  });

  function api(dossiers: DossierInput[], withOthers = true) {
    const fakes = createGoogleFakes();
    const services = { DocumentApp: fakes.DocumentApp, Drive: fakes.Drive } as unknown as DocsServices;
    const settings: Settings = { ...DEFAULT_SETTINGS, outputFolder: fakes.drive.addFolder('Notes') };
    const props = new Map<string, string>();
    let n = 0;
    const sheet: LinkSheetLike = { getDataRange: () => ({ getValues: () => [['Identifiant', 'Lien de la note', 'Date de la note']] }), getRange: () => ({ setValues: () => undefined }) };
    return reportApi({
      dossiers: {
        getDossier: (ref) => dossiers.find((d) => d.id === ref) ?? null,
        ...(withOthers ? { otherDossiers: (ref: string) => dossiers.filter((d) => d.id !== ref) } : {}),
      },
      settings: () => settings,
      templates: docsTemplateSource(services, () => settings),
      conventionTemplates: docsConventionTemplateSource(services, () => settings, () => ({ getProperty: (k) => props.get(k) ?? null, setProperty: (k, v) => props.set(k, v) })),
      writer: docsReportWriter(services, () => settings),
      index: driveReportIndex(services as unknown as DriveIndexServices),
      links: sheetsReportLinks(() => sheet, (iso) => iso),
      clock: { nowIso: () => '2018-06-12T08:00:00Z', todayIso: () => '2018-06-12' },
      newId: () => `call${++n}`,
    });
  }

  it('generates it in the sidebar’s use case, with the other dossiers of the sheet, and says why beforehand', () => {
    const a = api([first, second, alone]);
    expect(a.conventionStatus('CUM-1')).toEqual({
      status: 'ok',
      needed: true,
      reason: 'cumulated',
      message: 'Convention obligatoire : la subvention (15\u202f000\u00a0€) ne dépasse pas 23\u202f000\u00a0€ à elle seule, mais les subventions de l’exercice 2018 au même bénéficiaire totalisent 27\u202f000\u00a0€ (décret n° 2001-495 du 6 juin 2001 : le seuil porte sur le montant annuel).',
    });
    expect(a.generateConvention('CUM-1')).toMatchObject({ status: 'created' });
    expect(a.conventionStatus('SEUL-1')).toMatchObject({ status: 'ok', needed: false, reason: null, message: expect.stringContaining('ni seule ni avec les autres subventions de l’exercice au même bénéficiaire') });
    expect(a.generateConvention('SEUL-1')).toMatchObject({ status: 'error', message: expect.stringContaining('ne demande pas de convention') });
  });

  it('asks for confirmation when the dossier says no convention is approved, as for the threshold', () => {
    const a = api([{ ...first, convention: false }, second]);
    const r = a.generateConvention('CUM-1');
    expect(r).toMatchObject({ status: 'needs_confirmation', findings: [expect.objectContaining({ code: 'CONVENTION_REQUIRED_CUMULATED', severity: 'error' })] });
    expect(a.generateConvention('CUM-1', { confirm: true })).toMatchObject({ status: 'created' });
  });

  it('does not count the dossier twice when it is given as data rather than by reference', () => {
    // 15 000 € given as data, its stored copy among the others: 27 000 € only with CUM-2.
    const a = api([first, { ...second, subsidy: '7 000 €' }]);
    expect(a.conventionStatus(first)).toMatchObject({ needed: false });
  });

  // 15 000 € beside a co-dossier of the same body and year whose subsidy cannot be read: the
  // yearly total is unknown, so « ne demande pas de convention » would be a false all-clear.
  it.each(['47.5', '200 00'])('says it cannot tell, naming the dossier, when the other subsidy of the year is « %s »', (other) => {
    const a = api([first, { ...second, subsidy: other }]);
    const status = a.conventionStatus('CUM-1');
    expect(status).toMatchObject({ status: 'ok', needed: false, reason: null, message: expect.stringMatching(/^Impossible de dire si une convention est requise : .*mais le dossier CUM-2 de l’exercice 2018 à « association Les Ateliers » a un montant de subvention illisible ou absent/) });
    expect((status as { message: string }).message).not.toContain('ne demande pas de convention');
    expect(a.generateConvention('CUM-1')).toMatchObject({ status: 'error', message: (status as { message: string }).message });
  });

  it('checks the dossier alone without the lookup of the others (and does not claim to have counted them)', () => {
    const a = api([first, second], false);
    const status = a.conventionStatus('CUM-1');
    expect(status).toMatchObject({ status: 'ok', needed: false });
    expect((status as { message: string }).message).not.toContain('ni seule');
  });

  it.each([
    ['the threshold', { ...first, subsidy: '30 000 €' }, 'threshold', 'Convention obligatoire : la subvention de 30\u202f000\u00a0€ dépasse le seuil de 23\u202f000\u00a0€'],
    ['an approved convention', { ...alone, convention: true }, 'approved', 'Convention approuvée : la subvention ne dépasse pas le seuil de 23\u202f000\u00a0€'],
    ['a public body', { ...alone, beneficiaryKind: 'public' }, null, 'le bénéficiaire est un organisme public'],
    ['an unreadable amount', { ...alone, subsidy: 'quinze mille' }, null, 'le montant de la subvention est absent ou illisible'],
    // The law's threshold is for private bodies: a public one needs none, whatever its amount.
    ['a public body whose amount is unreadable', { ...alone, beneficiaryKind: 'public', subsidy: 'quinze mille' }, null, 'le bénéficiaire est un organisme public'],
  ] as const)('says why for %s', (_name, dossier, reason, text) => {
    const status = api([dossier as DossierInput]).conventionStatus(String(dossier.id));
    expect(status).toMatchObject({ status: 'ok', needed: reason !== null, reason, message: expect.stringContaining(text) });
  });

  it('answers a missing or malformed dossier with a French message, never a crash', () => {
    const a = api([first]);
    expect(a.conventionStatus('NOPE')).toMatchObject({ status: 'error', message: expect.stringMatching(/NOPE/) });
    expect(a.conventionStatus(null as unknown as string)).toMatchObject({ status: 'error' });
    expect(a.generateConvention(42 as unknown as string)).toMatchObject({ status: 'error' });
  });

  it.each([
    ['co-financers that are not a list', { cofinancers: 'Métropole' }, 'dossier.cofinancers doit être une liste (reçu : un texte).'],
    ['a period that is not an object', { period: '2018' }, 'dossier.period doit être un objet (reçu : un texte).'],
    ['a subsidy that is an object', { subsidy: { amount: 1 } }, 'dossier.subsidy doit être un nombre ou un texte'],
  ])('refuses a dossier given as data with %s, naming the field and the reason', (_name, bad, message) => {
    const a = api([first, second]);
    const dossier = { ...first, ...bad } as unknown as DossierInput;
    expect(a.conventionStatus(dossier)).toEqual({ status: 'error', message: expect.stringMatching(new RegExp(`^Le dossier est mal formé : .*${message.replace(/[()]/g, '\\$&')}`)) });
    expect(a.generateConvention(dossier)).toMatchObject({ status: 'error', message: expect.stringContaining(message) });
    expect(() => a.listReportFields(dossier)).toThrow(message);
  });

  it('leaves a malformed row of the sheet out of the yearly total instead of failing', () => {
    const a = api([first, second, { ...second, id: 'CASSE', cofinancers: 'x' } as unknown as DossierInput]);
    expect(a.conventionStatus('CUM-1')).toMatchObject({ status: 'ok', reason: 'cumulated' });
  });
});
