/**
 * Splitting an amount by weights (DOMAIN.md): largest remainder, in whole units, ties to the
 * earliest line. Shares and remainders are computed with BigInt on weights scaled to integers,
 * because a decimal division at any finite precision can round a share such as 4.999…9 up
 * to 5 and hand out a unit that does not exist, or misjudge two remainders as a tie.
 */
import { Dec } from './decimal';
import { periodMessages as m } from './messages/periods';
import { Result, fail, ok } from './result';

const MAX_DECIMALS = 6;

// Exact: toFixed with at least the value's own decimal places never rounds.
function scaledInteger(value: Dec, decimals: number): bigint {
  return BigInt(value.toFixed(decimals).replace('.', ''));
}

/**
 * `splitByWeights(new Dec(100), [1, 1, 1].map(w => new Dec(w)))` → [33.34, 33.33, 33.33].
 * The parts always add up to the total rounded half up to `decimals` (default 2, cents).
 */
export function splitByWeights(total: Dec, weights: readonly Dec[], decimals = 2): Result<Dec[]> {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > MAX_DECIMALS) {
    return fail(m.splitDecimalsInvalid(decimals));
  }
  if (!total.isFinite()) return fail(m.splitTotalInvalid(total.toString()));
  if (total.lt(0)) return fail(m.splitTotalNegative(total.toString()));
  if (weights.length === 0) return fail(m.splitNoWeights());
  for (const [i, w] of weights.entries()) {
    if (!w.isFinite()) return fail(m.splitWeightInvalid(i + 1, w.toString()));
    if (w.lt(0)) return fail(m.splitWeightNegative(i + 1, w.toString()));
  }

  // A loop, not Math.max(...): a column of 300 000 weights overflows the argument stack.
  let weightDecimals = 0;
  for (const w of weights) weightDecimals = Math.max(weightDecimals, w.decimalPlaces());
  const scaledWeights = weights.map((w) => scaledInteger(w, weightDecimals));
  const weightSum = scaledWeights.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) return fail(m.splitWeightsZero());

  const units = scaledInteger(total.toDecimalPlaces(decimals, Dec.ROUND_HALF_UP), decimals);
  const parts = scaledWeights.map((w) => (units * w) / weightSum);
  const remainders = scaledWeights.map((w) => (units * w) % weightSum);
  let left = units - parts.reduce((a, b) => a + b, 0n);

  // Array.prototype.sort is stable, so equal remainders keep line order: ties go to the earliest.
  const byRemainder = parts
    .map((_, i) => i)
    .sort((a, b) => (remainders[b] > remainders[a] ? 1 : remainders[b] < remainders[a] ? -1 : 0));
  for (const i of byRemainder) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return ok(parts.map((p) => new Dec(`${p}e-${decimals}`)));
}
