// Issue 15 item 1: a year of a region's subsidies in one run. Runs the BUILT command line
// (dist/cli.cjs, `node build.mjs` first) as a child process on generated dossiers and prints
// its time, the bytes it writes and its peak memory, with the ratio per ×10.
// Peak memory: the child is started with `--require` of a tiny wrapper that writes
// process.resourceUsage().maxRSS (kB, the kernel's high-water mark of the resident set) to a
// file on exit, so no /usr/bin/time is needed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './load-ts.mjs';

export const title = 'Échelle : check, opendata et report --session sur 1 000 à 100 000 dossiers (CLI construite)';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = process.env.RAPPORTEUR_CLI ?? join(root, 'dist', 'cli.cjs');

/**
 * Realistic dossiers: many beneficiaries, a few with hundreds of dossiers a year (a Zipf-like
 * draw), most under the convention threshold so that yearly totals matter, two or three
 * co-financers, periods inside the year, two budget years, some SIRETs.
 */
export function generateDossiers(count, seed = 7) {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const bodies = Math.max(10, Math.floor(count / 8));
  const dossiers = [];
  for (let i = 0; i < count; i++) {
    // rnd()^3 piles the draws on the first bodies: body 0 gets hundreds of dossiers at 10 000.
    const b = Math.floor(bodies * rnd() ** 3);
    const year = 2023 + (i % 2);
    const subsidy = 1000 + Math.round(rnd() * 30_000);
    const annual = subsidy * (3 + Math.round(rnd() * 10));
    const m = 1 + Math.floor(rnd() * 6);
    const a = Math.round(subsidy * rnd());
    const cofinancers = [
      { name: 'Région', amount: a },
      { name: 'Département', amount: subsidy - a },
    ];
    if (i % 3 === 0) cofinancers.push({ name: 'Commune', amount: 0 });
    dossiers.push({
      id: `${year}-S${String(i).padStart(6, '0')}`,
      beneficiary: `Association ${b}`,
      ...(b % 4 === 0 ? { siret: String(100000000 + b) + '00012' } : {}),
      subject: `Attribution d'une subvention à l'association ${b}`,
      authority: 'Région Exemple',
      council: 'Commission permanente',
      period: { start: `${year}-0${m}-01`, end: `${year}-${String(m + 5).padStart(2, '0')}-30` },
      budgetYear: year,
      annualBudget: annual,
      subsidy,
      statedRate: i % 5 === 0 ? '12,34 %' : undefined,
      cofinancers,
      ...(i % 2 ? { convention: subsidy > 23000 } : {}),
      session: `Séance ${1 + (i % 20)}`,
    });
  }
  return dossiers;
}

const WRAPPER = `process.on('exit', () => { require('fs').writeFileSync(process.env.RAPPORTEUR_MAXRSS_FILE, String(process.resourceUsage().maxRSS)); });`;

/** Runs the CLI, counting stdout's bytes without keeping them; resolves time, bytes, peak kB, status. */
export function runCli(args, dir, { cwd = dir } = {}) {
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`);
  const wrapper = join(dir, 'maxrss.cjs');
  if (!existsSync(wrapper)) writeFileSync(wrapper, WRAPPER);
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', wrapper, cli, ...args], { cwd, env: { ...process.env, RAPPORTEUR_MAXRSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let err = '';
    child.stdout.on('data', (c) => (bytes += c.length));
    child.stderr.on('data', (c) => (err = (err + c).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
      resolve({ ms, bytes, mb: kb / 1024, code: code ?? signal, err });
    });
  });
}

const mb = (n) => fmt(n / 1e6, 1) + ' Mo';
const line = (label, n, r) => `${label} ${n.toLocaleString('fr-FR')} dossiers : ${fmt(r.ms / 1000, 2)} s, ${mb(r.bytes)} écrits, pic mémoire ${fmt(r.mb, 0)} Mo (statut ${r.code})${r.code === 0 || r.code === 1 ? '' : ' ' + r.err.trim().split('\n').pop()}`;
const ratio = (label, a, b) => `${label} ×10 dossiers : temps ×${fmt(b.ms / a.ms, 1)}, sortie ×${fmt(b.bytes / a.bytes, 1)}, mémoire ×${fmt(b.mb / a.mb, 1)}`;

export async function run() {
  if (!existsSync(cli)) throw new Error('dist/cli.cjs absent : lancer `node build.mjs` avant le banc');
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-scale-'));
  const out = [];
  try {
    const sizes = (process.env.SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);
    const files = {};
    for (const n of sizes) {
      files[n] = join(dir, `dossiers-${n}.json`);
      writeFileSync(files[n], JSON.stringify(generateDossiers(n)));
    }
    const results = { json: {}, text: {} };
    for (const n of sizes) {
      results.json[n] = await runCli(['check', files[n], '--json'], dir);
      out.push(line('check --json', n, results.json[n]));
      results.text[n] = await runCli(['check', files[n]], dir);
      out.push(line('check (texte)', n, results.text[n]));
    }
    for (let i = 1; i < sizes.length; i++) {
      out.push(ratio(`check --json ${sizes[i - 1]}→${sizes[i]}`, results.json[sizes[i - 1]], results.json[sizes[i]]));
      out.push(ratio(`check (texte) ${sizes[i - 1]}→${sizes[i]}`, results.text[sizes[i - 1]], results.text[sizes[i]]));
    }
    const big = sizes.at(-1);
    const r = results.json[big];
    if (big >= 100_000) out.push(`objectif 100 000 en moins de 30 s et 1 Go : ${r.ms < 30_000 && r.mb < 1024 ? 'OK' : 'NON'} (${fmt(r.ms / 1000, 1)} s, ${fmt(r.mb, 0)} Mo)`);

    for (const [label, args] of [
      ['opendata', (f) => ['opendata', f, '--all', '--out', join(dir, 'od.csv')]],
      ['report --session', (f) => ['report', f, '--session', 'Séance 1', '--out', join(dir, `session-${Math.random().toString(36).slice(2)}`)]],
    ]) {
      const small = sizes.filter((n) => n <= 10_000);
      const rs = {};
      for (const n of small) {
        rs[n] = await runCli(args(files[n]), dir);
        // opendata writes its table to --out: count the file's bytes as its output.
        if (label === 'opendata' && existsSync(join(dir, 'od.csv'))) rs[n].bytes = statSync(join(dir, 'od.csv')).size;
        out.push(line(label, n, rs[n]));
      }
      for (let i = 1; i < small.length; i++) out.push(ratio(`${label} ${small[i - 1]}→${small[i]}`, rs[small[i - 1]], rs[small[i]]));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
