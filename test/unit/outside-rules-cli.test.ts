// A second outside check of the command line, on cases neither the project's tests nor the first
// outside check (contract-cli.test.ts) tried. The built CLI (bin/rapporteur.js after
// `node build.mjs`) is run as a user runs it, on files written to a temp folder. Every expected
// figure was worked out by hand from the rules (exact fractions, ROUND_HALF_UP decimals, checked
// with python3), never read from the product; each case names the rule it exercises.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { cliSandbox, CLI } from '../support/cli-sandbox';


const sandbox = cliSandbox('outside-cli-');
const { run, file } = sandbox;
const spaces = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');
const NO_TRACE = /\bat \S+ \(|\n\s+at |TypeError|ReferenceError|SyntaxError: /;

type Sev = 'error' | 'warning' | 'info';
/** [code, severity, field, fragments the French message must hold] */
type F = [string, Sev, string, string[]?];
interface Computed {
  months?: number | null;
  proratedBudget?: string | null;
  /** rounded half up to 6 decimals */
  rate?: string | null;
  cofinancingTotal?: string | null;
  conventionRequired?: boolean | null;
  subsidy?: string | null;
}
interface Case {
  rule: string;
  dossier: object | object[];
  exit: 0 | 1;
  /** the findings of each dossier, exactly (order aside) */
  findings: F[] | F[][];
  computed?: Computed | Computed[];
}

const base = { id: 'Q-1', beneficiary: 'association Témoin', budgetYear: 2018 };
const d = (over: object) => ({ ...base, ...over });
const per = (start: string, end: string) => ({ period: { start, end } });

const cases: Case[] = [
  // ---------- proration ----------
  {
    rule: 'months: 30 Jan – 28 Feb 2019 = 1 + 1/30 (EDATE(30 Jan, 1) = 28 Feb, then [28 Feb, 30 Mar)); stated 3 100 € matches',
    dossier: d({ budgetYear: 2019, ...per('2019-01-30', '2019-02-28'), annualBudget: 36000, subsidy: 1000, statedProratedBudget: '3 100 €', statedRate: '32,26 %' }),
    exit: 0,
    findings: [],
    computed: { months: 31 / 30, proratedBudget: '3100.00', rate: '0.322581' },
  },
  {
    rule: 'months: 29 Feb 2020 – 28 Feb 2022 = 24 + 1/29, counted from the start; too long, leaves 2020',
    dossier: d({ budgetYear: 2020, ...per('2020-02-29', '2022-02-28'), annualBudget: 120000, subsidy: 12000 }),
    exit: 0,
    findings: [
      ['PERIOD_TOO_LONG', 'warning', 'period.end', ['24,03 mois']],
      ['PERIOD_OUTSIDE_YEAR', 'warning', 'period.end', ['2020']],
    ],
    computed: { months: 24 + 1 / 29, proratedBudget: '240344.83', rate: '0.049928' },
  },
  {
    rule: 'months: 1 Jan 2018 – 1 Jan 2019 = 12 + 1/31: one day too long',
    dossier: d({ ...per('2018-01-01', '2019-01-01'), annualBudget: 800000, subsidy: 20000 }),
    exit: 0,
    findings: [
      ['PERIOD_TOO_LONG', 'warning', 'period.end'],
      ['PERIOD_OUTSIDE_YEAR', 'warning', 'period.end'],
    ],
    computed: { months: 12 + 1 / 31, proratedBudget: '802150.54', rate: '0.024933' },
  },
  {
    rule: 'days: 31 Dec 2019 – 1 Jan 2020 = 1/365 + 1/366; months 2/31; leaves 2019 by its end',
    dossier: d({ budgetYear: 2019, ...per('2019-12-31', '2020-01-01'), prorationMethod: 'days', annualBudget: 100000, subsidy: 100 }),
    exit: 0,
    findings: [['PERIOD_OUTSIDE_YEAR', 'warning', 'period.end']],
    computed: { months: 2 / 31, proratedBudget: '547.20', rate: '0.182749' },
  },
  {
    rule: 'days: 16 Jan – 31 Mar 2018 = 75/365 → 20 547,95 €; 10 000 € on it is 48,67 %',
    dossier: d({ ...per('2018-01-16', '2018-03-31'), prorationMethod: 'days', annualBudget: 100000, subsidy: 10000, statedProratedBudget: '20 547,95 €', statedRate: '48,67 %' }),
    exit: 0,
    findings: [],
    computed: { months: 2 + 16 / 31, proratedBudget: '20547.95', rate: '0.486667' },
  },
  {
    rule: '30/360: one day on 30 Jan is 0/360 (the day after is the 31st, counted 30): a zero base, no rate',
    dossier: d({ ...per('2018-01-30', '2018-01-30'), prorationMethod: '30/360', annualBudget: 36000, subsidy: 100 }),
    exit: 1,
    findings: [['AMOUNT_INVALID', 'error', 'period.end']],
    computed: { months: 1 / 29, proratedBudget: '0.00', rate: null },
  },
  {
    rule: '30/360: 28 Feb – 31 Mar 2018 = 33/360 (30E moves no February day)',
    dossier: d({ ...per('2018-02-28', '2018-03-31'), prorationMethod: '30/360', annualBudget: 36000, subsidy: 330, statedRate: '10 %' }),
    exit: 0,
    findings: [],
    computed: { proratedBudget: '3300.00', rate: '0.100000' },
  },
  // ---------- rate ----------
  {
    rule: 'rate: a 0.1 cell is 10 % at 0 decimals; 12 000 / 100 000 = 12 %: mismatch giving both',
    dossier: d({ annualBudget: 100000, subsidy: 12000, statedRate: 0.1 }),
    exit: 1,
    findings: [['RATE_MISMATCH', 'error', 'statedRate', ['10 %', '12,00 %']]],
    computed: { rate: '0.120000' },
  },
  {
    rule: 'rate: "36.84 %" writes its decimals with a dot: refused, not guessed',
    dossier: d({ annualBudget: 47500, subsidy: 17500, statedRate: '36.84 %' }),
    exit: 1,
    findings: [['AMOUNT_INVALID', 'error', 'statedRate', ['36,84']]],
  },
  {
    rule: 'rate: exactly 100 % is not above 100 (cap warning only); "100 %" matches',
    dossier: d({ annualBudget: 20000, subsidy: 20000, statedRate: '100 %' }),
    exit: 0,
    findings: [['RATE_ABOVE_CAP', 'warning', 'subsidy']],
    computed: { rate: '1.000000' },
  },
  // ---------- amounts at the cent (found by this check) ----------
  {
    rule: 'cents: 200000.004 on a base of 200 000 € is 200 000,00 € voted: 100 %, not above it',
    dossier: d({ annualBudget: 200000, subsidy: 200000.004, convention: true }),
    exit: 0,
    findings: [
      ['RATE_ABOVE_CAP', 'warning', 'subsidy'],
      ['CONVENTION_REQUIRED', 'info', 'convention'],
    ],
    computed: { subsidy: '200000.00', rate: '1.000000' },
  },
  {
    rule: 'threshold: 23000.004 is the 23 000,00 € voted: no convention required, even with convention false',
    dossier: d({ annualBudget: 800000, subsidy: 23000.004, convention: false }),
    exit: 0,
    findings: [],
    computed: { subsidy: '23000.00', conventionRequired: false },
  },
  {
    rule: 'threshold: 23000.005 rounds half up to 23 000,01 €: required, and convention false is an error',
    dossier: d({ annualBudget: 800000, subsidy: 23000.005, convention: false }),
    exit: 1,
    findings: [['CONVENTION_REQUIRED', 'error', 'convention', ['23 000,01 €', '23 000 €']]],
    computed: { subsidy: '23000.01', conventionRequired: true },
  },
  {
    rule: 'cents: co-financers of 50.004 each are 50,00 € each: they add up to the 100 € subsidy',
    dossier: d({ annualBudget: 800000, subsidy: 100, cofinancers: [{ name: 'A', amount: 50.004 }, { name: 'B', amount: 50.004 }] }),
    exit: 0,
    findings: [],
    computed: { cofinancingTotal: '100.00' },
  },
  {
    rule: 'cents: a co-financer of 0.004 is 0,00 €: COFINANCER_ZERO',
    dossier: d({ annualBudget: 800000, subsidy: 100, cofinancers: [{ name: 'A', amount: 100 }, { name: 'B', amount: 0.004 }] }),
    exit: 0,
    findings: [['COFINANCER_ZERO', 'warning', 'cofinancers[1].amount']],
  },
  {
    rule: 'cents: an annual budget of 0.004 is a zero budget, not a base exceeded by 2 500 000 %',
    dossier: d({ annualBudget: 0.004, subsidy: 100 }),
    exit: 1,
    findings: [['AMOUNT_INVALID', 'error', 'annualBudget']],
    computed: { rate: null },
  },
  {
    rule: 'threshold: a company is a private body: 23 000,01 € needs a convention',
    dossier: d({ beneficiary: 'SAS Exemple', beneficiaryKind: 'company', annualBudget: 800000, subsidy: '23 000,01 €' }),
    exit: 0,
    findings: [['CONVENTION_REQUIRED', 'warning', 'convention']],
    computed: { conventionRequired: true },
  },
  // ---------- the yearly total per body ----------
  {
    rule: 'cumulated: 30 000 € alone needs one (CONVENTION_REQUIRED); 5 000 € with it gets the cumulated finding',
    dossier: [d({ id: 'C-1', annualBudget: 800000, subsidy: 30000 }), d({ id: 'C-2', annualBudget: 800000, subsidy: 5000 })],
    exit: 0,
    findings: [[['CONVENTION_REQUIRED', 'warning', 'convention']], [['CONVENTION_REQUIRED_CUMULATED', 'warning', 'convention', ['35 000 €', 'C-1']]]],
  },
  {
    rule: 'cumulated: 8 000 + 8 000 + 7 000,01 = 23 000,01 €: all three; the one saying convention false is an error',
    dossier: [
      d({ id: 'T-1', annualBudget: 800000, subsidy: 8000 }),
      d({ id: 'T-2', annualBudget: 800000, subsidy: 8000 }),
      d({ id: 'T-3', annualBudget: 800000, subsidy: 7000.01, convention: false }),
    ],
    exit: 1,
    findings: [
      [['CONVENTION_REQUIRED_CUMULATED', 'warning', 'convention', ['23 000,01 €']]],
      [['CONVENTION_REQUIRED_CUMULATED', 'warning', 'convention']],
      [['CONVENTION_REQUIRED_CUMULATED', 'error', 'convention']],
    ],
  },
  {
    rule: 'cumulated: each subsidy at the cent: 15000.004 + 8 000 = 23 000,00 €, not above',
    dossier: [d({ id: 'P-1', annualBudget: 800000, subsidy: 15000.004 }), d({ id: 'P-2', annualBudget: 800000, subsidy: 8000 })],
    exit: 0,
    findings: [[], []],
  },
  {
    rule: 'cumulated: the same body written with other case and spaces',
    dossier: [d({ id: 'N-1', annualBudget: 800000, subsidy: 15000 }), d({ id: 'N-2', beneficiary: 'Association  TÉMOIN ', annualBudget: 800000, subsidy: 9000 })],
    exit: 0,
    findings: [[['CONVENTION_REQUIRED_CUMULATED', 'warning', 'convention', ['24 000 €']]], [['CONVENTION_REQUIRED_CUMULATED', 'warning', 'convention', ['24 000 €']]]],
  },
  {
    rule: 'cumulated: no rule for a public body',
    dossier: [d({ id: 'U-1', beneficiaryKind: 'public', annualBudget: 800000, subsidy: 15000 }), d({ id: 'U-2', beneficiaryKind: 'public', annualBudget: 800000, subsidy: 9000 })],
    exit: 0,
    findings: [[], []],
  },
  {
    rule: 'cumulated: other budget years do not add up',
    dossier: [d({ id: 'Y-1', annualBudget: 800000, subsidy: 15000 }), d({ id: 'Y-2', budgetYear: 2019, annualBudget: 800000, subsidy: 9000 })],
    exit: 0,
    findings: [[], []],
  },
  // ---------- co-financing ----------
  {
    rule: 'co-financing: a repeated name, case, accents and spaces aside',
    dossier: d({ annualBudget: 800000, subsidy: 20000, cofinancers: [{ name: 'Région Sud', amount: 5000 }, { name: 'REGION  SUD', amount: 15000 }] }),
    exit: 0,
    findings: [['COFINANCER_DUPLICATE', 'warning', 'cofinancers[1].name']],
    computed: { cofinancingTotal: '20000.00' },
  },
  {
    rule: 'co-financing: a line without amount: FIELD_MISSING there, no total',
    dossier: d({ annualBudget: 800000, subsidy: 20000, cofinancers: [{ name: 'A' }, { name: 'B', amount: 20000 }] }),
    exit: 1,
    findings: [['FIELD_MISSING', 'error', 'cofinancers[0].amount']],
    computed: { cofinancingTotal: null },
  },
  {
    rule: 'co-financing: a line without name',
    dossier: d({ annualBudget: 800000, subsidy: 20000, cofinancers: [{ amount: 20000 }] }),
    exit: 1,
    findings: [['FIELD_MISSING', 'error', 'cofinancers[0].name']],
    computed: { cofinancingTotal: '20000.00' },
  },
  {
    rule: 'co-financing: cents add up across styles: 12 345,67 = 10.000,50 + 2 345,17',
    dossier: d({ annualBudget: 800000, subsidy: '12 345,67 €', cofinancers: [{ name: 'A', amount: '10.000,50' }, { name: 'B', amount: 2345.17 }] }),
    exit: 0,
    findings: [],
    computed: { cofinancingTotal: '12345.67' },
  },
  {
    rule: 'co-financing: one cent short, the difference signed',
    dossier: d({ annualBudget: 800000, subsidy: 12345.67, cofinancers: [{ name: 'A', amount: 10000.5 }, { name: 'B', amount: 2345.16 }] }),
    exit: 1,
    findings: [['COFINANCING_SUM_MISMATCH', 'error', 'cofinancers', ['12 345,66 €', '12 345,67 €', '-0,01 €']]],
    computed: { cofinancingTotal: '12345.66' },
  },
  // ---------- fields ----------
  {
    rule: 'fields: a stated prorated budget without a period cannot be checked',
    dossier: d({ annualBudget: 800000, subsidy: 20000, statedProratedBudget: '200 000 €' }),
    exit: 1,
    findings: [['FIELD_MISSING', 'error', 'period']],
  },
  {
    rule: 'fields: half a period',
    dossier: d({ period: { start: '2018-01-01' }, annualBudget: 800000, subsidy: 1000 }),
    exit: 1,
    findings: [['FIELD_MISSING', 'error', 'period.end']],
    computed: { proratedBudget: null, rate: null },
  },
  {
    rule: 'fields: an ISO date without its leading zeros is not read',
    dossier: d({ ...per('2018-1-1', '2018-03-31'), annualBudget: 800000, subsidy: 1000 }),
    exit: 1,
    findings: [['PERIOD_INVALID', 'error', 'period.start', ['2018-1-1']]],
  },
  {
    rule: 'fields: 29 February of a common year',
    dossier: d({ ...per('2018-01-01', '2018-02-29'), annualBudget: 800000, subsidy: 1000 }),
    exit: 1,
    findings: [['PERIOD_INVALID', 'error', 'period.end']],
  },
  {
    rule: 'fields: a budget year that is not a year',
    dossier: d({ budgetYear: 'deux mille', ...per('2018-01-01', '2018-03-31'), annualBudget: 800000, subsidy: 1000 }),
    exit: 1,
    findings: [['FIELD_INVALID', 'error', 'budgetYear']],
  },
  {
    rule: 'fields: the budget year 2019 for a period of 2018: the start leaves it',
    dossier: d({ budgetYear: 2019, ...per('2018-01-01', '2018-03-31'), annualBudget: 800000, subsidy: 1000 }),
    exit: 0,
    findings: [['PERIOD_OUTSIDE_YEAR', 'warning', 'period.start']],
  },
  {
    rule: 'fields: a beneficiary kind outside association, company, public',
    dossier: d({ beneficiaryKind: 'commune', annualBudget: 800000, subsidy: 1000 }),
    exit: 1,
    findings: [['FIELD_INVALID', 'error', 'beneficiaryKind']],
  },
  {
    rule: 'amounts: "1,000" has three decimals (not a thousand)',
    dossier: d({ annualBudget: 800000, subsidy: '1,000' }),
    exit: 1,
    findings: [['AMOUNT_INVALID', 'error', 'subsidy', ['1,000']]],
    computed: { subsidy: null, rate: null },
  },
  {
    rule: 'amounts: "1 500 k€" is not read as 1 500',
    dossier: d({ annualBudget: 800000, subsidy: '1 500 k€' }),
    exit: 1,
    findings: [['AMOUNT_INVALID', 'error', 'subsidy']],
  },
  {
    rule: 'amounts: "47 500 $" is not in euros',
    dossier: d({ annualBudget: 800000, subsidy: '47 500 $' }),
    exit: 1,
    findings: [['AMOUNT_INVALID', 'error', 'subsidy']],
  },
];

describe('rapporteur check --json, outside cases', () => {
  it.each(cases.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    const r = run(['check', file('dossier.json', JSON.stringify(c.dossier)), '--json']);
    expect(r.stderr).not.toMatch(NO_TRACE);
    const out = JSON.parse(r.stdout);
    const dossiers = Array.isArray(c.dossier) ? c.dossier : [c.dossier];
    const findings = (Array.isArray(c.dossier) ? c.findings : [c.findings]) as F[][];
    const computed = c.computed === undefined ? [] : Array.isArray(c.computed) ? c.computed : [c.computed];
    expect(out.dossiers).toHaveLength(dossiers.length);
    out.dossiers.forEach((got: any, i: number) => {
      const actual = got.findings.map((f: any) => `${f.code}/${f.severity}/${f.field}`).sort();
      expect(actual).toEqual(findings[i].map(([code, sev, field]) => `${code}/${sev}/${field}`).sort());
      for (const [code, , field, parts] of findings[i]) {
        const f = got.findings.find((x: any) => x.code === code && x.field === field);
        for (const p of parts ?? []) expect(spaces(f.message)).toContain(p);
      }
      const want = computed[i];
      if (want) {
        const c2 = got.computed;
        if ('months' in want) {
          if (want.months === null) expect(c2.months).toBeNull();
          else expect(c2.months).toBeCloseTo(want.months as number, 6);
        }
        if ('rate' in want) expect(c2.rate === null ? null : Number(c2.rate).toFixed(6)).toBe(want.rate);
        for (const k of ['proratedBudget', 'cofinancingTotal', 'conventionRequired', 'subsidy'] as const) if (k in want) expect([k, c2[k]]).toEqual([k, want[k]]);
      }
    });
    expect(r.status).toBe(c.exit);
  });
});

describe('rapporteur check, input it cannot read (exit 2, French, the field named, no stack trace)', () => {
  const dossier = { id: 'E-1', beneficiary: 'association E', annualBudget: 1000, subsidy: 100 };
  it.each([
    ['an empty file', () => file('vide.json', ''), /vide/],
    ['an empty list', () => file('liste.json', '[]'), /aucun dossier/],
    ['null', () => file('null.json', 'null'), /objet/],
    ['a list of numbers, each place named', () => file('nombres.json', '[1, 2]'), /dossier\[0\][\s\S]*dossier\[1\]/],
    ['a boolean subsidy', () => file('bool.json', JSON.stringify({ ...dossier, subsidy: true })), /subsidy/],
    ['convention "oui" instead of true', () => file('oui.json', JSON.stringify({ ...dossier, convention: 'oui' })), /convention/],
    ['cofinancers as an object', () => file('obj.json', JSON.stringify({ ...dossier, cofinancers: { name: 'A', amount: 100 } })), /cofinancers/],
    ['a null co-financer', () => file('nullcof.json', JSON.stringify({ ...dossier, cofinancers: [null] })), /cofinancers\[0\]/],
    [
      'a folder named like a dossier file',
      () => {
        const p = join(sandbox.dir, `${sandbox.next()}-dossiers.json`);
        mkdirSync(p);
        return p;
      },
      /dossier, pas un fichier/,
    ],
  ] as [string, () => string, RegExp][])('%s', (_n, path, says) => {
    const r = run(['check', path(), '--json']);
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.error.code).toBe('INPUT_UNREADABLE');
    expect(out.error.message).toMatch(says);
    expect(r.stderr).toMatch(says);
    expect(r.stderr).not.toMatch(NO_TRACE);
  });

  it('reads a JSON file that starts with a byte order mark (Windows Notepad writes one)', () => {
    const r = run(['check', file('bom.json', '\ufeff' + JSON.stringify(dossier)), '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).dossiers[0].computed.rate).toBe('0.100000');
  });

  it('an unknown command: exit 2, the usage in French', () => {
    const r = run(['controle', 'x.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Commande inconnue « controle »');
    expect(r.stderr).toContain('Usage :');
  });

  it('settings that would silently change a check are refused: a negative threshold, an unknown key', () => {
    const input = file('ok.json', JSON.stringify(dossier));
    for (const settings of [{ conventionThreshold: -5 }, { seuil: 10000 }, { prorationMethod: 'jours' }]) {
      const r = run(['check', input, '--json', '--settings', file('settings.json', JSON.stringify(settings))]);
      expect(r.status).toBe(2);
      expect(JSON.parse(r.stdout).error.code).toBe('INPUT_UNREADABLE');
      expect(r.stderr).not.toMatch(NO_TRACE);
    }
  });

  it('the text output is French and sums up the findings', () => {
    const r = run(['check', file('texte.json', JSON.stringify({ ...dossier, statedRate: '12 %' }))]);
    expect(r.status).toBe(1);
    expect(spaces(r.stdout)).toContain('Le taux annoncé (12 %) diffère du taux calculé (10,00 %');
    expect(r.stdout).toMatch(/Bilan : 1 dossier, 1 erreur/);
  });
});

describe('rapporteur audit, outside cases', () => {
  const audit = (text: string | Buffer, json = true) => run(['audit', file('note.txt', text), ...(json ? ['--json'] : [])]);
  it.each([
    ['a telephone number and a SIREN in groups are not malformed amounts', 'Contact : 04 91 99 99 99 ; SIREN 362 521 879. La subvention de 47 500 € est attribuée.\n', 0, []],
    ['words in the 1990 spelling that agree', 'La subvention de 47 500 € (quarante-sept-mille-cinq-cents euros) est attribuée.\n', 0, []],
    ['words that lose the cents', 'La subvention de 1 000,50 € (mille euros) est attribuée.\n', 1, ['AMOUNT_WORDS_MISMATCH']],
    ['a rate of 10 % for 12 000 € of 100 000 €', 'Une subvention de 12 000 € représentant 10 % du budget de 100 000 €.\n', 1, ['RATE_MISMATCH']],
    ['a five-digit amount without separator beside one with spaces: two styles, a warning', 'Une subvention de 47500 € et une autre de 17 500 €.\n', 0, ['NUMBER_FORMAT_INCONSISTENT']],
  ] as [string, string, 0 | 1, string[]][])('%s', (_n, text, exit, codes) => {
    const r = audit(text);
    expect(r.status).toBe(exit);
    expect(JSON.parse(r.stdout).findings.map((f: any) => f.code)).toEqual(codes);
  });

  it('a UTF-8 file with a byte order mark and CRLF line ends is read', () => {
    const r = audit('\ufeffLa subvention de 47 500 € représente 25 % du budget de 200 000 €.\r\n');
    expect(r.status).toBe(1);
    const [f] = JSON.parse(r.stdout).findings;
    expect(f.code).toBe('RATE_MISMATCH');
    expect(spaces(f.message)).toContain('23,75 %');
  });

  it('a file in Windows-1252 is refused in French, saying how to save it (exit 2)', () => {
    const r = audit(Buffer.from('La subvention de 47 500 \x80 repr\xe9sente 25 %.\r\n', 'latin1'));
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toContain('UTF-8');
  });
});

describe('rapporteur report, outside cases', () => {
  async function docText(path: string): Promise<string> {
    const zip = await JSZip.loadAsync(readFileSync(path));
    const xml = await zip.file('word/document.xml')!.async('string');
    return spaces(xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, ''));
  }

  it('writes the amount in words in the 1990 spelling when the settings ask, cents and months as computed', async () => {
    const out = join(sandbox.dir, 'notes-1990');
    const input = file(
      'report.json',
      JSON.stringify([
        d({ id: 'W-1', beneficiary: 'association Une', ...per('2018-01-16', '2018-03-31'), annualBudget: 100000, subsidy: '1 000,50', cofinancers: [{ name: 'Métropole', amount: 600.25 }, { name: 'Région', amount: 400.25 }] }),
        d({ id: 'W-2', beneficiary: 'association Deux', ...per('2018-01-01', '2018-12-31'), annualBudget: 400000, subsidy: 200080, convention: true }),
      ]),
    );
    const r = run(['report', input, '--out', out, '--settings', file('s.json', JSON.stringify({ spelling: '1990' }))]);
    expect(r.status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(2);
    const one = await docText(join(out, files.find((f) => f.startsWith('W-1'))!));
    // 1 000,50 / 20 967,74 (2 + 16/31 months of 100 000 €) = 4,7716… % → 4,77 %.
    expect(one).toContain('1 000,50 euros, représentant 4,77 % du budget prévisionnel 2018 proratisé sur 2,52 mois');
    expect(one).toContain("d'un montant de 20 967,74 €");
    expect(one).toContain('mille euros et cinquante centimes');
    const two = await docText(join(out, files.find((f) => f.startsWith('W-2'))!));
    expect(two).toContain('deux-cent-mille-quatre-vingts euros');
    expect(two).toContain('50,02 %');
  });

  // CONTRACT.md: « A text whose figures agree gets no error-level finding ». Found by this check:
  // the report of a period of partial months (« sur 2,52 mois ») and of the days or 30/360
  // method (« sur 3 mois », 197 260,27 €) failed its own audit.
  it.each([
    ['months, 2 + 16/31 → « 2,52 mois », 20 967,74 €', { ...per('2018-01-16', '2018-03-31'), annualBudget: 100000, subsidy: 1000.5 }],
    ['months, 3 + 15/31 → « 3,48 mois », 34 838,71 €', { ...per('2018-07-01', '2018-10-15'), annualBudget: 120000, subsidy: 9000 }],
    ['months, one day → « 0,03 mois »', { ...per('2018-03-10', '2018-03-10'), annualBudget: 372000, subsidy: 500 }],
    ['days, 90/365 → « 3 mois », 197 260,27 €', { ...per('2018-01-01', '2018-03-31'), annualBudget: 800000, subsidy: 47500, prorationMethod: 'days', convention: true }],
    ['30/360, 75/360 → « 2,52 mois », 20 833,33 €', { ...per('2018-01-16', '2018-03-31'), annualBudget: 100000, subsidy: 5000, prorationMethod: '30/360' }],
    ['days across a year end, 1/365 + 1/366', { budgetYear: 2019, ...per('2019-12-31', '2020-01-01'), annualBudget: 100000, subsidy: 100, prorationMethod: 'days' }],
  ])('the report of a dossier (%s) passes its own audit', (_n, over) => {
    const out = join(sandbox.dir, `notes-audit-${sandbox.next()}`);
    const written = run(['report', file('one.json', JSON.stringify(d({ id: 'AU-1', ...over }))), '--out', out]);
    expect(written.status).toBe(0);
    const [docx] = readdirSync(out);
    const r = run(['audit', join(out, docx!), '--json']);
    expect(JSON.parse(r.stdout).findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(r.status).toBe(0);
  });
});
