// `npm test`: type checking, build, unit, bundle (twice: host zone and a far zone), browser.
// Prints one closing line "tests: N passed, N failed, N skipped" over every jest run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test-output');
mkdirSync(out, { recursive: true });
const ci = process.env.CI === 'true';
const loud = (text) => console.error(`\n\u001b[1;33m${'!'.repeat(78)}\n${text}\n${'!'.repeat(78)}\u001b[0m\n`);

const tools = [
  ['Chromium', '/usr/bin/chromium', 'les tests du formulaire dans le navigateur', 'apt-get install chromium'],
  ['LibreOffice', '/usr/bin/soffice', 'la conversion des notes .docx en PDF/PNG', 'apt-get install libreoffice-writer-nogui poppler-utils'],
];
const missing = tools.filter(([, path]) => !existsSync(path));
for (const [name, path, what, install] of missing) {
  loud(`${name} est absent (${path}) : ${what} seront IGNORÉS.\nInstallez-le (${install}) ou lancez .ci/run.${ci ? '\nCI=true : son absence fait échouer la suite.' : ''}`);
}

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
function jest(title, args, env = {}) {
  const file = join(out, `jest-${title.replace(/\W+/g, '-')}.json`);
  const passed = step(`jest : ${title}`, process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${file}`, ...args], env);
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
    if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) totals.failed += r.numFailedTestSuites; // a suite that failed to load
  } else totals.failed += 1;
  ok &&= passed;
}

const tsc = join(root, 'node_modules/typescript/bin/tsc');
for (const project of ['tsconfig.core.json', 'tsconfig.gas.json', 'tsconfig.sidebar.json', 'tsconfig.json']) {
  ok = step(`types : ${project}`, process.execPath, [tsc, '-p', project]) && ok;
}
ok = step('build', process.execPath, [join(root, 'build.mjs')]) && ok;
jest('unit et bundle', ['--selectProjects', 'unit', 'bundle']);
// The bundle again with the host west of every spreadsheet zone tested (Paris, UTC, New York,
// Tokyo): a date read with the host's zone by accident lands on the day before there.
jest('bundle (TZ=Pacific-Honolulu)', ['--selectProjects', 'bundle'], { TZ: 'Pacific/Honolulu' });
jest('browser', ['--selectProjects', 'browser', '--runInBand']);

if (missing.length) loud(`Rappel : ${missing.map(([n]) => n).join(' et ')} absent(s) : des tests ont été ignorés (voir plus haut).`);
if (ci && missing.length) ok = false;
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
