import fc from 'fast-check';
import { Dec } from '../decimal';
import { amountInWords } from '../words';
import { misspelledWords, parseAmountWords } from './words';

const read = (text: string) => {
  const r = parseAmountWords(text);
  return r === null ? null : [r.value.toFixed(2), r.currency];
};

describe('parseAmountWords', () => {
  it.each([
    ['quarante-sept mille cinq cents euros', '47500.00', 'EUR'],
    ['deux cent mille euros', '200000.00', 'EUR'],
    ['quatre-vingt mille euros', '80000.00', 'EUR'],
    ['quatre-vingts euros', '80.00', 'EUR'],
    ['deux cents millions d’euros', '200000000.00', 'EUR'],
    ["un million d'euros", '1000000.00', 'EUR'],
    ['vingt et un euros', '21.00', 'EUR'],
    ['soixante et onze euros', '71.00', 'EUR'],
    ['quatre-vingt-onze euros', '91.00', 'EUR'],
    ['soixante-dix-sept euros', '77.00', 'EUR'],
    ['un euro', '1.00', 'EUR'],
    ['cinquante centimes', '0.50', 'EUR'],
    ['sept mille neuf cent cinquante-huit euros et trente-trois centimes', '7958.33', 'EUR'],
    ['Dix-huit mille quatre cent trente-sept euros et cinquante centimes', '18437.50', 'EUR'],
    ['cent mille francs', '100000.00', 'FRF'],
    ['deux millions de francs', '2000000.00', 'FRF'],
    ['quarante-sept-mille-cinq-cents euros', '47500.00', 'EUR'], // 1990
    ['vingt-et-un euros', '21.00', 'EUR'],
    ['deux-cents millions d’euros', '200000000.00', 'EUR'],
    ['un million deux cent mille euros', '1200000.00', 'EUR'],
  ])('reads %j', (text, value, currency) => {
    expect(read(text)).toEqual([value, currency]);
  });

  it.each([
    'quarante-sept mille cinq cents', // no currency
    'deux trois euros',
    'vingt trente euros',
    'un mille euros',
    'mille million euros',
    'cent cent euros',
    'deux millions euros',
    'deux mille d’euros',
    'le montant de la subvention',
    'euros',
    'vingt euros et quelques centimes',
  ])('refuses %j', (text) => {
    expect(read(text)).toBeNull();
  });

  it('reads back every amount src/core/words.ts writes, in both spellings and both currencies', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 999_999_999_999_99n }),
        fc.constantFrom('traditional' as const, '1990' as const),
        fc.constantFrom('euros' as const, 'francs' as const),
        (cents, spelling, currency) => {
          const value = new Dec(cents.toString()).div(100);
          const words = amountInWords(value, { spelling, currency });
          const back = parseAmountWords(words);
          if (currency === 'francs' && value.lt(1)) return; // « cinquante centimes » carries no currency
          expect(back?.value.toFixed(2)).toBe(value.toFixed(2));
          expect(back?.currency).toBe(currency === 'euros' ? 'EUR' : 'FRF');
        },
      ),
      { seed: 20180331, numRuns: 2000 },
    );
  });
});

describe('parseAmountWords, loosely (for the spelling check only)', () => {
  const loose = (text: string) => parseAmountWords(text, { loose: true })?.value.toFixed(2) ?? null;
  it.each([
    ['un mille euros', '1000.00'],
    ['deux milles euros', '2000.00'],
    ['quatre-vingt et un euros', '81.00'],
    ['deux millions euros', '2000000.00'],
    ['deux mille d’euros', '2000.00'],
    ['quarante-sept mille cinq cents euros', '47500.00'],
  ])('reads %j', (text, value) => {
    expect(loose(text)).toBe(value);
  });

  it.each(['deux trois euros', 'cent cent euros', 'le montant de la subvention', 'quarante-sept mille cinq cents'])('still refuses %j', (text) => {
    expect(loose(text)).toBeNull();
  });
});

describe('misspelledWords', () => {
  it('gives both right spellings of a misspelled amount', () => {
    expect(misspelledWords('deux cent millions d’euros', new Dec(200000000), 'EUR')).toEqual({ traditional: 'deux cents millions d’euros', rectified: 'deux-cents millions d’euros' });
    expect(misspelledWords('cinq cents mille euros', new Dec(500000), 'EUR')).toEqual({ traditional: 'cinq cent mille euros', rectified: 'cinq-cent-mille euros' });
  });

  it('accepts every amount src/core/words.ts writes, in both spellings, whatever the case, the capital and the spaces', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 999_999_999_999_99n }),
        fc.constantFrom('traditional' as const, '1990' as const),
        fc.constantFrom('euros' as const, 'francs' as const),
        fc.constantFrom('as written', 'upper', 'capital', 'spaces'),
        (cents, spelling, currency, style) => {
          const value = new Dec(cents.toString()).div(100);
          let words = amountInWords(value, { spelling, currency });
          if (style === 'upper') words = words.toUpperCase();
          if (style === 'capital') words = words[0]!.toUpperCase() + words.slice(1);
          if (style === 'spaces') words = words.replace(/ /g, (_, i: number) => (i % 2 ? '\n' : '  ')).replace(/'/g, '’');
          expect(misspelledWords(words, value, currency === 'euros' ? 'EUR' : 'FRF')).toBeNull();
        },
      ),
      { seed: 20261207, numRuns: 2000 },
    );
  });
});
