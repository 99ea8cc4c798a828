/**
 * Every French word and sentence of the calendar, proration and split modules, in one place
 * so that wording is reviewed once and stays consistent across the add-on and the CLI.
 */

/** Month names as French documents print them: lower case, with accents. Index 0 = janvier. */
export const MONTH_NAMES = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** Index 0 = Monday, matching ISO weekday order. */
export const WEEKDAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

const NBSP = '\u00a0';
const quote = (text: string): string => `«${NBSP}${text}${NBSP}»`;

const DATE_EXAMPLES = `${quote('31/03/2018')}, ${quote('31 mars 2018')} ou ${quote('2018-03-31')}`;

export const periodMessages = {
  dateEmpty: (): string => `La date est vide : écrivez-la par exemple ${DATE_EXAMPLES}.`,
  dateNotIso: (text: string): string =>
    `La date ${quote(text)} n'est pas au format AAAA-MM-JJ attendu (par exemple ${quote('2018-03-31')}).`,
  dateUnrecognised: (text: string): string =>
    `La date ${quote(text)} n'est pas reconnue : écrivez-la par exemple ${DATE_EXAMPLES}.`,
  dateTwoDigitYear: (text: string): string =>
    `La date ${quote(text)} a une année sur deux chiffres : écrivez l'année en entier (par exemple ${quote('31/03/2018')}).`,
  dateOrdinalNotFirst: (text: string): string =>
    `La date ${quote(text)} est mal écrite : seul le premier du mois s'écrit « 1er » ; écrivez le jour sans « er ».`,
  monthUnknown: (text: string, month: string): string =>
    `La date ${quote(text)} n'est pas reconnue : ${quote(month)} n'est pas un mois (janvier, février, …, décembre).`,
  monthOutOfRange: (text: string, month: number): string =>
    `La date ${quote(text)} n'existe pas : il n'y a pas de mois ${month} (les mois vont de 1 à 12).`,
  dayOutOfRange: (text: string, day: number, month: number, year: number, days: number): string =>
    `La date ${quote(text)} n'existe pas : ${MONTH_NAMES[month - 1]} ${year} compte ${days} jours, pas ${day}.`,
  yearOutOfRange: (text: string): string =>
    `La date ${quote(text)} est hors des années prises en charge (de 1 à 9999).`,
  weekdayMismatch: (text: string, written: string, actual: string): string =>
    `La date ${quote(text)} est contradictoire : ce jour-là est un ${actual}, pas un ${written}.`,
  // No value quoted: JavaScript would spell it « NaN » or « Infinity », which no user typed.
  serialNotFinite: (): string =>
    `La valeur n'est pas une date : un numéro de série de date doit être un nombre fini (erreur de calcul dans la cellule ?).`,
  serialTooSmall: (value: number): string =>
    `La valeur ${quote(String(value))} n'est pas une date : un numéro de série de date commence à 1 (31/12/1899).`,
  serialTooLarge: (value: number): string =>
    `La valeur ${quote(String(value))} n'est pas une date : elle dépasse le 31/12/9999.`,
  periodEndBeforeStart: (start: string, end: string): string =>
    `La fin de la période (${end}) précède son début (${start}) : vérifiez les deux dates.`,
  prorationMethodUnknown: (value: string): string =>
    `La méthode de proratisation ${quote(value)} n'est pas reconnue : indiquez ${quote('mois')} (par défaut), ${quote('jours')} ou ${quote('30/360')}.`,
  splitTotalInvalid: (value: string): string =>
    `Le montant à répartir ${quote(value)} n'est pas un nombre.`,
  splitTotalNegative: (value: string): string =>
    `Le montant à répartir ne peut pas être négatif (${quote(value)}).`,
  splitWeightInvalid: (line: number, value: string): string =>
    `Le poids de la ligne ${line} (${quote(value)}) n'est pas un nombre.`,
  splitWeightNegative: (line: number, value: string): string =>
    `Le poids de la ligne ${line} ne peut pas être négatif (${quote(value)}).`,
  splitNoWeights: (): string => `Aucun poids n'est donné : il faut au moins une ligne pour répartir le montant.`,
  splitWeightsZero: (): string =>
    `La somme des poids est nulle : au moins un poids doit être positif pour répartir le montant.`,
  splitDecimalsInvalid: (value: number): string =>
    `Le nombre de décimales ${quote(String(value))} n'est pas accepté : indiquez un nombre entier de 0 à 6 (2 pour les centimes).`,
};
