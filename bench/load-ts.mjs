// Loads a TypeScript module of the project for a benchmark: esbuild bundles it to a
// temporary CommonJS file (the same compiler the product ships with), then Node requires it.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'rapporteur-bench-'));
const require = createRequire(import.meta.url);
let n = 0;

export async function loadTs(entry) {
  const outfile = join(dir, `m${n++}.cjs`);
  await build({ entryPoints: [join(root, entry)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return require(outfile);
}

/** Median of `runs` timings of fn(), in milliseconds. */
export function median(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export const fmt = (n, digits = 1) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits });
