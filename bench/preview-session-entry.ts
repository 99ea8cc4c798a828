// What the preview session benchmark drives, bundled by bench/load-ts.mjs: a whole council
// session run in the local preview, each call one unit of work as the server makes it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { composePreviewApi } from '../src/local/preview/compose';
import { runUnitOfWork } from '../src/local/preview/server';
import { openOrSeedWorkbook } from '../src/local/workbook-dossiers';
import type { RunView, StartResult } from '../src/app/batch-api';
import { sessionDossiers } from '../test/support/batch-world';
import type { DossierInput } from '../src/core/dossier';

const SESSION = 'Conseil de la Métropole du 28 juin 2018';
/** The session's dossiers, every one without error (below the convention threshold, plan balanced): each makes its report. */
function validDossiers(n: number): DossierInput[] {
  return sessionDossiers(n, SESSION).map((d, i) => {
    const subsidy = 10000 + (i % 100) * 100;
    return { ...d, subsidy: String(subsidy), cofinancers: [{ name: 'Métropole Aix-Marseille-Provence', amount: String(subsidy - 5000) }, { name: 'Région Sud', amount: '5 000' }] };
  });
}

const realClock = { nowIso: () => new Date().toISOString(), todayIso: () => new Date().toISOString().slice(0, 10) };

/** Runs the session of `n` generated dossiers to its end; times the whole, the chunks and the workbook saves. */
export async function previewSession(n: number): Promise<{ totalMs: number; chunks: number; saveMs: number; saves: number; longestCallMs: number; created: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-ps-'));
  try {
    const { workbook } = await openOrSeedWorkbook(join(dir, 'dossiers.xlsx'), () => validDossiers(n));
    const reportsDir = join(dir, 'notes');
    mkdirSync(reportsDir);
    const { api, hooks } = composePreviewApi(workbook, reportsDir, realClock);
    let saveMs = 0;
    let saves = 0;
    const save = workbook.save.bind(workbook);
    workbook.save = async () => {
      const t = performance.now();
      await save();
      saveMs += performance.now() - t;
      saves++;
    };
    const a = api as unknown as Record<string, (...args: unknown[]) => unknown>;
    let longestCallMs = 0;
    const call = async <T>(name: string, ...args: unknown[]): Promise<T> => {
      const t = performance.now();
      const value = (await runUnitOfWork(workbook, hooks, name, () => a[name]!(...args))) as T;
      longestCallMs = Math.max(longestCallMs, performance.now() - t);
      return value;
    };
    const t0 = performance.now();
    const started = await call<StartResult>('startSessionRun', { session: SESSION });
    if (started.status !== 'started') throw new Error(JSON.stringify(started));
    let view: RunView;
    let chunks = 0;
    do {
      view = await call<RunView>('runSessionChunk', started.run.runId);
      chunks++;
    } while (view.status === 'running');
    const totalMs = performance.now() - t0;
    return { totalMs, chunks, saveMs, saves, longestCallMs, created: view.counts.created };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
