import fc from 'fast-check';
import { Dec } from './decimal';
import { amountInWords, numberInWords, parseCurrency } from './words';

describe('numberInWords', () => {
  // [number, traditional spelling, 1990 spelling]
  it.each<[number | bigint, string, string]>([
    [0, 'zéro', 'zéro'],
    [1, 'un', 'un'],
    [7, 'sept', 'sept'],
    [10, 'dix', 'dix'],
    [16, 'seize', 'seize'],
    [17, 'dix-sept', 'dix-sept'],
    [19, 'dix-neuf', 'dix-neuf'],
    [20, 'vingt', 'vingt'],
    [21, 'vingt et un', 'vingt-et-un'],
    [22, 'vingt-deux', 'vingt-deux'],
    [31, 'trente et un', 'trente-et-un'],
    [47, 'quarante-sept', 'quarante-sept'],
    [61, 'soixante et un', 'soixante-et-un'],
    [70, 'soixante-dix', 'soixante-dix'],
    [71, 'soixante et onze', 'soixante-et-onze'],
    [72, 'soixante-douze', 'soixante-douze'],
    [77, 'soixante-dix-sept', 'soixante-dix-sept'],
    [80, 'quatre-vingts', 'quatre-vingts'],
    [81, 'quatre-vingt-un', 'quatre-vingt-un'],
    [88, 'quatre-vingt-huit', 'quatre-vingt-huit'],
    [90, 'quatre-vingt-dix', 'quatre-vingt-dix'],
    [91, 'quatre-vingt-onze', 'quatre-vingt-onze'],
    [99, 'quatre-vingt-dix-neuf', 'quatre-vingt-dix-neuf'],
    [100, 'cent', 'cent'],
    [101, 'cent un', 'cent-un'],
    [121, 'cent vingt et un', 'cent-vingt-et-un'],
    [180, 'cent quatre-vingts', 'cent-quatre-vingts'],
    [181, 'cent quatre-vingt-un', 'cent-quatre-vingt-un'],
    [200, 'deux cents', 'deux-cents'],
    [201, 'deux cent un', 'deux-cent-un'],
    [280, 'deux cent quatre-vingts', 'deux-cent-quatre-vingts'],
    [500, 'cinq cents', 'cinq-cents'],
    [999, 'neuf cent quatre-vingt-dix-neuf', 'neuf-cent-quatre-vingt-dix-neuf'],
    [1000, 'mille', 'mille'],
    [1001, 'mille un', 'mille-un'],
    [1100, 'mille cent', 'mille-cent'],
    [1200, 'mille deux cents', 'mille-deux-cents'],
    [2000, 'deux mille', 'deux-mille'],
    [21000, 'vingt et un mille', 'vingt-et-un-mille'],
    [31000, 'trente et un mille', 'trente-et-un-mille'],
    [47500, 'quarante-sept mille cinq cents', 'quarante-sept-mille-cinq-cents'],
    [80000, 'quatre-vingt mille', 'quatre-vingt-mille'],
    [80200, 'quatre-vingt mille deux cents', 'quatre-vingt-mille-deux-cents'],
    [100000, 'cent mille', 'cent-mille'],
    [200000, 'deux cent mille', 'deux-cent-mille'],
    [280000, 'deux cent quatre-vingt mille', 'deux-cent-quatre-vingt-mille'],
    [800000, 'huit cent mille', 'huit-cent-mille'],
    [1000000, 'un million', 'un million'],
    [1000001, 'un million un', 'un million un'],
    [1001000, 'un million mille', 'un million mille'],
    [1500000, 'un million cinq cent mille', 'un million cinq-cent-mille'],
    [2000000, 'deux millions', 'deux millions'],
    [21000000, 'vingt et un millions', 'vingt-et-un millions'],
    [80000000, 'quatre-vingts millions', 'quatre-vingts millions'],
    [200000000, 'deux cents millions', 'deux-cents millions'],
    [200000200, 'deux cents millions deux cents', 'deux-cents millions deux-cents'],
    [1000000000, 'un milliard', 'un milliard'],
    [2500000000, 'deux milliards cinq cents millions', 'deux milliards cinq-cents millions'],
    [80000000000, 'quatre-vingts milliards', 'quatre-vingts milliards'],
    [1000000000000, 'un billion', 'un billion'],
    [
      999999999999999,
      'neuf cent quatre-vingt-dix-neuf billions neuf cent quatre-vingt-dix-neuf milliards neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf',
      'neuf-cent-quatre-vingt-dix-neuf billions neuf-cent-quatre-vingt-dix-neuf milliards neuf-cent-quatre-vingt-dix-neuf millions neuf-cent-quatre-vingt-dix-neuf-mille-neuf-cent-quatre-vingt-dix-neuf',
    ],
    [10n ** 18n, 'un trillion', 'un trillion'],
    [2n * 10n ** 15n, 'deux billiards', 'deux billiards'],
  ])('writes %p as %j (1990: %j)', (n, traditional, rectified) => {
    expect(numberInWords(n)).toBe(traditional);
    expect(numberInWords(n, 'traditional')).toBe(traditional);
    expect(numberInWords(n, '1990')).toBe(rectified);
  });

  it('writes a single thousand as "mille", never "un mille"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 999 }), (millions, units) => {
        const words = numberInWords(millions * 1_000_000 + 1000 + units);
        expect(words).toMatch(/(^|(million|milliard|billion)s? )mille( |$)/);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('never puts an s on "mille"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(numberInWords(n)).not.toMatch(/milles/);
        expect(numberInWords(n, '1990')).not.toMatch(/milles/);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('puts no hyphen next to million or milliard in the 1990 spelling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(numberInWords(n, '1990')).not.toMatch(/-milli|milli(on|ard)s?-/);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('writes the same words in both spellings once hyphens are read as spaces', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const words = (s: string) => s.replace(/-/g, ' ').split(' ').filter((w) => w !== 'et');
        expect(words(numberInWords(n, '1990'))).toEqual(words(numberInWords(n)));
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it.each<[number | bigint, string]>([
    [-1, 'entier positif'],
    [1.5, 'entier positif'],
    [NaN, 'entier positif'],
    [2 ** 53, 'trop grand'],
    [10n ** 21n, 'trop grand'],
    [-1n, 'entier positif'],
  ])('refuses %p, saying %j', (n, why) => {
    expect(() => numberInWords(n)).toThrow(why);
  });
});

describe('amountInWords', () => {
  it.each<[string, Parameters<typeof amountInWords>[1], string]>([
    ['47500', {}, 'quarante-sept mille cinq cents euros'],
    ['200000', {}, 'deux cent mille euros'],
    ['80000', {}, 'quatre-vingt mille euros'],
    ['200000000', {}, "deux cents millions d'euros"],
    ['1000000', {}, "un million d'euros"],
    ['2000000000', {}, "deux milliards d'euros"],
    ['1500000', {}, 'un million cinq cent mille euros'],
    ['1000001', {}, 'un million un euros'],
    ['21', {}, 'vingt et un euros'],
    ['71', {}, 'soixante et onze euros'],
    ['81', {}, 'quatre-vingt-un euros'],
    ['80', {}, 'quatre-vingts euros'],
    ['1', {}, 'un euro'],
    ['0.5', {}, 'cinquante centimes'],
    ['0.01', {}, 'un centime'],
    ['0.8', {}, 'quatre-vingts centimes'],
    ['21.2', {}, 'vingt et un euros et vingt centimes'],
    ['1.01', {}, 'un euro et un centime'],
    ['1000000.2', {}, "un million d'euros et vingt centimes"],
    ['0', {}, 'zéro euro'],
    ['0.004', {}, 'zéro euro'],
    ['-0.004', {}, 'zéro euro'],
    ['0.125', {}, 'treize centimes'],
    ['17499.995', {}, 'dix-sept mille cinq cents euros'],
    ['-1234', {}, 'moins mille deux cent trente-quatre euros'],
    ['-0.5', {}, 'moins cinquante centimes'],
    ['47500', { spelling: '1990' }, 'quarante-sept-mille-cinq-cents euros'],
    ['200000000', { spelling: '1990' }, "deux-cents millions d'euros"],
    ['21.21', { spelling: '1990' }, 'vingt-et-un euros et vingt-et-un centimes'],
    ['47500', { currency: 'francs' }, 'quarante-sept mille cinq cents francs'],
    ['1', { currency: 'francs' }, 'un franc'],
    ['0', { currency: 'francs' }, 'zéro franc'],
    ['3000000', { currency: 'francs' }, 'trois millions de francs'],
    ['12.5', { currency: 'none' }, 'douze virgule cinquante'],
    ['12.05', { currency: 'none' }, 'douze virgule zéro cinq'],
    ['12', { currency: 'none' }, 'douze'],
    ['0.8', { currency: 'none' }, 'zéro virgule quatre-vingts'],
    ['1000000', { currency: 'none' }, 'un million'],
    ['-2.5', { currency: 'none' }, 'moins deux virgule cinquante'],
  ])('writes %s with %j as %j', (amount, opts, expected) => {
    expect(amountInWords(new Dec(amount), opts)).toBe(expected);
  });
});

describe('parseCurrency', () => {
  it.each<[unknown, string]>([
    ['euros', 'euros'],
    ['euro', 'euros'],
    ['EUR', 'euros'],
    ['€', 'euros'],
    ['', 'euros'],
    [' Euros ', 'euros'],
    [undefined, 'euros'],
    [null, 'euros'],
    ['francs', 'francs'],
    ['F', 'francs'],
    ['franc', 'francs'],
    ['aucune', 'none'],
    ['Aucune', 'none'],
  ])('reads %p as %s', (input, expected) => {
    expect(parseCurrency(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown, string]>([
    ['dollars', '« dollars » est inconnue'],
    ['USD', 'valeurs possibles'],
    [12, 'pas une valeur de type number'],
    [true, 'pas un booléen'],
  ])('refuses %p, saying %j', (input, why) => {
    const r = parseCurrency(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(why);
  });
});
