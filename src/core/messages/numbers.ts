/**
 * Every French message of number reading and writing, in one place (STYLE.md). Each reason
 * is a whole sentence that quotes what the user typed and says why it is refused, so that a
 * caller can show it alone or after "… est illisible : ".
 */

const COUNT_WORDS = ['aucun', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'];

/** "deux chiffres", "un seul chiffre", "12 chiffres". */
function digitCount(n: number): string {
  if (n === 1) return 'un seul chiffre';
  return `${n < COUNT_WORDS.length ? COUNT_WORDS[n] : String(n)} chiffres`;
}

/** "groupe de deux chiffres", "groupe d’un seul chiffre". */
function groupOf(n: number): string {
  return n === 1 ? 'groupe d’un seul chiffre' : `groupe de ${digitCount(n)}`;
}

const q = (text: string) => `« ${text} »`;

export const numberMessages = {
  empty: () => 'Le montant est vide.',
  emptyRate: () => 'Le taux est vide.',
  emptyNumber: () => 'Le nombre est vide.',
  notANumberType: (kind: string) => `Un montant est attendu (un nombre ou un texte comme « 47 500 € »), pas ${kind}.`,
  notARateType: (kind: string) => `Un taux est attendu (un nombre comme 0,2375 ou un texte comme « 23,75 % »), pas ${kind}.`,
  notFinite: () => 'La valeur n’est pas un nombre fini (erreur de calcul dans la cellule ?).',
  unexpectedCharacter: (text: string, ch: string) => `${q(text)} n’est pas un nombre : le caractère ${q(ch)} est inattendu.`,
  noDigits: (text: string) => `${q(text)} ne contient aucun chiffre.`,
  severalCommas: (text: string) => `${q(text)} contient plusieurs virgules ; la virgule ne marque que les décimales.`,
  missingDecimals: (text: string) => `${q(text)} se termine par une virgule sans décimales.`,
  missingIntegerPart: (text: string, suggestion: string) =>
    `${q(text)} commence par une virgule ; écrivez ${q(suggestion)}.`,
  groupedDecimals: (text: string) => `${q(text)} : les décimales, après la virgule, ne se groupent pas.`,
  mixedSeparators: (text: string) =>
    `${q(text)} mélange deux séparateurs de milliers (espace et point) ; n’en utilisez qu’un, par exemple « 1 234 567,50 ».`,
  doubledSeparator: (text: string) => `${q(text)} contient deux séparateurs de suite entre deux groupes de chiffres.`,
  misplacedSeparator: (text: string) => `${q(text)} est mal formé : un séparateur de milliers doit se trouver entre deux chiffres.`,
  firstGroupTooLong: (text: string, group: string) =>
    `${q(text)} est mal formé : le premier groupe ${q(group)} a ${digitCount(group.length)}, au plus trois sont permis.`,
  groupNotThree: (text: string, group: string) =>
    `${q(text)} est mal formé (${groupOf(group.length)} : ${q(group)}) : entre séparateurs, chaque groupe a trois chiffres ; un chiffre manque-t-il ou est-il en trop ?`,
  leadingZeroGroup: (text: string) => `${q(text)} est mal formé : un nombre groupé par milliers ne commence pas par zéro.`,
  ambiguousDot: (text: string, suggestion: string) =>
    `${q(text)} est ambigu : le point sépare les milliers en français, pas les décimales ; s’il s’agit de décimales, écrivez ${q(suggestion)}.`,
  tooManyDecimals: (text: string, decimals: number) =>
    `${q(text)} a ${decimals} décimales ; un montant en a au plus deux (les centimes).`,
  negative: (shown: string) => `Le montant ne peut pas être négatif (${shown}).`,
  negativeRate: (shown: string) => `Le taux ne peut pas être négatif (${shown}).`,
  notAnAmount: (text: string) =>
    `${q(text)} n’est pas un montant : seuls un nombre et son unité (€, euros, EUR) sont attendus.`,
  rateNotAmount: (text: string) => `${q(text)} est un pourcentage, pas un montant.`,
  notARate: (text: string) => `${q(text)} n’est pas un taux : seuls un nombre et, éventuellement, « % » sont attendus.`,
  ambiguousRate: (shown: string, asPercent: string, asFraction: string, times100: string) =>
    `Le taux ${q(shown)} est ambigu : s’agit-il de ${asPercent} ou de ${times100} ? Écrivez ${q(asPercent)} ou la fraction ${q(asFraction)}.`,
  unknownCurrency: (text: string) =>
    `La devise ${q(text)} est inconnue ; valeurs possibles : « euros » (par défaut), « francs » ou « aucune ».`,
  notACurrencyType: (kind: string) => `Une devise est attendue (« euros », « francs » ou « aucune »), pas ${kind}.`,
  notAWholeNumber: (shown: string) => `Seul un nombre entier positif ou nul s’écrit en lettres (${shown}).`,
  tooLargeForWords: (shown: string) => `Le nombre ${shown} est trop grand pour être écrit en lettres.`,
};

/** What a value is, in French, for a refusal: "un booléen", "un objet". */
export function describeKind(value: unknown): string {
  if (value === null || value === undefined) return 'une valeur absente';
  if (typeof value === 'boolean') return `un booléen (${value ? 'VRAI' : 'FAUX'})`;
  if (value instanceof Date) return 'une date';
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'object') return 'un objet';
  if (typeof value === 'function') return 'une fonction';
  return `une valeur de type ${typeof value}`;
}
