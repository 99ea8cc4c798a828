// `rapporteur audit` on the built CLI: an amount in words that says the right amount with a
// wrong spelling is a warning (AMOUNT_WORDS_MISSPELLED, exit 0), quoting both writings; the
// two right spellings, a capital and a line break get nothing.
import { cliSandbox } from '../support/cli-sandbox';

const { run, file } = cliSandbox('cli-audit-words-');
const para = (words: string, digits = '500 000 €') =>
  `Article 1 : Une subvention de fonctionnement d’un montant de ${digits} (${words}) est attribuée à l’association Les Amis du Livre.\n`;

describe('rapporteur audit and the spelling of amounts in words', () => {
  it('warns about « cinq cents mille euros », quoting what is written and what should be, exit 0', () => {
    const r = run(['audit', file('note.txt', para('cinq cents mille euros')), '--json']);
    expect(r.status).toBe(0);
    const { findings } = JSON.parse(r.stdout) as { findings: { code: string; severity: string; message: string; expected: string; actual: string; excerpt: string }[] };
    expect(findings).toEqual([
      expect.objectContaining({ code: 'AMOUNT_WORDS_MISSPELLED', severity: 'warning', actual: 'cinq cents mille euros', expected: 'cinq cent mille euros', excerpt: '500 000 € (cinq cents mille euros)' }),
    ]);
    expect(findings[0]!.message).toContain('«\u00a0cinq cents mille euros\u00a0»');
    expect(findings[0]!.message).toContain('«\u00a0cinq-cent-mille euros\u00a0»');
  });

  it('says it in French in the human output', () => {
    const r = run(['audit', file('note.txt', para('deux cent millions d’euros', '200 000 000 €'))]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('mal orthographié : écrivez «\u00a0deux cents millions d’euros\u00a0»');
  });

  it.each([
    ['un mille cinq cents euros', '1 500 €'],
    ['deux milles euros', '2 000 €'],
    ['quatre-vingts-un euros', '81 €'],
  ])('warns about « %s »', (words, digits) => {
    const r = run(['audit', file('note.txt', para(words, digits)), '--json']);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout).findings as { code: string }[]).map((f) => f.code)).toEqual(['AMOUNT_WORDS_MISSPELLED']);
  });

  it.each([
    ['cinq cent mille euros', '500 000 €'],
    ['cinq-cent-mille euros', '500 000 €'],
    ['Cinq cent\nmille euros', '500 000 €'],
    ['deux cents millions d\'euros', '200 000 000 €'],
    ['vingt-et-un euros', '21 €'],
  ])('finds nothing in « %s »', (words, digits) => {
    const r = run(['audit', file('note.txt', para(words, digits))]);
    expect([r.status, r.stdout]).toEqual([0, 'Aucune anomalie dans les chiffres de la note.\n']);
  });

  it('keeps AMOUNT_WORDS_MISMATCH, an error, for words that say another amount', () => {
    const r = run(['audit', file('note.txt', para('cinq cent euros')), '--json']);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout).findings as { code: string }[]).map((f) => f.code)).toEqual(['AMOUNT_WORDS_MISMATCH']);
  });
});
