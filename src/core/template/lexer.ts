/**
 * Stage 1 of the template pipeline (lexer → parser → render, as docxtemplater does):
 * cuts one paragraph's text (runs already joined) into text and `{{…}}` tags.
 */
import { templateMessages as M, type TemplateErrorId } from '../messages/template';

export type TagKind = 'field' | 'open' | 'invert' | 'close';

export interface TextToken {
  kind: 'text';
  start: number;
  end: number;
}

export interface TagToken {
  kind: 'tag';
  tag: TagKind;
  /** The field name, or "." for the current item of a list. */
  name: string;
  start: number;
  end: number;
  raw: string;
}

export type Token = TextToken | TagToken;

export interface LexError {
  id: TemplateErrorId;
  message: string;
  offset: number;
}

const NAME = /^(?:\.|[A-Za-z_][A-Za-z0-9_]*)$/;
const KIND_OF: Record<string, TagKind> = { '#': 'open', '^': 'invert', '/': 'close' };

/** `lexText('Objet : {{objet}}')` → a text token (0–8) and a field tag "objet" (8–17). */
export function lexText(text: string): { tokens: Token[]; errors: LexError[] } {
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  let textStart = 0;
  let i = 0;
  const flushText = (end: number) => {
    if (end > textStart) tokens.push({ kind: 'text', start: textStart, end });
  };
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      // An unclosed tag: report it and read on from the next "{{" so later tags still count.
      const stop = nextOpen >= 0 ? nextOpen : text.length;
      errors.push({ id: 'bad_tag', message: M.unclosedBraces(text.slice(open, Math.min(stop, open + 40)).trim()), offset: open });
      i = stop;
      continue;
    }
    const raw = text.slice(open, close + 2);
    const inner = text.slice(open + 2, close).trim();
    const kind = KIND_OF[inner.charAt(0)] ?? 'field';
    const name = (kind === 'field' ? inner : inner.slice(1)).trim();
    if (name === '' && kind === 'field') errors.push({ id: 'bad_tag', message: M.emptyTag(), offset: open });
    else if (!NAME.test(name) || (name === '.' && kind !== 'field')) errors.push({ id: 'bad_tag', message: M.badName(raw), offset: open });
    else {
      flushText(open);
      tokens.push({ kind: 'tag', tag: kind, name, start: open, end: close + 2, raw });
      textStart = close + 2;
    }
    i = close + 2;
  }
  flushText(text.length);
  return { tokens, errors };
}
