import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { checkJsonPieces, runCli, streamOut } from '../../src/local/cli';
import { checkDossiers, toCheckJson } from '../../src/app/check-dossiers';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'rapporteur-cli-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const printed = join(root, 'examples', 'medinsoft-2018-imprime.json');

describe('rapporteur check', () => {
  it('exits 1 on the example as printed and names the malformed figure', async () => {
    const r = await cli('check', printed);
    expect(r.code).toBe(1);
    expect(r.out).toContain('« 200 00 » est mal formé');
    expect(r.out).toMatch(/Bilan : 1 dossier, 1 erreur, 0 avertissement, 1 information\./);
  });

  it('prints the JSON shape of CONTRACT.md with --json', async () => {
    const r = await cli('check', printed, '--json');
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['dossiers']);
    const [d] = json.dossiers;
    expect(d.id).toBe('2018-AMFT-01');
    expect(d.findings.map((f: { code: string }) => f.code)).toEqual(['AMOUNT_INVALID', 'CONVENTION_REQUIRED']);
    for (const f of d.findings) expect(Object.keys(f)).toEqual(expect.arrayContaining(['code', 'severity', 'field', 'message']));
    expect(d.computed).toMatchObject({ months: 3, proratedBudget: '200000.00', rate: '0.237500', cofinancingTotal: '47500.00', conventionRequired: true });
  });

  it('exits 0 on a dossier without error and checks every dossier of an array', async () => {
    const ok = { id: 'A', beneficiary: 'Asso', annualBudget: 10000, subsidy: 1000 };
    const r = await cli('check', file('two.json', JSON.stringify([ok, { ...ok, id: 'B', subsidy: '2 000 €' }])), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).dossiers.map((d: { id: string; computed: { rate: string } }) => [d.id, d.computed.rate])).toEqual([
      ['A', '0.100000'],
      ['B', '0.200000'],
    ]);
  });

  it('names a dossier without id by its place in the file', async () => {
    const r = await cli('check', file('noid.json', JSON.stringify([{ beneficiary: 'X', annualBudget: 1, subsidy: 1 }])), '--json');
    expect(JSON.parse(r.out).dossiers[0].id).toBe('#1');
  });

  it('keeps only the dossier asked for with --id', async () => {
    const r = await cli('check', file('ids.json', JSON.stringify([{ id: 'A', beneficiary: 'X', annualBudget: 1, subsidy: 1 }, { id: 'B', beneficiary: 'Y', annualBudget: 1, subsidy: 1 }])), '--json', '--id', 'B');
    expect(JSON.parse(r.out).dossiers.map((d: { id: string }) => d.id)).toEqual(['B']);
  });

  it('applies --settings', async () => {
    const settings = file('settings.json', JSON.stringify({ conventionThreshold: 50000 }));
    const r = await cli('check', printed, '--json', '--settings', settings);
    expect(JSON.parse(r.out).dossiers[0].computed.conventionRequired).toBe(false);
  });

  it.each([
    ['a missing file', () => [join(dir, 'absent.json')], /Fichier introuvable/],
    ['a directory', () => [(mkdirSync(join(dir, 'sub.json'), { recursive: true }), join(dir, 'sub.json'))], /sub\.json est un dossier, pas un fichier/],
    ['invalid JSON, with line and column', () => [file('bad.json', '{\n  "subsidy": 47500,\n  "annualBudget": ,\n}')], /JSON invalide .* ligne 3, colonne 19/],
    ['a trailing comma', () => [file('comma.json', '{"a": 1,}')], /ligne 1, colonne 9/],
    ['wrong types', () => [file('types.json', JSON.stringify({ cofinancers: { name: 'A' }, period: '2018' }))], /dossier\.cofinancers doit être une liste[\s\S]*dossier\.period doit être un objet|dossier\.period doit être un objet[\s\S]*cofinancers doit être une liste/],
    ['a number instead of a dossier', () => [file('num.json', '42')], /doit être un objet JSON/],
    ['an empty list', () => [file('empty.json', '[]')], /aucun dossier/],
    ['an unknown extension', () => [file('x.csv', 'a,b')], /Format non reconnu/],
    ['a missing argument', () => [], /Indiquez le fichier/],
    ['bad settings', () => [printed, '--settings', file('s.json', '{"prorationMethod":"weeks"}')], /Paramètres invalides/],
    ['an authority SIRET with a wrong key', () => [printed, '--settings', file('siret.json', '{"authoritySiret":"732 829 320 00075"}')], /Paramètres invalides[\s\S]*« authoritySiret » est invalide : SIRET de la collectivité 732 829 320 00075 : clé de contrôle invalide/],
  ])('exits 2 on %s and says why', async (_t, args, message) => {
    const r = await cli('check', ...(args as () => string[])());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('prints the INPUT_UNREADABLE error as JSON with --json', async () => {
    const r = await cli('check', join(dir, 'absent.json'), '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({ error: { code: 'INPUT_UNREADABLE', message: expect.stringContaining('introuvable') } });
  });

  it('refuses an unknown command with exit 2', async () => {
    const r = await cli('verifier', printed);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Commande inconnue « verifier »');
  });
});

describe('the built command line', () => {
  it('runs from bin/ with the real exit status', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'rapporteur.js'), 'check', printed, '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).dossiers[0].computed.proratedBudget).toBe('200000.00');
  });

  it('stops quietly when its reader closes the pipe early (… | head)', async () => {
    const big = file('many.json', JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ id: `D${i}`, beneficiary: 'Asso', annualBudget: 1000, subsidy: 10 }))));
    const child = spawn(process.execPath, [join(root, 'bin', 'rapporteur.js'), 'check', big, '--json']);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});

describe('rapporteur check streams its output', () => {
  const dossiers = Array.from({ length: 5 }, (_, i) => ({ id: `S-${i}`, beneficiary: 'Asso', budgetYear: 2018, annualBudget: 100000, subsidy: 9000 + i, period: { start: '2018-01-01', end: '2018-12-31' }, cofinancers: [{ name: 'Région', amount: 9000 + i }] }));

  it.each([1, 5])('writes, a dossier at a time, exactly the document JSON.stringify writes (%i dossiers)', (n) => {
    const reports = checkDossiers(dossiers.slice(0, n), DEFAULT_SETTINGS);
    expect([...checkJsonPieces(reports)].join('')).toBe(JSON.stringify(toCheckJson(reports), null, 2) + '\n');
  });

  it('writes an empty list as JSON.stringify does', () => {
    expect([...checkJsonPieces([])].join('')).toBe(JSON.stringify({ dossiers: [] }, null, 2) + '\n');
  });

  it('waits for drain when stdout is full before writing more', async () => {
    const events: string[] = [];
    let release: () => void = () => undefined;
    const io = {
      out: (t: string) => (events.push(`write ${t.length}`), false),
      err: () => undefined,
      drain: () => new Promise<void>((resolve) => ((release = resolve), events.push('wait'))),
    };
    const big = 'x'.repeat(70 * 1024);
    const done = streamOut(io, [big, big]);
    await new Promise((r) => setImmediate(r));
    // The first chunk written, then the writer waits: the second is not written yet.
    expect(events).toEqual([`write ${big.length}`, 'wait']);
    release();
    await new Promise((r) => setImmediate(r));
    release();
    await done;
    expect(events).toEqual([`write ${big.length}`, 'wait', `write ${big.length}`, 'wait']);
  });
});
