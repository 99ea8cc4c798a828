import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { auditText, scan } from './index';

/**
 * The blind corpus: reports written by someone who never saw the audit's rules, each with the
 * findings it must get. Every text gets exactly its expected codes at error or warning level,
 * and nothing else at those levels.
 */
/**
 * Each blind corpus: the second was written in parallel with issue 12, by someone else again. Both
 * are held to every text exactly: the rules tuned on them are general ones, each with its own unit
 * tests, so a text that regresses says a rule broke.
 */
const CORPORA = ['audit-blind', 'audit-blind-2'];
interface Entry {
  file: string;
  expected: { code: string }[];
}
const serious = (text: string) => auditText(text).filter((f) => f.severity === 'error' || f.severity === 'warning');

describe.each(CORPORA)('blind audit corpus %s', (name) => {
  const dir = join(__dirname, '../../../test/corpus', name);
  const manifest: Entry[] = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');

  it('lists every text of the corpus once', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
    expect(manifest.map((e) => e.file).sort()).toEqual(files);
    expect(new Set(manifest.map((e) => e.file)).size).toBe(manifest.length);
  });

  it.each(manifest.map((e) => [e.file, e.expected.map((x) => x.code).sort()] as const))(
    '%s gets exactly %j at error and warning level',
    (file, expected) => {
      expect(serious(read(file)).map((f) => f.code).sort()).toEqual(expected);
    },
  );

  it.each(manifest.map((e) => e.file))('%s: every excerpt stands at its offset', (file) => {
    const text = read(file);
    for (const f of auditText(text)) expect(text.slice(f.offset, f.offset + f.excerpt.length)).toBe(f.excerpt);
  });
});

describe('blind audit corpus, by text', () => {
  const read = (file: string) => readFileSync(join(__dirname, '../../../test/corpus/audit-blind', file), 'utf8');
  it('finds « 12 5000 € » in the music school report and says why', () => {
    const [f] = serious(read('09-commune-vallon-ecole-musique-2022.txt'));
    expect(f).toMatchObject({ code: 'NUMBER_MALFORMED', excerpt: '12 5000 €' });
    expect(f!.message).toContain('un groupe de quatre chiffres : «\u00a05000\u00a0»');
  });
});

describe('blind audit corpus 2, by text', () => {
  const read = (file: string) => readFileSync(join(__dirname, '../../../test/corpus/audit-blind-2', file), 'utf8');
  it('finds « 2 85 000 € » in the meal delivery report, alone', () => {
    expect(serious(read('29-commune-portage-repas-2023.txt'))).toMatchObject([{ code: 'NUMBER_MALFORMED', excerpt: '2 85 000 €' }]);
  });
  it('checks the Total line of the twinning committees table against its column', () => {
    const [f] = serious(read('14-departement-comites-jumelage-2023.txt'));
    expect(f).toMatchObject({ code: 'TOTAL_MISMATCH', expected: '19\u202f600\u00a0€', actual: '19\u202f400\u00a0€' });
  });
  it('reads « nature 6574.2 » in the Marseille report as a reference, not a figure', () => {
    const text = read('26-commune-marseille-quartiers-2023.txt');
    const at = text.indexOf('6574.2');
    expect(at).toBeGreaterThan(0);
    expect(scan(text).some((t) => t.start <= at && at < t.end)).toBe(false);
  });
});
