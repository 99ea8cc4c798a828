/**
 * The built command line (bin/rapporteur.js) run as a user runs it, in a temporary folder of
 * its own for the test file: `run` spawns it there, `file` writes an input beside it under a
 * fresh name. The folder is made before the file's tests and removed after them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'bin', 'rapporteur.js');

export function cliSandbox(prefix: string) {
  let dir = '';
  let seq = 0;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    /** The folder (set once the tests start). */
    get dir() {
      return dir;
    },
    /** A number never given before in this file: fresh names for outputs. */
    next: () => ++seq,
    run(args: string[]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    },
    file(name: string, content: string | Buffer): string {
      const p = join(dir, `${++seq}-${name}`);
      writeFileSync(p, content);
      return p;
    },
  };
}
