// What the report benchmark drives, bundled by bench/load-ts.mjs.
export { fillDocx, modelToDocx, openDocx } from '../src/local/docx';
export { DEFAULT_TEMPLATE } from '../src/core/template/default-template';
export { reportFields } from '../src/core/report-fields';
export { checkDossier } from '../src/core/checks';
export { default as JSZip } from 'jszip';
