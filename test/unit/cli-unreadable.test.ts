/**
 * Files the tools cannot read, as a user meets them: each gives a French message that says
 * what and where, exit 2, the INPUT_UNREADABLE shape with --json, and the library's own
 * (English) text only with --verbose.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/local/cli';
import { readWorkbookDossiers } from '../../src/local/workbook-dossiers';
import { reportCommand } from '../../src/local/commands/report';
import { auditCommand } from '../../src/local/commands/audit';
import { opendataCommand } from '../../src/local/commands/opendata';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'rapporteur-unreadable-'));
const good = readFileSync(join(root, 'examples', 'dossiers.xlsx'));
const at = (name: string) => join(dir, name);
writeFileSync(at('tronque.xlsx'), good.subarray(0, Math.floor(good.length / 2)));
writeFileSync(at('texte.xlsx'), 'Ceci est un fichier texte renommé.\n');
writeFileSync(at('vide.xlsx'), '');
writeFileSync(at('vide.json'), '');
mkdirSync(at('dossier.xlsx'));
writeFileSync(at('modele.docx'), 'Ceci n’est pas un zip.');
writeFileSync(at('note.docx'), good.subarray(0, 3000));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, { readWorkbook: readWorkbookDossiers, commands: { report: reportCommand, audit: auditCommand, opendata: opendataCommand } });
  return { code, out: out.join(''), err: err.join('') };
}

// English words of jszip, exceljs, sax/xmldom, JSON.parse and Node's fs that must never reach the user.
const RAW = /central directory|zip file|Corrupted|end of data|Unexpected|is not valid JSON|ENOENT|EACCES|EISDIR|no such file|illegal operation|signature|https?:\/\//i;

const CASES: [string, string[], RegExp][] = [
  ['a truncated .xlsx', ['check', at('tronque.xlsx')], /tronque\.xlsx n'est pas un classeur \.xlsx lisible/],
  ['a .txt renamed .xlsx', ['check', at('texte.xlsx')], /texte\.xlsx n'est pas un classeur \.xlsx lisible/],
  ['an empty .xlsx', ['check', at('vide.xlsx')], /vide\.xlsx n'est pas un classeur \.xlsx lisible/],
  ['an empty .json', ['check', at('vide.json')], /vide\.json/],
  ['a directory', ['check', at('dossier.xlsx')], /dossier\.xlsx est un dossier, pas un fichier/],
  ['a missing file', ['check', at('absent.xlsx')], /Fichier introuvable : .*absent\.xlsx/],
  ['a .docx template that is not a zip', ['report', join(root, 'examples', 'dossiers-2018.json'), '--template', at('modele.docx'), '--out', at('notes')], /modele\.docx n’est pas un document Word \(\.docx\) lisible/],
  ['a truncated .docx to audit', ['audit', at('note.docx')], /note\.docx n’est pas un document Word \(\.docx\) lisible/],
];

describe('an unreadable input', () => {
  it.each(CASES)('%s: a French message with the file, exit 2, no library text', async (_name, args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(RAW);
  });

  it.each(CASES)('%s: with --json, the INPUT_UNREADABLE shape', async (_name, args, message) => {
    const r = await run([...args, '--json']);
    expect(r.code).toBe(2);
    const body = JSON.parse(r.out) as { error: { code: string; message: string; detail?: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('INPUT_UNREADABLE');
    expect(body.error.message).toMatch(message);
    expect(body.error.message).not.toMatch(RAW);
    expect(body.error.detail).toBeUndefined();
  });

  it.each(CASES.filter(([name]) => !/directory|an empty \.json/.test(name)))('%s: the library’s own text only with --verbose', async (_name, args, message) => {
    const text = await run([...args, '--verbose']);
    expect(text.code).toBe(2);
    expect(text.err).toMatch(message);
    expect(text.err).toMatch(/\(détail technique : .+\)/);
    const json = JSON.parse((await run([...args, '--json', '--verbose'])).out) as { error: { code: string; message: string; detail?: string } };
    expect(json.error.code).toBe('INPUT_UNREADABLE');
    expect(json.error.message).not.toMatch(RAW);
    expect(json.error.detail).toEqual(expect.any(String));
  });

  it('names jszip’s complaint about a renamed .txt in French, and keeps it for --verbose', async () => {
    const plain = await run(['check', at('texte.xlsx')]);
    expect(plain.err).toContain('ce n’est pas une archive zip complète');
    expect((await run(['check', at('texte.xlsx'), '--verbose'])).err).toContain('end of central directory');
  });

  it('says an empty .xlsx is empty', async () => {
    expect((await run(['check', at('vide.xlsx')])).err).toContain('le fichier est vide');
  });

  it('refuses a file it may not read, in French', async () => {
    // Run as root (as in some containers), everything is readable: the case cannot happen there.
    if (process.getuid?.() === 0) return;
    writeFileSync(at('interdit.json'), '{}');
    chmodSync(at('interdit.json'), 0o000);
    const r = await run(['check', at('interdit.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Lecture refusée \(droits insuffisants\) : .*interdit\.json/);
    expect(r.err).not.toMatch(RAW);
  });
});
