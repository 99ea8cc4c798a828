/**
 * The shape of a deliberation as its readers see it: articles (« Article 1 », « Article
 * premier », « ARTICLE 2 - », « Article 1er »), paragraphs (blank lines), list items and table
 * rows (lines with tabs, pipes or columns aligned by runs of spaces). Relations use it to look
 * across sentences and articles. Built in one pass over the lines: linear in the text.
 */

export interface Article {
  /** The number the heading gives: « Article premier » and « Article 1er » are 1. */
  number: number;
  start: number;
  end: number;
}

export interface DocumentModel {
  articles: Article[];
  articleStarts: number[];
  /** Start offsets of paragraphs, ascending. */
  paragraphStarts: number[];
  /** Start and end of each table row (a line whose cells are separated by tabs, pipes or 2+ spaces). */
  rows: Array<[number, number]>;
  rowStarts: number[];
}

const HEADING = /^[ \t\u00a0]*(?:article|art\.)[ \u00a0]+(premier|unique|1er|1ᵉʳ|\d{1,3})(?:er)?(?=[ \t\u00a0]*(?:[-–—:.]|$|[ \t\u00a0]+\p{Lu}))/iu;
const ROW = /(?:\t|\||\S {2,}\S)/;

export function articleNumber(label: string): number {
  const l = label.toLowerCase();
  return l === 'premier' || l === 'unique' || l.startsWith('1e') || l.startsWith('1ᵉ') ? 1 : Number(l);
}

/** `documentModel('Article 1 : …\nArticle 2 : …')` → two articles, one paragraph. */
export function documentModel(text: string): DocumentModel {
  const articles: Article[] = [];
  const paragraphStarts: number[] = [0];
  const rows: Array<[number, number]> = [];
  let blank = false;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + 40));
    if (line.trim() === '') blank = true;
    else {
      if (blank) paragraphStarts.push(start);
      blank = false;
      const heading = HEADING.exec(line);
      if (heading) {
        if (articles.length > 0) articles[articles.length - 1]!.end = start;
        articles.push({ number: articleNumber(heading[1]!), start, end: text.length });
      }
      const full = text.slice(start, Math.min(end, start + 400)).trim();
      if (ROW.test(full)) rows.push([start, end]);
    }
    start = end + 1;
  }
  return { articles, articleStarts: articles.map((a) => a.start), paragraphStarts, rows, rowStarts: rows.map((r) => r[0]) };
}

/** Index of the article holding `offset`, -1 before the first one. Binary search. */
export function articleAt(doc: DocumentModel, offset: number): number {
  return lastAtOrBefore(doc.articleStarts, offset);
}

/** Whether `offset` stands on a table row. */
export function inRow(doc: DocumentModel, offset: number): boolean {
  const r = lastAtOrBefore(doc.rowStarts, offset);
  return r >= 0 && offset < doc.rows[r]![1];
}

/** Index of the paragraph holding `offset`. */
export function paragraphAt(doc: DocumentModel, offset: number): number {
  return lastAtOrBefore(doc.paragraphStarts, offset);
}

function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
