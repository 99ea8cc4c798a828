/**
 * Text a spreadsheet would run: Excel, LibreOffice and Sheets read a cell whose first
 * character is `=`, `+`, `-` or `@` as a formula, and drop a leading tab or carriage return
 * before reading the rest (OWASP « CSV injection », ASVS 1.2.10).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A number as the exports write it ("-12.50", "+3"): a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/** `looksLikeFormula('=HYPERLINK("x")')` → true; `looksLikeFormula('+ de Sport')` → true; "Ville - Sport" → false. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/**
 * The text as an exported cell that stays text: a leading apostrophe, the neutralisation
 * OWASP and ASVS name, which the SCDL validators read as an ordinary character of a free
 * text field (docs/CONTRACT-additions.md, « Données exportées »).
 * `neutralizeFormula('=1+1')` → "'=1+1"; `neutralizeFormula('-12.50')` → "-12.50".
 */
export function neutralizeFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
