/** The few WordprocessingML facts the .docx reader and writers share. */
import { DOMParser, XMLSerializer, type Document as XDocument, type Element as XElement, type Node as XNode } from '@xmldom/xmldom';
import { documentText } from '../../core/document-text';

export type { XDocument, XElement, XNode };

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export function parseXml(xml: string, path: string): XDocument {
  let failure: string | null = null;
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') failure ??= message;
    },
  }).parseFromString(xml, 'text/xml');
  if (failure || !doc.documentElement) throw new Error(`${path} : XML illisible (${failure ?? 'document vide'})`);
  return doc;
}

export const serializeXml = (doc: XDocument): string => new XMLSerializer().serializeToString(doc);

export const isW = (n: XNode | null | undefined, local: string): n is XElement => !!n && n.nodeType === 1 && (n as XElement).namespaceURI === W && (n as XElement).localName === local;

export function childElements(el: XElement): XElement[] {
  const out: XElement[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as XElement);
  return out;
}

/** Children that are blocks of a container (body, cell, header, footer): properties stay put. */
export function blockChildren(container: XElement): XElement[] {
  return childElements(container).filter((c) => !isW(c, 'sectPr') && !isW(c, 'tcPr'));
}

export const rowsOf = (table: XElement) => childElements(table).filter((c) => isW(c, 'tr'));
export const cellsOf = (row: XElement) => childElements(row).filter((c) => isW(c, 'tc'));

/**
 * The w:t elements of a paragraph in reading order, leaving out those of paragraphs nested
 * in text boxes: each is one "run" of the abstract model, so a tag Word split across runs
 * is found in their joined text and written back into them.
 */
export function textElements(p: XElement): XElement[] {
  const out: XElement[] = [];
  const walk = (el: XElement) => {
    for (const c of childElements(el)) {
      if (isW(c, 't')) out.push(c);
      else if (!isW(c, 'p') && !isW(c, 'txbxContent')) walk(c);
    }
  };
  walk(p);
  return out;
}

export function setText(t: XElement, text: string): void {
  while (t.firstChild) t.removeChild(t.firstChild);
  t.appendChild(t.ownerDocument!.createTextNode(documentText(text)));
  // Word trims leading and trailing spaces of a w:t unless told to keep them.
  t.setAttributeNS(XML_NS, 'xml:space', 'preserve');
}

/** Text written into XML by hand, less what XML cannot hold at all (documentText). */
export const escapeXml = (s: string) => documentText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A deep copy of an element in its own document, as `cloneNode(true)` makes it: xmldom's
 * generic clone copies every own property of every node, and a repeated table row is cloned
 * once per line of a report. Elements, text and CDATA are rebuilt through the DOM; anything
 * else (comments, processing instructions) falls back to xmldom's own clone.
 */
export function cloneElement(el: XElement): XElement {
  const doc = el.ownerDocument!;
  const copy = (node: XNode): XNode => {
    if (node.nodeType === 3) return doc.createTextNode((node as unknown as { data: string }).data);
    if (node.nodeType !== 1) return node.cloneNode(true);
    const source = node as XElement;
    const out = doc.createElementNS(source.namespaceURI, source.tagName);
    const attrs = source.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs.item(i)!;
      out.setAttributeNS(a.namespaceURI, a.name, a.value);
    }
    for (let c = source.firstChild; c; c = c.nextSibling) out.appendChild(copy(c));
    return out;
  };
  return copy(el) as XElement;
}
