// What the session batch benchmark drives, bundled by bench/load-ts.mjs.
export { createBatchWorld, sessionDossiers } from '../test/support/batch-world';
export { runCli } from '../src/local/cli';
export { reportCommand } from '../src/local/commands/report';
export { fillDocx, modelToDocx, openDocx } from '../src/local/docx';
export { DEFAULT_TEMPLATE } from '../src/core/template/default-template';
export { reportFields } from '../src/core/report-fields';
export { checkDossier } from '../src/core/checks';
