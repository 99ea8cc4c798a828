// Every finding code the core can emit is either in the shared CONTRACT.md's table (copied
// below, since a fresh clone has none beside it) or in docs/CONTRACT-additions.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_CODES } from '../../src/core/findings';

const SHARED_CONTRACT_CODES = [
  'FIELD_MISSING', 'AMOUNT_INVALID', 'PERIOD_INVALID', 'PERIOD_OUTSIDE_YEAR', 'PERIOD_TOO_LONG',
  'PRORATED_BUDGET_MISMATCH', 'RATE_MISMATCH', 'RATE_ABOVE_100', 'RATE_ABOVE_CAP',
  'COFINANCING_SUM_MISMATCH', 'COFINANCER_DUPLICATE', 'COFINANCER_ZERO', 'CONVENTION_REQUIRED',
  'CONVENTION_REQUIRED_CUMULATED', 'NUMBER_FORMAT_INCONSISTENT', 'NUMBER_MALFORMED', 'TOTAL_MISMATCH',
];

const additions = readFileSync(join(__dirname, '..', '..', 'docs', 'CONTRACT-additions.md'), 'utf8');
const documented = new Set([...additions.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));

describe('finding codes and the contract', () => {
  it.each(FINDING_CODES.filter((code) => !SHARED_CONTRACT_CODES.includes(code)))('%s is documented in docs/CONTRACT-additions.md', (code) => {
    expect(documented.has(code)).toBe(true);
  });

  it('every code of the shared contract is still emitted by the core', () => {
    expect(SHARED_CONTRACT_CODES.filter((code) => !(FINDING_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('the additions page names no code the core does not know', () => {
    const codes = [...documented].filter((name) => /^[A-Z]+(_[A-Z0-9]+)+$/.test(name) && !['INPUT_UNREADABLE'].includes(name));
    expect(codes.filter((code) => !(FINDING_CODES as readonly string[]).includes(code))).toEqual([]);
  });
});
