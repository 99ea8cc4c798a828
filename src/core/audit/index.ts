/**
 * The audit of an existing report's text: a small staged pipeline (scan → relations →
 * check), like a template engine's lexer → parser → render, so that each stage can be
 * tested on its own.
 */
import type { AuditFinding } from '../findings';
import type { Spacing } from '../format';
import { check } from './check';
import { findRelations } from './relations';
import { scan } from './scan';

export interface AuditOptions {
  /** How computed figures are printed in messages: U+202F (default) or U+00A0 between digit groups. */
  spacing?: Spacing;
}

/**
 * The figures of a report that do not add up, in text order:
 * `auditText('… de 200 00 € …')` → [{ code: 'NUMBER_MALFORMED', excerpt: '200 00 €', offset: … }].
 * Never throws; linear in the length of the text.
 */
export function auditText(text: string, options: AuditOptions = {}): AuditFinding[] {
  const tokens = scan(text);
  const relations = findRelations(text, tokens);
  return check(text, tokens, relations, { spacing: options.spacing ?? 'narrow' });
}

export { scan } from './scan';
export type { Token, NumberToken, DateToken, DurationToken } from './scan';
export { findRelations } from './relations';
export type { Relation } from './relations';
