// `npm run bench`: runs every bench/*.bench.mjs and prints its figures. Each module exports
// `title` (optional) and `run()` returning the lines to print. Ratios against a baseline
// measured in the same run are the figures to compare: this machine is shared and noisy.
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = false;
for (const f of files) {
  const mod = await import(pathToFileURL(join(dir, f)).href);
  console.log(`\n## ${mod.title ?? f}`);
  try {
    for (const line of await mod.run()) console.log(`  ${line}`);
  } catch (e) {
    failed = true;
    console.log(`  ÉCHEC : ${e instanceof Error ? e.message : e}`);
  }
}
process.exit(failed ? 1 : 0);
