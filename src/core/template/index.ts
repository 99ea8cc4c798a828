/** The template language: `{{champ}}`, `{{#liste}}…{{/liste}}`, `{{#si}}…{{/si}}`, `{{^si}}…{{/si}}`. */
export * from './model';
export { lexText, type Token, type TagToken } from './lexer';
export { parsePart, type TemplateError, type BlockNode, type CompiledPart } from './parser';
export * from './render';
export * from './check';
export { formatPlace, type Place, type TemplateErrorId } from '../messages/template';
