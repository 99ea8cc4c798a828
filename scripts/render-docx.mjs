#!/usr/bin/env node
// Converts a .docx to PDF with LibreOffice and its first page to PNG, so that a person
// can look at a generated report: `node scripts/render-docx.mjs note.docx [OUT_DIR]`.
// LibreOffice runs with its own profile in a temporary folder: a user's open LibreOffice,
// or another run in parallel, cannot lock it or change how the document renders.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SOFFICE = process.env.SOFFICE ?? '/usr/bin/soffice';

/** Writes NAME.pdf and NAME-page1.png beside each other in outDir; returns their paths. */
export function renderDocx(docxPath, outDir = dirname(docxPath)) {
  if (!existsSync(SOFFICE)) throw new Error(`LibreOffice est absent (${SOFFICE}) : apt-get install libreoffice-writer-nogui`);
  const docx = resolve(docxPath);
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const name = basename(docx, extname(docx));
  const profile = mkdtempSync(join(tmpdir(), 'rapporteur-lo-'));
  try {
    execFileSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, docx], { stdio: 'pipe', timeout: 120_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdf = join(out, `${name}.pdf`);
  if (!existsSync(pdf)) throw new Error(`LibreOffice n'a pas produit ${pdf}`);
  const prefix = join(out, `${name}-page`);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdf, prefix], { stdio: 'pipe' });
  // pdftoppm numbers pages with as many digits as the page count needs: find the first.
  const candidates = ['-1', '-01', '-001'].map((s) => `${prefix}${s}.png`);
  const made = candidates.find((c) => existsSync(c));
  if (!made) throw new Error(`pdftoppm n'a pas produit ${prefix}-1.png`);
  const png = join(out, `${name}-page1.png`);
  renameSync(made, png);
  return { pdf, png };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const [docx, outDir] = process.argv.slice(2);
  if (!docx) {
    process.stderr.write('Usage : node scripts/render-docx.mjs NOTE.docx [DOSSIER_DE_SORTIE]\n');
    process.exit(2);
  }
  const { pdf, png } = renderDocx(docx, outDir);
  process.stdout.write(`${pdf}\n${png}\n`);
}
