import fc from 'fast-check';
import { checkDossier, subsidyFigure } from './checks';
import type { DossierInput } from './dossier';

// The cross-dossier pass (yearly totals, the cumulated convention rule) reads the subsidy with
// subsidyFigure before any dossier is checked in full: it must read what checkDossier reads.
const subsidyValues = fc.oneof(
  fc.constantFrom(undefined, null, '', '  ', '0', '-0', '-12', '12,5', '47 500 €', '47.500', '1.234,56', '12 000,005', 'douze', 'NaN', 'Infinity', '1e5', '0x10', '  3 000  '),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: false }),
  fc.stringMatching(/^-?[0-9 .,]{0,12}( ?€| euros)?$/),
  fc.string(),
);

describe('subsidyFigure', () => {
  it('reads the subsidy exactly as checkDossier does', () => {
    fc.assert(
      fc.property(subsidyValues, (subsidy) => {
        const dossier = { beneficiary: 'Association A', annualBudget: '10000', subsidy } as DossierInput;
        const full = checkDossier(dossier).figures.subsidy;
        const quick = subsidyFigure(dossier);
        expect(quick === null ? null : quick.toString()).toBe(full === null ? null : full.toString());
      }),
      { numRuns: 2000 },
    );
  });
});
