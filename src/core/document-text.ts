/**
 * Text as a document can hold it. XML 1.0, and so a .docx, has no way to write most C0
 * control characters, not even as &#1;: one such character in a dossier's text made the
 * whole report unreadable (Word and LibreOffice refuse to open the file). They come with
 * text copied from other software: Word's manual line break is U+000B and its page break
 * U+000C, which become a space here; the other controls, the non-characters U+FFFE and
 * U+FFFF and a half of a surrogate pair standing alone are dropped.
 */
const BREAKS = /[\u000b\u000c]/g;
const FORBIDDEN = /[\u0000-\u0008\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ANY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/;

/** `documentText('Medin\u0001soft')` → 'Medinsoft'; `documentText('a\u000bb')` → 'a b'. */
export function documentText(text: string): string {
  // Most texts hold none: one test, no copy.
  if (!ANY.test(text)) return text;
  return text.replace(BREAKS, ' ').replace(FORBIDDEN, '');
}

/** The characters `documentText` changes, each once, as « U+000B »: [] for a text a document can hold. */
export function invisibleCharacters(text: string): string[] {
  if (!ANY.test(text)) return [];
  const found = new Set<string>();
  for (const m of text.matchAll(BREAKS)) found.add(m[0]);
  for (const m of text.matchAll(FORBIDDEN)) found.add(m[0]);
  return [...found].map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
