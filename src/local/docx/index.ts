export { openDocx, docxModel, checkDocx, fillDocx, readCustomProperties, readBlocks, renderedToDocx, DocxError, type DocxTemplate } from './package';
export { modelToDocx } from './default-docx';
