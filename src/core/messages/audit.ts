/**
 * Every French message of the text audit, in one place (STYLE.md). Figures the text wrote
 * are quoted as written; figures the audit computed are printed the French way, with
 * no-break spaces, by the caller.
 */

const NBSP = '\u00a0';
const q = (text: string): string => `«${NBSP}${text}${NBSP}»`;

export type NumberStyle = 'space' | 'dot' | 'none';

const STYLE_NAMES: Record<NumberStyle, string> = {
  space: 'avec des espaces entre les milliers',
  dot: 'avec des points entre les milliers',
  none: 'sans séparateur de milliers',
};

/** « 17 500 € + 30 000 € », shortened when a list is long. */
function sumOf(parts: readonly string[]): string {
  if (parts.length <= 6) return parts.join(' + ');
  return `${parts.slice(0, 3).join(' + ')} + … + ${parts[parts.length - 1]} (${parts.length} montants)`;
}

const DIGIT_COUNTS = ['', 'un seul chiffre', 'deux chiffres', 'trois chiffres', 'quatre chiffres', 'cinq chiffres', 'six chiffres', 'sept chiffres', 'huit chiffres', 'neuf chiffres'];
const digitCount = (n: number): string => DIGIT_COUNTS[n] ?? `${n} chiffres`;

export const auditMessages = {
  /** `reason` is the number grammar's own sentence, which quotes the number. */
  malformed: (excerpt: string, reason: string, likely?: string): string =>
    `Nombre mal écrit dans le texte, ${q(excerpt)} : ${reason}` +
    (likely ? ` D’après les autres chiffres du texte, il faut sans doute lire ${likely}.` : ''),

  /** « 12 5000 € »: `number` without its unit, `group` the group that is too long. */
  longGroup: (number: string, group: string): string =>
    `${q(number)} contient, après un espace, un groupe de ${digitCount(group.length)} : ${q(group)} ; entre les espaces, ` +
    `chaque groupe de chiffres en a trois. Un chiffre est-il en trop, ou un espace mal placé ?`,

  styleName: (style: NumberStyle): string => STYLE_NAMES[style],

  inconsistentStyles: (styles: ReadonlyArray<{ style: NumberStyle; examples: readonly string[] }>): string =>
    `Les montants du texte sont écrits de ${styles.length === 2 ? 'deux' : 'trois'} façons : ` +
    styles.map(({ style, examples }) => `${STYLE_NAMES[style]} (${examples.map(q).join(', ')})`).join(' ; ') +
    `. Écrivez-les tous de la même façon, de préférence avec des espaces insécables entre les milliers (${q(`47${'\u202f'}500${NBSP}€`)}).`,

  rateMismatch: (stated: string, amount: string, base: string, computed: string): string =>
    `Le taux annoncé ${q(stated)} ne correspond pas aux montants du texte : ${amount} / ${base} = ${computed}.`,

  rateInequality: (stated: string, amount: string, base: string, computed: string): string =>
    `Le texte annonce ${q(stated)}, mais ${amount} / ${base} = ${computed}.`,

  prorationMismatch: (stated: string, annual: string, months: string, computed: string): string =>
    `Le budget proratisé annoncé ${q(stated)} ne correspond pas au budget annuel du texte : ` +
    `${annual} × ${months}/12 = ${computed}.`,

  cofinancingMismatch: (stated: string, parts: readonly string[], sum: string, difference: string): string =>
    `Les parts des cofinanceurs (${sumOf(parts)}) font ${sum}, et non ${q(stated)} comme le montant de la subvention ` +
    `annoncé (écart : ${difference}).`,

  totalMismatch: (stated: string, parts: readonly string[], sum: string, difference: string): string =>
    `Le total annoncé ${q(stated)} ne correspond pas à la somme des montants listés : ${sumOf(parts)} = ${sum} ` +
    `(écart : ${difference}).`,

  partsExceedTotal: (stated: string, parts: readonly string[], sum: string): string =>
    `Le détail qui suit « dont » (${sumOf(parts)} = ${sum}) dépasse le total annoncé ${q(stated)}.`,

  wordsMismatch: (digits: string, words: string, wordsValue: string): string =>
    `Le montant en chiffres ${q(digits)} et le montant en lettres ${q(words)} ne concordent pas : en lettres, le texte écrit ${wordsValue}.`,

  /** AMOUNT_WORDS_MISSPELLED: the right amount, neither in the traditional spelling nor in the 1990 one. */
  wordsMisspelled: (words: string, value: string, traditional: string, rectified: string): string =>
    `Le montant en lettres ${q(words)} dit bien ${value}, mais il est mal orthographié : écrivez ${q(traditional)}` +
    (rectified === traditional ? '.' : ` (ou, en orthographe de 1990, ${q(rectified)}).`),
};
