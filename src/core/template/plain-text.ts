import { paragraphText, type TBlock, type TDocument } from './model';

/**
 * A document as the plain text a reader sees: one line per paragraph, list items with a
 * leading dash (as reports print them, and as the audit expects to find a list), table
 * cells separated by tabs. Header and footer come first and last.
 */
export function documentToText(doc: TDocument): string {
  const lines: string[] = [];
  const walk = (blocks: readonly TBlock[]) => {
    for (const b of blocks) {
      if (b.type === 'paragraph') lines.push(`${b.list ? `${'  '.repeat(b.list.level)}- ` : ''}${paragraphText(b)}`);
      else if (b.type === 'table') for (const row of b.rows) lines.push(row.cells.map((c) => c.blocks.map((x) => (x.type === 'paragraph' ? paragraphText(x) : '')).join(' ')).join('\t'));
    }
  };
  walk(doc.header ?? []);
  walk(doc.body);
  walk(doc.footer ?? []);
  return lines.join('\n');
}
