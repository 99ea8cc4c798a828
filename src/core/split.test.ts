import fc from 'fast-check';
import { Dec } from './decimal';
import { splitByWeights } from './split';

const PROPERTY = { seed: 42, numRuns: 500 };

const decs = (values: readonly (string | number)[]): Dec[] => values.map((v) => new Dec(v));
const strings = (values: readonly Dec[]): string[] => values.map((v) => v.toString());

describe('splitByWeights', () => {
  it('splits over a column of 300 000 weights (a spread of that many arguments overflowed the stack)', () => {
    const weights = Array.from({ length: 300_000 }, (_, i) => new Dec(i === 0 ? '0.5' : 1));
    const r = splitByWeights(new Dec(299_999.5), weights);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(300_000);
    expect(r.value[0]!.toString()).toBe('0.5');
    expect(r.value[299_999]!.toString()).toBe('1');
  });

  it.each<[string, string, (string | number)[], number | undefined, string[]]>([
    ['the Medinsoft co-financing by its amounts', '47500', [17500, 30000], undefined, ['17500', '30000']],
    ['equal thirds, the extra cent to the first line', '100', [1, 1, 1], undefined, ['33.34', '33.33', '33.33']],
    ['equal thirds in whole euros', '100', [1, 1, 1], 0, ['34', '33', '33']],
    ['two cents left over three equal lines, to the first two', '0.05', [1, 1, 1], undefined, ['0.02', '0.02', '0.01']],
    ['percentages that add up to 100', '10', [30, 30, 40], undefined, ['3', '3', '4']],
    ['percentages with decimals', '1000', ['33.33', '33.33', '33.34'], undefined, ['333.3', '333.3', '333.4']],
    ['percentages that do not add up to 100, scaled', '300', [10, 20], undefined, ['100', '200']],
    ['the largest remainder before an earlier smaller one', '1', [1, 2], undefined, ['0.33', '0.67']],
    ['the unit left to the largest remainder of three', '1', [2, 1, 4], undefined, ['0.29', '0.14', '0.57']],
    ['decimal weights', '1', ['0.1', '0.2'], undefined, ['0.33', '0.67']],
    ['a total with more decimals, rounded half up first', '10.005', [1], undefined, ['10.01']],
    ['a total rounded half up before it is split', '0.015', [1, 1], undefined, ['0.01', '0.01']],
    ['a zero weight, which takes no share', '100', [0, 1], undefined, ['0', '100']],
    ['a zero total', '0', [1, 2], undefined, ['0', '0']],
    ['in thousandths', '1', [1, 1, 1], 3, ['0.334', '0.333', '0.333']],
    ['in millionths', '1', [1, 1, 1], 6, ['0.333334', '0.333333', '0.333333']],
    ['a single line', '123.45', [7], undefined, ['123.45']],
    ['weights of very different sizes', '10000000000', ['1e-30', '1'], undefined, ['0', '10000000000']],
  ])('splits %s', (_, total, weights, decimals, expected) => {
    const result = splitByWeights(new Dec(total), decs(weights), decimals);
    expect(result.ok).toBe(true);
    if (result.ok) expect(strings(result.value)).toEqual(expected);
  });

  it.each<[string, Dec, Dec[], number | undefined, string]>([
    ['a negative total', new Dec(-1), decs([1]), undefined, 'négatif'],
    ['a total that is not a number', new Dec(NaN), decs([1]), undefined, "n'est pas un nombre"],
    ['a negative weight, naming its line', new Dec(100), decs([1, -1]), undefined, 'ligne 2'],
    ['a weight that is not a number', new Dec(100), decs([1, NaN]), undefined, 'ligne 2'],
    ['an infinite weight', new Dec(100), [new Dec(Infinity)], undefined, 'ligne 1'],
    ['weights that add up to zero', new Dec(100), decs([0, 0]), undefined, 'somme des poids est nulle'],
    ['no weights', new Dec(100), [], undefined, 'Aucun poids'],
    ['7 decimals', new Dec(100), decs([1]), 7, 'de 0 à 6'],
    ['negative decimals', new Dec(100), decs([1]), -1, 'de 0 à 6'],
    ['fractional decimals', new Dec(100), decs([1]), 1.5, 'de 0 à 6'],
  ])('refuses %s with a French reason', (_, total, weights, decimals, reason) => {
    const result = splitByWeights(total, weights, decimals);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('accepts a weight of minus zero as zero', () => {
    const result = splitByWeights(new Dec(10), [new Dec('-0'), new Dec(1)]);
    expect(result.ok && strings(result.value)).toEqual(['0', '10']);
  });

  // Weights from a small set, so that equal weights (ties) are frequent.
  const weightsArb = fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 5 }).map(String),
        fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Dec(n).div(1000).toString()),
      ),
      { minLength: 1, maxLength: 25 },
    )
    .map(decs)
    .filter((ws) => ws.some((w) => w.gt(0)));
  const totalArb = fc.bigInt({ min: 0n, max: 10n ** 15n }).map((n) => new Dec(n.toString()).div(1000));
  const decimalsArb = fc.integer({ min: 0, max: 6 });

  const split = (total: Dec, weights: Dec[], decimals: number): Dec[] => {
    const result = splitByWeights(total, weights, decimals);
    if (!result.ok) throw new Error(result.reason);
    return result.value;
  };

  it('preserves the total, rounded half up to the unit, exactly', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, decimalsArb, (total, weights, decimals) => {
        const parts = split(total, weights, decimals);
        const sum = parts.reduce((a, b) => a.plus(b), new Dec(0));
        expect(sum.equals(total.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP))).toBe(true);
        expect(parts).toHaveLength(weights.length);
      }),
      PROPERTY,
    );
  });

  it('gives whole units, none negative, none more than one unit from its exact share', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, decimalsArb, (total, weights, decimals) => {
        const rounded = total.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP);
        const weightSum = weights.reduce((a, b) => a.plus(b), new Dec(0));
        const unit = new Dec(10).pow(-decimals);
        split(total, weights, decimals).forEach((part, i) => {
          expect(part.decimalPlaces()).toBeLessThanOrEqual(decimals);
          expect(part.gte(0)).toBe(true);
          const exact = rounded.times(weights[i]).div(weightSum);
          expect(part.minus(exact).abs().lte(unit)).toBe(true);
        });
      }),
      PROPERTY,
    );
  });

  it('gives equal weights parts within one unit, the larger to the earlier line', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, decimalsArb, (total, weights, decimals) => {
        const parts = split(total, weights, decimals);
        const unit = new Dec(10).pow(-decimals);
        for (let i = 0; i < weights.length; i++)
          for (let j = i + 1; j < weights.length; j++)
            if (weights[i].equals(weights[j])) {
              expect(parts[i].gte(parts[j])).toBe(true);
              expect(parts[i].minus(parts[j]).lte(unit)).toBe(true);
            }
      }),
      PROPERTY,
    );
  });

  it('never gives a larger weight a smaller part', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, decimalsArb, (total, weights, decimals) => {
        const parts = split(total, weights, decimals);
        for (let i = 0; i < weights.length; i++)
          for (let j = 0; j < weights.length; j++)
            if (weights[i].gt(weights[j])) expect(parts[i].gte(parts[j])).toBe(true);
      }),
      PROPERTY,
    );
  });

  it('does not depend on the scale of the weights', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, decimalsArb, fc.integer({ min: 2, max: 1000 }), (total, weights, decimals, factor) => {
        const scaled = weights.map((w) => w.times(factor));
        expect(strings(split(total, scaled, decimals))).toEqual(strings(split(total, weights, decimals)));
      }),
      PROPERTY,
    );
  });
});
