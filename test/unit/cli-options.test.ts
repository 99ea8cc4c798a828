// The options of every command are read strictly, and a mistake in them is said in French,
// with exit status 2 (CONTRACT.md: « the input could not be read »). Found by the outside
// check: `report --strcit` silently wrote the reports it was asked to skip, `check --jsn` and
// `audit --jsno` printed text, `check --id` without a value checked every dossier, `opendata
// --yaer` answered in Node's English, and `preview --prot 9000` exited 3 calling the user's
// typo « un défaut de Rapporteur ».
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/local/cli';
import { auditCommand } from '../../src/local/commands/audit';
import { opendataCommand } from '../../src/local/commands/opendata';
import { previewCommand } from '../../src/local/commands/preview';
import { reportCommand } from '../../src/local/commands/report';

const dir = mkdtempSync(join(tmpdir(), 'rapporteur-options-'));
const dossiers = join(dir, 'dossiers.json');
writeFileSync(
  dossiers,
  JSON.stringify([
    { id: 'A-1', beneficiary: 'association A', annualBudget: 100000, subsidy: 10000, budgetYear: 2018 },
    { id: 'B-1', beneficiary: 'association B', annualBudget: 100000, subsidy: 10000, budgetYear: 2018, statedRate: '12 %' },
  ]),
);
const note = join(dir, 'note.txt');
writeFileSync(note, 'La subvention de 10 000 € représente 10 % du budget de 100 000 €.\n');

// The preview would start a server: its factory must never be reached by a refused option.
const preview = previewCommand(() => {
  throw new Error('the preview must not start');
});

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { commands: { audit: auditCommand, opendata: opendataCommand, report: reportCommand, preview } });
  return { code, out, err };
}

describe('a mistyped or incomplete option', () => {
  it.each([
    ['check', ['check', dossiers, '--jsn'], '--jsn'],
    ['check', ['check', dossiers, '--id'], '--id'],
    ['report', ['report', dossiers, '--strcit', '--out', join(dir, 'out-strict')], '--strcit'],
    ['report', ['report', dossiers, '--out'], '--out'],
    ['audit', ['audit', note, '--jsno'], '--jsno'],
    ['opendata', ['opendata', dossiers, '--yaer', '2018'], '--yaer'],
    ['opendata', ['opendata', dossiers, '--all=oui'], '--all'],
    ['preview', ['preview', '--prot', '9000'], '--prot'],
  ])('%s %j: exit 2, a French message naming the option, no work done', async (command, argv, option) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`« ${option} »`);
    expect(r.err).toContain(`rapporteur ${command}`);
    expect(r.err).not.toMatch(/Unknown option|argument missing|does not take|Unexpected argument|\bat \S+ \(/);
    expect(r.out).toBe('');
  });

  it.each([
    [['check', dossiers, '--settings']],
    [['check', dossiers, '--settings=']],
    [['check', dossiers, '--settings', '--json']],
  ])('%j: the settings file is missing, not the defaults taken instead', async (argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain('« --settings »');
  });

  it('writes no report when --strict is mistyped', async () => {
    await cli('report', dossiers, '--strcit', '--out', join(dir, 'out-typo'));
    expect(() => readdirSync(join(dir, 'out-typo'))).toThrow();
  });

  it('with --json, answers the INPUT_UNREADABLE document on stdout', async () => {
    const r = await cli('check', dossiers, '--json', '--jsn');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.out);
    expect(out.error.code).toBe('INPUT_UNREADABLE');
    expect(out.error.message).toContain('« --jsn »');
  });

  it('an unexpected extra file is refused rather than ignored', async () => {
    const r = await cli('audit', note, note);
    expect(r.code).toBe(2);
    expect(r.err).toContain('rapporteur audit');
  });

  it('still reads the options as documented', async () => {
    expect((await cli('check', dossiers, '--id', 'A-1')).code).toBe(0);
    expect((await cli('check', dossiers, '--id=B-1', '--json')).code).toBe(1);
    expect((await cli('audit', note, '--json')).code).toBe(0);
    const out = join(dir, 'out-ok');
    const r = await cli('report', dossiers, '--out', out, '--strict', '--id', 'A-1');
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toHaveLength(1);
  });
});
