/**
 * Ctrl-C on `rapporteur preview` (the built CLI, as `npm start` runs it) never leaves a
 * half-written workbook: after SIGINT, during or after a save, the file opens and holds
 * either the change or the state before it, and no temporary file is left beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWorkbookDossiers } from '../../src/local/workbook-dossiers';

const root = join(__dirname, '..', '..');
const BIN = join(root, 'bin', 'rapporteur.js');
jest.setTimeout(30000);

async function startCli(dir: string): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  if (!existsSync(join(root, 'dist', 'cli.cjs')) || !existsSync(join(root, 'dist', 'Sidebar.html'))) throw new Error('dist/ est absent : lancez « node build.mjs » (npm test le fait).');
  const child = spawn(process.execPath, [BIN, 'preview', '--port', '0', '--workbook', join(dir, 'dossiers.xlsx'), '--out', join(dir, 'notes')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Pas d’adresse affichée :\n${out}`)), 15000);
    child.stdout!.on('data', () => {
      const m = /aperçu local : (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Arrêté (code ${code}) :\n${out}`)));
  });
  return { child, url, out: () => out };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
// The run's secret is in the page the preview serves, as a browser would get it.
const secretOf = async (url: string) => /<meta name="rapporteur-jeton" content="([^"]+)">/.exec(await (await fetch(url)).text())![1]!;
const post = async (url: string, name: string, args: unknown[]) =>
  fetch(`${url}rpc/${name}`, { method: 'POST', headers: { Origin: url.replace(/\/$/, ''), 'Content-Type': 'application/json', 'X-Rapporteur-Jeton': await secretOf(url) }, body: JSON.stringify(args) }).then((r) => r.json() as Promise<{ ok: boolean; value: any }>); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('stopping the preview with Ctrl-C (SIGINT)', () => {
  it('keeps a change saved before the signal, exits 0 and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-stop-'));
    const { child, url, out } = await startCli(dir);
    const loaded = (await post(url, 'loadDossier', ['2018-AMFT-01'])).value;
    const saved = await post(url, 'saveDossier', [{ dossier: { ...loaded.dossier, subject: 'Modifié avant Ctrl-C' }, ref: loaded.ref, version: loaded.version }]);
    expect(saved.value.status).toBe('saved');
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    expect(out()).toContain('Arrêt');
    const back = await readWorkbookDossiers(join(dir, 'dossiers.xlsx'));
    expect(back.find((d) => d.id === '2018-AMFT-01')?.subject).toBe('Modifié avant Ctrl-C');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it.each([0, 2, 10, 40])('a signal %i ms into a save leaves the workbook whole: the change or the state before it', async (delay) => {
    const dir = mkdtempSync(join(tmpdir(), 'rapporteur-stop-'));
    const { child, url } = await startCli(dir);
    const loaded = (await post(url, 'loadDossier', ['2018-AMFT-01'])).value;
    const before = loaded.dossier.subject;
    // Many co-financers make the save long enough to be interrupted.
    const cofinancers = Array.from({ length: 400 }, (_, i) => ({ name: `Financeur ${i + 1}`, amount: '100' }));
    const pending = post(url, 'saveDossier', [{ dossier: { ...loaded.dossier, subject: `Modifié (${delay} ms)`, cofinancers }, ref: loaded.ref, version: loaded.version }]).catch(() => null);
    await new Promise((r) => setTimeout(r, delay));
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    await pending;
    const back = (await readWorkbookDossiers(join(dir, 'dossiers.xlsx'))).find((d) => d.id === '2018-AMFT-01')!;
    expect([before, `Modifié (${delay} ms)`]).toContain(back.subject);
    // Whichever it holds, it holds all of it: the subject and the co-financers go together.
    expect(back.cofinancers?.length).toBe(back.subject === before ? loaded.dossier.cofinancers.length : 400);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
