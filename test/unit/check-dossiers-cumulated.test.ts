import { checkDossiers } from '../../src/app/check-dossiers';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

describe('checkDossiers across dossiers', () => {
  const base = { budgetYear: 2018, annualBudget: 100000, period: { start: '2018-01-01', end: '2018-12-31' } };

  it('adds the cumulative finding to each dossier, after its own errors', () => {
    const reports = checkDossiers(
      [
        { id: 'A', beneficiary: 'Asso des Quartiers', subsidy: 15000, ...base, statedRate: '20 %' },
        { id: 'B', beneficiary: 'ASSO DES QUARTIERS', subsidy: '12 000 €', ...base, convention: true },
      ],
      DEFAULT_SETTINGS,
    );
    expect(reports.map((r) => r.check.findings.map((f) => `${f.code}:${f.severity}`))).toEqual([
      ['RATE_MISMATCH:error', 'CONVENTION_REQUIRED_CUMULATED:warning'],
      ['CONVENTION_REQUIRED_CUMULATED:info'],
    ]);
  });

  it('adds nothing for 11 000 € and 12 000 €', () => {
    const reports = checkDossiers(
      [
        { id: 'A', beneficiary: 'Asso', subsidy: 11000, ...base },
        { id: 'B', beneficiary: 'Asso', subsidy: 12000, ...base },
      ],
      DEFAULT_SETTINGS,
    );
    expect(reports.flatMap((r) => r.check.findings)).toEqual([]);
  });

  // Each subsidy is the sum voted, at the cent: 15 000,00 € + 8 000,00 € is 23 000 €, not above
  // the threshold, though the cells hold 15000.004 and 8000 (the message said « totalisent 23 000 € »).
  it('adds the year at the cent: 15000.004 and 8000 are 23 000 €, not above it', () => {
    const reports = checkDossiers(
      [
        { id: 'A', beneficiary: 'Asso', subsidy: 15000.004, ...base },
        { id: 'B', beneficiary: 'Asso', subsidy: 8000, ...base },
      ],
      DEFAULT_SETTINGS,
    );
    expect(reports.flatMap((r) => r.check.findings)).toEqual([]);
  });
});
