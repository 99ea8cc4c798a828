import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/local/cli';
import { auditCommand } from '../../src/local/commands/audit';
import { modelToDocx } from '../../src/local/docx';
import { textToBlocks } from '../../src/core/template/model';

const root = join(__dirname, '..', '..');
const printed = join(root, 'examples', 'note-synthese-medinsoft-2018.txt');
const corrected = join(root, 'test', 'corpus', 'audit', '01-medinsoft-corrige.txt');
const dir = mkdtempSync(join(tmpdir(), 'rapporteur-audit-'));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) }, { commands: { audit: auditCommand } });
  return { code, out, err };
}

describe('rapporteur audit', () => {
  it('finds "200 00 €" and the mixed styles in the example as printed, and exits 1', async () => {
    const r = await cli('audit', printed, '--json');
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.out);
    expect(findings.map((f: { code: string }) => f.code).sort()).toEqual(['NUMBER_FORMAT_INCONSISTENT', 'NUMBER_MALFORMED']);
    const text = readFileSync(printed, 'utf8');
    const malformed = findings.find((f: { code: string }) => f.code === 'NUMBER_MALFORMED');
    expect(malformed).toMatchObject({ severity: 'error', excerpt: '200 00 €' });
    expect(text.slice(malformed.offset, malformed.offset + malformed.excerpt.length)).toBe('200 00 €');
  });

  it('exits 0 with no finding on the corrected example', async () => {
    const r = await cli('audit', corrected);
    expect(r.code).toBe(0);
    expect(r.out).toBe('Aucune anomalie dans les chiffres de la note.\n');
  });

  it('reads a .docx, list items included, and finds the same errors', async () => {
    const text = readFileSync(printed, 'utf8').replace(/^- /gm, '');
    const blocks = textToBlocks(text).map((p, i, all) => (/pris en charge par/.test(p.runs[0].text) ? { ...p, list: { level: 0 } } : all[i]));
    const file = join(dir, 'note.docx');
    writeFileSync(file, await modelToDocx({ body: blocks }));
    const r = await cli('audit', file, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings.map((f: { code: string }) => f.code).sort()).toEqual(['NUMBER_FORMAT_INCONSISTENT', 'NUMBER_MALFORMED']);
  });

  it('says where each finding stands in the human output', async () => {
    const r = await cli('audit', printed);
    expect(r.out).toMatch(/« 200 00 € » \(ligne \d+, colonne \d+\)/);
  });

  it.each([
    ['a missing file', () => join(dir, 'absente.txt'), /introuvable/],
    ['a PDF', () => (writeFileSync(join(dir, 'n.pdf'), '%PDF'), join(dir, 'n.pdf')), /enregistrez la note en \.docx ou en texte/],
    ['a broken .docx', () => (writeFileSync(join(dir, 'b.docx'), 'pas un zip'), join(dir, 'b.docx')), /docx/],
    ['a Latin-1 text', () => (writeFileSync(join(dir, 'l.txt'), Buffer.from([0x73, 0xe9, 0x61, 0x6e, 0x63, 0x65])), join(dir, 'l.txt')), /n'est pas en UTF-8/],
  ])('exits 2 on %s', async (_t, make, message) => {
    const r = await cli('audit', make(), '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('INPUT_UNREADABLE');
    expect(r.err).toMatch(message);
  });
});
