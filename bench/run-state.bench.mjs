// Issue 15 item 4: the local session run's state write per chunk, at 100, 500 and 5 000
// dossiers. The preview writes the run's state after every chunk (src/local/local-batch.ts,
// localRunStore): a chunk that processed 10 dossiers appends one journal line; the run is
// written whole only when it starts and ends. Baseline in the same run: the former write,
// the whole state rewritten (JSON to a temporary file renamed over it) after every chunk.
// The figure to read is the ratio 5 000 / 100 of each: ~1 for a write bounded by the chunk.
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTs, fmt } from './load-ts.mjs';

export const title = 'Séance locale : écriture de l’état de la génération par tranche, 100 / 500 / 5 000 dossiers';

const SIZES = [100, 500, 5000];
const PER_CHUNK = 10;
const CHUNKS = 30;

function initialState(n) {
  const now = '2018-06-12T08:00:00.000Z';
  return {
    v: 1,
    runId: `run-${n}`,
    label: 'Conseil de la Métropole du 28 juin 2018',
    session: 'Conseil de la Métropole du 28 juin 2018',
    options: { includeErrors: false, regenerate: false, pdf: false, dailyQuota: 1500 },
    status: 'running',
    cursor: 0,
    items: Array.from({ length: n }, (_, i) => ({ ref: `S-${String(i + 1).padStart(4, '0')}`, beneficiary: `Association des amis du patrimoine n° ${i + 1}`, status: 'pending', errors: 0, ...(i % 3 === 0 ? { convention: { status: 'pending' } } : {}) })),
    summary: { status: 'pending' },
    lease: null,
    cancelRequested: false,
    chunks: 0,
    startedAt: now,
    updatedAt: now,
  };
}

/** What a chunk does to the state: PER_CHUNK items done (new objects, as the use case makes them), the cursor on. */
function advance(state, chunk) {
  const n = state.items.length;
  for (let k = 0; k < PER_CHUNK; k++) {
    const i = (chunk * PER_CHUNK + k) % n;
    const item = state.items[i];
    state.items[i] = { ...item, status: 'created', url: `reports/${item.ref}-association.docx`, at: '2018-06-12T08:01:00.000Z', ...(item.convention ? { convention: { status: 'created', url: `reports/convention-${item.ref}.docx` } } : {}) };
  }
  state.cursor = Math.min(n, (chunk + 1) * PER_CHUNK);
  state.chunks++;
  state.lease = null;
  state.updatedAt = new Date(Date.parse('2018-06-12T08:00:00Z') + chunk * 1000).toISOString();
  return state;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The store as the preview drives it, one call per chunk: prepare, load, save, flush; the flush timed, and the whole cycle. */
async function journaled(m, n) {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-runstate-'));
  const store = m.localRunStore(join(dir, 'dossiers.seance.json'));
  await store.prepare();
  store.store.save(initialState(n));
  await store.flush();
  const flushes = [];
  const cycles = [];
  for (let c = 0; c < CHUNKS; c++) {
    const t0 = performance.now();
    await store.prepare();
    const state = store.store.load();
    store.store.save(advance(state, c));
    const t1 = performance.now();
    await store.flush();
    const t2 = performance.now();
    flushes.push(t2 - t1);
    cycles.push(t2 - t0);
  }
  return { flush: median(flushes), cycle: median(cycles) };
}

/** The former write: the whole state, indented, to a temporary file renamed over the state file. */
function whole(n) {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-runstate-old-'));
  const path = join(dir, 'dossiers.seance.json');
  let state = initialState(n);
  const times = [];
  for (let c = 0; c < CHUNKS; c++) {
    state = advance(JSON.parse(JSON.stringify(state)), c);
    const t = performance.now();
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state, null, 1));
    renameSync(tmp, path);
    times.push(performance.now() - t);
  }
  return median(times);
}

export async function run() {
  const m = await loadTs('src/local/local-batch.ts');
  // Warm-up outside the timings.
  await journaled(m, 100);
  whole(100);
  const rows = [];
  for (const n of SIZES) rows.push({ n, ...(await journaled(m, n)), old: whole(n) });
  const [base] = rows;
  const lines = [`médianes sur ${CHUNKS} tranches de ${PER_CHUNK} dossiers :`];
  for (const r of rows) {
    lines.push(
      `  ${String(r.n).padStart(5)} dossiers : journal ${fmt(r.flush, 3)} ms par tranche (cycle complet lecture + écriture ${fmt(r.cycle, 3)} ms) ; ancienne écriture de tout l’état ${fmt(r.old, 3)} ms`,
    );
  }
  for (const r of rows.slice(1)) {
    lines.push(
      `  rapport ${r.n} / ${base.n} : journal ${fmt(r.flush / base.flush, 2)} (cycle ${fmt(r.cycle / base.cycle, 2)}) ; ancienne écriture ${fmt(r.old / base.old, 2)}`,
    );
  }
  return lines;
}
