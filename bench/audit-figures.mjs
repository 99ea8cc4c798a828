// Prints the audit's figures without jest or a build step: esbuild bundles
// bench/audit-corpus.ts (and the core it imports) to a temporary module, which we import.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'rapporteur-audit-bench-'));
const outfile = join(dir, 'audit-corpus.mjs');
try {
  await build({ entryPoints: [join(root, 'bench/audit-corpus.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
  const { benchAudit } = await import(pathToFileURL(outfile).href);
  const f = await benchAudit({ corpusDir: join(root, 'test/corpus/audit') });
  const pct = (x) => `${(x * 100).toFixed(1)} %`;
  console.log(`Audit corpus: ${f.texts} texts, ${f.truePositives} true positives, ${f.falsePositives} false positives, ${f.falseNegatives} missed`);
  console.log(`  precision ${pct(f.precision)}, recall ${pct(f.recall)}, texts with a false alarm: ${f.falseAlarmTexts}`);
  console.log(`  1 MB of report text: ${f.msPerMB.toFixed(1)} ms; worst adversarial MB (${f.worstCase}): ${f.worstMsPerMB.toFixed(1)} ms; 2 MB / 1 MB: ${f.doublingRatio.toFixed(2)}`);
  for (const t of f.perText) {
    if (t.falsePositives.length || t.missed.length) console.log(`  ${t.file}: unexpected ${t.falsePositives.join(', ') || '-'}; missed ${t.missed.join(', ') || '-'}`);
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(f, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
