// Builds every runtime of Rapporteur into dist/:
//   dist/cli.cjs                  the command line and the local preview (Node)
//   dist/Code.js + wrappers       the Apps Script bundle (scripts/build/gas.mjs)
//   dist/Sidebar.html             the sidebar, JS and CSS inlined (scripts/build/sidebar.mjs)
//   dist/appsscript.json          the manifest clasp pushes (rootDir: dist)
// Each target lives in scripts/build/ so that it can be read and tested on its own.
import { mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const targets = ['cli', 'sidebar', 'gas'];
const started = Date.now();
for (const name of targets) {
  const file = join(root, 'scripts', 'build', `${name}.mjs`);
  if (!existsSync(file)) continue;
  const { build } = await import(pathToFileURL(file).href);
  await build({ root, dist });
}
copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
if (!process.argv.includes('--quiet')) console.log(`build : dist/ construit en ${Date.now() - started} ms`);
