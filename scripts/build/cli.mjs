import { build as esbuild } from 'esbuild';
import { join } from 'node:path';

/** The command line and the local preview: one CommonJS file, dependencies left to node_modules. */
export async function build({ root, dist }) {
  await esbuild({
    entryPoints: [join(root, 'src/local/main.ts')],
    outfile: join(dist, 'cli.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
