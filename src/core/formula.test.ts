import { looksLikeFormula, neutralizeFormula } from './formula';
import { checkDossier } from './checks';
import { openDataCsv, readCsv, writeCsv } from './opendata';

describe('text a spreadsheet would run as a formula', () => {
  it.each([
    ['=HYPERLINK("http://x";"y")', "'=HYPERLINK(\"http://x\";\"y\")"],
    ['+ de Sport', "'+ de Sport"],
    ['-cmd|\' /C calc\'!A0', "'-cmd|' /C calc'!A0"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['-', "'-"],
  ])('neutralises %p behind an apostrophe', (text, cell) => {
    expect(looksLikeFormula(text)).toBe(true);
    expect(neutralizeFormula(text)).toBe(cell);
  });

  it.each(['Ville - Sport', 'Association « + de Sport »', 'Médiathèque', '2018-06-12', '-12.50', '+3', '47500.00', '0.8', '', "'=déjà du texte", ' =espace'])('leaves %p as it is', (text) => {
    expect(looksLikeFormula(text)).toBe(false);
    expect(neutralizeFormula(text)).toBe(text);
  });

  it('writes no CSV cell that starts like a formula, and the apostrophe is the only change', () => {
    const rows = [['nomBeneficiaire', 'montant'], ['=HYPERLINK("http://x";"y")', '-12.50'], ['+ de Sport', '100']];
    const back = readCsv(writeCsv(rows));
    expect(back).toEqual({ ok: true, value: [['nomBeneficiaire', 'montant'], ["'=HYPERLINK(\"http://x\";\"y\")", '-12.50'], ["'+ de Sport", '100']] });
  });

  it('the open-data CSV of a beneficiary named like a formula holds it as text', () => {
    const csv = openDataCsv({ rows: [{ row: { nomBeneficiaire: '=HYPERLINK("http://x";"y")' } }] } as never);
    expect(csv.split('\r\n')[1]).toContain(`"'=HYPERLINK(""http://x"";""y"")"`);
  });
});

describe('rapporteur check: TEXT_FORMULA_LIKE', () => {
  const base = { beneficiary: 'Médinsoft', subsidy: '1000', annualBudget: '10000' };
  it.each([
    [{ beneficiary: '=HYPERLINK("http://x";"y")' }, 'beneficiary', /^Le bénéficiaire commence par « = »/],
    [{ subject: '+ de Sport pour tous' }, 'subject', /^L’objet commence par « \+ »/],
    [{ context: ['Premier paragraphe.', '@moi'] }, 'context[1]', /^Le paragraphe n° 2 du contexte commence par « @ »/],
    [{ context: '\tindenté' }, 'context', /^Le contexte commence par une tabulation/],
    [{ rapporteur: '\rM. X' }, 'rapporteur', /^Le rapporteur commence par un retour chariot/],
    [{ cofinancers: [{ name: 'Région', amount: '10' }, { name: '-Département', amount: '10' }] }, 'cofinancers[1].name', /^Le nom du cofinanceur n° 2 commence par « - »/],
  ])('warns about %p on its field', (patch, field, message) => {
    const found = checkDossier({ ...base, ...patch }).findings.filter((f) => f.code === 'TEXT_FORMULA_LIKE');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', field });
    expect(found[0]!.message).toMatch(message);
  });

  it('says nothing of ordinary text, a dash inside it or an amount', () => {
    const r = checkDossier({ ...base, subject: 'Fête - de la science', beneficiary: 'Association + de Sport', context: ['2018 : -5 % de public'] });
    expect(r.findings.filter((f) => f.code === 'TEXT_FORMULA_LIKE')).toEqual([]);
  });
});
