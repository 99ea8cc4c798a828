#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write("rapporteur : l'outil n'est pas construit. Lancez d'abord « npm run build » (ou « npm ci », qui le construit).\n");
  process.exit(2);
}
require(cli);
