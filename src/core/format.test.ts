import { Dec } from './decimal';
import { formatAmount, formatDecimal, formatMonths, formatPercentValue, formatRate, type Spacing } from './format';

// Written out in tests so that a wrong space shows as a wrong escape, not as an invisible diff.
const N = '\u202f';
const B = '\u00a0';

describe('formatAmount', () => {
  it.each<[string, Parameters<typeof formatAmount>[1], string]>([
    ['47500', {}, `47${N}500${B}€`],
    ['200000', {}, `200${N}000${B}€`],
    ['800000', { unit: 'euros' }, `800${N}000${B}euros`],
    ['47500', { unit: 'euros' }, `47${N}500${B}euros`],
    ['47500', { decimals: 2 }, `47${N}500,00${B}€`],
    ['47500', { unit: 'none' }, `47${N}500`],
    ['1234.5', {}, `1${N}234,50${B}€`],
    ['1234.5', { decimals: 0 }, `1${N}235${B}€`],
    ['-1234', {}, `-1${N}234${B}€`],
    ['-1234.5', { decimals: 2 }, `-1${N}234,50${B}€`],
    ['47500', { spacing: 'nbsp' }, `47${B}500${B}€`],
    ['1234567.89', { spacing: 'nbsp' }, `1${B}234${B}567,89${B}€`],
    ['0', {}, `0${B}€`],
    ['0', { decimals: 2 }, `0,00${B}€`],
    ['999', {}, `999${B}€`],
    ['1000', {}, `1${N}000${B}€`],
    ['0.125', {}, `0,13${B}€`],
    ['0.005', {}, `0,01${B}€`],
    ['0.004', {}, `0${B}€`],
    ['-0.004', {}, `0${B}€`],
    ['12.999', {}, `13${B}€`],
    ['0.495', { decimals: 0 }, `0${B}€`],
    ['17499.995', { decimals: 2 }, `17${N}500,00${B}€`],
    ['1', { unit: 'euros' }, `1${B}euro`],
    ['1.5', { unit: 'euros' }, `1,50${B}euro`],
    ['2', { unit: 'euros' }, `2${B}euros`],
    ['0', { unit: 'euros' }, `0${B}euro`],
    ['-3', { unit: 'euros' }, `-3${B}euros`],
  ])('writes %s with %j as %j', (amount, opts, expected) => {
    expect(formatAmount(new Dec(amount), opts)).toBe(expected);
  });
});

describe('formatDecimal', () => {
  it.each<[string, number, Spacing | undefined, string]>([
    ['47500', 2, undefined, `47${N}500,00`],
    ['47500', 0, 'nbsp', `47${B}500`],
    ['0.2375', 4, undefined, '0,2375'],
    ['2.345', 2, undefined, '2,35'],
    ['-2.345', 2, undefined, '-2,35'],
    ['-0.001', 2, undefined, '0,00'],
    ['123456789012345.675', 2, undefined, `123${N}456${N}789${N}012${N}345,68`],
    ['5', 3, undefined, '5,000'],
  ])('writes %s with %i decimals (spacing %s) as %j', (v, decimals, spacing, expected) => {
    expect(formatDecimal(new Dec(v), decimals, spacing)).toBe(expected);
  });
});

describe('formatRate', () => {
  it.each<[string, Parameters<typeof formatRate>[1], string]>([
    ['0.2375', {}, `23,75${B}%`],
    ['0.125', {}, `12,50${B}%`],
    ['0.3', {}, `30,00${B}%`],
    ['0.3', { prose: true }, `30${B}%`],
    ['0.2375', { prose: true }, `23,75${B}%`],
    ['0.125', { prose: true }, `12,50${B}%`],
    ['0.29999', { prose: true }, `30${B}%`],
    ['0.237499', {}, `23,75${B}%`],
    ['0.2374949', {}, `23,75${B}%`],
    ['0.2374', { decimals: 0 }, `24${B}%`],
    ['0.23745', { decimals: 3 }, `23,745${B}%`],
    ['12.5', { spacing: 'nbsp' }, `1${B}250,00${B}%`],
    ['12.5', {}, `1${N}250,00${B}%`],
    ['0', {}, `0,00${B}%`],
  ])('writes %s with %j as %j', (fraction, opts, expected) => {
    expect(formatRate(new Dec(fraction), opts)).toBe(expected);
  });
});

describe('formatPercentValue', () => {
  it('writes a value already in percent, with a no-break space before %', () => {
    expect(formatPercentValue(new Dec('2375'), 0)).toBe(`2${N}375${B}%`);
  });
});

describe('formatMonths', () => {
  it.each<[Dec, string]>([
    [new Dec(3), '3'],
    [new Dec(2).plus(new Dec(16).div(31)), '2,52'],
    [new Dec(3).plus(new Dec(15).div(31)), '3,48'],
    [new Dec('2.5'), '2,5'],
    [new Dec('2.999'), '3'],
    [new Dec('0.125'), '0,13'],
    [new Dec(12), '12'],
    [new Dec(0), '0'],
  ])('writes %s months as %j', (months, expected) => {
    expect(formatMonths(months)).toBe(expected);
  });
});
