import { auditText } from './index';

const codes = (text: string) => auditText(text).map((f) => f.code);
const W = 'AMOUNT_WORDS_MISMATCH';

describe('auditText: amounts in words beside digits', () => {
  it.each([
    ['Une subvention de 47 500 € (quarante-sept mille cinq cents euros) est attribuée.', []],
    ['Une subvention de 47 500 € (quarante-sept mille euros) est attribuée.', [W]],
    ['Une subvention de 47.500 euros (quarante-sept-mille-cinq-cents euros).', []],
    ['Une subvention de 7 958,33 € (sept mille neuf cent cinquante-huit euros et trente-trois centimes).', []],
    ['Une subvention de 7 958,33 € (sept mille neuf cent cinquante-huit euros et trente centimes).', [W]],
    ['Une aide de 2 000 000 € (deux millions d’euros).', []],
    ['Une aide de 1,5 million d’euros (un million cinq cent mille euros).', []],
    ['Une aide de 150 000 F (cent cinquante mille francs).', []],
    ['Une aide de 150 000 F (cent mille francs).', [W]],
    ['Il est attribué la somme de quarante-sept mille cinq cents euros (47 500 €).', []],
    ['Il est attribué la somme de quarante-sept mille cinq cents euros (45 500 €).', [W]],
    ['Il est attribué la somme de quatre-vingt mille euros (80.000 €).', []],
  ])('%j → %j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it('quotes both writings and says what the words amount to', () => {
    const text = 'Une subvention de 47 500 € (quarante-sept mille euros) est attribuée.';
    const [f] = auditText(text);
    expect(f).toMatchObject({ code: W, severity: 'error', field: 'texte', excerpt: '47 500 € (quarante-sept mille euros)', expected: '47\u202f500\u00a0€', actual: '47\u202f000\u00a0€' });
    expect(text.slice(f!.offset, f!.offset + f!.excerpt.length)).toBe(f!.excerpt);
    expect(f!.message).toContain('«\u00a0quarante-sept mille euros\u00a0»');
  });

  // Each row: a look-alike where no words relation may be drawn.
  it.each([
    ['a parenthesis that is not an amount in words', 'Une subvention de 47 500 € (quarante associations) est attribuée.'],
    ['a parenthesis that names the payer', 'Une subvention de 47 500 € (Métropole) est attribuée.'],
    ['francs in words beside euros in digits', 'Une subvention de 15 000 € (cent mille francs) est attribuée.'],
    ['words of a number without a currency', 'Une subvention de 47 500 € (quarante-sept mille) est attribuée.'],
    ['words far before the digits, in another clause', 'Quarante associations, dont deux cents euros chacune, et 500 € (soit).'],
  ])('draws no relation for %s', (_, text) => {
    expect(codes(text)).toEqual([]);
  });
});
