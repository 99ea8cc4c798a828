// Writes examples/dossiers.xlsx from the JSON examples, through the same save use case as
// the sidebar and the preview's first start, so the workbook has the spreadsheet's layout.
// test/unit/example-workbook.test.ts checks that the committed file still matches the JSON.
//   node scripts/make-example-workbook.mjs [OUT.xlsx]
import { build } from 'esbuild';
import { mkdtempSync, rmSync, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'examples', 'dossiers.xlsx'));
const dir = mkdtempSync(join(tmpdir(), 'rapporteur-examples-'));
const bundle = join(dir, 'make.cjs');
// The project's TypeScript, bundled by the compiler the product ships with.
await build({
  stdin: {
    contents: `export { openOrSeedWorkbook } from './src/local/workbook-dossiers';\nexport { exampleDossiers } from './src/local/commands/preview';`,
    resolveDir: root,
    loader: 'ts',
  },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
const { openOrSeedWorkbook, exampleDossiers } = createRequire(import.meta.url)(bundle);
// Built beside the target and renamed over it: a failed run leaves the committed file whole.
const tmp = `${out}.${process.pid}.tmp.xlsx`;
try {
  const dossiers = exampleDossiers(root);
  await openOrSeedWorkbook(tmp, () => dossiers);
  renameSync(tmp, out);
  console.log(`${out} : ${dossiers.length} dossiers (${dossiers.map((d) => d.id).join(', ')})`);
} finally {
  if (existsSync(tmp)) rmSync(tmp);
  rmSync(dir, { recursive: true, force: true });
}
