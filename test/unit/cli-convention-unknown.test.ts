// A readable subsidy under the threshold whose beneficiary has, the same year, a dossier whose
// subsidy cannot be read: the yearly total is unknown, so the command line must not say
// « pas de convention requise » (CONVENTION_CUMULATED_UNKNOWN). Run on the built CLI.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cliSandbox } from '../support/cli-sandbox';

const sandbox = cliSandbox('cli-convention-unknown-');
const { run, file } = sandbox;

const base = { beneficiary: 'association Les Quartiers', budgetYear: 2018, annualBudget: 100000, period: { start: '2018-01-01', end: '2018-12-31' } };
const dossiers = (other: unknown) => JSON.stringify([{ ...base, id: 'A', subsidy: 15000 }, { ...base, id: 'B', beneficiary: 'Association les quartiers', subsidy: other }]);

describe.each([['47.5'], ['200 00']])('a co-dossier whose subsidy is « %s »', (other) => {
  it('check --json: the readable dossier gets CONVENTION_CUMULATED_UNKNOWN naming B, the unreadable one keeps AMOUNT_INVALID', () => {
    const r = run(['check', file('d.json', dossiers(other)), '--json']);
    expect(r.status).toBe(1);
    const [a, b] = JSON.parse(r.stdout).dossiers as { id: string; findings: { code: string; severity: string; message: string; actual?: string }[] }[];
    expect(a.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['CONVENTION_CUMULATED_UNKNOWN:warning']);
    expect(a.findings[0]!.message).toMatch(/^Impossible de dire si une convention est requise : .* mais le dossier B de l’exercice 2018/);
    expect(a.findings[0]!.actual).toBe('15000.00');
    expect(b.findings.map((f) => f.code)).toContain('AMOUNT_INVALID');
  });

  it('check: the summary line and the « Bénéficiaires » table say it cannot be told, not « non »', () => {
    const r = run(['check', file('d.json', dossiers(other))]);
    expect(r.stdout).toContain('convention requise : impossible de dire (cumul de l’exercice incomplet)');
    expect(r.stdout).not.toContain('convention requise : non');
    const row = r.stdout.split('\n').find((l) => /^ +association Les Quartiers +2018 /.test(l))!;
    expect(row).toMatch(/€ \(montant illisible\) +impossible de dire$/);
  });

  it('report --convention: « ignoré … impossible de dire », never « sans objet », exit 1 even for --id A alone', () => {
    const p = file('d.json', dossiers(other));
    for (const extra of [[], ['--id', 'A']]) {
      const out = join(sandbox.dir, `out-${sandbox.next()}`);
      const r = run(['report', p, '--convention', '--out', out, ...extra]);
      expect(r.status).toBe(1);
      const line = r.stdout.split('\n').find((l) => l.includes('A (association Les Quartiers)'))!;
      expect(line).toMatch(/^ignoré +A \(association Les Quartiers\) : impossible de dire si une convention est requise, le montant d’une autre subvention de l’exercice/);
      expect(r.stdout).not.toContain('sans objet');
      expect(r.stderr).toContain('mais le dossier B de l’exercice 2018');
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    }
  });
});

describe('the rule still decides when it can', () => {
  it('report --convention --id A: 15 000 € beside a readable 5 000 € is « sans objet », exit 0', () => {
    const out = join(sandbox.dir, `out-${sandbox.next()}`);
    const r = run(['report', file('d.json', dossiers(5000)), '--convention', '--out', out, '--id', 'A']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('sans objet  A (association Les Quartiers) : pas de convention requise ni approuvée');
  });

  it('check: 15 000 € + 12 000 € readable and a third unreadable is CONVENTION_REQUIRED_CUMULATED (the total is at least 27 000 €)', () => {
    const three = JSON.stringify([{ ...base, id: 'A', subsidy: 15000 }, { ...base, id: 'B', subsidy: 12000 }, { ...base, id: 'C', subsidy: '47.5' }]);
    const r = run(['check', file('d.json', three), '--json']);
    const [a, b] = JSON.parse(r.stdout).dossiers as { findings: { code: string }[] }[];
    expect(a.findings.map((f) => f.code)).toEqual(['CONVENTION_REQUIRED_CUMULATED']);
    expect(b.findings.map((f) => f.code)).toEqual(['CONVENTION_REQUIRED_CUMULATED']);
  });
});
