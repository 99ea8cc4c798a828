/**
 * THE table of the Sheets custom functions: names, French help, parameters, example and
 * implementation in one row each. The build generates each function's top-level wrapper
 * and JSDoc from it, the help menu lists it, the unit tests run every example. Adding a
 * function is adding one row here.
 *
 * Custom functions use DOMAIN.md's defaults: they cannot read the settings, since a change
 * of settings would not recalculate them. Optional arguments override a default instead.
 */
import type { CalendarDate } from '../../core/calendar';
import { checkPeriod, countMonthsToNumber, prorateCentsToNumber, prorateToNumber, prorationRatio, type ProrationMethod, type Ratio } from '../../core/proration';
import { Dec, fromWholeCents, quotientToNumber, roundCents } from '../../core/decimal';
import { formatAmount, formatRate } from '../../core/format';
import { fail, ok, type Result } from '../../core/result';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { splitByWeights } from '../../core/split';
import { amountInWords, type Currency } from '../../core/words';
import { byRows, cellwise, type CellValue, type CustomFunction, optional, param } from './engine';
import { wholeText } from './engine';
import { auditText } from '../../core/audit';
import { customFunctionMessages as m } from './messages';
import * as read from './readers';

const AMOUNT_TEXT = 'nombre ou texte comme « 47 500 € »';
const DATE_TEXT = 'cellule date, ou texte comme « 31/03/2018 »';

/**
 * Periods repeat down a column (one period for the whole sheet, or a few): each distinct
 * period is checked and measured once per execution, which is most of a row's cost.
 * Bounded, since one execution may see 100 000 distinct periods.
 */
function perPeriod<T>(measure: (start: CalendarDate, end: CalendarDate, method: ProrationMethod) => T) {
  const seen = new Map<string, T>();
  return (start: CalendarDate, end: CalendarDate, method: ProrationMethod): T => {
    const key = `${start.year}-${start.month}-${start.day}/${end.year}-${end.month}-${end.day}/${method}`;
    let value = seen.get(key);
    if (value === undefined) {
      if (seen.size >= 10_000) seen.clear();
      value = measure(start, end, method);
      seen.set(key, value);
    }
    return value;
  };
}

const periodRatio = perPeriod((start, end, method): Result<Ratio> => {
  const period = checkPeriod(start, end);
  return period.ok ? ok(prorationRatio(start, end, method)) : period;
});
const monthsOf = perPeriod((start, end) => countMonthsToNumber(start, end));

const PRORATA = cellwise({
  name: 'PRORATA',
  summary:
    'Proratise un montant annuel sur une période (dates comprises), arrondi au centime. ' +
    'Accepte des colonnes entières : =PRORATA(B2:B200; C2:C200; D2:D200).',
  params: [
    param('montant_annuel', `Le montant annuel à proratiser (${AMOUNT_TEXT}).`, read.centsOrAmount),
    param('debut', `Le premier jour de la période (${DATE_TEXT}).`, read.date),
    param('fin', `Le dernier jour de la période, compris (${DATE_TEXT}).`, read.date),
    optional('methode', '« mois » (par défaut : mois entiers puis fraction du mois entamé), « jours » (exact/exact) ou « 30/360 ».', read.prorationMethod, () => DEFAULT_SETTINGS.prorationMethod),
  ],
  returns: { type: 'number|Array<Array<number|string>>', description: 'Le montant proratisé, en euros, arrondi au centime.' },
  example: { args: [800000, '01/01/2018', '31/03/2018'], result: 200000 },
  compute(annual, start, end, method) {
    const ratio = periodRatio(start, end, method);
    if (!ratio.ok) return ratio;
    // As core's prorate: multiply before dividing, round to the cent once, at the end.
    if (typeof annual !== 'number') return ok(prorateToNumber(annual, ratio.value));
    return ok(prorateCentsToNumber(annual, false, ratio.value) ?? prorateToNumber(fromWholeCents(annual), ratio.value));
  },
});

const NB_MOIS = cellwise({
  name: 'NB_MOIS',
  summary:
    'Le nombre de mois de la période (dates comprises) : mois entiers comptés comme MOIS.DECALER, ' +
    'puis les jours restants en fraction du mois entamé. Accepte des colonnes entières.',
  params: [
    param('debut', `Le premier jour de la période (${DATE_TEXT}).`, read.date),
    param('fin', `Le dernier jour de la période, compris (${DATE_TEXT}).`, read.date),
  ],
  returns: { type: 'number|Array<Array<number|string>>', description: 'Le nombre de mois, fraction comprise (2,5161… pour le 16 janvier – 31 mars).' },
  example: { args: ['15/01/2018', '14/04/2018'], result: 3 },
  compute(start, end) {
    const ratio = periodRatio(start, end, 'months');
    return ratio.ok ? ok(monthsOf(start, end, 'months')) : ratio;
  },
});

const TAUX = cellwise({
  name: 'TAUX',
  summary: 'Le montant rapporté à sa base (montant / base), en fraction à afficher en pourcentage. Accepte des colonnes entières.',
  params: [
    param('montant', `Le montant, par exemple la subvention (${AMOUNT_TEXT}).`, read.centsOrAmount),
    param('base', `La base, par exemple le budget proratisé (${AMOUNT_TEXT}).`, read.centsOrAmount),
  ],
  returns: { type: 'number|Array<Array<number|string>>', description: 'Le taux en fraction (0,2375 s’affiche 23,75 % au format pourcentage).' },
  example: { args: [47500, 200000], result: 0.2375 },
  compute(amount, base) {
    // Two positive whole-cent amounts: quotientToNumber's own answer for them, without a Decimal.
    if (typeof amount === 'number' && typeof base === 'number') return ok(amount / base);
    const b = typeof base === 'number' ? fromWholeCents(base) : base;
    if (b.isZero()) return fail(m.baseZero());
    return ok(quotientToNumber(typeof amount === 'number' ? fromWholeCents(amount) : amount, b));
  },
});

const VERIF_TAUX = cellwise({
  name: 'VERIF_TAUX',
  summary:
    'Vérifie un taux annoncé : « OK » s’il égale montant / base arrondi à la précision écrite ' +
    '(« 24 % » à l’unité, « 23,75 % » au centième), sinon une phrase qui donne les deux taux.',
  params: [
    param('montant', `Le montant, par exemple la subvention (${AMOUNT_TEXT}).`, read.amount),
    param('base', `La base, par exemple le budget proratisé (${AMOUNT_TEXT}).`, read.amount),
    param('taux_annonce', 'Le taux annoncé : une cellule en pourcentage (0,2375) ou un texte comme « 23,75 % ».', read.rate),
  ],
  returns: { type: 'string|Array<Array<string>>', description: '« OK », ou la phrase qui compare le taux annoncé au taux calculé.' },
  example: { args: [47500, 200000, '23,75 %'], result: 'OK' },
  compute(amount, base, stated) {
    if (base.isZero()) return fail(m.baseZero());
    const rate = amount.div(base);
    const places = stated.percentDecimals;
    // Compared in decimals at the stated precision: 23,75 % matches 0.2375, 24 % matches 0.2375 too.
    const computedPercent = rate.times(100).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
    if (computedPercent.equals(stated.fraction.times(100))) return ok(m.ok());
    return ok(
      m.rateMismatch(
        formatRate(stated.fraction, { decimals: places }),
        formatRate(rate, { decimals: Math.max(2, places) }),
        formatAmount(amount),
        formatAmount(base),
      ),
    );
  },
});

const VERIF_COFINANCEMENT = byRows({
  name: 'VERIF_COFINANCEMENT',
  summary:
    'Vérifie qu’une liste de montants (les cofinancements) totalise exactement le total, au centime ; ' +
    'les cellules vides sont ignorées, comme avec SOMME. Avec une colonne de totaux, vérifie ligne par ligne : ' +
    '=VERIF_COFINANCEMENT(B2:B50; C2:E50).',
  head: param('total', `Le total attendu, par exemple la subvention (${AMOUNT_TEXT}).`, read.amount),
  list: param('montants', `Les montants à additionner : une plage (${AMOUNT_TEXT} par cellule).`, read.amount),
  options: [],
  perCell: false,
  returns: { type: 'string|Array<Array<string>>', description: '« OK », ou la phrase qui donne la somme, le total et l’écart.' },
  example: { args: [47500, [[17500], ['30.000 €']]], result: 'OK' },
  compute(total, amounts) {
    // Each amount at the cent, as `check` reads a co-financing plan: cells of 50.004 show
    // 50,00 €, and two of them make the 100 € they show, not 100,01 €.
    const sum = amounts.reduce<Dec>((acc, a) => (a ? acc.plus(roundCents(a)) : acc), new Dec(0));
    if (sum.equals(roundCents(total))) return ok(m.ok());
    const difference = sum.minus(total);
    return ok(m.sumMismatch(formatAmount(sum), formatAmount(total), (difference.isPos() ? '+' : '') + formatAmount(difference)));
  },
});

const REPARTIR = byRows({
  name: 'REPARTIR',
  summary:
    'Répartit un total proportionnellement à des poids, en montants qui totalisent exactement le total ' +
    '(méthode du plus fort reste). Le résultat a la forme de la plage des poids ; un poids vide ne reçoit rien.',
  head: param('total', `Le montant à répartir (${AMOUNT_TEXT}).`, read.amount),
  list: param('poids', 'Les poids ou pourcentages de chaque ligne (nombres, ou textes comme « 30 % ») ; ils n’ont pas à totaliser 100.', read.weight),
  options: [optional('decimales', 'Le nombre de décimales des parts : 2 (centimes, par défaut) ou 0 (euros entiers).', read.splitDecimals, () => 2)],
  perCell: true,
  returns: { type: 'number|Array<Array<number|string>>', description: 'Les parts, dans la forme de la plage des poids.' },
  example: { args: [100, [[1], [1], [1]]], result: [[33.34], [33.33], [33.33]] },
  compute(total, weights, decimals) {
    // Parts with fewer decimals than the total's cents cannot add up to it (100,50 € in whole
    // euros): splitting the rounded total would hand out money that is not there.
    if (roundCents(total).decimalPlaces() > decimals) return fail(m.splitTotalTooPrecise(formatAmount(total), decimals));
    const given = weights.filter((w): w is Dec => w !== null);
    const split = splitByWeights(total, given, decimals);
    if (!split.ok) return split;
    let next = 0;
    return ok(weights.map((w): CellValue => (w === null ? '' : split.value[next++]!.toNumber())));
  },
});

const MONTANT_LETTRES = cellwise({
  name: 'MONTANT_LETTRES',
  summary: 'Le montant en toutes lettres, comme l’écrivent les conventions (orthographe traditionnelle). Accepte des colonnes entières.',
  params: [
    param('montant', `Le montant à écrire (${AMOUNT_TEXT}).`, read.signedAmount),
    optional('devise', '« euros » (par défaut), « francs » ou « aucune » (le nombre seul).', read.currency, (): Currency => 'euros'),
  ],
  returns: { type: 'string|Array<Array<string>>', description: 'Le montant en lettres.' },
  example: { args: [47500], result: 'quarante-sept mille cinq cents euros' },
  compute(amount, currency) {
    try {
      return ok(amountInWords(amount, { currency }));
    } catch (e) {
      // Only an amount too large for French words gets here (beyond the trillions).
      if (e instanceof RangeError) return fail(e.message);
      throw e;
    }
  },
});

const EUROS = cellwise({
  name: 'EUROS',
  summary:
    'Le montant écrit en euros à la française (« 47 500 € », « 47 500,00 € ») : sans décimales pour des euros entiers, ' +
    'avec les centimes sinon. Accepte des colonnes entières.',
  params: [
    param('montant', `Le montant à écrire (${AMOUNT_TEXT}).`, read.signedAmount),
    optional<'auto' | 0 | 2>('decimales', '0 (euros entiers) ou 2 (toujours les centimes, comme dans un tableau).', read.eurosDecimals, () => 'auto'),
  ],
  returns: { type: 'string|Array<Array<string>>', description: 'Le montant en texte, avec des espaces insécables.' },
  example: { args: [47500], result: '47\u202f500\u00a0€' },
  compute: (amount, decimals) => ok(formatAmount(amount, { decimals })),
});

const CONVENTION_REQUISE = cellwise({
  name: 'CONVENTION_REQUISE',
  summary:
    'VRAI si le montant dépasse le seuil au-delà duquel une convention est obligatoire ' +
    '(23 000 €, loi n° 2000-321 du 12 avril 2000, art. 10), sinon FAUX. Accepte des colonnes entières.',
  params: [
    param('montant', `Le montant de la subvention (${AMOUNT_TEXT}).`, read.amount),
    optional('seuil', `Le seuil, 23 000 € par défaut (${AMOUNT_TEXT}).`, read.amount, () => new Dec(DEFAULT_SETTINGS.conventionThreshold)),
  ],
  returns: { type: 'boolean|Array<Array<boolean|string>>', description: 'VRAI au-dessus du seuil, FAUX sinon.' },
  example: { args: [47500], result: true },
  // The amount is money, voted in cents: 23000.004 is 23 000,00 €, not above 23 000 € (as `check`).
  compute: (amount, threshold) => ok(roundCents(amount).gt(threshold)),
});

const VERIF_NOTE = wholeText({
  name: 'VERIF_NOTE',
  summary:
    'Vérifie les chiffres d’une note (montants mal écrits, taux, budget proratisé, totaux et cofinancements qui ne concordent pas, ' +
    'styles de nombres mélangés) : « OK », ou un constat par ligne (« ERREUR — … »). Une plage est lue comme un seul texte, ligne après ligne.',
  text: param('texte', 'Le texte de la note : une cellule, ou une plage (une colonne de paragraphes) lue comme un seul texte.', read.text),
  returns: { type: 'string|Array<Array<string>>', description: '« OK », ou une colonne de constats (les cellules en dessous doivent être vides).' },
  example: { args: ['La subvention de 47 500 € représente 23,75 % du budget proratisé de 200 000 €.'], result: 'OK' },
  compute(text) {
    // Custom functions cannot read the settings: DOMAIN.md's default spacing in messages.
    const findings = auditText(text);
    return ok(findings.length ? findings.map((f) => m.auditFinding(f.severity, f.message)) : m.ok());
  },
});

export const CUSTOM_FUNCTION_TABLE: readonly CustomFunction[] = [
  PRORATA,
  NB_MOIS,
  TAUX,
  VERIF_TAUX,
  VERIF_COFINANCEMENT,
  REPARTIR,
  MONTANT_LETTRES,
  EUROS,
  CONVENTION_REQUISE,
  VERIF_NOTE,
];
