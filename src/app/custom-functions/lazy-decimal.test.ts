/**
 * Every custom-function cell is an execution that loads the whole bundle: a cell of whole
 * cents (PRORATA, TAUX on number cells, most of a sheet) must not pay decimal.js' set-up
 * (issue 15). Each case loads the modules afresh, as an execution does.
 */
type Fresh = { decimalLoaded: () => boolean; call: (name: string, ...args: unknown[]) => unknown };

function fresh(): Fresh {
  let loaded: Fresh | undefined;
  jest.isolateModules(() => {
    const { decimalLoaded } = require('../../core/decimal') as typeof import('../../core/decimal');
    const { bindCustomFunctions } = require('./index') as typeof import('./index');
    const utc = { calendarDay: (d: Date) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }) };
    const fns = bindCustomFunctions(() => utc);
    loaded = { decimalLoaded, call: (name, ...args) => fns[name]!(...args) };
  });
  return loaded!;
}

describe('decimal.js is set up only when a cell needs it', () => {
  it('not by loading the custom functions', () => {
    expect(fresh().decimalLoaded()).toBe(false);
  });

  it.each([
    ['PRORATA on a number', 'PRORATA', [800000, '01/01/2018', '31/03/2018'], 200000],
    ['PRORATA with cents and Date cells', 'PRORATA', [47500.5, new Date(Date.UTC(2018, 0, 16)), new Date(Date.UTC(2018, 2, 31)), 'jours'], 9760.38],
    ['PRORATA over a column', 'PRORATA', [[[800000], [1200.1], [''], [17500.25]], 43101, 43190], [[200000], [300.03], [''], [4375.06]]],
    ['TAUX on numbers', 'TAUX', [47500, 200000], 0.2375],
    ['NB_MOIS', 'NB_MOIS', ['16/01/2018', '31/03/2018'], 2 + 16 / 31],
    ['PRORATA on text', 'PRORATA', ['800 000 €', '01/01/2018', '31/03/2018'], 200000],
    ['TAUX on text', 'TAUX', ['47.500 euros', '200 000,00 €'], 0.2375],
  ])('not by %s', (_, name, args, expected) => {
    const f = fresh();
    expect(f.call(name, ...args)).toEqual(expected);
    expect(f.decimalLoaded()).toBe(false);
  });

  it.each([
    ['PRORATA on more than two decimals', 'PRORATA', [800000.125, '01/01/2018', '31/03/2018'], 200000.03],
    ['TAUX of a zero amount', 'TAUX', [0, '200 000 €'], 0],
    ['EUROS', 'EUROS', [47500], '47\u202f500\u00a0€'],
  ])('but by %s, which needs it', (_, name, args, expected) => {
    const f = fresh();
    expect(f.call(name, ...args)).toEqual(expected);
    expect(f.decimalLoaded()).toBe(true);
  });

  it('and a refused value still says why', () => {
    const f = fresh();
    expect(() => f.call('PRORATA', -5, '01/01/2018', '31/03/2018')).toThrow(/PRORATA/);
    expect(() => f.call('TAUX', 47500, 0)).toThrow(/TAUX/);
  });
});
