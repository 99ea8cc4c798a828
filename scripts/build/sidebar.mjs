import { build as esbuild, transform } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * dist/Sidebar.html: one file with its CSS and JS inlined, because Apps Script serves no
 * separate assets (HtmlService.createHtmlOutputFromFile). The JS is the sidebar and the
 * core it bundles (the live checks), minified into one IIFE.
 */
export async function build({ root, dist }) {
  const result = await esbuild({
    entryPoints: [join(root, 'src/sidebar/main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
    // As the Apps Script bundles (scripts/build/gas.mjs): decimal.js' ES module, smaller than
    // the UMD build core/decimal.ts' `require` would otherwise get.
    alias: { 'decimal.js': 'decimal.js/decimal.mjs' },
  });
  let js = result.outputFiles[0].text;
  // Inside <script>, "</script" would end the element and "<!--" can switch the parser into
  // its escaped state: the first is escaped (valid in strings, regexps and templates), the
  // second must not occur at all.
  js = js.replace(/<\/(script)/gi, '<\\/$1');
  if (js.includes('<!--')) throw new Error('sidebar build: the bundle contains "<!--", which an inline <script> cannot hold');
  // Minified by esbuild's CSS parser (comments, spaces, shorter forms), which knows strings
  // and urls from comments: the served page is held to 150 KB (bench/sidebar.bench.mjs).
  const css = (
    await transform(readFileSync(join(root, 'src/sidebar/styles.css'), 'utf8'), {
      loader: 'css',
      minify: true,
      target: ['chrome100', 'firefox100', 'safari15'],
      logLevel: 'warning',
    })
  ).code;
  if (/<\/style/i.test(css)) throw new Error('sidebar build: styles.css contains "</style"');
  const html = readFileSync(join(root, 'src/sidebar/index.html'), 'utf8');
  if (!html.includes('<!-- STYLES -->') || !html.includes('<!-- SCRIPT -->')) throw new Error('sidebar build: index.html lacks its <!-- STYLES --> or <!-- SCRIPT --> marker');
  const out = html.replace('<!-- STYLES -->', () => `<style>\n${css}</style>`).replace('<!-- SCRIPT -->', () => `<script>${js}</script>`);
  writeFileSync(join(dist, 'Sidebar.html'), out);
}
