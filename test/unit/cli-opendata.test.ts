import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/local/cli';
import { opendataCommand } from '../../src/local/commands/opendata';
import { readCsv } from '../../src/core/opendata';
import { validateScdlSubventions } from '../support/scdl-subventions';

const root = join(__dirname, '..', '..');
const examples = join(root, 'examples', 'dossiers-2018.json');
const dir = mkdtempSync(join(tmpdir(), 'rapporteur-opendata-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { commands: { opendata: opendataCommand } });
  return { code, out, err };
}

const table = (csv: string) => {
  const parsed = readCsv(csv);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

const HEADER =
  'nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide';

const complete = {
  id: 'A',
  beneficiary: 'Association des Quartiers',
  rna: 'W133000017',
  subject: 'Fête des quartiers, édition 2018',
  authority: 'Ville de Marseille',
  authoritySiret: '23350001600040',
  budgetYear: 2018,
  annualBudget: 100000,
  subsidy: '30 000 €',
  conventionDate: '2018-03-05',
  aidNature: 'aide en numéraire',
  paymentTerms: 'unique',
  paymentDates: '2018-04-02',
  euNotification: false,
};

describe('rapporteur opendata', () => {
  it('prints the CSV of the examples on stdout, which passes the schema, and exits 0', async () => {
    const r = await cli('opendata', examples);
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n')[0]).toBe(HEADER);
    expect(r.out.endsWith('\r\n')).toBe(true);
    const rows = table(r.out);
    expect(rows).toHaveLength(5);
    expect(validateScdlSubventions(rows)).toEqual([]);
    expect(rows.slice(1).map((x) => x[8])).toEqual(['47500.00', '15000.00', '12000.00', '80000.00']);
    expect(r.err).toBe('4 lignes de données essentielles.\n');
  });

  it('writes the file with --out and prints nothing on stdout', async () => {
    const out = join(dir, 'donnees-essentielles.csv');
    const r = await cli('opendata', examples, '--out', out);
    expect([r.code, r.out]).toEqual([0, '']);
    const written = readFileSync(out);
    expect(written.subarray(0, 3).toString('hex')).not.toBe('efbbbf');
    expect(validateScdlSubventions(table(written.toString('utf8')))).toEqual([]);
  });

  it('writes every subsidy with --all, names each missing value on stderr with its dossier, and exits 1', async () => {
    const r = await cli('opendata', examples, '--all');
    expect(r.code).toBe(1);
    expect(table(r.out)).toHaveLength(8);
    expect(r.err).toContain('dossier 2018-SPORT-03 : La date de la convention (dateConvention) est à renseigner');
    expect(r.err).toContain('dossier 2018-TOUR-01 : ');
    expect(r.err).not.toContain('dossier 2018-AMFT-01');
    expect(r.err.trim().split('\n').pop()).toBe('7 lignes de données essentielles ; 21 valeurs requises manquantes ou invalides (cellules laissées vides).');
  });

  it('still writes a published row that lacks a required value, its cell empty, and exits 1', async () => {
    const r = await cli('opendata', file('incomplete.json', [{ ...complete, conventionDate: undefined, authoritySiret: '23350001600041' }]));
    expect(r.code).toBe(1);
    const rows = table(r.out);
    expect(rows[1].slice(0, 3)).toEqual(['Ville de Marseille', '', '']);
    expect(r.err).toContain('dossier A : Le SIRET de la collectivité attribuante (idAttribuant) vaut « 23350001600041 » : ce n’est pas un SIRET valide');
    expect(r.err).toContain('dossier A : La date de la convention (dateConvention) est à renseigner');
  });

  it('keeps the budget year asked for with --year', async () => {
    const two = [complete, { ...complete, id: 'B', beneficiary: 'Autre', budgetYear: 2019 }];
    const r = await cli('opendata', file('years.json', two), '--year', '2019');
    expect([r.code, table(r.out).slice(1).map((x) => x[4])]).toEqual([0, ['Autre']]);
  });

  it('writes the header alone and says why when nothing must be published', async () => {
    const r = await cli('opendata', file('small.json', [{ ...complete, subsidy: 1000 }]));
    expect([r.code, r.out]).toEqual([0, HEADER + '\r\n']);
    expect(r.err).toContain('Aucune subvention à publier (seuil de publication : plus de 23\u202f000\u00a0€ par an');
  });

  it('exits 1 and names a dossier whose amount cannot be read', async () => {
    const r = await cli('opendata', file('unreadable.json', [{ ...complete, subsidy: '30.00' }]));
    expect(r.code).toBe(1);
    expect(r.err).toContain('dossier A : montant illisible, impossible de dire si la subvention doit être publiée');
  });

  it('prints rows and findings as JSON with --json', async () => {
    const r = await cli('opendata', file('json.json', [{ ...complete, euNotification: 'peut-être' }]), '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.rows[0]).toMatchObject({ id: 'A', mandatory: true, values: { montant: '30000.00', notificationUE: '' } });
    expect(json.rows[0].findings.map((f: { code: string; field: string }) => [f.code, f.field])).toEqual([['OPENDATA_FIELD_INVALID', 'euNotification']]);
  });

  it.each([
    [['opendata'], 'Indiquez le fichier des dossiers'],
    [['opendata', examples, '--year', '18'], '--year attend une année sur quatre chiffres'],
    [['opendata', examples, '--annee', '2018'], 'Usage : rapporteur opendata'],
    [['opendata', join(dir, 'absent.json')], 'Fichier introuvable'],
    [['opendata', examples, '--out', join(dir, 'no-such-dir', 'x.csv')], "Impossible d'écrire"],
  ])('exits 2 when the input cannot be used: %p', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('answers the INPUT_UNREADABLE JSON error with --json', async () => {
    const r = await cli('opendata', file('broken.json', '[{"id": }]'), '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('INPUT_UNREADABLE');
  });
});
