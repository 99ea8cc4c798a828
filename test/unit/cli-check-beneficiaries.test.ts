import { join } from 'node:path';
import { runCli } from '../../src/local/cli';

const examples = join(__dirname, '..', '..', 'examples', 'dossiers-2018.json');

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('rapporteur check across dossiers', () => {
  it('prints the « Bénéficiaires » table with yearly totals when a file has several dossiers', async () => {
    const r = await cli('check', examples);
    expect(r.code).toBe(0);
    const start = r.out.indexOf('Bénéficiaires\n');
    const lines = r.out.slice(start).split('\n').slice(0, 7).map((l) => l.replace(/[\u00a0\u202f]/g, ' '));
    expect(lines).toEqual([
      'Bénéficiaires',
      '  Bénéficiaire                       Exercice  Dossiers        Total  Convention requise',
      '  association Medinsoft              2018             1  47 500,00 €  oui',
      '  Les Petits Débrouillards Provence  2018             2  27 000,00 €  oui',
      "  Club Nautique de l'Estaque         2018             2  23 000,00 €  non",
      '  Provence Robotique SAS             2018             1  80 000,00 €  oui',
      '  Office de tourisme intercommunal   2018             1  30 000,00 €  non (organisme public)',
    ]);
  });

  it('gives each of 15 000 € and 12 000 € to one association the cumulative finding, 11 000 € and 12 000 € none', async () => {
    const r = await cli('check', examples, '--json');
    const codes = Object.fromEntries(JSON.parse(r.out).dossiers.map((d: { id: string; findings: { code: string }[] }) => [d.id, d.findings.map((f) => f.code)]));
    expect(codes['2018-CULT-07']).toContain('CONVENTION_REQUIRED_CUMULATED');
    expect(codes['2018-CULT-19']).toContain('CONVENTION_REQUIRED_CUMULATED');
    expect(codes['2018-SPORT-03']).toEqual([]);
    expect(codes['2018-SPORT-11']).toEqual([]);
  });

  it('still adds up the whole file when --id keeps one dossier, and prints no table for one', async () => {
    const r = await cli('check', examples, '--id', '2018-CULT-19');
    expect(r.out).toContain('totalisent 27');
    expect(r.out).toContain('convention requise : oui (cumul de l’exercice)');
    expect(r.out).not.toContain('Bénéficiaires\n');
  });
});
