// A third outside check of the command line, on the three commands the second one
// (outside-rules-cli.test.ts) left aside: `audit`, `report --convention` and `opendata`.
// The built CLI (bin/rapporteur.js after `node build.mjs`) is run as a user runs it, on files
// written to a temp folder. Every expected value was worked out by hand from DOMAIN.md,
// CONTRACT.md and docs/CONTRACT-additions.md before the command was run; each case names the
// rule it exercises. The .docx is read with JSZip, not with the project's own reader.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { cliSandbox } from '../support/cli-sandbox';

const sandbox = cliSandbox('outside-cli-2-');
const { run, file } = sandbox;
const NNBSP = '\u202f';
const NBSP = '\u00a0';
/** How the documents print an amount by default: groups by U+202F, U+00A0 before the unit. */
const eur = (digits: string) => `${digits.replace(/ /g, NNBSP)}${NBSP}€`;
const pct = (digits: string) => `${digits}${NBSP}%`;

type Sev = 'error' | 'warning' | 'info';
interface AuditFinding {
  code: string;
  severity: Sev;
  excerpt: string;
  offset: number;
  message: string;
}

// ---------------------------------------------------------------- audit
/** The financial paragraph of a report, as the example writes it. */
const para = (sub: string, rate: string, prorated: string, annual: string, months = 3) =>
  `Le soutien financier de la Métropole à l'association s'élèvera à ${sub}, représentant ${rate} du budget prévisionnel 2018 proratisé sur ${months} mois d'un montant de ${prorated} (budget prévisionnel annuel de ${annual}).`;

interface AuditCase {
  rule: string;
  text: string;
  exit: 0 | 1;
  /** the codes found, exactly, with their severity (order aside) */
  findings: [string, Sev][];
  /** when given, the excerpt of the first finding must contain it */
  excerpt?: string;
}

const auditCases: AuditCase[] = [
  {
    rule: 'A01 figures that agree (47 500 / 200 000 = 23,75 %; 800 000 × 3/12 = 200 000; 17 500 + 30 000 = 47 500): no finding',
    text:
      para('47 500 €', '23,75 %', '200 000 €', '800 000 €') +
      '\nCette subvention est répartie comme suit :\n- 17 500 € pris en charge par la Métropole ;\n- 30 000 € pris en charge par le Conseil de Territoire du Pays d\'Aix.\n',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A02 « 200 00 € »: a group of two digits is malformed → NUMBER_MALFORMED error',
    text: para('47 500 €', '23,75 %', '200 00 €', '800 000 €'),
    exit: 1,
    findings: [['NUMBER_MALFORMED', 'error']],
    excerpt: '200 00',
  },
  {
    rule: 'A03 stated 23,57 % where 47 500 / 200 000 = 23,75 % → RATE_MISMATCH',
    text: para('47 500 €', '23,57 %', '200 000 €', '800 000 €'),
    exit: 1,
    findings: [['RATE_MISMATCH', 'error']],
  },
  {
    rule: 'A04 « 23,8 % » keeps one decimal: 23,75 rounded half up to one decimal is 23,8 → matches',
    text: para('47 500 €', '23,8 %', '200 000 €', '800 000 €'),
    exit: 0,
    findings: [],
  },
  {
    rule: 'A05 « 24 % » keeps no decimal: 23,75 → 24 → matches',
    text: para('47 500 €', '24 %', '200 000 €', '800 000 €'),
    exit: 0,
    findings: [],
  },
  {
    rule: 'A06 « 23 % » keeps no decimal: 23,75 → 24 ≠ 23 → RATE_MISMATCH',
    text: para('47 500 €', '23 %', '200 000 €', '800 000 €'),
    exit: 1,
    findings: [['RATE_MISMATCH', 'error']],
  },
  {
    rule: 'A07 rate with non-breaking spaces everywhere (U+202F groups, U+00A0 before the unit): same figures, no finding',
    text: para(eur('47 500'), pct('23,75'), eur('200 000'), eur('800 000')),
    exit: 0,
    findings: [],
  },
  {
    rule: 'A08 mixing U+00A0 and U+202F as group separators is one style (spaces of any kind): no finding',
    text: para(`47${NBSP}500${NBSP}€`, '23,75 %', `200${NNBSP}000 €`, '800 000 €'),
    exit: 0,
    findings: [],
  },
  {
    rule: 'A09 800 000 × 3/12 = 200 000, not 210 000 (and 47 500 / 210 000 = 22,62 % is what 22,62 says) → PRORATED_BUDGET_MISMATCH',
    text: para('47 500 €', '22,62 %', '210 000 €', '800 000 €'),
    exit: 1,
    findings: [['PRORATED_BUDGET_MISMATCH', 'error']],
  },
  {
    rule: 'A10 dots and spaces as thousands separators in one text → NUMBER_FORMAT_INCONSISTENT warning only',
    text: para('47.500 euros', '23,75 %', '200 000 €', '800 000 €'),
    exit: 0,
    findings: [['NUMBER_FORMAT_INCONSISTENT', 'warning']],
  },
  {
    rule: 'A11 « 47500 € » (no separator on five digits) beside « 17 500 € » are two styles → warning',
    text: 'Une subvention de 47500 € est attribuée. La Métropole en prend 17 500 € à sa charge.',
    exit: 0,
    findings: [['NUMBER_FORMAT_INCONSISTENT', 'warning']],
  },
  {
    rule: 'A12 « 4750 € » has four digits: no separator is not a style there, so one style only (spaces) → no finding',
    text: 'Une subvention de 4750 € est attribuée à l\'association, dont le budget annuel est de 120 000 €.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A13 « 47.5 € »: a dot followed by one digit is ambiguous → NUMBER_MALFORMED',
    text: 'Une subvention de 47.5 € est attribuée à l\'association.',
    exit: 1,
    findings: [['NUMBER_MALFORMED', 'error']],
    excerpt: '47.5',
  },
  {
    rule: 'A14 « 1.234,56 € » is 1 234,56 (dot groups, comma decimals): well formed, alone no finding',
    text: 'Une subvention de 1.234,56 € est attribuée à l\'association.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A15 « 1 234.56 € » mixes a space group and a dot → NUMBER_MALFORMED',
    text: 'Une subvention de 1 234.56 € est attribuée à l\'association.',
    exit: 1,
    findings: [['NUMBER_MALFORMED', 'error']],
  },
  {
    rule: 'A16 « 300. 000 € »: a dot then a space is a malformed number',
    text: 'Le budget de l\'action est de 300. 000 € pour l\'année.',
    exit: 1,
    findings: [['NUMBER_MALFORMED', 'error']],
  },
  {
    rule: 'A17 years, « L5218-7 », « CT2 », « AMFT 2.0 » are not amounts: no finding',
    text:
      'Vu l\'article L5218-7, I du Code Général des Collectivités Territoriales ; vu la délibération du CT2 du 12 avril 2018 ; le programme AMFT 2.0 se poursuit en 2019 et 2020.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A18 words that say the same amount: « 47 500 € (quarante-sept mille cinq cents euros) » → no finding',
    text: 'La subvention s\'élève à 47 500 € (quarante-sept mille cinq cents euros).',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A19 words that say another amount: « 47 500 € (quarante-sept mille euros) » → AMOUNT_WORDS_MISMATCH',
    text: 'La subvention s\'élève à 47 500 € (quarante-sept mille euros).',
    exit: 1,
    findings: [['AMOUNT_WORDS_MISMATCH', 'error']],
  },
  {
    rule: 'A20 words with cents that agree: 1 250,50 € = mille deux cent cinquante euros et cinquante centimes',
    text: 'La subvention s\'élève à 1 250,50 € (mille deux cent cinquante euros et cinquante centimes).',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A21 words that drop the cents: 1 250,50 € ≠ mille deux cent cinquante euros → AMOUNT_WORDS_MISMATCH',
    text: 'La subvention s\'élève à 1 250,50 € (mille deux cent cinquante euros).',
    exit: 1,
    findings: [['AMOUNT_WORDS_MISMATCH', 'error']],
  },
  {
    rule: 'A22 « 80 000 € (quatre-vingt mille euros) », « 71 000 € (soixante et onze mille euros) »: agree',
    text: 'La Région apporte 80 000 € (quatre-vingt mille euros) et le Département 71 000 € (soixante et onze mille euros) au budget de l\'action.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A23 « 200 000 000 € (deux cents millions d\'euros) » and « 1 000 000 € (un million d\'euros) »: agree',
    text: 'Le programme est doté de 200 000 000 € (deux cents millions d\'euros), dont 1 000 000 € (un million d\'euros) pour la Métropole.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A24 a listed split that misses the subsidy (17 500 + 25 000 = 42 500 ≠ 47 500) is an error',
    text:
      'La subvention de 47 500 € est répartie comme suit :\n- 17 500 € pris en charge par la Métropole ;\n- 25 000 € pris en charge par le Conseil de Territoire du Pays d\'Aix.\n',
    exit: 1,
    findings: [['COFINANCING_SUM_MISMATCH', 'error']],
  },
  {
    rule: 'A25 cents that add up: 61 234,57 = 20 411,52 + 20 411,52 + 20 411,53 → no finding',
    text:
      'La subvention de 61 234,57 € est répartie comme suit :\n- 20 411,52 € pris en charge par la Métropole ;\n- 20 411,52 € pris en charge par la Région ;\n- 20 411,53 € pris en charge par le Département.\n',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A26 cents one off: 20 411,52 × 3 = 61 234,56 ≠ 61 234,57 → error',
    text:
      'La subvention de 61 234,57 € est répartie comme suit :\n- 20 411,52 € pris en charge par la Métropole ;\n- 20 411,52 € pris en charge par la Région ;\n- 20 411,52 € pris en charge par le Département.\n',
    exit: 1,
    findings: [['COFINANCING_SUM_MISMATCH', 'error']],
  },
  {
    rule: 'A27 a text with no figures at all: no finding, exit 0',
    text: 'Le Conseil de Territoire approuve la convention ci-annexée et autorise le Président à la signer.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A28 a period across two years (1er juillet 2018 – 30 juin 2019 = 12 mois): 600 000 × 12/12 = 600 000, rate 60 000 / 600 000 = 10,00 % → no finding',
    text:
      'Pour la période du 1er juillet 2018 au 30 juin 2019, le soutien financier s\'élèvera à 60 000 €, représentant 10,00 % du budget prévisionnel proratisé sur 12 mois d\'un montant de 600 000 € (budget prévisionnel annuel de 600 000 €).',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A30 words before the digits that say another amount: « quarante-sept mille euros (47 500 €) » → AMOUNT_WORDS_MISMATCH',
    text: 'La subvention s\'élève à quarante-sept mille euros (47 500 €).',
    exit: 1,
    findings: [['AMOUNT_WORDS_MISMATCH', 'error']],
  },
  {
    rule: 'A31 words in the 1990 spelling that agree: « 47 500 € (quarante-sept-mille-cinq-cents euros) » → no finding',
    text: 'La subvention s\'élève à 47 500 € (quarante-sept-mille-cinq-cents euros).',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A32 « 21 € (vingt et un euros) », « 0,50 € (cinquante centimes) », « 1 € (un euro) »: agree',
    text: 'Le droit d\'entrée est de 21 € (vingt et un euros), le ticket de 0,50 € (cinquante centimes) et la carte de 1 € (un euro).',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A33 « 12,5 % » keeps one decimal: 25 000 / 200 000 = 12,5 % exactly → matches',
    text: para('25 000 €', '12,5 %', '200 000 €', '800 000 €'),
    exit: 0,
    findings: [],
  },
  {
    rule: 'A34 « 23,75% » without a space before % is still a rate that agrees → no finding',
    text: para('47 500 €', '23,75%', '200 000 €', '800 000 €'),
    exit: 0,
    findings: [],
  },
  {
    rule: 'A35 « 47 500,00 € » (table style) and « 200 000 € »: both with spaces, one style; figures agree',
    text: para('47 500,00 €', '23,75 %', '200 000 €', '800 000 €'),
    exit: 0,
    findings: [],
  },
  {
    rule: 'A36 a rate that rounds half up: 1 000 / 8 000 = 12,5 % → « 13 % » with no decimal matches (half up), « 12 % » does not',
    text:
      'Le soutien s\'élève à 1 000 €, représentant 13 % du budget de l\'action d\'un montant de 8 000 €. Le second soutien s\'élève à 1 000 €, représentant 12 % du budget du projet d\'un montant de 8 000 €.',
    exit: 1,
    findings: [['RATE_MISMATCH', 'error']],
  },
  {
    rule: 'A37 whole months are exact: 800 000 × 2/12 = 133 333,33 (half up), so « 133 333,34 € » → PRORATED_BUDGET_MISMATCH',
    text: 'Le budget prévisionnel annuel de 800 000 € proratisé sur 2 mois s\'élève à 133 333,34 €.',
    exit: 1,
    findings: [['PRORATED_BUDGET_MISMATCH', 'error']],
  },
  {
    rule: 'A38 … and « 133 333,33 € » agrees',
    text: 'Le budget prévisionnel annuel de 800 000 € proratisé sur 2 mois s\'élève à 133 333,33 €.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A39 « sur 3 mois » is printed whatever the method: with the period stated, 800 000 × 90/365 = 197 260,27 (days) is honest',
    text: 'Pour la période du 1er janvier 2018 au 31 mars 2018, le budget prévisionnel annuel de 800 000 € proratisé sur 3 mois s\'élève à 197 260,27 €.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A40 without the period, « sur 3 mois » is 3/12: 197 260,27 ≠ 200 000 → PRORATED_BUDGET_MISMATCH',
    text: 'Le budget prévisionnel annuel de 800 000 € proratisé sur 3 mois s\'élève à 197 260,27 €.',
    exit: 1,
    findings: [['PRORATED_BUDGET_MISMATCH', 'error']],
  },
  {
    rule: 'A41 leap February, 1er – 29 février 2020 on 366 000 €: months 30 500, days 29/366 → 29 000, 30/360 → 30 500; « 29 000 € » is honest',
    text: 'Pour la période du 1er février 2020 au 29 février 2020, le budget prévisionnel annuel de 366 000 € proratisé sur 1 mois s\'élève à 29 000 €.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A42 … « 28 000 € » is none of 30 500, 29 000, 30 500 (28/366 would need a 28-day February) → PRORATED_BUDGET_MISMATCH',
    text: 'Pour la période du 1er février 2020 au 29 février 2020, le budget prévisionnel annuel de 366 000 € proratisé sur 1 mois s\'élève à 28 000 €.',
    exit: 1,
    findings: [['PRORATED_BUDGET_MISMATCH', 'error']],
  },
  {
    rule: 'A43 a listed plan whose stated total is not the sum of its lines (17 500 + 30 000 = 47 500 ≠ 50 000) → TOTAL_MISMATCH',
    text: 'Le plan de financement est le suivant :\n- Métropole : 17 500 € ;\n- Région : 30 000 € ;\n- Total : 50 000 €.\n',
    exit: 1,
    findings: [['TOTAL_MISMATCH', 'error']],
  },
  {
    rule: 'A44 … and the same plan with a total of 47 500 € agrees',
    text: 'Le plan de financement est le suivant :\n- Métropole : 17 500 € ;\n- Région : 30 000 € ;\n- Total : 47 500 €.\n',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A45 a co-financer\'s share stated beside it: 17 500 / 47 500 = 36,842… → « 36,84 % » agrees, « 36,85 % » does not',
    text:
      'Le montant de 17 500 €, soit 36,84 % de la subvention de 47 500 €, est pris en charge par la Métropole. Le montant de 17 500 €, soit 36,85 % de la subvention de 47 500 €, est pris en charge par la Région.',
    exit: 1,
    findings: [['RATE_MISMATCH', 'error']],
  },
  {
    rule: 'A46 « 23.75 % »: a dot followed by two digits is ambiguous → NUMBER_MALFORMED',
    text: 'Le taux est de 23.75 % du budget.',
    exit: 1,
    findings: [['NUMBER_MALFORMED', 'error']],
  },
  {
    rule: 'A47 a binary-float trap: 5 700 / 20 000 = 28,5 % exactly (0.285 is 0.28499… as a float) → « 29 % » agrees (half up), « 28 % » does not',
    text:
      'Le soutien s\'élève à 5 700 €, représentant 29 % du budget de l\'action d\'un montant de 20 000 €. Le second soutien s\'élève à 5 700 €, représentant 28 % du budget du projet d\'un montant de 20 000 €.',
    exit: 1,
    findings: [['RATE_MISMATCH', 'error']],
  },
  {
    rule: 'A48 1 005 / 10 000 = 10,05 %: « 10,1 % » agrees (half up at one decimal), « 10,0 % » does not',
    text:
      'Le soutien s\'élève à 1 005 €, représentant 10,1 % du budget de l\'action d\'un montant de 10 000 €. Le second soutien s\'élève à 1 005 €, représentant 10,0 % du budget du projet d\'un montant de 10 000 €.',
    exit: 1,
    findings: [['RATE_MISMATCH', 'error']],
  },
  {
    rule: 'A49 cents in words that disagree: 47 500,25 € ≠ « … et vingt centimes » → AMOUNT_WORDS_MISMATCH',
    text: 'La subvention s\'élève à 47 500,25 € (quarante-sept mille cinq cents euros et vingt centimes).',
    exit: 1,
    findings: [['AMOUNT_WORDS_MISMATCH', 'error']],
  },
  {
    rule: 'A50 no false alarm on what is not an amount: a dotted date « 31.03.2018 », a phone « 04.91.99.99.99 », « 14.30 », an imputation 65 / 6574',
    text: 'La séance du 31.03.2018 (contact : 04.91.99.99.99, à 14.30) a voté, au chapitre 65, nature 6574, une subvention de 17 500 €.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A51 no false alarm on a SIRET « 443 061 841 00047 », an RNA, a postcode 13002 beside « 17 500 € »',
    text: 'L\'association (SIRET 443 061 841 00047, RNA W131000001), dont le siège est à 13002 Marseille, reçoit 17 500 €.',
    exit: 0,
    findings: [],
  },
  {
    rule: 'A52 dots as thousands separators throughout, « 1.200.000 € » and « 17.500 € »: one style, well formed → no finding',
    text: 'Le budget 2018 est de 1.200.000 € et la subvention de 17.500 €.',
    exit: 0,
    findings: [],
  },
];

async function auditOf(text: string, json = true) {
  const p = file('note.txt', text);
  const r = run(['audit', p, ...(json ? ['--json'] : [])]);
  return r;
}

describe('audit: the figures of a report text, worked out by hand', () => {
  test.each(auditCases.map((c) => [c.rule, c] as const))('%s', async (_rule, c) => {
    const r = await auditOf(c.text);
    const out = JSON.parse(r.stdout) as { findings: AuditFinding[] };
    const got = out.findings.map((f) => [f.code, f.severity]).sort();
    expect({ exit: r.status, findings: got }).toEqual({ exit: c.exit, findings: [...c.findings].sort() });
    if (c.excerpt) expect(out.findings[0].excerpt).toContain(c.excerpt);
    for (const f of out.findings) {
      // The offset points at the excerpt in the text as given.
      expect(c.text.slice(f.offset, f.offset + f.excerpt.length)).toBe(f.excerpt);
    }
  });

  test('A29 a missing file: exit 2, INPUT_UNREADABLE with --json', () => {
    const r = run(['audit', join(sandbox.dir, 'absente.txt'), '--json']);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('INPUT_UNREADABLE');
  });
});

// ---------------------------------------------------------------- convention
/** The paragraphs of a .docx body, read with JSZip (w:t runs joined, entities decoded). */
async function docxParagraphs(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const xml = await zip.file('word/document.xml')!.async('string');
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return xml
    .split('</w:p>')
    .map((p) => decode([...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')))
    .filter((p) => p !== '');
}

const cv = {
  beneficiary: 'association Témoin',
  beneficiaryKind: 'association',
  subject: 'Soutien au programme Témoin',
  authority: 'Ville de Marseille',
  budgetYear: 2018,
  period: { start: '2018-01-01', end: '2018-12-31' },
  annualBudget: 400000,
};

/** Runs `report --convention` on the dossiers in a fresh folder; gives the conventions written, by file name. */
async function conventions(dossiers: object[]): Promise<{ status: number | null; files: Record<string, string[]> }> {
  const p = file('dossiers.json', JSON.stringify(dossiers));
  const out = join(sandbox.dir, `out-${sandbox.next()}`);
  const r = run(['report', p, '--convention', '--out', out]);
  let names: string[] = [];
  try {
    names = readdirSync(out).filter((n) => n.startsWith('convention-') && n.endsWith('.docx'));
  } catch {
    names = [];
  }
  const files: Record<string, string[]> = {};
  for (const n of names) files[n] = await docxParagraphs(join(out, n));
  return { status: r.status, files };
}
const article3 = (ps: string[]) => ps.find((p) => p.startsWith('La collectivité attribue au bénéficiaire')) ?? '';
const ids = (files: Record<string, string[]>) => Object.keys(files).map((n) => n.replace(/^convention-/, '').split('-association')[0].split('-société')[0]).sort();

describe('report --convention: which dossiers get one, and what its figures say', () => {
  test('C01 exactly 23 000 € to an association: not « more than 23 000 € », no convention', async () => {
    const r = await conventions([{ ...cv, id: 'C01', subsidy: 23000 }]);
    expect(Object.keys(r.files)).toEqual([]);
  });

  test('C02 23 000,01 €: a convention, amount « 23 000,01 € (vingt-trois mille euros et un centime) »', async () => {
    const r = await conventions([{ ...cv, id: 'C02', subsidy: '23 000,01 €' }]);
    const [ps] = Object.values(r.files);
    expect(ps).toBeDefined();
    expect(article3(ps)).toContain(`${eur('23 000,01')} (vingt-trois mille euros et un centime)`);
  });

  test('C03 a public body at 50 000 €: no convention rule, none written', async () => {
    const r = await conventions([{ ...cv, id: 'C03', beneficiaryKind: 'public', beneficiary: 'Commune de Témoin', subsidy: 50000 }]);
    expect(Object.keys(r.files)).toEqual([]);
  });

  test('C04 10 000 € with convention: true: written though under the threshold, « dix mille euros »', async () => {
    const r = await conventions([{ ...cv, id: 'C04', subsidy: 10000, convention: true }]);
    const [ps] = Object.values(r.files);
    expect(article3(ps)).toContain(`${eur('10 000')} (dix mille euros)`);
  });

  test('C05 15 000 € + 12 000 € to one association in 2018 (27 000 € > 23 000 €): both get a convention', async () => {
    const r = await conventions([
      { ...cv, id: 'C05A', subsidy: 15000 },
      { ...cv, id: 'C05B', subsidy: 12000 },
    ]);
    expect(Object.keys(r.files).length).toBe(2);
  });

  test('C06 15 000 € in 2018 and 12 000 € in 2019 to the same association: each year alone is under, none', async () => {
    const r = await conventions([
      { ...cv, id: 'C06A', subsidy: 15000 },
      { ...cv, id: 'C06B', subsidy: 12000, budgetYear: 2019, period: { start: '2019-01-01', end: '2019-12-31' } },
    ]);
    expect(Object.keys(r.files)).toEqual([]);
  });

  test('C07 11 500 € + 11 500 € = 23 000 € exactly: not more than the threshold, none', async () => {
    const r = await conventions([
      { ...cv, id: 'C07A', subsidy: 11500 },
      { ...cv, id: 'C07B', subsidy: 11500 },
    ]);
    expect(Object.keys(r.files)).toEqual([]);
  });

  const words: [number | string, string, string][] = [
    [80000, '80 000', 'quatre-vingt mille euros'],
    [200000, '200 000', 'deux cent mille euros'],
    [1000000, '1 000 000', 'un million d’euros'],
    [71071, '71 071', 'soixante et onze mille soixante et onze euros'],
    [81080, '81 080', 'quatre-vingt-un mille quatre-vingts euros'],
    ['23 000,80', '23 000,80', 'vingt-trois mille euros et quatre-vingts centimes'],
    [1200000, '1 200 000', 'un million deux cent mille euros'],
    [2000200, '2 000 200', 'deux millions deux cents euros'],
    [200000000, '200 000 000', 'deux cents millions d’euros'],
    [121000, '121 000', 'cent vingt et un mille euros'],
  ];
  test.each(words)('C08 amount in words in the convention: %s → « %s » (%s)', async (amount, digits, inWords) => {
    const r = await conventions([{ ...cv, id: `W${String(digits).replace(/\D/g, '')}`, subsidy: amount, annualBudget: 900000000 }]);
    const [ps] = Object.values(r.files);
    // « d'euros » may be written with either apostrophe
    const a3 = article3(ps).replace(/'/g, '’');
    expect(a3).toContain(`${eur(digits)} (${inWords})`);
  });

  test('C09 leap February: 1er février 2020 – 29 février 2020 is « du 1er février 2020 au 29 février 2020 (1 mois) »; 3 000 000 × 1/12 = 250 000 €, 50 000 / 250 000 = 20,00 %', async () => {
    const r = await conventions([
      { ...cv, id: 'C09', budgetYear: 2020, period: { start: '2020-02-01', end: '2020-02-29' }, annualBudget: 3000000, subsidy: 50000 },
    ]);
    const [ps] = Object.values(r.files);
    expect(ps.join('\n')).toContain('du 1er février 2020 au 29 février 2020 (1 mois)');
    expect(article3(ps)).toContain(`représentant ${pct('20,00')} du budget prévisionnel 2020 proratisé sur 1 mois, soit ${eur('250 000')} (budget prévisionnel annuel de ${eur('3 000 000')})`);
  });

  test('C10 a period across years, 1er juillet 2019 – 30 juin 2020 = 12 mois; 30 000 / 240 000 = 12,50 %', async () => {
    const r = await conventions([
      { ...cv, id: 'C10', budgetYear: 2019, period: { start: '2019-07-01', end: '2020-06-30' }, annualBudget: 240000, subsidy: 30000 },
    ]);
    const [ps] = Object.values(r.files);
    const all = ps.join('\n');
    expect(all).toContain('du 1er juillet 2019 au 30 juin 2020 (12 mois)');
    expect(article3(ps)).toContain(`${eur('30 000')} (trente mille euros), représentant ${pct('12,50')}`);
  });

  test('C11 cents and three co-financers: 61 234,57 € = 20 411,52 + 20 411,52 + 20 411,53, shares 33,33 / 33,33 / 33,33 %', async () => {
    const r = await conventions([
      {
        ...cv,
        id: 'C11',
        subsidy: '61 234,57 €',
        annualBudget: '312 450,50 €',
        cofinancers: [
          { name: 'Métropole', amount: '20 411,52 €' },
          { name: 'Région', amount: '20 411,52 €' },
          { name: 'Département', amount: '20 411,53 €' },
        ],
      },
    ]);
    const [ps] = Object.values(r.files);
    // 61 234,57 / 312 450,50 = 0,19598… → 19,60 %
    expect(article3(ps)).toContain(`${eur('61 234,57')} (soixante et un mille deux cent trente-quatre euros et cinquante-sept centimes), représentant ${pct('19,60')}`);
    expect(ps).toEqual(expect.arrayContaining([eur('20 411,52'), eur('20 411,53'), eur('61 234,57'), pct('33,33')]));
  });

  test('C12 a partial month: 16 janvier – 31 mars 2018 = 2 + 16/31 months; 310 000 × (2 + 16/31)/12 = 65 000 €', async () => {
    // (2 + 16/31) / 12 × 310 000 = (78/31) / 12 × 310 000 = 65 000 exactly
    const r = await conventions([{ ...cv, id: 'C12', period: { start: '2018-01-16', end: '2018-03-31' }, annualBudget: 310000, subsidy: 26000 }]);
    const [ps] = Object.values(r.files);
    // 26 000 / 65 000 = 40,00 %
    expect(article3(ps)).toContain(`${pct('40,00')} du budget prévisionnel 2018 proratisé sur`);
    expect(article3(ps)).toContain(`soit ${eur('65 000')}`);
    // the compte rendu is due within six months of the end of the 2018 exercise
    expect(ps.join('\n')).toContain('au plus tard le 30 juin 2019');
  });

  test('C13 convention: true under the threshold, small amounts in words: 21 € « vingt et un euros », 1 € « un euro », 0,50 € « cinquante centimes »', async () => {
    const r = await conventions([
      { ...cv, id: 'S21', beneficiary: 'association Vingt', subsidy: 21, convention: true },
      { ...cv, id: 'S1', beneficiary: 'association Un', subsidy: 1, convention: true },
      { ...cv, id: 'S050', beneficiary: 'association Demi', subsidy: '0,50 €', convention: true },
    ]);
    const a3 = Object.values(r.files).map(article3).join('\n');
    expect(a3).toContain(`${eur('21')} (vingt et un euros)`);
    expect(a3).toContain(`${eur('1')} (un euro)`);
    expect(a3).toContain(`${eur('0,50')} (cinquante centimes)`);
  });

  test('C14 --id on one of two subsidies that only add up over the year (15 000 + 12 000): its convention is still written', async () => {
    const p = file('dossiers.json', JSON.stringify([{ ...cv, id: 'C14A', subsidy: 15000 }, { ...cv, id: 'C14B', subsidy: 12000 }]));
    const out = join(sandbox.dir, `out-${sandbox.next()}`);
    run(['report', p, '--convention', '--id', 'C14B', '--out', out]);
    expect(readdirSync(out).filter((n) => n.startsWith('convention-'))).toEqual([expect.stringContaining('C14B')]);
  });

  test('C15 --settings with a threshold of 50 000: 47 500 € needs no convention, 50 000,01 € does', async () => {
    const settings = file('parametres.json', JSON.stringify({ conventionThreshold: 50000 }));
    const p = file('dossiers.json', JSON.stringify([{ ...cv, id: 'C15A', subsidy: 47500 }, { ...cv, id: 'C15B', beneficiary: 'association Autre', subsidy: '50 000,01 €' }]));
    const out = join(sandbox.dir, `out-${sandbox.next()}`);
    run(['report', p, '--convention', '--settings', settings, '--out', out]);
    expect(readdirSync(out).filter((n) => n.startsWith('convention-'))).toEqual([expect.stringContaining('C15B')]);
  });

  test('C16 the convention date and the session date print with « 1er »: « le 1er mars 2018 », « du 1er juin 2018 »', async () => {
    const r = await conventions([{ ...cv, id: 'C16', subsidy: 30000, conventionDate: '2018-03-01', sessionDate: '2018-06-01', actNumber: '2018-045' }]);
    const all = Object.values(r.files)[0].join('\n');
    expect(all).toContain('Fait en deux exemplaires originaux, le 1er mars 2018.');
    expect(all).toContain('du 1er juin 2018');
    expect(all).not.toMatch(/\b1 (?:mars|juin) 2018/);
  });

  test('C17 a company: no « contrat d’engagement républicain » article, so resiliation is article 8', async () => {
    const r = await conventions([{ ...cv, id: 'C17', beneficiary: 'SAS Témoin', beneficiaryKind: 'company', subsidy: 30000 }]);
    const ps = Object.values(r.files)[0];
    expect(ps.join('\n')).not.toContain('engagement républicain');
    expect(ps).toContain('Article 8 — Résiliation et reversement');
  });

  test('C18 the convention the product writes passes its own audit with no error (its figures agree)', async () => {
    const dossier = {
      ...cv,
      id: 'C18',
      period: { start: '2018-01-16', end: '2018-10-15' },
      subsidy: '61 234,57 €',
      annualBudget: '312 450,50 €',
      cofinancers: [
        { name: 'Métropole', amount: '20 411,52 €' },
        { name: 'Région', amount: '20 411,52 €' },
        { name: 'Département', amount: '20 411,53 €' },
      ],
    };
    const p = file('dossiers.json', JSON.stringify([dossier]));
    const out = join(sandbox.dir, `out-${sandbox.next()}`);
    run(['report', p, '--convention', '--out', out]);
    const conv = readdirSync(out).find((n) => n.startsWith('convention-'))!;
    const a = run(['audit', join(out, conv), '--json']);
    const errors = (JSON.parse(a.stdout).findings as AuditFinding[]).filter((f) => f.severity === 'error');
    expect([a.status, errors]).toEqual([0, []]);
  });

  test('C19 the report the product writes for the same dossier passes its own audit with no error', async () => {
    const dossier = { ...cv, id: 'C19', period: { start: '2018-01-16', end: '2018-03-31' }, annualBudget: 310000, subsidy: 26000, cofinancers: [{ name: 'Métropole', amount: 13000.5 }, { name: 'Région', amount: 12999.5 }] };
    const p = file('dossiers.json', JSON.stringify([dossier]));
    const out = join(sandbox.dir, `out-${sandbox.next()}`);
    run(['report', p, '--out', out]);
    const rep = readdirSync(out).find((n) => n.endsWith('.docx') && !n.startsWith('convention-'))!;
    const a = run(['audit', join(out, rep), '--json']);
    const errors = (JSON.parse(a.stdout).findings as AuditFinding[]).filter((f) => f.severity === 'error');
    expect([a.status, errors]).toEqual([0, []]);
  });

  test('C20 rates round half up in decimals: 24 690 / 200 000 = 12,345 % → « 12,35 % »; shares 3 086,25 and 21 603,75 are 12,50 % and 87,50 %; no period: « du budget prévisionnel 2018 de 100 000 € »', async () => {
    const r = await conventions([
      { ...cv, id: 'C20A', period: { start: '2018-01-01', end: '2018-03-31' }, annualBudget: 800000, subsidy: '24 690 €', cofinancers: [{ name: 'A', amount: 3086.25 }, { name: 'B', amount: 21603.75 }] },
      { ...cv, id: 'C20B', beneficiary: 'association Sans Période', period: undefined, annualBudget: 100000, subsidy: '30 000 €' },
    ]);
    const [a, b] = Object.keys(r.files).sort().map((k) => r.files[k]);
    expect(article3(a)).toContain(`représentant ${pct('12,35')} du budget prévisionnel 2018 proratisé sur 3 mois, soit ${eur('200 000')}`);
    expect(a).toEqual(expect.arrayContaining([pct('12,50'), pct('87,50'), eur('3 086,25'), eur('21 603,75')]));
    expect(article3(b)).toContain(`${eur('30 000')} (trente mille euros), représentant ${pct('30,00')} du budget prévisionnel 2018 de ${eur('100 000')}.`);
  });

  test('C21 a draft whose stated figures are wrong (« 200 00 € », « 23,57 % »): the convention is still written (exit 1) and prints the computed 200 000 € and 23,75 %, never the stated ones', async () => {
    const dossier = { ...cv, id: 'C21', period: { start: '2018-01-01', end: '2018-03-31' }, annualBudget: 800000, subsidy: 47500, statedProratedBudget: '200 00 €', statedRate: '23,57 %', convention: true };
    const p = file('dossiers.json', JSON.stringify([dossier]));
    const out = join(sandbox.dir, `out-${sandbox.next()}`);
    const r = run(['report', p, '--convention', '--out', out]);
    expect(r.status).toBe(1);
    const conv = readdirSync(out).find((n) => n.startsWith('convention-'))!;
    const a3 = article3(await docxParagraphs(join(out, conv)));
    expect(a3).toContain(`représentant ${pct('23,75')} du budget prévisionnel 2018 proratisé sur 3 mois, soit ${eur('200 000')}`);
    expect(a3).not.toContain('23,57');
  });

  test('C22 an unreadable subsidy (« 47.5 », AMOUNT_INVALID) cannot tell whether a convention is required: exit 1, said so, never « pas de convention requise »', async () => {
    const p = file('dossiers.json', JSON.stringify([{ ...cv, id: 'C22', subsidy: '47.5' }, { ...cv, id: 'C22B', beneficiary: 'association Petite', subsidy: 10000 }]));
    const out = join(sandbox.dir, `out-${sandbox.next()}`);
    const r = run(['report', p, '--convention', '--out', out]);
    expect(r.status).toBe(1);
    const line = r.stdout.split('\n').find((l) => l.includes('C22 '))!;
    expect(line).not.toContain('pas de convention requise');
    expect(line).toMatch(/impossible de dire/i);
    expect(r.stderr).toContain('47,5');
    // the readable 10 000 € dossier needs none, and says so
    expect(r.stdout.split('\n').find((l) => l.includes('C22B'))).toContain('pas de convention requise');
    // and alone it is no error
    const q = file('dossiers.json', JSON.stringify([{ ...cv, id: 'C22C', subsidy: 10000 }]));
    expect(run(['report', q, '--convention', '--out', out]).status).toBe(0);
  });
});

// ---------------------------------------------------------------- opendata
const AUTH_SIRET = '21130055300016'; // Luhn key checked by hand
const BEN_SIRET = '44306184100047';
const od = {
  beneficiary: 'association Témoin',
  beneficiaryKind: 'association',
  subject: 'Soutien au programme Témoin',
  authority: 'Ville de Marseille',
  authoritySiret: AUTH_SIRET,
  siret: BEN_SIRET,
  budgetYear: 2018,
  period: { start: '2018-01-01', end: '2018-12-31' },
  annualBudget: 400000,
  convention: true,
  conventionDate: '2018-03-05',
  aidNature: 'aide en numéraire',
  paymentTerms: 'unique',
  paymentDates: '2018-04-16',
  euNotification: false,
};

interface OdRow {
  id: string;
  mandatory: boolean;
  values: Record<string, string>;
  findings: { code: string; severity: Sev; field: string }[];
}
function opendata(dossiers: object[], extra: string[] = []) {
  const p = file('dossiers.json', JSON.stringify(dossiers));
  const r = run(['opendata', p, '--json', ...extra]);
  const out = r.status === 2 ? null : (JSON.parse(r.stdout) as { rows: OdRow[]; undetermined: string[] });
  return { status: r.status, rows: out?.rows ?? [], stderr: r.stderr };
}
const codes = (row: OdRow) => row.findings.map((f) => [f.code, f.field]).sort();

describe('opendata: which subsidies are published and in which format', () => {
  test('O01 47 500 €, complete: one row in the schema\'s formats (amount with a dot, ISO dates, 14-digit SIRETs, 1.00, « non »)', () => {
    const r = opendata([{ ...od, id: 'O01', subsidy: '47.500 euros', actNumber: '2018-CT1-045' }]);
    expect(r.status).toBe(0);
    expect(r.rows.map((x) => x.values)).toEqual([
      {
        nomAttribuant: 'Ville de Marseille',
        idAttribuant: AUTH_SIRET,
        dateConvention: '2018-03-05',
        referenceDecision: '2018-CT1-045',
        nomBeneficiaire: 'association Témoin',
        idBeneficiaire: BEN_SIRET,
        rnaBeneficiaire: '',
        objet: 'Soutien au programme Témoin',
        montant: '47500.00',
        nature: 'aide en numéraire',
        conditionsVersement: 'unique',
        datesPeriodeVersement: '2018-04-16',
        idRAE: '',
        notificationUE: 'non',
        pourcentageSubvention: '1.00',
        dispositifAide: '',
      },
    ]);
  });

  test('O02 exactly 23 000 €: not above the threshold, not published (no row, exit 0)', () => {
    const r = opendata([{ ...od, id: 'O02', subsidy: 23000 }]);
    expect([r.status, r.rows.length]).toEqual([0, 0]);
  });

  test('O03 23 000,01 €: published, montant « 23000.01 »', () => {
    const r = opendata([{ ...od, id: 'O03', subsidy: '23 000,01 €' }]);
    expect(r.rows.map((x) => [x.id, x.mandatory, x.values.montant])).toEqual([['O03', true, '23000.01']]);
  });

  test('O04 10 000 € is published only with --all, and then not mandatory', () => {
    const without = opendata([{ ...od, id: 'O04', subsidy: 10000 }]);
    const withAll = opendata([{ ...od, id: 'O04', subsidy: 10000 }], ['--all']);
    expect(without.rows.length).toBe(0);
    expect(withAll.rows.map((x) => [x.mandatory, x.values.montant])).toEqual([[false, '10000.00']]);
  });

  test('O05 a public body at 50 000 €: no publication', () => {
    const r = opendata([{ ...od, id: 'O05', beneficiaryKind: 'public', beneficiary: 'Commune de Témoin', subsidy: 50000 }]);
    expect(r.rows.length).toBe(0);
  });

  test('O06 15 000 € + 12 000 € to one association in 2018: both published (the yearly amount is above 23 000 €)', () => {
    const r = opendata([
      { ...od, id: 'O06A', subsidy: 15000 },
      { ...od, id: 'O06B', subsidy: 12000 },
    ]);
    expect(r.rows.map((x) => [x.id, x.values.montant]).sort()).toEqual([
      ['O06A', '15000.00'],
      ['O06B', '12000.00'],
    ]);
  });

  test('O07 --year 2019 keeps only the 2019 dossier', () => {
    const r = opendata(
      [
        { ...od, id: 'O07A', subsidy: 30000 },
        { ...od, id: 'O07B', subsidy: 40000, budgetYear: 2019, period: { start: '2019-01-01', end: '2019-12-31' }, conventionDate: '2019-02-01', paymentDates: '2019-03-01' },
      ],
      ['--year', '2019'],
    );
    expect(r.rows.map((x) => x.id)).toEqual(['O07B']);
  });

  test('O08 a SIRET written « 732 829 320 00074 » is published as 73282932000074; an RNA « w131000001 » as W131000001', () => {
    const r = opendata([{ ...od, id: 'O08', subsidy: 30000, siret: '732 829 320 00074', rna: 'w131000001' }]);
    expect(r.rows.map((x) => [x.values.idBeneficiaire, x.values.rnaBeneficiaire])).toEqual([['73282932000074', 'W131000001']]);
    expect(r.status).toBe(0);
  });

  test('O09 a SIRET whose key fails (73282932000075): OPENDATA_FIELD_INVALID on siret, empty cell, exit 1', () => {
    const r = opendata([{ ...od, id: 'O09', subsidy: 30000, siret: '73282932000075' }]);
    expect(r.status).toBe(1);
    expect(r.rows[0].values.idBeneficiaire).toBe('');
    expect(codes(r.rows[0])).toEqual([['OPENDATA_FIELD_INVALID', 'siret']]);
  });

  test('O10 an authority SIRET of 13 digits: OPENDATA_FIELD_INVALID on authoritySiret', () => {
    const r = opendata([{ ...od, id: 'O10', subsidy: 30000, authoritySiret: '2113005530001' }]);
    expect([r.status, codes(r.rows[0])]).toEqual([1, [['OPENDATA_FIELD_INVALID', 'authoritySiret']]]);
  });

  test('O11 conventionDate 2020-02-29 (leap year) is a date; 2019-02-29 and 2018-02-30 are not', () => {
    const r = opendata([
      { ...od, id: 'O11A', subsidy: 30000, conventionDate: '2020-02-29' },
      { ...od, id: 'O11B', subsidy: 30000, conventionDate: '2019-02-29', beneficiary: 'association B', siret: '73282932000074' },
      { ...od, id: 'O11C', subsidy: 30000, conventionDate: '2018-02-30', beneficiary: 'association C', siret: '78467169500087' },
    ]);
    expect(r.rows.map((x) => [x.id, x.values.dateConvention, codes(x)])).toEqual([
      ['O11A', '2020-02-29', []],
      ['O11B', '', [['OPENDATA_FIELD_INVALID', 'conventionDate']]],
      ['O11C', '', [['OPENDATA_FIELD_INVALID', 'conventionDate']]],
    ]);
    expect(r.status).toBe(1);
  });

  test('O12 payment dates given out of order become the period first/last: « 2018-04-16/2018-10-15 »', () => {
    const r = opendata([{ ...od, id: 'O12', subsidy: 30000, paymentTerms: 'échelonné', paymentDates: ['2018-10-15', '2018-04-16'] }]);
    expect(r.rows[0].values.datesPeriodeVersement).toBe('2018-04-16/2018-10-15');
    expect(r.rows[0].values.conditionsVersement).toBe('échelonné');
  });

  test('O13 a payment period that ends before it starts, « 2018-10-15/2018-04-16 », is refused', () => {
    const r = opendata([{ ...od, id: 'O13', subsidy: 30000, paymentDates: '2018-10-15/2018-04-16' }]);
    expect(codes(r.rows[0])).toEqual([['OPENDATA_FIELD_INVALID', 'paymentDates']]);
  });

  test('O14 no conventionDate and no euNotification: two OPENDATA_FIELD_MISSING, exit 1', () => {
    const { conventionDate: _c, euNotification: _e, ...rest } = od;
    const r = opendata([{ ...rest, id: 'O14', subsidy: 30000 }]);
    expect([r.status, codes(r.rows[0])]).toEqual([
      1,
      [
        ['OPENDATA_FIELD_MISSING', 'conventionDate'],
        ['OPENDATA_FIELD_MISSING', 'euNotification'],
      ],
    ]);
  });

  test('O15 neither SIRET nor RNA: the schema wants one of the two → OPENDATA_FIELD_MISSING', () => {
    const { siret: _s, ...rest } = od;
    const r = opendata([{ ...rest, id: 'O15', subsidy: 30000 }]);
    expect(codes(r.rows[0])).toEqual([['OPENDATA_FIELD_MISSING', 'siret']]);
  });

  test('O16 an amount with cents as a JSON number, 47500.5: montant keeps two decimals with a dot, « 47500.50 »', () => {
    const r = opendata([{ ...od, id: 'O16', subsidy: 47500.5 }]);
    expect(r.rows[0].values.montant).toBe('47500.50');
  });

  test('O17 the CSV: header of the 16 columns, comma-separated, CRLF, the object with a comma quoted', () => {
    const p = file('dossiers.json', JSON.stringify([{ ...od, id: 'O17', subsidy: 30000, subject: 'Festival, 2018 : « Témoin »' }]));
    const out = join(sandbox.dir, `o17-${sandbox.next()}.csv`);
    const r = run(['opendata', p, '--out', out]);
    expect(r.status).toBe(0);
    const csv = readFileSync(out, 'utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide',
    );
    expect(lines[1]).toBe(`Ville de Marseille,${AUTH_SIRET},2018-03-05,,association Témoin,${BEN_SIRET},,"Festival, 2018 : « Témoin »",30000.00,aide en numéraire,unique,2018-04-16,,non,1.00,`);
    expect(lines[2]).toBe('');
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
  });

  test('O18 an unreadable subsidy « 200 00 € » of a private body: nobody can tell whether to publish it → exit 1, named on stderr', () => {
    const r = opendata([{ ...od, id: 'O18', subsidy: '200 00 €' }]);
    expect(r.status).toBe(1);
    expect(r.rows.length).toBe(0);
    expect(r.stderr).toContain('O18');
  });

  test('O19 the same body under two spellings of its name but one SIRET (15 000 + 12 000 in 2018): both published', () => {
    const r = opendata([
      { ...od, id: 'O19A', subsidy: 15000 },
      { ...od, id: 'O19B', beneficiary: 'Association TÉMOIN', subsidy: 12000 },
    ]);
    expect(r.rows.map((x) => x.id).sort()).toEqual(['O19A', 'O19B']);
  });

  test('O20 a formula-like name in the CSV is written behind an apostrophe; the amount stays a number', () => {
    const p = file('dossiers.json', JSON.stringify([{ ...od, id: 'O20', subsidy: 30000, beneficiary: '=HYPERLINK("http://x";"y")' }]));
    const out = join(sandbox.dir, `o20-${sandbox.next()}.csv`);
    run(['opendata', p, '--out', out]);
    const line = readFileSync(out, 'utf8').split('\r\n')[1];
    expect(line).toContain(`,"'=HYPERLINK(""http://x"";""y"")",`);
    expect(line).toContain(',30000.00,');
  });

  test('O21 an idRAE of 6 characters breaks the schema (at most 5): OPENDATA_FIELD_INVALID on raeId', () => {
    const r = opendata([{ ...od, id: 'O21', subsidy: 30000, raeId: 'ABCDEF' }]);
    expect(codes(r.rows[0])).toEqual([['OPENDATA_FIELD_INVALID', 'raeId']]);
  });

  test('O22 the authority SIRET from --settings when the dossier has none; nature both kinds, « oui »', () => {
    const { authoritySiret: _a, ...rest } = od;
    const settings = file('parametres.json', JSON.stringify({ authoritySiret: '213 005 530 00016'.replace('213 005 530', '211 300 553') }));
    const r = opendata([{ ...rest, id: 'O22', subsidy: 30000, aidNature: ['aide en numéraire', 'aide en nature'], euNotification: 'oui' }], ['--settings', settings]);
    expect([r.rows[0].values.idAttribuant, r.rows[0].values.nature, r.rows[0].values.notificationUE, codes(r.rows[0])]).toEqual([AUTH_SIRET, 'aide en numéraire;aide en nature', 'oui', []]);
  });

  test('O23 a subsidy written with three decimals « 30 000,001 € » cannot be read: undetermined, exit 1', () => {
    const r = opendata([{ ...od, id: 'O23', subsidy: '30 000,001 €' }]);
    expect([r.status, r.rows.length]).toEqual([1, 0]);
  });

  test('O24 a float that is a cent value in disguise (=47500*0,3684 → 17499.999999999996) is taken as 17 500,00 → « 17500.00 » (and 12 000 beside it)', () => {
    const r = opendata([{ ...od, id: 'O24', subsidy: 17499.999999999996 }, { ...od, id: 'O24B', subsidy: 12000 }]);
    expect(r.rows.map((x) => [x.id, x.values.montant]).sort()).toEqual([
      ['O24', '17500.00'],
      ['O24B', '12000.00'],
    ]);
  });

  test('O25 11 500 € + 11 500 € = 23 000 € exactly for one association: not above, nothing to publish', () => {
    const r = opendata([
      { ...od, id: 'O25A', subsidy: 11500 },
      { ...od, id: 'O25B', subsidy: 11500 },
    ]);
    expect([r.status, r.rows.length]).toEqual([0, 0]);
  });

  test('O26 payment dates written « du 16/04/2018 au 15/10/2018 » become « 2018-04-16/2018-10-15 »; the same date twice is one date', () => {
    const r = opendata([
      { ...od, id: 'O26A', subsidy: 30000, paymentDates: 'du 16/04/2018 au 15/10/2018' },
      { ...od, id: 'O26B', beneficiary: 'association B', siret: '73282932000074', subsidy: 30000, paymentDates: '2018-04-16/2018-04-16' },
    ]);
    expect(r.rows.map((x) => x.values.datesPeriodeVersement)).toEqual(['2018-04-16/2018-10-15', '2018-04-16']);
  });

  test('O27 --year follows the year the period starts when budgetYear is absent', () => {
    const r = opendata([{ ...od, id: 'O27', budgetYear: undefined, period: { start: '2019-07-01', end: '2020-06-30' }, subsidy: 30000 }], ['--year', '2019']);
    expect(r.rows.map((x) => x.id)).toEqual(['O27']);
  });

  test('O28 the schema counts characters, not UTF-16 units: an objet of 255 letters and one emoji is 256 characters, allowed; 257 letters are not', () => {
    // Validata (frictionless, Python) measures maxLength with len(), which counts code points:
    // « 😀 » is one character there, two UTF-16 units in JavaScript.
    const r = opendata([
      { ...od, id: 'O28A', subsidy: 30000, subject: `${'a'.repeat(255)}\u{1F600}` },
      { ...od, id: 'O28B', beneficiary: 'association B', siret: '73282932000074', subsidy: 30000, subject: 'a'.repeat(257) },
      { ...od, id: 'O28C', beneficiary: 'association C', siret: '78467169500087', subsidy: 30000, raeId: '\u{1F600}\u{1F600}\u{1F600}' },
    ]);
    expect(r.rows.map((x) => [x.id, [...x.values.objet].length, x.values.idRAE, codes(x)])).toEqual([
      ['O28A', 256, '', []],
      ['O28B', 0, '', [['OPENDATA_FIELD_INVALID', 'subject']]],
      ['O28C', 27, '\u{1F600}\u{1F600}\u{1F600}', []],
    ]);
  });
});
