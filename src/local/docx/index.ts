export { openDocx, docxModel, checkDocx, fillDocx, readCustomProperties, readBlocks, DocxError, type DocxTemplate } from './package';
export { modelToDocx } from './default-docx';
