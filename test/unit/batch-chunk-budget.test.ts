/**
 * How long a session chunk works (OVERHEAD_FACTOR in src/app/batch-api.ts): at least its time
 * budget, stretched to a few times what the chunk costs besides its work — its own set-up and
 * what the adapter reports (the local preview rewrites its whole workbook after each call) —,
 * never beyond the Apps Script chunk. Fake time: a report takes 7 s (copy 6 s, open 1 s).
 */
import { createBatchWorld, sessionDossiers } from '../support/batch-world';
import { DEFAULT_BUDGET_MS, OVERHEAD_FACTOR } from '../../src/app/batch-api';

const SESSION = 'Conseil de la Métropole du 28 juin 2018';

/** The reports each chunk of the run made, in order. */
function reportsPerChunk(opts: { budgetMs: number; chunkOverheadMs?: () => number; dossiers: number }): number[] {
  const world = createBatchWorld({ dossiers: sessionDossiers(opts.dossiers), budgetMs: opts.budgetMs, ...(opts.chunkOverheadMs ? { chunkOverheadMs: opts.chunkOverheadMs } : {}) });
  const started = world.api.startSessionRun({ session: SESSION });
  if (started.status !== 'started') throw new Error(JSON.stringify(started));
  const made: number[] = [];
  let before = 0;
  for (;;) {
    const view = world.api.runSessionChunk(started.run.runId!);
    made.push(view.counts.created - before);
    before = view.counts.created;
    if (view.status !== 'running' || view.stopped) break;
  }
  return made;
}

describe('a session chunk’s length', () => {
  it('is its budget when nothing else costs: 30 s make 4 reports of 7 s (the 4th starts before 30 s)', () => {
    const made = reportsPerChunk({ budgetMs: 30_000, dossiers: 12 });
    expect(made.slice(0, 2)).toEqual([4, 4]);
  });

  it('stretches to OVERHEAD_FACTOR times the adapter’s cost per call: 60 s of saving make a chunk of at least 120 s', () => {
    const made = reportsPerChunk({ budgetMs: 30_000, chunkOverheadMs: () => 60_000, dossiers: 40 });
    // 2 × 60 s (plus the chunk's own set-up, which costs no fake time) = 120 s: 16 or 17 reports of 7 s, not 4.
    expect(OVERHEAD_FACTOR * 60_000).toBe(120_000);
    expect(made[0]).toBeGreaterThanOrEqual(16);
    expect(made[0]).toBeLessThanOrEqual(17);
    expect(made.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('never goes beyond the Apps Script chunk (DEFAULT_BUDGET_MS), whatever the adapter reports', () => {
    const made = reportsPerChunk({ budgetMs: 30_000, chunkOverheadMs: () => 3_600_000, dossiers: 60 });
    expect(DEFAULT_BUDGET_MS).toBe(240_000);
    expect(made[0]).toBeLessThanOrEqual(Math.ceil(DEFAULT_BUDGET_MS / 7000));
    expect(made.reduce((a, b) => a + b, 0)).toBe(60);
  });
});
