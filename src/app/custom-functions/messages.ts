/**
 * Every French sentence of the custom functions, in one place (STYLE.md). A message that
 * reaches a cell starts with the function's name, so that a user reading a column of
 * results, or the #ERROR! tooltip, knows which formula speaks.
 */
const NBSP = '\u00a0';
const quote = (text: string) => `«${NBSP}${text}${NBSP}»`;

/**
 * A cell's value as the user sees it, for quoting in a message: « 12a », « 12,5 », « VRAI »,
 * « 01/01/2018 » (une date) — the date's day in the sheet's time zone, when `day` can tell it.
 */
export function showCell(cell: unknown, day?: (date: Date) => { year: number; month: number; day: number }): string {
  if (typeof cell === 'string') return quote(cell);
  if (typeof cell === 'number') return quote(String(cell).replace('.', ','));
  if (typeof cell === 'boolean') return quote(cell ? 'VRAI' : 'FAUX');
  if (Object.prototype.toString.call(cell) === '[object Date]') {
    if (!day || Number.isNaN((cell as Date).getTime())) return 'une date';
    const d = day(cell as Date);
    const two = (n: number) => String(n).padStart(2, '0');
    return `${quote(`${two(d.day)}/${two(d.month)}/${d.year}`)} (une date)`;
  }
  return quote(String(cell));
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
export const describeShape = (rows: number, cols: number) => `${plural(rows, 'ligne')} × ${plural(cols, 'colonne')}`;

export const customFunctionMessages = {
  /** « PRORATA : montant_annuel « 12a » illisible : … » */
  unreadable: (fn: string, param: string, shown: string, reason: string) => `${fn} : ${param} ${shown} illisible : ${reason}`,
  /** Inside a list argument the place is named, since the message lands in another cell. */
  unreadableAt: (fn: string, param: string, place: string, shown: string, reason: string) =>
    `${fn} : ${param} (${place}) ${shown} illisible : ${reason}`,
  failed: (fn: string, reason: string) => `${fn} : ${reason}`,
  place: (row: number, col: number, rows: number, cols: number) =>
    cols === 1 ? `ligne ${row}` : rows === 1 ? `colonne ${col}` : `ligne ${row}, colonne ${col}`,
  missingArgument: (fn: string, param: string, usage: string) => `${fn} : l’argument ${param} manque (${usage}).`,
  tooManyArguments: (fn: string, max: number, given: number, usage: string) =>
    `${fn} attend au plus ${plural(max, 'argument')}, ${given} donnés (${usage}).`,
  shapesIncompatible: (fn: string, shapes: string) =>
    `${fn} : les plages n’ont pas des tailles compatibles (${shapes}) ; donnez des plages de même taille, ou une seule cellule.`,
  singleCellExpected: (fn: string, param: string) => `${fn} : ${param} doit être une seule cellule, pas une plage.`,
  rowsExpected: (fn: string, head: string, list: string, headShape: string, listShape: string) =>
    `${fn} : ${head} (${headShape}) doit être une seule cellule, ou une colonne de la hauteur de ${list} (${listShape}) pour un calcul ligne par ligne.`,

  notADate: (kind: string) => `Une date est attendue (une cellule date, ou un texte comme ${quote('31/03/2018')}), pas ${kind}.`,
  invalidDate: () => 'La date de la cellule n’est pas valide.',
  notAWeight: (kind: string) => `Un poids est attendu (un nombre, ou un texte comme ${quote('30 %')}), pas ${kind}.`,
  negativeWeight: () => 'Un poids ne peut pas être négatif.',
  notAText: (kind: string) => `Un texte est attendu, pas ${kind}.`,
  eurosDecimals: () => `Le nombre de décimales vaut 0 (euros entiers) ou 2 (centimes) ; laissez-le vide pour n’afficher les centimes que s’il y en a.`,
  splitDecimals: () => `Le nombre de décimales est un nombre entier de 0 à 6 (2 pour les centimes).`,
  splitTotalTooPrecise: (total: string, decimals: number) =>
    decimals === 0
      ? `Le total (${total}) a des centimes : des parts en euros entiers (decimales 0) ne peuvent pas totaliser exactement ce montant ; laissez decimales vide pour répartir au centime.`
      : `Le total (${total}) a des centimes : des parts à ${plural(decimals, 'décimale')} ne peuvent pas totaliser exactement ce montant ; laissez decimales vide pour répartir au centime.`,
  baseZero: () => 'La base est nulle : aucun taux ne peut être calculé.',
  tooLargeForWords: (reason: string) => reason,

  ok: () => 'OK',
  rateMismatch: (stated: string, computed: string, amount: string, base: string) =>
    `Le taux annoncé (${stated}) diffère du taux calculé (${computed} = ${amount} / ${base}).`,
  sumMismatch: (sum: string, total: string, difference: string) =>
    `La somme des montants (${sum}) diffère du total (${total}) : écart de ${difference}.`,
  /** VERIF_NOTE: one finding per row, its severity first so that a column can be filtered on it. */
  auditFinding: (severity: 'error' | 'warning' | 'info', message: string) => `${{ error: 'ERREUR', warning: 'ATTENTION', info: 'INFO' }[severity]} — ${message}`,
};

/** How the help text and JSDoc write an optional parameter. */
export const OPTIONAL_PREFIX = 'Facultatif. ';
