// What the report benchmark drives, bundled by bench/load-ts.mjs.
export { fillDocx, modelToDocx, openDocx } from '../src/local/docx';
export { DEFAULT_TEMPLATE } from '../src/core/template/default-template';
export { reportFields } from '../src/core/report-fields';
export { checkDossier } from '../src/core/checks';
export { default as JSZip } from 'jszip';
export { para } from '../src/core/template/model';
export { parseXml, W } from '../src/local/docx/xml';
export { numberInWords, amountInWords } from '../src/core/words';
export { formatAmount, formatDecimal } from '../src/core/format';
export { Dec } from '../src/core/decimal';
