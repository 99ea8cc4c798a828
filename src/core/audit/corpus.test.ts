import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { auditText } from './index';

const DIR = join(__dirname, '../../../test/corpus/audit');
interface Entry {
  file: string;
  expected: { code: string }[];
}
const manifest: Entry[] = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');

describe('audit corpus', () => {
  it('lists every text of the corpus, at least twelve beyond the example, half with a planted error', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
    expect(manifest.map((e) => e.file).sort()).toEqual(files);
    const written = manifest.filter((e) => !e.file.startsWith('00-') && !e.file.startsWith('01-'));
    expect(written.length).toBeGreaterThanOrEqual(12);
    const planted = written.filter((e) => e.expected.length === 1).length;
    expect(planted).toBeGreaterThanOrEqual(written.length / 2);
    expect(written.filter((e) => e.expected.length === 0).length).toBeGreaterThanOrEqual(written.length / 2 - 1);
  });

  it.each(manifest.map((e) => [e.file, e.expected.map((x) => x.code).sort()] as const))('%s gets exactly %j', (file, expected) => {
    expect(auditText(read(file)).map((f) => f.code).sort()).toEqual(expected);
  });

  it.each(manifest.map((e) => e.file))('%s: every excerpt stands at its offset', (file) => {
    const text = read(file);
    for (const f of auditText(text)) expect(text.slice(f.offset, f.offset + f.excerpt.length)).toBe(f.excerpt);
  });

  it('finds « 200 00 € » and the mixed styles in the example as printed, and no other error', () => {
    const findings = auditText(read('00-medinsoft-imprime.txt'));
    const malformed = findings.filter((f) => f.code === 'NUMBER_MALFORMED');
    expect(malformed.map((f) => f.excerpt)).toEqual(['200 00 €']);
    expect(findings.filter((f) => f.severity === 'error')).toEqual(malformed);
    const styles = findings.find((f) => f.code === 'NUMBER_FORMAT_INCONSISTENT')!;
    expect(styles.message).toContain('«\u00a047.500 euros\u00a0»');
    expect(styles.message).toContain('«\u00a0800 000 euros\u00a0»');
  });

  it('finds nothing in the corrected example', () => {
    expect(auditText(read('01-medinsoft-corrige.txt'))).toEqual([]);
  });
});
