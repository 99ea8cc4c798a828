// Outside check of the command line against /work/shared/DOMAIN.md and CONTRACT.md only.
// Every expected value below was computed independently (python3, decimal, ROUND_HALF_UP)
// from the rules as written, not from the product. The built CLI (bin/rapporteur.js, after
// `node build.mjs`) is run as a user would run it, on files written to a temp dir.
import { readdirSync, statSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import Decimal from 'decimal.js';
import { cliSandbox, CLI, ROOT } from '../support/cli-sandbox';

const NB = '\u00a0'; // no-break space (before € and %)
const NN = '\u202f'; // narrow no-break space (between groups of digits)

const sandbox = cliSandbox('contract-cli-');
const { run, file } = sandbox;
function dir(name: string): string {
  const p = join(sandbox.dir, `${sandbox.next()}-${name}`);
  mkdirSync(p, { recursive: true });
  return p;
}
const spaces = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

// ---------------------------------------------------------------------------------------
// rapporteur check FILE --json
// ---------------------------------------------------------------------------------------

type Sev = 'error' | 'warning' | 'info';
/** [code, severity, field]; code and field may be a RegExp when the contract leaves them open. */
type F = [string | RegExp, Sev, (string | RegExp)?];
interface Computed {
  months?: number | null;
  proratedBudget?: string | null;
  /** the rate rounded half up to 6 decimals (the product may print more) */
  rate?: string | null;
  cofinancingTotal?: string | null;
  conventionRequired?: boolean | null;
}
interface Expect {
  findings: F[];
  /** when false, findings other than the listed ones are tolerated */
  exact?: boolean;
  computed?: Computed;
  /** substrings the message of the first listed finding must contain (spaces normalised) */
  message?: string[];
}
interface CheckCase {
  name: string;
  dossier: object | object[];
  settings?: object;
  exit: 0 | 1;
  expect: Expect | Expect[];
}

const BASE = {
  id: 'T-01',
  beneficiary: 'association Test',
  period: { start: '2018-01-01', end: '2018-03-31' },
  budgetYear: 2018,
  annualBudget: 800000,
  subsidy: 47500,
  convention: true,
};
const d = (over: object) => ({ ...BASE, ...over });
const CONV_INFO: F = ['CONVENTION_REQUIRED', 'info', 'convention'];
const per = (start: string, end: string) => ({ period: { start, end } });
const noPeriod = (over: object) => {
  const { period, ...rest } = BASE;
  void period;
  return { ...rest, ...over };
};

const matches = (m: string | RegExp | undefined, v: unknown) =>
  m === undefined ? true : typeof m === 'string' ? m === v : typeof v === 'string' && m.test(v);

function assertFindings(actual: any[], e: Expect, label: string) {
  const left = [...actual];
  for (const [code, sev, field] of e.findings) {
    const i = left.findIndex((f) => matches(code, f.code) && f.severity === sev && matches(field, f.field));
    if (i < 0) {
      throw new Error(`${label}: expected finding ${String(code)}/${sev}/${String(field)} not in ${JSON.stringify(actual, null, 1)}`);
    }
    left.splice(i, 1);
  }
  if (e.exact !== false && left.length) {
    throw new Error(`${label}: unexpected findings ${JSON.stringify(left, null, 1)}`);
  }
  for (const f of actual) {
    expect(typeof f.message).toBe('string');
    expect(f.message.length).toBeGreaterThan(0);
    expect(['error', 'warning', 'info']).toContain(f.severity);
  }
}

function assertComputed(c: any, e: Computed, label: string) {
  expect(c).toBeDefined();
  if ('months' in e) {
    if (e.months === null) expect(c.months).toBeNull();
    else {
      // The contract fixes no precision for months; the product rounds it to 6 decimals.
      expect(typeof c.months).toBe('number');
      expect(c.months).toBeCloseTo(e.months as number, 6);
    }
  }
  if ('proratedBudget' in e) expect([label, c.proratedBudget]).toEqual([label, e.proratedBudget]);
  if ('rate' in e) {
    if (e.rate === null) expect(c.rate).toBeNull();
    else {
      expect(c.rate).toMatch(/^\d+\.\d{6,}$/);
      expect([label, new Decimal(c.rate).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6)]).toEqual([label, e.rate]);
    }
  }
  if ('cofinancingTotal' in e) expect([label, c.cofinancingTotal]).toEqual([label, e.cofinancingTotal]);
  if ('conventionRequired' in e) expect([label, c.conventionRequired]).toEqual([label, e.conventionRequired]);
}

const MEDINSOFT = d({
  id: '2018-AMFT-01',
  beneficiary: 'association Medinsoft',
  statedProratedBudget: '200 000 €',
  statedRate: '23,75 %',
  cofinancers: [
    { name: 'Métropole Aix-Marseille-Provence', amount: 17500 },
    { name: "Conseil de Territoire du Pays d'Aix (CT2)", amount: '30.000 €' },
  ],
});

const checkCases: CheckCase[] = [
  // ---- proration, months (EDATE-style) ----
  { name: 'P01 Medinsoft as in the example: 3 months, 200000.00, 23,75 %, 47500.00', dossier: MEDINSOFT, exit: 0,
    expect: { findings: [CONV_INFO], computed: { months: 3, proratedBudget: '200000.00', rate: '0.237500', cofinancingTotal: '47500.00', conventionRequired: true } } },
  { name: 'P02 15 Jan – 14 Apr = 3 months', dossier: d({ ...per('2018-01-15', '2018-04-14'), annualBudget: 120000, subsidy: 6000 }), exit: 0,
    expect: { findings: [], computed: { months: 3, proratedBudget: '30000.00', rate: '0.200000', conventionRequired: false } } },
  { name: 'P03 16 Jan – 31 Mar = 2 + 16/31 months, stated 20 967,74 € matches', dossier: d({ ...per('2018-01-16', '2018-03-31'), annualBudget: 100000, subsidy: 5000, statedProratedBudget: '20 967,74 €' }), exit: 0,
    expect: { findings: [], computed: { months: 2 + 16 / 31, proratedBudget: '20967.74', rate: '0.238462' } } },
  { name: 'P04 1 Jul – 15 Oct = 3 + 15/31 months', dossier: d({ ...per('2018-07-01', '2018-10-15'), annualBudget: 62000, subsidy: 9000 }), exit: 0,
    expect: { findings: [], computed: { months: 3 + 15 / 31, proratedBudget: '18000.00', rate: '0.500000' } } },
  { name: 'P05 31 Jan – 28 Feb 2018 = 1 + 1/31 months (EDATE(31 Jan, 1) = 28 Feb)', dossier: d({ ...per('2018-01-31', '2018-02-28'), annualBudget: 31000, subsidy: 1000 }), exit: 0,
    expect: { findings: [], computed: { months: 1 + 1 / 31, proratedBudget: '2666.67', rate: '0.375000' } } },
  { name: 'P06 31 Jan – 27 Feb 2018 = exactly 1 month', dossier: d({ ...per('2018-01-31', '2018-02-27'), annualBudget: 31000, subsidy: 1000 }), exit: 0,
    expect: { findings: [], computed: { months: 1, proratedBudget: '2583.33', rate: '0.387097' } } },
  { name: 'P07 31 Jan – 29 Apr 2018 = 3 months (EDATE(31 Jan, 3) = 30 Apr)', dossier: d({ ...per('2018-01-31', '2018-04-29'), annualBudget: 120000, subsidy: 3000 }), exit: 0,
    expect: { findings: [], computed: { months: 3, proratedBudget: '30000.00', rate: '0.100000' } } },
  { name: 'P08 leap year: 31 Jan – 28 Feb 2020 = 1 month', dossier: d({ ...per('2020-01-31', '2020-02-28'), budgetYear: 2020, annualBudget: 120000, subsidy: 2000 }), exit: 0,
    expect: { findings: [], computed: { months: 1, proratedBudget: '10000.00', rate: '0.200000' } } },
  { name: 'P09 one day (15 Mar) = 1/31 month', dossier: d({ ...per('2018-03-15', '2018-03-15'), annualBudget: 372000, subsidy: 500 }), exit: 0,
    expect: { findings: [], computed: { months: 1 / 31, proratedBudget: '1000.00', rate: '0.500000' } } },
  { name: 'P10 18 months: fraction 1.5, PERIOD_TOO_LONG and PERIOD_OUTSIDE_YEAR warnings', dossier: d({ ...per('2018-01-01', '2019-06-30'), annualBudget: 100000, subsidy: 30000 }), exit: 0,
    expect: { findings: [['PERIOD_TOO_LONG', 'warning', /^period/], ['PERIOD_OUTSIDE_YEAR', 'warning', /^period/], CONV_INFO], computed: { months: 18, proratedBudget: '150000.00', rate: '0.200000' } } },
  { name: 'P11 across years (Oct 2018 – Mar 2019, budget year 2018): PERIOD_OUTSIDE_YEAR', dossier: d({ ...per('2018-10-01', '2019-03-31'), annualBudget: 100000, subsidy: 10000 }), exit: 0,
    expect: { findings: [['PERIOD_OUTSIDE_YEAR', 'warning', /^period/]], computed: { months: 6, proratedBudget: '50000.00', rate: '0.200000' } } },
  { name: 'P12 exactly one year: 12 months, no length warning', dossier: d({ ...per('2018-01-01', '2018-12-31'), annualBudget: 100000, subsidy: 10000 }), exit: 0,
    expect: { findings: [], computed: { months: 12, proratedBudget: '100000.00', rate: '0.100000' } } },
  { name: 'P13 end before start: PERIOD_INVALID, nothing computable', dossier: d({ ...per('2018-03-31', '2018-01-01'), subsidy: 10000 }), exit: 1,
    expect: { findings: [['PERIOD_INVALID', 'error', /^period/]], computed: { months: null, proratedBudget: null, rate: null } } },
  { name: 'P14 impossible date 2018-02-30: PERIOD_INVALID on period.end', dossier: d({ ...per('2018-01-01', '2018-02-30'), subsidy: 10000 }), exit: 1,
    expect: { findings: [['PERIOD_INVALID', 'error', 'period.end']], computed: { proratedBudget: null, rate: null } } },
  // (01/01/2018 is read as a French day-first date: a lenient addition, not a contract breach.)
  { name: 'P15 unreadable start date 2018-13-01: PERIOD_INVALID on period.start', dossier: d({ ...per('2018-13-01', '2018-03-31'), subsidy: 10000 }), exit: 1,
    expect: { findings: [['PERIOD_INVALID', 'error', 'period.start']], computed: { proratedBudget: null } } },
  // ---- proration, days and 30/360 ----
  { name: 'P16 days: 1 Jan – 31 Mar 2018 = 90/365 → 197260.27; months still 3; rate on the rounded base', dossier: d({ prorationMethod: 'days', statedProratedBudget: '197 260,27 €', statedRate: '24,08 %' }), exit: 0,
    expect: { findings: [CONV_INFO], computed: { months: 3, proratedBudget: '197260.27', rate: '0.240799' } } },
  { name: 'P17 days across 2019/2020: 31/365 + 31/366', dossier: d({ ...per('2019-12-01', '2020-01-31'), budgetYear: 2019, prorationMethod: 'days', annualBudget: 100000, subsidy: 5000 }), exit: 0,
    expect: { findings: [['PERIOD_OUTSIDE_YEAR', 'warning', /^period/]], computed: { months: 2, proratedBudget: '16963.10', rate: '0.294757' } } },
  { name: 'P18 days: February 2020 = 29/366', dossier: d({ ...per('2020-02-01', '2020-02-29'), budgetYear: 2020, prorationMethod: 'days', annualBudget: 366000, subsidy: 3000 }), exit: 0,
    expect: { findings: [], computed: { months: 1, proratedBudget: '29000.00', rate: '0.103448' } } },
  { name: 'P19 30/360: 1 Jan – 31 Mar = 90/360', dossier: d({ prorationMethod: '30/360' }), exit: 0,
    expect: { findings: [CONV_INFO], computed: { months: 3, proratedBudget: '200000.00', rate: '0.237500' } } },
  { name: 'P20 30/360: 1 – 28 Feb 2018 = 30/360', dossier: d({ ...per('2018-02-01', '2018-02-28'), prorationMethod: '30/360', annualBudget: 360000, subsidy: 3000 }), exit: 0,
    expect: { findings: [], computed: { months: 1, proratedBudget: '30000.00', rate: '0.100000' } } },
  { name: 'P21 30/360: 31 Jan – 30 Mar = 60/360 (31 counts as 30); months 2', dossier: d({ ...per('2018-01-31', '2018-03-30'), prorationMethod: '30/360', annualBudget: 720000, subsidy: 12000 }), exit: 0,
    expect: { findings: [], computed: { months: 2, proratedBudget: '120000.00', rate: '0.100000' } } },
  { name: 'P22 30/360: 1 – 30 Jan = 29/360 (day after end is the 31st, counted as 30)', dossier: d({ ...per('2018-01-01', '2018-01-30'), prorationMethod: '30/360', annualBudget: 360000, subsidy: 2900 }), exit: 0,
    expect: { findings: [], computed: { months: 30 / 31, proratedBudget: '29000.00', rate: '0.100000' } } },
  { name: 'P23 settings prorationMethod days applies to a dossier that names none', dossier: BASE, settings: { prorationMethod: 'days' }, exit: 0,
    expect: { findings: [CONV_INFO], computed: { months: 3, proratedBudget: '197260.27', rate: '0.240799' } } },
  { name: "P24 the dossier's own prorationMethod wins over the settings default", dossier: d({ prorationMethod: 'months' }), settings: { prorationMethod: 'days' }, exit: 0,
    expect: { findings: [CONV_INFO], computed: { proratedBudget: '200000.00' } } },
  { name: 'P25 no period: the base is the annual budget, months null', dossier: noPeriod({ annualBudget: 100000, subsidy: 10000 }), exit: 0,
    expect: { findings: [], computed: { months: null, proratedBudget: '100000.00', rate: '0.100000' } } },
  { name: 'P26 29 Feb 2020 – 27 Feb 2021 = exactly 12 months (EDATE(29 Feb 2020, 12) = 28 Feb 2021): not too long', dossier: d({ ...per('2020-02-29', '2021-02-27'), budgetYear: 2020, annualBudget: 120000, subsidy: 12000 }), exit: 0,
    expect: { findings: [['PERIOD_OUTSIDE_YEAR', 'warning', /^period/]], computed: { months: 12, proratedBudget: '120000.00', rate: '0.100000' } } },
  { name: 'P27 29 Feb 2020 – 28 Feb 2021 = 12 + 1/29 months: PERIOD_TOO_LONG', dossier: d({ ...per('2020-02-29', '2021-02-28'), budgetYear: 2020, annualBudget: 120000, subsidy: 12000 }), exit: 0,
    expect: { findings: [['PERIOD_TOO_LONG', 'warning', /^period/], ['PERIOD_OUTSIDE_YEAR', 'warning', /^period/]], computed: { months: 12 + 1 / 29, proratedBudget: '120344.83', rate: '0.099713' } } },
  { name: 'P28 30/360: 1 – 27 Feb 2018 = 27/360 (28 is not a 31st); months 27/28', dossier: d({ ...per('2018-02-01', '2018-02-27'), prorationMethod: '30/360', annualBudget: 360000, subsidy: 2700 }), exit: 0,
    expect: { findings: [], computed: { months: 27 / 28, proratedBudget: '27000.00', rate: '0.100000' } } },

  // ---- stated rate ----
  { name: 'R01 "23,7 %" (1 decimal): 23,75 rounds half up to 23,8 → RATE_MISMATCH', dossier: d({ statedRate: '23,7 %' }), exit: 1,
    expect: { findings: [['RATE_MISMATCH', 'error', 'statedRate'], CONV_INFO], message: ['23,7 %', '23,75'] } },
  { name: 'R02 "24 %" (0 decimals) matches 23,75 %', dossier: d({ statedRate: '24 %' }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'R03 0.2375 as a fraction matches', dossier: d({ statedRate: 0.2375 }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'R04 0.24 as a fraction (0 percent decimals) matches', dossier: d({ statedRate: 0.24 }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'R05 0.237 as a fraction (1 percent decimal: 23,7 vs 23,8) → RATE_MISMATCH', dossier: d({ statedRate: 0.237 }), exit: 1,
    expect: { findings: [['RATE_MISMATCH', 'error', 'statedRate'], CONV_INFO] } },
  { name: 'R06 bare number 23.75 (above 1, no %) is ambiguous and refused', dossier: d({ statedRate: 23.75 }), exit: 1,
    expect: { findings: [[/^(AMOUNT_INVALID|RATE_MISMATCH|RATE_INVALID|RATE_AMBIGUOUS)$/, 'error', 'statedRate'], CONV_INFO] } },
  { name: 'R07 "23,75%" without space matches', dossier: d({ statedRate: '23,75%' }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'R08 "23,750 %" (3 decimals) matches', dossier: d({ statedRate: '23,750 %' }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'R09 "0,2375" text without % is a fraction and matches', dossier: d({ statedRate: '0,2375' }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'R10 "0.2375" text (dot + four digits) is malformed and refused', dossier: d({ statedRate: '0.2375' }), exit: 1,
    expect: { findings: [[/^(AMOUNT_INVALID|RATE_MISMATCH|RATE_INVALID)$/, 'error', 'statedRate'], CONV_INFO] } },
  { name: 'R11 12345/100000 = 12,345 % → "12,35 %" matches (half up, decimal)', dossier: noPeriod({ annualBudget: 100000, subsidy: 12345, statedRate: '12,35 %' }), exit: 0,
    expect: { findings: [], computed: { rate: '0.123450', proratedBudget: '100000.00' } } },
  { name: 'R12 12,345 % stated "12,34 %" → RATE_MISMATCH', dossier: noPeriod({ annualBudget: 100000, subsidy: 12345, statedRate: '12,34 %' }), exit: 1,
    expect: { findings: [['RATE_MISMATCH', 'error', 'statedRate']] } },
  { name: 'R13 1005/100000 = 1,005 % → "1,01 %" matches (a float would give 1,00)', dossier: noPeriod({ annualBudget: 100000, subsidy: 1005, statedRate: '1,01 %' }), exit: 0,
    expect: { findings: [], computed: { rate: '0.010050' } } },
  { name: 'R14 one third: "33,33 %" matches', dossier: noPeriod({ annualBudget: 30000, subsidy: 10000, statedRate: '33,33 %' }), exit: 0,
    expect: { findings: [], computed: { rate: '0.333333' } } },
  { name: 'R15 one third: "33,34 %" → RATE_MISMATCH', dossier: noPeriod({ annualBudget: 30000, subsidy: 10000, statedRate: '33,34 %' }), exit: 1,
    expect: { findings: [['RATE_MISMATCH', 'error', 'statedRate']] } },
  { name: 'R16 rate on the base rounded to the cent: 1130/2109.98 = 53,555 % → "53,56 %" (unrounded base gives 53,55)', dossier: d({ ...per('2018-01-16', '2018-03-31'), annualBudget: 10063, subsidy: 1130, statedRate: '53,56 %' }), exit: 0,
    expect: { findings: [], computed: { proratedBudget: '2109.98', rate: '0.535550' } } },
  { name: 'R17 same dossier stated "53,55 %" → RATE_MISMATCH', dossier: d({ ...per('2018-01-16', '2018-03-31'), annualBudget: 10063, subsidy: 1130, statedRate: '53,55 %' }), exit: 1,
    expect: { findings: [['RATE_MISMATCH', 'error', 'statedRate']] } },
  { name: 'R18 0.01005 as a fraction (3 percent decimals) matches 1,005 %', dossier: noPeriod({ annualBudget: 100000, subsidy: 1005, statedRate: 0.01005 }), exit: 0,
    expect: { findings: [] } },
  { name: 'R19 "23,75\u202f%" (narrow no-break space before %) matches', dossier: d({ statedRate: `23,75${NN}%` }), exit: 0, expect: { findings: [CONV_INFO] } },

  // ---- stated prorated budget ----
  { name: 'S01 "200 00 €" malformed → AMOUNT_INVALID on statedProratedBudget', dossier: d({ statedProratedBudget: '200 00 €' }), exit: 1,
    expect: { findings: [['AMOUNT_INVALID', 'error', 'statedProratedBudget'], CONV_INFO], computed: { proratedBudget: '200000.00' } } },
  { name: 'S02 "200.000 €" (dot grouping) matches', dossier: d({ statedProratedBudget: '200.000 €' }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'S03 "199 999,99 €" → PRORATED_BUDGET_MISMATCH giving both figures', dossier: d({ statedProratedBudget: '199 999,99 €' }), exit: 1,
    expect: { findings: [['PRORATED_BUDGET_MISMATCH', 'error', 'statedProratedBudget'], CONV_INFO], message: ['199 999,99', '200 000'] } },
  { name: 'S04 one cent off the 2+16/31 months figure → mismatch', dossier: d({ ...per('2018-01-16', '2018-03-31'), annualBudget: 100000, subsidy: 5000, statedProratedBudget: '20 967,75 €' }), exit: 1,
    expect: { findings: [['PRORATED_BUDGET_MISMATCH', 'error', 'statedProratedBudget']] } },
  { name: 'S05 stated as a JSON number 20967.74 matches', dossier: d({ ...per('2018-01-16', '2018-03-31'), annualBudget: 100000, subsidy: 5000, statedProratedBudget: 20967.74 }), exit: 0,
    expect: { findings: [] } },
  { name: 'S06 "200000 EUR" matches', dossier: d({ statedProratedBudget: '200000 EUR' }), exit: 0, expect: { findings: [CONV_INFO] } },

  // ---- reading amounts ----
  { name: 'A01 "47.500" is 47 500', dossier: d({ subsidy: '47.500' }), exit: 0, expect: { findings: [CONV_INFO], computed: { rate: '0.237500' } } },
  { name: 'A02 "47\\u00a0500" (no-break space) is 47 500', dossier: d({ subsidy: `47${NB}500` }), exit: 0, expect: { findings: [CONV_INFO], computed: { rate: '0.237500' } } },
  { name: 'A03 "47\\u202f500 €" (narrow no-break space) is 47 500', dossier: d({ subsidy: `47${NN}500${NB}€` }), exit: 0, expect: { findings: [CONV_INFO], computed: { rate: '0.237500' } } },
  { name: 'A04 "47 500,00 €" is 47 500', dossier: d({ subsidy: '47 500,00 €' }), exit: 0, expect: { findings: [CONV_INFO], computed: { rate: '0.237500' } } },
  { name: 'A05 "47 500 euros" is 47 500', dossier: d({ subsidy: '47 500 euros' }), exit: 0, expect: { findings: [CONV_INFO], computed: { rate: '0.237500' } } },
  { name: 'A06 "47.5" is ambiguous: AMOUNT_INVALID suggesting "47,5"', dossier: d({ subsidy: '47.5' }), exit: 1,
    expect: { findings: [['AMOUNT_INVALID', 'error', 'subsidy']], message: ['47,5'], computed: { rate: null, conventionRequired: null } } },
  { name: 'A07 "1.234,56" is 1 234,56', dossier: d({ subsidy: '1.234,56' }), exit: 0, expect: { findings: [], computed: { rate: '0.006173' } } },
  { name: 'A08 "47.500,5" is 47 500,50', dossier: d({ subsidy: '47.500,5' }), exit: 0, expect: { findings: [CONV_INFO], computed: { rate: '0.237503' } } },
  { name: 'A09 "47 500.00" mixes separators → AMOUNT_INVALID', dossier: d({ subsidy: '47 500.00' }), exit: 1, expect: { findings: [['AMOUNT_INVALID', 'error', 'subsidy']] } },
  { name: 'A10 "800. 000" → AMOUNT_INVALID on annualBudget', dossier: d({ annualBudget: '800. 000' }), exit: 1,
    expect: { findings: [['AMOUNT_INVALID', 'error', 'annualBudget']], exact: false, computed: { proratedBudget: null, rate: null } } },
  { name: 'A11 "47,505" (three decimals) → AMOUNT_INVALID', dossier: d({ subsidy: '47,505' }), exit: 1, expect: { findings: [['AMOUNT_INVALID', 'error', 'subsidy']] } },
  { name: 'A12 "47.5000" (dot + four digits) → AMOUNT_INVALID', dossier: d({ subsidy: '47.5000' }), exit: 1, expect: { findings: [['AMOUNT_INVALID', 'error', 'subsidy']] } },
  { name: 'A13 "8000.000" (first group of four digits) → AMOUNT_INVALID', dossier: d({ annualBudget: '8000.000' }), exit: 1,
    expect: { findings: [['AMOUNT_INVALID', 'error', 'annualBudget']], exact: false } },
  { name: 'A14 "1.234 567" mixes separators → AMOUNT_INVALID', dossier: d({ subsidy: '1.234 567' }), exit: 1, expect: { findings: [['AMOUNT_INVALID', 'error', 'subsidy']] } },
  { name: 'A15 negative subsidy -100 → AMOUNT_INVALID', dossier: d({ subsidy: -100 }), exit: 1, expect: { findings: [['AMOUNT_INVALID', 'error', 'subsidy']], computed: { rate: null } } },
  { name: 'A16 negative text "-47 500 €" → AMOUNT_INVALID', dossier: d({ subsidy: '-47 500 €' }), exit: 1, expect: { findings: [['AMOUNT_INVALID', 'error', 'subsidy']] } },
  { name: 'A17 zero annual budget → AMOUNT_INVALID, no base, no rate', dossier: d({ annualBudget: 0 }), exit: 1,
    expect: { findings: [['AMOUNT_INVALID', 'error', 'annualBudget'], CONV_INFO], computed: { proratedBudget: null, rate: null, months: 3 } } },
  { name: 'A18 float noise 17499.999999999996 is taken as 17 500,00', dossier: d({ subsidy: 17499.999999999996 }), exit: 0, expect: { findings: [], computed: { rate: '0.087500' } } },
  { name: 'A19 subsidy missing → FIELD_MISSING', dossier: noPeriod({ annualBudget: 100000, subsidy: undefined }), exit: 1,
    expect: { findings: [['FIELD_MISSING', 'error', 'subsidy']], computed: { rate: null, proratedBudget: '100000.00' } } },
  { name: 'A20 annual budget missing → FIELD_MISSING', dossier: d({ annualBudget: undefined }), exit: 1,
    expect: { findings: [['FIELD_MISSING', 'error', 'annualBudget'], CONV_INFO], computed: { proratedBudget: null, rate: null } } },
  { name: 'A21 "47 500 €" with an ordinary space is 47 500', dossier: d({ subsidy: '47 500 €' }), exit: 0, expect: { findings: [CONV_INFO], computed: { rate: '0.237500' } } },
  { name: 'A22 "1 234 567,89" (several groups) as the annual budget', dossier: noPeriod({ annualBudget: '1 234 567,89 €', subsidy: 12345.68 }), exit: 0,
    expect: { findings: [], computed: { proratedBudget: '1234567.89', rate: '0.010000' } } },
  { name: 'A23 "12 34 567" (a two-digit group) → AMOUNT_INVALID', dossier: d({ annualBudget: '12 34 567' }), exit: 1,
    expect: { findings: [['AMOUNT_INVALID', 'error', 'annualBudget']], exact: false } },
  { name: 'A24 "47 500,5 €" is 47 500,50', dossier: d({ subsidy: '47 500,5 €' }), exit: 0, expect: { findings: [CONV_INFO], computed: { rate: '0.237503' } } },
  { name: 'A25 float noise on the annual budget 800000.0000000001 is 800 000,00', dossier: d({ annualBudget: 800000.0000000001 }), exit: 0,
    expect: { findings: [CONV_INFO], computed: { proratedBudget: '200000.00', rate: '0.237500' } } },

  // ---- co-financing ----
  { name: 'C01 one cent over → COFINANCING_SUM_MISMATCH giving the difference', dossier: d({ cofinancers: [{ name: 'A', amount: 17500 }, { name: 'B', amount: '30 000,01 €' }] }), exit: 1,
    expect: { findings: [['COFINANCING_SUM_MISMATCH', 'error', /^cofinancers/], CONV_INFO], message: ['0,01'], computed: { cofinancingTotal: '47500.01' } } },
  { name: 'C02 a zero amount → COFINANCER_ZERO warning on cofinancers[2].amount', dossier: d({ cofinancers: [{ name: 'A', amount: 17500 }, { name: 'B', amount: 30000 }, { name: 'C', amount: 0 }] }), exit: 0,
    expect: { findings: [['COFINANCER_ZERO', 'warning', 'cofinancers[2].amount'], CONV_INFO], computed: { cofinancingTotal: '47500.00' } } },
  { name: 'C03 a repeated name → COFINANCER_DUPLICATE warning on cofinancers[1]', dossier: d({ cofinancers: [{ name: 'Région Sud', amount: 17500 }, { name: 'Région Sud', amount: 30000 }] }), exit: 0,
    expect: { findings: [['COFINANCER_DUPLICATE', 'warning', /^cofinancers\[1\]/], CONV_INFO], computed: { cofinancingTotal: '47500.00' } } },
  { name: 'C04 a negative amount → AMOUNT_INVALID on cofinancers[1].amount', dossier: d({ cofinancers: [{ name: 'A', amount: 57500 }, { name: 'B', amount: -10000 }] }), exit: 1,
    expect: { findings: [['AMOUNT_INVALID', 'error', 'cofinancers[1].amount']], exact: false } },
  { name: 'C05 no co-financers: no sum to check', dossier: d({ cofinancers: [] }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'C06 float noise in both amounts still adds up exactly', dossier: d({ cofinancers: [{ name: 'A', amount: 17499.999999999996 }, { name: 'B', amount: 30000.000000000004 }] }), exit: 0,
    expect: { findings: [CONV_INFO], computed: { cofinancingTotal: '47500.00' } } },
  { name: 'C07 malformed co-financer amount "30.00 €" → AMOUNT_INVALID, total null', dossier: d({ cofinancers: [{ name: 'A', amount: 17500 }, { name: 'B', amount: '30.00 €' }] }), exit: 1,
    expect: { findings: [['AMOUNT_INVALID', 'error', 'cofinancers[1].amount'], CONV_INFO], computed: { cofinancingTotal: null } } },
  { name: 'C08 cents: 3333,33 + 3333,33 + 3333,34 = 10 000', dossier: d({ subsidy: 10000, cofinancers: [{ name: 'A', amount: 3333.33 }, { name: 'B', amount: '3 333,33 €' }, { name: 'C', amount: '3.333,34' }] }), exit: 0,
    expect: { findings: [], computed: { cofinancingTotal: '10000.00', rate: '0.050000' } } },

  // ---- convention threshold ----
  { name: 'V01 exactly 23 000 €: no convention required', dossier: d({ subsidy: 23000, convention: undefined }), exit: 0, expect: { findings: [], computed: { conventionRequired: false } } },
  { name: 'V02 23 000,01 €, convention absent → warning', dossier: d({ subsidy: 23000.01, convention: undefined }), exit: 0,
    expect: { findings: [['CONVENTION_REQUIRED', 'warning', 'convention']], computed: { conventionRequired: true, rate: '0.115000' } } },
  { name: 'V03 23 000,01 €, convention false → error', dossier: d({ subsidy: '23 000,01 €', convention: false }), exit: 1,
    expect: { findings: [['CONVENTION_REQUIRED', 'error', 'convention']], computed: { conventionRequired: true } } },
  { name: 'V04 23 000,01 €, convention true → info', dossier: d({ subsidy: 23000.01, convention: true }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'V05 public body 50 000 €, convention false → no rule', dossier: d({ subsidy: 50000, beneficiaryKind: 'public', convention: false }), exit: 0,
    expect: { findings: [], computed: { conventionRequired: false } } },
  { name: 'V06 company 50 000 €, convention false → error', dossier: d({ subsidy: 50000, beneficiaryKind: 'company', convention: false }), exit: 1,
    expect: { findings: [['CONVENTION_REQUIRED', 'error', 'convention']] } },
  { name: 'V07 settings threshold 50 000: 47 500 € needs none', dossier: d({ convention: undefined }), settings: { conventionThreshold: 50000 }, exit: 0,
    expect: { findings: [], computed: { conventionRequired: false } } },
  { name: 'V08 settings threshold 10 000: 10 000,01 € absent → warning', dossier: d({ subsidy: 10000.01, convention: undefined }), settings: { conventionThreshold: 10000 }, exit: 0,
    expect: { findings: [['CONVENTION_REQUIRED', 'warning', 'convention']], computed: { conventionRequired: true } } },
  { name: 'V09 cumulated: 15 000 + 10 000 to the same body in 2018 → CONVENTION_REQUIRED_CUMULATED on both', exit: 0,
    dossier: [d({ id: 'CU-1', beneficiary: 'association Cumul', subsidy: 15000, convention: undefined }), d({ id: 'CU-2', beneficiary: 'association Cumul', subsidy: 10000, convention: undefined })],
    expect: [{ findings: [['CONVENTION_REQUIRED_CUMULATED', 'warning']] }, { findings: [['CONVENTION_REQUIRED_CUMULATED', 'warning']] }] },
  { name: 'V10 cumulated exactly 23 000 → nothing', exit: 0,
    dossier: [d({ id: 'CU-3', beneficiary: 'association Pile', subsidy: 15000, convention: undefined }), d({ id: 'CU-4', beneficiary: 'association Pile', subsidy: 8000, convention: undefined })],
    expect: [{ findings: [] }, { findings: [] }] },
  { name: 'V11 same body, different years → nothing cumulated', exit: 0,
    dossier: [d({ id: 'CU-5', beneficiary: 'association Annee', subsidy: 15000, convention: undefined }), d({ id: 'CU-6', beneficiary: 'association Annee', ...per('2019-01-01', '2019-03-31'), budgetYear: 2019, subsidy: 10000, convention: undefined })],
    expect: [{ findings: [] }, { findings: [] }] },
  { name: 'V12 cumulated with convention false → error', exit: 1,
    dossier: [d({ id: 'CU-7', beneficiary: 'association Faux', subsidy: 15000, convention: false }), d({ id: 'CU-8', beneficiary: 'association Faux', subsidy: 10000, convention: false })],
    expect: [{ findings: [['CONVENTION_REQUIRED_CUMULATED', 'error']] }, { findings: [['CONVENTION_REQUIRED_CUMULATED', 'error']] }] },

  // ---- cap ----
  { name: 'K01 85 % → RATE_ABOVE_CAP warning', dossier: d({ subsidy: 170000 }), exit: 0, expect: { findings: [['RATE_ABOVE_CAP', 'warning'], CONV_INFO], computed: { rate: '0.850000' } } },
  { name: 'K02 exactly 80 % → no cap warning', dossier: d({ subsidy: 160000 }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'K03 exactly 100 % → cap warning, not above 100', dossier: d({ subsidy: 200000 }), exit: 0, expect: { findings: [['RATE_ABOVE_CAP', 'warning'], CONV_INFO] } },
  { name: 'K04 100 % + 1 cent → RATE_ABOVE_100 error', dossier: d({ subsidy: 200000.01 }), exit: 1, expect: { findings: [['RATE_ABOVE_100', 'error']], exact: false } },
  { name: 'K05 settings rateCap 0.9: 85 % is fine', dossier: d({ subsidy: 170000 }), settings: { rateCap: 0.9 }, exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'K06 settings rateCap 0.2: 23,75 % → warning', dossier: BASE, settings: { rateCap: 0.2 }, exit: 0, expect: { findings: [['RATE_ABOVE_CAP', 'warning'], CONV_INFO] } },

  // ---- misc ----
  { name: 'M01 unknown keys are kept, not rejected', dossier: d({ monChamp: 'x', autre: { a: 1 } }), exit: 0, expect: { findings: [CONV_INFO] } },
  { name: 'M02 an array: one clean dossier, one with an error → exit 1, both reported in order', exit: 1,
    dossier: [d({ id: 'OK-1' }), d({ id: 'KO-1', statedRate: '25 %' })],
    expect: [{ findings: [CONV_INFO] }, { findings: [['RATE_MISMATCH', 'error', 'statedRate'], CONV_INFO] }] },
];

describe('rapporteur check --json (contract cases)', () => {
  it.each(checkCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const input = file('dossier.json', JSON.stringify(c.dossier));
    const args = ['check', input, '--json'];
    if (c.settings) args.push('--settings', file('settings.json', JSON.stringify(c.settings)));
    const r = run(args);
    let out: any;
    try {
      out = JSON.parse(r.stdout);
    } catch {
      throw new Error(`stdout is not JSON (status ${r.status}): ${r.stdout}\n${r.stderr}`);
    }
    const expects = Array.isArray(c.expect) ? c.expect : [c.expect];
    const dossiers = Array.isArray(c.dossier) ? c.dossier : [c.dossier];
    expect(out.dossiers).toHaveLength(dossiers.length);
    expects.forEach((e, i) => {
      const got = out.dossiers[i];
      expect(got.id).toBe((dossiers[i] as any).id);
      assertFindings(got.findings, e, c.name);
      if (e.computed) assertComputed(got.computed, e.computed, c.name);
      for (const k of ['months', 'proratedBudget', 'rate', 'cofinancingTotal', 'conventionRequired']) expect(got.computed).toHaveProperty(k);
      if (e.message) {
        const msg = spaces(got.findings.find((f: any) => matches(e.findings[0][0], f.code)).message);
        for (const s of e.message) expect(msg).toContain(s);
      }
    });
    for (const dd of out.dossiers) {
      if (dd.computed.proratedBudget !== null) expect(dd.computed.proratedBudget).toMatch(/^\d+\.\d{2}$/);
      if (dd.computed.cofinancingTotal !== null) expect(dd.computed.cofinancingTotal).toMatch(/^\d+\.\d{2}$/);
    }
    expect(r.status).toBe(c.exit);
  });
});

// ---------------------------------------------------------------------------------------
// exit statuses and unreadable inputs
// ---------------------------------------------------------------------------------------

describe('rapporteur: unreadable inputs (exit 2)', () => {
  const cases: [string, () => string[]][] = [
    ['E01 check: file does not exist', () => ['check', join(sandbox.dir, 'absent.json'), '--json']],
    ['E02 check: broken JSON', () => ['check', file('broken.json', '{"id": "x", '), '--json']],
    ['E03 check: a .txt is not a dossier file', () => ['check', file('notes.txt', 'bonjour'), '--json']],
    ['E04 check: garbage bytes named .xlsx', () => ['check', file('faux.xlsx', Buffer.from('not a zip at all')), '--json']],
    ['E05 check: settings file does not exist', () => ['check', file('ok.json', JSON.stringify(BASE)), '--json', '--settings', join(sandbox.dir, 'absent-settings.json')]],
    ['E06 audit: text file does not exist', () => ['audit', join(sandbox.dir, 'absent.txt'), '--json']],
  ];
  it.each(cases)('%s', (_n, args) => {
    const r = run(args());
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.error.code).toBe('INPUT_UNREADABLE');
    expect(typeof out.error.message).toBe('string');
    expect(out.error.message.length).toBeGreaterThan(0);
  });
  it('E07 check without --json: exit 2 and a message on stderr', () => {
    const r = run(['check', join(sandbox.dir, 'absent.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr.length).toBeGreaterThan(0);
  });
  it('E09 check of the example workbook (.xlsx): every dossier has the computed shape', () => {
    const r = run(['check', join(ROOT, 'examples', 'dossiers.xlsx'), '--json']);
    expect([0, 1]).toContain(r.status);
    const out = JSON.parse(r.stdout);
    expect(out.dossiers.length).toBeGreaterThan(0);
    for (const dd of out.dossiers) {
      for (const k of ['months', 'proratedBudget', 'rate', 'cofinancingTotal', 'conventionRequired']) expect(dd.computed).toHaveProperty(k);
      if (dd.computed.rate !== null) expect(dd.computed.rate).toMatch(/^\d+\.\d{6,}$/);
      expect(r.status).toBe(out.dossiers.some((x: any) => x.findings.some((f: any) => f.severity === 'error')) ? 1 : 0);
    }
  });
  it('E08 check without --json on a clean dossier: exit 0, the id is printed', () => {
    const r = run(['check', file('clean.json', JSON.stringify(d({ id: 'PROPRE-1' })))]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('PROPRE-1');
  });
});

// ---------------------------------------------------------------------------------------
// rapporteur audit TEXT --json
// ---------------------------------------------------------------------------------------

const TEXT = [
  'Conseil de Territoire Marseille Provence',
  'Avis du Conseil de Territoire – Séance du 12 avril 2018',
  "Attribution d'une subvention dans le cadre de la French Tech Aix-Marseille (AMFT 2.0) à l'association Medinsoft – Approbation d'une convention",
  "Vu l'article L5218-7, I du Code Général des Collectivités Territoriales ;",
  "L'action se déroulera du 1er janvier 2018 au 31 mars 2018.",
  `Pour 2018, le soutien financier de la Métropole s'élèvera à 47${NN}500${NB}euros, représentant 23,75${NB}% du budget prévisionnel 2018 proratisé sur 3 mois d'un montant de 200${NN}000${NB}€ (budget prévisionnel annuel de 800${NN}000${NB}euros).`,
  'Ce soutien financier se décompose comme suit :',
  `- 17${NN}500${NB}€ pris en charge par la Métropole Aix-Marseille-Provence ;`,
  `- 30${NN}000${NB}€ pris en charge par le Conseil de Territoire du Pays d'Aix (CT2).`,
  '',
].join('\n');
const rep = (from: string, to: string) => {
  if (!TEXT.includes(from)) throw new Error(`fixture: ${from} not in TEXT`);
  return TEXT.split(from).join(to);
};
const allStyle = (sep: string) =>
  TEXT.replace(/(\d{2,3})\u202f(\d{3})/g, `$1${sep}$2`);

interface AuditCase {
  name: string;
  text: string;
  exit: 0 | 1;
  /** findings that must be present */
  must?: F[];
  /** codes that must be absent */
  mustNot?: string[];
  /** for the first `must` finding: this substring of the text is where it points */
  at?: string;
}
const NO_ERRORS = ['NUMBER_MALFORMED', 'NUMBER_FORMAT_INCONSISTENT', 'RATE_MISMATCH', 'PRORATED_BUDGET_MISMATCH', 'COFINANCING_SUM_MISMATCH', 'TOTAL_MISMATCH'];
const auditCases: AuditCase[] = [
  { name: 'T01 figures that agree (the corrected example): no finding', text: TEXT, exit: 0, mustNot: NO_ERRORS },
  { name: 'T02 "200 00 €" → NUMBER_MALFORMED at that place', text: rep(`200${NN}000${NB}€`, `200${NN}00${NB}€`), exit: 1, must: [['NUMBER_MALFORMED', 'error']], at: `200${NN}00` },
  { name: 'T03 three styles ("47.500 euros", "17 500 €", "30.000 €") → NUMBER_FORMAT_INCONSISTENT, no error',
    text: rep(`47${NN}500${NB}euros`, '47.500 euros').replace(`30${NN}000${NB}€`, `30.000${NB}€`), exit: 0, must: [['NUMBER_FORMAT_INCONSISTENT', 'warning']], mustNot: ['NUMBER_MALFORMED', 'RATE_MISMATCH', 'COFINANCING_SUM_MISMATCH', 'PRORATED_BUDGET_MISMATCH'] },
  { name: 'T04 dots everywhere is one style: no finding', text: allStyle('.'), exit: 0, mustNot: NO_ERRORS },
  { name: 'T05 plain spaces mixed with narrow no-break spaces are one style ("spaces of any kind")',
    text: rep(`47${NN}500${NB}euros`, '47 500 euros').replace(`17${NN}500`, `17${NB}500`), exit: 0, mustNot: NO_ERRORS },
  { name: 'T06 no separators at all is one style: no finding', text: allStyle(''), exit: 0, mustNot: NO_ERRORS },
  { name: 'T07 rate printed 24,75 % → RATE_MISMATCH', text: rep(`23,75${NB}%`, `24,75${NB}%`), exit: 1, must: [['RATE_MISMATCH', 'error']] },
  { name: 'T08 rate printed "23,8 %" (1 decimal) agrees: no error', text: rep(`23,75${NB}%`, `23,8${NB}%`), exit: 0, mustNot: NO_ERRORS },
  { name: 'T09 rate printed "24 %" (0 decimals) agrees: no error', text: rep(`23,75${NB}%`, `24${NB}%`), exit: 0, mustNot: NO_ERRORS },
  { name: 'T10 split 17 500 + 31 000 ≠ 47 500 → sum mismatch', text: rep(`30${NN}000${NB}€`, `31${NN}000${NB}€`), exit: 1, must: [['COFINANCING_SUM_MISMATCH', 'error']] },
  { name: 'T11 "sur 4 mois" with 800 000 annual and 200 000 prorated → PRORATED_BUDGET_MISMATCH', text: rep('sur 3 mois', 'sur 4 mois'), exit: 1, must: [['PRORATED_BUDGET_MISMATCH', 'error']] },
  { name: 'T12 an ambiguous "47.5 €" in the text → NUMBER_MALFORMED', text: TEXT + `Une avance de 47.5${NB}€ sera versée à la signature.\n`, exit: 1, must: [['NUMBER_MALFORMED', 'error']], at: '47.5' },
  { name: 'T15 intro carrying the amount: "La subvention de 47 500 € est répartie comme suit :" with 17 500 + 31 000',
    text: rep('Ce soutien financier se décompose comme suit :', `La subvention de 47${NN}500${NB}€ est répartie comme suit :`).replace(`30${NN}000${NB}€`, `31${NN}000${NB}€`), exit: 1, must: [['COFINANCING_SUM_MISMATCH', 'error']] },
  { name: 'T16 the same intro with parts that agree: no error', text: rep('Ce soutien financier se décompose comme suit :', `La subvention de 47${NN}500${NB}€ est répartie comme suit :`), exit: 0, mustNot: NO_ERRORS },
  { name: 'T13 a stated total that differs from its parts → TOTAL_MISMATCH', text: TEXT + `Soit un total de 48${NN}500${NB}€.\n`, exit: 1, must: [[/^(TOTAL_MISMATCH|COFINANCING_SUM_MISMATCH)$/, 'error']] },
  { name: 'T14 "1^{er}" and years, L5218-7, CT2, AMFT 2.0 are not amounts', text: rep('1er janvier', '1^{er} janvier'), exit: 0, mustNot: NO_ERRORS },
];

describe('rapporteur audit --json (contract cases)', () => {
  it.each(auditCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const p = file('note.txt', c.text);
    const r = run(['audit', p, '--json']);
    const out = JSON.parse(r.stdout);
    expect(Array.isArray(out.findings)).toBe(true);
    for (const f of out.findings) {
      expect(typeof f.excerpt).toBe('string');
      expect(typeof f.offset).toBe('number');
      expect(['error', 'warning', 'info']).toContain(f.severity);
    }
    for (const [code, sev] of c.must ?? []) {
      expect([c.name, out.findings.some((f: any) => matches(code, f.code) && f.severity === sev)]).toEqual([c.name, true]);
    }
    const codes = out.findings.map((f: any) => f.code);
    for (const code of c.mustNot ?? []) expect([c.name, codes]).not.toEqual([c.name, expect.arrayContaining([code])]);
    if (c.exit === 0) expect(out.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    if (c.at && c.must) {
      const f = out.findings.find((x: any) => matches(c.must![0][0], x.code));
      const pos = c.text.indexOf(c.at);
      expect(f.excerpt).toContain(c.at);
      // the offset points at the excerpt's place in the text (or at the number itself)
      expect(f.offset === pos || c.text.slice(f.offset).startsWith(f.excerpt)).toBe(true);
      expect(f.offset).toBeLessThanOrEqual(pos);
      expect(f.offset + f.excerpt.length).toBeGreaterThanOrEqual(pos + c.at.length);
    }
    expect(r.status).toBe(c.exit);
  });
});

// ---------------------------------------------------------------------------------------
// rapporteur report → .docx read back
// ---------------------------------------------------------------------------------------

function docxText(p: string): string {
  const r = spawnSync('unzip', ['-p', p, 'word/document.xml'], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&').replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-f]+);/gi, (_m, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, n) => String.fromCodePoint(Number(n)));
}
const docxIn = (dirPath: string) => readdirSync(dirPath).filter((f) => f.endsWith('.docx')).map((f) => join(dirPath, f));

interface ReportCase {
  name: string;
  dossier: object;
  settings?: object;
  contains: (string | RegExp)[];
  notContains?: (string | RegExp)[];
}
const reportCases: ReportCase[] = [
  { name: 'D01 Medinsoft: French figures with U+202F groups and U+00A0 units', dossier: MEDINSOFT,
    contains: [new RegExp(`47${NN}500${NB}(€|euros)`), `23,75${NB}%`, new RegExp(`200${NN}000${NB}(€|euros)`), new RegExp(`800${NN}000${NB}(€|euros)`), `17${NN}500${NB}€`, `30${NN}000${NB}€`, /sur\s3\smois/, 'Medinsoft'],
    notContains: ['47.500', '30.000', '200 00 ', /200[\s\u00a0\u202f]00[\s\u00a0\u202f]*€/] },
  { name: 'D02 spacing setting nbsp: groups with U+00A0', dossier: MEDINSOFT, settings: { spacing: 'nbsp' },
    contains: [new RegExp(`47${NB}500${NB}(€|euros)`), new RegExp(`200${NB}000${NB}(€|euros)`), `23,75${NB}%`], notContains: [`47${NN}500`] },
  { name: 'D03 an amount with cents prints them; 12,3455 % prints 12,35 %', dossier: d({ id: 'CENTS-1', subsidy: 12345.5, annualBudget: 100000, period: undefined, convention: undefined }),
    contains: [`12${NN}345,50${NB}€`, `12,35${NB}%`, new RegExp(`100${NN}000${NB}(€|euros)`)] },
  { name: 'D04 days method: prints 197 260,27 € and still "sur 3 mois"', dossier: d({ id: 'DAYS-1', prorationMethod: 'days' }),
    contains: [`197${NN}260,27${NB}€`, /sur\s3\smois/, `24,08${NB}%`] },
];

describe('rapporteur report (contract cases)', () => {
  it.each(reportCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const out = dir('out');
    const args = ['report', file('dossier.json', JSON.stringify(c.dossier)), '--out', out];
    if (c.settings) args.push('--settings', file('settings.json', JSON.stringify(c.settings)));
    const r = run(args);
    expect([r.status, r.stderr]).toEqual([0, expect.anything()]);
    const files = docxIn(out);
    expect(files).toHaveLength(1);
    const text = docxText(files[0]);
    for (const s of c.contains) {
      if (typeof s === 'string') expect([c.name, text.includes(s), s]).toEqual([c.name, true, s]);
      else expect(text).toMatch(s);
    }
    for (const s of c.notContains ?? []) {
      if (typeof s === 'string') expect(text.includes(s)).toBe(false);
      else expect(text).not.toMatch(s);
    }
  });

  it('D05 one .docx per dossier of an array', () => {
    const out = dir('out');
    const r = run(['report', file('two.json', JSON.stringify([d({ id: 'DUO-1' }), d({ id: 'DUO-2', subsidy: 20000 })])), '--out', out]);
    expect(r.status).toBe(0);
    expect(docxIn(out)).toHaveLength(2);
  });

  it('D06 a dossier with an error is still written (with a warning); --strict skips it', () => {
    const bad = file('bad.json', JSON.stringify(d({ id: 'FAUX-1', statedRate: '25 %' })));
    const out1 = dir('out');
    const r1 = run(['report', bad, '--out', out1]);
    expect(docxIn(out1)).toHaveLength(1);
    expect((r1.stdout + r1.stderr).length).toBeGreaterThan(0);
    expect(r1.status).toBe(1);
    const out2 = dir('out');
    run(['report', bad, '--out', out2, '--strict']);
    expect(docxIn(out2)).toHaveLength(0);
  });

  it('D07 an up-to-date report is kept; --force rewrites it', () => {
    const src = file('keep.json', JSON.stringify(d({ id: 'GARDE-1' })));
    const out = dir('out');
    expect(run(['report', src, '--out', out]).status).toBe(0);
    const [p] = docxIn(out);
    const t1 = statSync(p).mtimeMs;
    const bytes1 = readFileSync(p);
    expect(run(['report', src, '--out', out]).status).toBe(0);
    expect(statSync(p).mtimeMs).toBe(t1);
    expect(readFileSync(p).equals(bytes1)).toBe(true);
    expect(run(['report', src, '--out', out, '--force']).status).toBe(0);
    expect(statSync(p).mtimeMs).not.toBe(t1);
  });

  it('D08 the report written from checked figures passes its own audit without error', () => {
    const out = dir('out');
    run(['report', file('dossier.json', JSON.stringify(MEDINSOFT)), '--out', out]);
    const [p] = docxIn(out);
    const r = run(['audit', p, '--json']);
    const res = JSON.parse(r.stdout);
    expect(res.findings.filter((f: any) => f.severity === 'error')).toEqual([]);
    expect(r.status).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------
// rapporteur opendata → SCDL Subventions 2.1.1 CSV
// ---------------------------------------------------------------------------------------

const SCDL_2_1_1 = [
  'nomAttribuant', 'idAttribuant', 'dateConvention', 'referenceDecision', 'nomBeneficiaire', 'idBeneficiaire',
  'rnaBeneficiaire', 'objet', 'montant', 'nature', 'conditionsVersement', 'datesPeriodeVersement', 'idRAE',
  'notificationUE', 'pourcentageSubvention', 'dispositifAide',
];
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (q) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
const OD_COMMON = {
  authority: "Métropole d'Aix-Marseille Provence",
  authoritySiret: '20005478100022',
  subject: "Attribution d'une subvention à l'association",
  paymentTerms: 'unique',
  aidNature: 'aide en numéraire',
  euNotification: false,
};
const OD = [
  d({ ...OD_COMMON, id: 'OD-1', beneficiary: 'association Alpha', siret: '11111111800019', subsidy: 47500, conventionDate: '2018-02-01', paymentDates: '2018-03-01' }),
  d({ ...OD_COMMON, id: 'OD-2', beneficiary: 'association Beta', siret: '22222222600011', subsidy: 23000, conventionDate: '2018-02-02', paymentDates: '2018-03-01' }),
  d({ ...OD_COMMON, id: 'OD-3', beneficiary: 'association Gamma', siret: '33333333400014', subsidy: 23000.01, ...per('2019-01-01', '2019-03-31'), budgetYear: 2019, conventionDate: '2019-02-01', paymentDates: '2019-03-01' }),
];

describe('rapporteur opendata (contract cases)', () => {
  const cases: [string, string[], string[]][] = [
    ['O01 default: only subsidies above 23 000 € (all years)', [], ['association Alpha', 'association Gamma']],
    ['O02 --year 2018: only 2018 above the threshold', ['--year', '2018'], ['association Alpha']],
    ['O03 --all: every subsidy', ['--all'], ['association Alpha', 'association Beta', 'association Gamma']],
    ['O04 --all --year 2018', ['--all', '--year', '2018'], ['association Alpha', 'association Beta']],
  ];
  it.each(cases)('%s', (_n, extra, names) => {
    const outCsv = join(dir('od'), 'subventions.csv');
    const r = run(['opendata', file('od.json', JSON.stringify(OD)), '--out', outCsv, ...extra]);
    expect(r.status).toBe(0);
    expect(existsSync(outCsv)).toBe(true);
    const rows = parseCsv(readFileSync(outCsv, 'utf8')).filter((x) => x.some((c) => c !== ''));
    expect(rows[0]).toEqual(SCDL_2_1_1);
    const body = rows.slice(1).map((x) => Object.fromEntries(SCDL_2_1_1.map((k, i) => [k, x[i]])));
    expect(body.map((b) => b.nomBeneficiaire).sort()).toEqual([...names].sort());
    for (const b of body) {
      const src: any = OD.find((o) => o.beneficiary === b.nomBeneficiaire);
      expect(new Decimal(b.montant).equals(new Decimal(String(src.subsidy)))).toBe(true);
      expect(b.montant).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(b.idAttribuant).toBe('20005478100022');
      expect(b.idBeneficiaire).toBe(src.siret);
      expect(b.dateConvention).toBe(src.conventionDate);
      expect(b.nomAttribuant.length).toBeGreaterThan(0);
      expect(b.objet.length).toBeGreaterThan(0);
      const pct = Number(b.pourcentageSubvention);
      expect(pct).toBeGreaterThan(0);
      expect(pct).toBeLessThanOrEqual(1);
    }
  });
});
