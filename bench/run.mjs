// `npm run bench`: runs every bench/*.bench.mjs and prints its figures. Each module exports
// `title` (optional) and `run()` returning the lines to print. Ratios against a baseline
// measured in the same run are the figures to compare: this machine is shared and noisy.
// Several benches run each in its own Node process: one bench's heap (the 100 000-row sheets,
// Chromium's pipes) made the next one's garbage collection slower, measured on the words
// bench: 6,0 ms alone, 8 to 10 ms after the sidebar's, while its baseline moved less.
import { spawnSync } from 'node:child_process';
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
if (files.length > 1) {
  for (const f of files) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), f], { stdio: 'inherit' });
    if (child.status !== 0) failed = true;
  }
} else {
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
}
process.exit(failed ? 1 : 0);
