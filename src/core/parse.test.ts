import fc from 'fast-check';
import { Dec } from './decimal';
import { formatAmount, formatRate, type Spacing } from './format';
import { decimalFromNumber, parseAmount, parseNumberText, parseRate } from './parse';
import type { Result } from './result';

const NNBSP = '\u202f';
const NBSP = '\u00a0';
const THIN = '\u2009';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got: ${r.reason}`);
  return r.value;
}
function reason<T>(r: Result<T>): string {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  return r.reason;
}

describe('parseNumberText', () => {
  it.each([
    ['47.500', '47500', 0, 'dot'],
    ['47 500', '47500', 0, 'space'],
    ['47500', '47500', 0, 'none'],
    ['1.234,56', '1234.56', 2, 'dot'],
    ['1 234,56', '1234.56', 2, 'space'],
    [`47${NNBSP}500`, '47500', 0, 'space'],
    [`47${NBSP}500`, '47500', 0, 'space'],
    [`47${THIN}500`, '47500', 0, 'space'],
    [`1${NBSP}234${NNBSP}567`, '1234567', 0, 'space'],
    ['1.234.567,891', '1234567.891', 3, 'dot'],
    ['200 000', '200000', 0, 'space'],
    ['0,2375', '0.2375', 4, 'none'],
    ['23,75', '23.75', 2, 'none'],
    ['47 500,00', '47500', 2, 'space'],
    ['-1 234,5', '-1234.5', 1, 'space'],
    ['+12', '12', 0, 'none'],
    ['\u22125', '-5', 0, 'none'],
    ['-0', '0', 0, 'none'],
    ['  47 500\t', '47500', 0, 'space'],
    ['1.000', '1000', 0, 'dot'],
    ['0', '0', 0, 'none'],
  ])('reads %j as %s with %i decimals, grouped by %s', (text, expected, decimals, grouping) => {
    const parsed = value(parseNumberText(text));
    expect(parsed.value.toString()).toBe(expected);
    expect(parsed.decimals).toBe(decimals);
    expect(parsed.grouping).toBe(grouping);
  });

  it('keeps the trimmed text it read', () => {
    expect(value(parseNumberText('  1.234,5 ')).text).toBe('1.234,5');
  });

  it('reads a negative zero as zero, not as a negative number', () => {
    expect(value(parseNumberText('-0,00')).value.isNeg()).toBe(false);
  });

  it.each([
    ['200 00', 'groupe de deux chiffres'],
    ['200 00', '« 00 »'],
    ['300. 000', 'séparateurs'],
    ['47.5', 'écrivez « 47,5 »'],
    ['47.50', 'écrivez « 47,50 »'],
    ['0.2375', 'écrivez « 0,2375 »'],
    ['1234.567', 'écrivez « 1234,567 »'],
    ['0.500', 'écrivez « 0,500 »'],
    ['1 234.567,5', 'mélange deux séparateurs'],
    ['1.234 567', 'mélange deux séparateurs'],
    ['1.234.56', 'groupe de deux chiffres'],
    ['1 2345', 'groupe de quatre chiffres'],
    ['12 3', 'groupe d’un seul chiffre'],
    ['1234 567', 'premier groupe « 1234 »'],
    ['047 500', 'ne commence pas par zéro'],
    ['47  500', 'deux séparateurs de suite'],
    ['.500', 'entre deux chiffres'],
    ['47 500 ,5', 'entre deux chiffres'],
    ['1,2,3', 'plusieurs virgules'],
    ['47,', 'sans décimales'],
    [',5', 'écrivez « 0,5 »'],
    ['0,237 5', 'ne se groupent pas'],
    ['12a', 'le caractère « a »'],
    ['47 500 €', 'le caractère « € »'],
    ['-', 'aucun chiffre'],
    ['', 'vide'],
    ['   ', 'vide'],
  ])('refuses %j, saying %j', (text, why) => {
    expect(reason(parseNumberText(text))).toContain(why);
  });

  it('quotes the refused text in its reason', () => {
    expect(reason(parseNumberText('200 00'))).toContain('« 200 00 »');
  });
});

describe('decimalFromNumber', () => {
  it.each([
    [17499.999999999996, '17500'],
    [0.1 + 0.2, '0.3'],
    [1234.56, '1234.56'],
    [0.125, '0.125'],
    [1e-9, '0'],
    [-0, '0'],
    [-17499.999999999996, '-17500'],
    [1e21, '1000000000000000000000'],
  ])('reads %p as %s', (n, expected) => {
    expect(value(decimalFromNumber(n)).toString()).toBe(expected);
  });

  it.each([
    [0.00001, '0.00001'],
    [1234.5678, '1234.5678'],
  ])('does not snap %p, farther than a millionth of a cent from a cent value', (n, expected) => {
    expect(value(decimalFromNumber(n)).toString()).toBe(expected);
  });

  it.each([[NaN], [Infinity], [-Infinity]])('refuses %p', (n) => {
    expect(reason(decimalFromNumber(n))).toContain('pas un nombre fini');
  });

  it('gives back every cent value that went through x * 100 / 100', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        const x = cents / 100;
        const back = value(decimalFromNumber((x * 100) / 100));
        expect(back.toString()).toBe(new Dec(cents).div(100).toString());
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('parseAmount', () => {
  it.each<[unknown, string]>([
    [47500, '47500'],
    [17499.999999999996, '17500'],
    ['47 500 €', '47500'],
    ['47.500 euros', '47500'],
    ['17 500 €', '17500'],
    ['30.000 €', '30000'],
    ['47 500,00 EUR', '47500'],
    ['1 234,5', '1234.5'],
    ['47500', '47500'],
    [`47${NNBSP}500${NBSP}€`, '47500'],
    ['47500€', '47500'],
    ['€ 12,50', '12.5'],
    ['1 euro', '1'],
    ['200 000 eur', '200000'],
    ['800.000 Euros', '800000'],
    ['0', '0'],
    [10n, '10'],
    [new Dec('12.345'), '12.345'],
  ])('reads %p as %s', (input, expected) => {
    expect(value(parseAmount(input)).toString()).toBe(expected);
  });

  it('returns the exact decimal of a number, not rounded', () => {
    expect(value(parseAmount(0.125)).toString()).toBe('0.125');
  });

  it.each<[unknown, string]>([
    ['', 'Le montant est vide.'],
    ['   ', 'Le montant est vide.'],
    [null, 'Le montant est vide.'],
    [undefined, 'Le montant est vide.'],
    [true, 'pas un booléen (VRAI)'],
    [{}, 'pas un objet'],
    [[1], 'pas une liste'],
    [NaN, 'pas un nombre fini'],
    [Infinity, 'pas un nombre fini'],
    ['200 00 €', 'groupe de deux chiffres'],
    ['47.5 €', 'écrivez « 47,5 »'],
    ['12,345 €', 'au plus deux'],
    ['23,75 %', 'pourcentage'],
    ['CT2', 'n’est pas un montant'],
    ['AMFT 2.0', 'n’est pas un montant'],
    ['47 k€', 'n’est pas un montant'],
    ['€', 'n’est pas un montant'],
    ['1 234.567,5 €', 'mélange'],
  ])('refuses %p, saying %j', (input, why) => {
    expect(reason(parseAmount(input))).toContain(why);
  });

  it.each<[unknown, string]>([
    [-5, '-5'],
    ['-1 234 €', '-1234'],
    ['-0,50 €', '-0.5'],
  ])('refuses the negative %p by default and reads it as %s when allowed', (input, expected) => {
    expect(reason(parseAmount(input))).toContain('négatif');
    expect(value(parseAmount(input, { allowNegative: true })).toString()).toBe(expected);
  });

  it('accepts a negative zero without allowNegative', () => {
    expect(value(parseAmount('-0')).isZero()).toBe(true);
  });

  const spacings: Spacing[] = ['narrow', 'nbsp'];
  const decimalsChoices = ['auto', 2] as const;
  const units = ['€', 'euros', 'none'] as const;
  it.each(spacings.flatMap((s) => decimalsChoices.flatMap((d) => units.map((u) => [s, d, u] as const))))(
    'reads back what formatAmount wrote (spacing %s, decimals %s, unit %s)',
    (spacing, decimals, unit) => {
      fc.assert(
        fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => {
          const amount = new Dec(cents.toString()).div(100);
          const text = formatAmount(amount, { spacing, decimals, unit });
          expect(value(parseAmount(text, { allowNegative: true })).eq(amount)).toBe(true);
        }),
        { seed: 42, numRuns: 500 },
      );
    },
  );

  it('reads back what formatAmount wrote of a value with sub-cent digits, as its cent value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (millis) => {
        const amount = new Dec(millis.toString()).div(1000);
        const back = value(parseAmount(formatAmount(amount, { decimals: 2 })));
        expect(back.eq(amount.toDecimalPlaces(2, Dec.ROUND_HALF_UP))).toBe(true);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('parseRate', () => {
  it.each<[unknown, string, number]>([
    ['24 %', '0.24', 0],
    ['23,75 %', '0.2375', 2],
    ['23,75%', '0.2375', 2],
    [`23,75${NBSP}%`, '0.2375', 2],
    ['12,50 %', '0.125', 2],
    ['24,00 %', '0.24', 2],
    ['120 %', '1.2', 0],
    ['0 %', '0', 0],
    [0.2375, '0.2375', 2],
    ['0,2375', '0.2375', 2],
    ['0,2400', '0.24', 2],
    [0.24, '0.24', 0],
    [0.5, '0.5', 0],
    [1, '1', 0],
    [0, '0', 0],
    [0.123456, '0.123456', 4],
    [0.1 + 0.2, '0.3', 0],
    [47500 / 200000, '0.2375', 2],
    [new Dec('0.2375'), '0.2375', 2],
  ])('reads %p as the fraction %s stated to %i percent decimals', (input, fraction, percentDecimals) => {
    const rate = value(parseRate(input));
    expect(rate.fraction.toString()).toBe(fraction);
    expect(rate.percentDecimals).toBe(percentDecimals);
  });

  it.each<[unknown, string]>([
    [23.75, 'ambigu'],
    ['23,75', 'ambigu'],
    ['23,75', 'de 23,75\u00a0% ou de 2\u202f375\u00a0%'],
    ['23,75', 'la fraction « 0,2375 »'],
    [2, 'ambigu'],
    ['-5 %', 'négatif'],
    [-0.1, 'négatif'],
    ['-0,1', 'négatif'],
    ['', 'Le taux est vide.'],
    [undefined, 'Le taux est vide.'],
    ['%', 'n’est pas un taux'],
    ['23,75 %%', 'n’est pas un taux'],
    ['environ 20 %', 'caractère'],
    ['23.75 %', 'écrivez « 23,75 »'],
    [false, 'pas un booléen (FAUX)'],
    [NaN, 'pas un nombre fini'],
  ])('refuses %p, saying %j', (input, why) => {
    expect(reason(parseRate(input))).toContain(why);
  });

  it.each([0, 1, 2, 3])('reads back what formatRate wrote with %i decimals, at that precision', (decimals) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom<Spacing>('narrow', 'nbsp'), (n, spacing) => {
        const fraction = new Dec(n).div(1_000_000);
        const rate = value(parseRate(formatRate(fraction, { decimals, spacing })));
        expect(rate.percentDecimals).toBe(decimals);
        expect(rate.fraction.eq(fraction.times(100).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).div(100))).toBe(true);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('reads back a whole rate that formatRate wrote in prose without decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), (percent) => {
        const rate = value(parseRate(formatRate(new Dec(percent).div(100), { prose: true })));
        expect(rate.fraction.times(100).toNumber()).toBe(percent);
        expect(rate.percentDecimals).toBe(0);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
