/**
 * examples/dossiers.xlsx is generated from the JSON examples (scripts/make-example-workbook.mjs)
 * and committed: these tests fail as soon as the two drift apart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleDossiers } from '../../src/local/commands/preview';
import { openOrSeedWorkbook, readWorkbookDossiers } from '../../src/local/workbook-dossiers';
import { checkDossiers, toCheckJson } from '../../src/app/check-dossiers';
import { resolveSettings } from '../../src/core/settings';
import { runCli } from '../../src/local/cli';
import { reportCommand } from '../../src/local/commands/report';

const root = join(__dirname, '..', '..');
const committed = join(root, 'examples', 'dossiers.xlsx');
const regenerate = 'régénérez-le : node scripts/make-example-workbook.mjs';

describe('examples/dossiers.xlsx', () => {
  it('holds the same dossiers as the JSON examples, in the same order', async () => {
    const fromJson = exampleDossiers(root);
    // The JSON written into a fresh workbook and read back: the same cell conversions as the committed file.
    const fresh = join(mkdtempSync(join(tmpdir(), 'rapporteur-ex-')), 'dossiers.xlsx');
    await openOrSeedWorkbook(fresh, () => fromJson);
    const expected = await readWorkbookDossiers(fresh);
    const actual = await readWorkbookDossiers(committed);
    expect(actual.map((d) => d.id)).toEqual(fromJson.map((d) => d.id));
    expect({ actual, hint: regenerate }).toEqual({ actual: expected, hint: regenerate });
  });

  it('gives the same findings and figures as the JSON it was made from', async () => {
    const settings = resolveSettings(undefined).settings;
    const json = toCheckJson(checkDossiers(exampleDossiers(root), settings));
    const xlsx = toCheckJson(checkDossiers(await readWorkbookDossiers(committed), settings));
    expect(xlsx).toEqual(json);
  });

  it('has at least three dossiers, and two council sessions of several dossiers each', async () => {
    const dossiers = await readWorkbookDossiers(committed);
    expect(dossiers.length).toBeGreaterThanOrEqual(3);
    const sessions = new Map<string, number>();
    for (const d of dossiers) if (d.session) sessions.set(String(d.session), (sessions.get(String(d.session)) ?? 0) + 1);
    expect([...sessions.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(2);
  });

  it('is read by « rapporteur check --json » and « rapporteur report --out »', async () => {
    let out = '';
    let err = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t) };
    const deps = { readWorkbook: readWorkbookDossiers, commands: { report: reportCommand } };
    expect(await runCli(['check', committed, '--json'], io, deps)).toBe(0);
    expect(JSON.parse(out).dossiers).toHaveLength(exampleDossiers(root).length);
    out = '';
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-ex-out-'));
    expect({ code: await runCli(['report', committed, '--out', dir], io, deps), err }).toEqual({ code: 0, err: '' });
    expect(out).toMatch(/Bilan : 10 notes écrites/);
  });
});
