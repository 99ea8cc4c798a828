// A fresh clone has no ../shared beside it (CI copies one, a newcomer does not): tests,
// benches and scripts must read only what the repository holds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const rooms = ['src', 'test', 'scripts', 'bench', 'bin', 'build.mjs', 'package.json', 'jest.config.js'];

function files(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : files(join(path, name))));
}

const outside = /\.\.['"]?\s*,\s*['"]shared['"]|\.\.\/shared\//;

describe('the repository is self-contained', () => {
  it('no source, test, bench or script reaches for ../shared', () => {
    const self = relative(root, __filename);
    const offenders = rooms
      .flatMap((room) => files(join(root, room)))
      .filter((file) => /\.(ts|mjs|js|json)$/.test(file) && relative(root, file) !== self)
      .filter((file) => outside.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('the example report the tests read is in examples/', () => {
    const text = readFileSync(join(root, 'examples', 'note-synthese-medinsoft-2018.txt'), 'utf8');
    expect(text).toContain('200 00');
  });
});
