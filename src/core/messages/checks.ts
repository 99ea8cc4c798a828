/** Every French message of the dossier checks, in one place (STYLE.md). */
const FIELD_LABELS: Record<string, string> = {
  beneficiary: 'le bénéficiaire',
  subsidy: 'le montant de la subvention',
  annualBudget: 'le budget prévisionnel annuel',
  'period.start': 'la date de début de la période',
  'period.end': 'la date de fin de la période',
  statedProratedBudget: 'le budget proratisé annoncé',
  statedRate: 'le taux annoncé',
  prorationMethod: 'la méthode de proratisation',
  budgetYear: "l'exercice budgétaire",
  beneficiaryKind: 'la nature du bénéficiaire',
  subsidyKind: 'la nature de la subvention',
  id: 'l’identifiant du dossier',
  subject: 'l’objet',
  authority: 'la collectivité',
  council: 'l’assemblée',
  legalBasis: 'la base légale',
  actKind: 'la nature de l’acte',
  context: 'le contexte',
  actions: 'les actions',
  session: 'la séance',
  actNumber: 'le numéro de l’acte',
  rapporteur: 'le rapporteur',
};

export function fieldLabel(field: string): string {
  const cof = /^cofinancers\[(\d+)\]\.(name|amount)$/.exec(field);
  if (cof) return `${cof[2] === 'name' ? 'le nom' : 'le montant'} du cofinanceur n° ${Number(cof[1]) + 1}`;
  const item = /^(context|actions)\[(\d+)\]$/.exec(field);
  if (item) return `le paragraphe n° ${Number(item[2]) + 1} ${item[1] === 'context' ? 'du contexte' : 'des actions'}`;
  return FIELD_LABELS[field] ?? field;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const checkMessages = {
  textFormulaLike: (field: string, first: string) =>
    `${capitalize(fieldLabel(field))} commence par ${first} : un tableur le lirait comme une formule. Les exports l’écrivent précédé d’une apostrophe ; retirez ce caractère s’il n’a pas lieu d’être.`,
  textInvisibleCharacter: (field: string, codes: readonly string[], kept: string) =>
    `${capitalize(fieldLabel(field))} contient ${codes.length > 1 ? `des caractères invisibles (${codes.join(', ')}) qu’aucun document ne peut contenir : ils sont retirés` : `un caractère invisible (${codes[0]}) qu’aucun document ne peut contenir : il est retiré`} des notes et des conventions, qui écrivent « ${kept} ». Ces caractères viennent souvent d’un copier-coller depuis un autre logiciel ; corrigez le texte s’il n’est pas celui attendu.`,
  fieldMissing: (field: string) => `${capitalize(fieldLabel(field))} est à renseigner.`,
  proratedWithoutPeriod: () => 'Un budget proratisé est annoncé mais la période (début et fin) n’est pas renseignée.',
  amountInvalid: (field: string, reason: string) => `${capitalize(fieldLabel(field))} est illisible : ${reason}`,
  amountNegative: (field: string, shown: string) => `${capitalize(fieldLabel(field))} ne peut pas être négatif (${shown}).`,
  budgetZero: () => 'Le budget prévisionnel annuel est nul : aucun taux ne peut être calculé.',
  baseZero: () => 'Le budget proratisé est nul (période trop courte) : aucun taux ne peut être calculé.',
  dateInvalid: (field: string, reason: string) => `${capitalize(fieldLabel(field))} est illisible : ${reason}`,
  periodReversed: (start: string, end: string) => `La fin de la période (${end}) précède son début (${start}).`,
  periodTooLong: (months: string) => `La période couvre ${months} mois, plus d’un an : le budget proratisé dépasse le budget annuel.`,
  periodOutsideYear: (period: string, year: string) => `La période (${period}) sort de l’exercice budgétaire ${year}.`,
  /** The value as the user wrote it: a text between « », never JSON's quotes and escapes ("2018\n"). */
  fieldInvalid: (field: string, value: unknown, allowed: string) => `${capitalize(fieldLabel(field))} vaut ${typeof value === 'string' ? `« ${value} »` : String(value)} ; valeurs possibles : ${allowed}.`,
  proratedMismatch: (stated: string, computed: string, annual: string, months: { whole: number; days: number; monthLength: number }) =>
    `Le budget proratisé annoncé (${stated}) diffère du budget calculé (${computed} = ${annual} × ${
      months.days === 0 ? `${months.whole}/12` : `(${months.whole} + ${months.days}/${months.monthLength})/12, soit ${months.whole} mois et ${months.days} jour${months.days > 1 ? 's' : ''} sur ${months.monthLength}`
    }).`,
  proratedMismatchMethod: (stated: string, computed: string, annual: string, method: string) =>
    `Le budget proratisé annoncé (${stated}) diffère du budget calculé (${computed} = ${annual} proratisé ${method}).`,
  rateMismatch: (stated: string, computed: string, subsidy: string, base: string) =>
    `Le taux annoncé (${stated}) diffère du taux calculé (${computed} = ${subsidy} / ${base}).`,
  rateAbove100: (rate: string, subsidy: string, base: string) => `La subvention (${subsidy}) dépasse sa base (${base}) : elle en représente ${rate}.`,
  rateAboveCap: (rate: string, cap: string) => `Le taux de ${rate} dépasse le plafond de la collectivité (${cap}).`,
  cofinancingMismatch: (sum: string, total: string, diff: string) =>
    `La somme des cofinancements (${sum}) diffère du montant de la subvention (${total}) : écart de ${diff}.`,
  cofinancerDuplicate: (name: string, first: number) => `Le cofinanceur « ${name} » figure déjà à la ligne ${first + 1}.`,
  cofinancerZero: (name: string) => `Le montant du cofinanceur « ${name} » est nul.`,
  conventionRequired: (subsidy: string, threshold: string, convention: boolean | undefined) =>
    convention === true
      ? `La subvention (${subsidy}) dépasse ${threshold} : une convention est requise, et elle est bien prévue.`
      : convention === false
        ? `La subvention (${subsidy}) dépasse ${threshold} : une convention est obligatoire (loi n° 2000-321 du 12 avril 2000, art. 10), or le dossier indique qu’aucune n’est approuvée.`
        : `La subvention (${subsidy}) dépasse ${threshold} : une convention est obligatoire (loi n° 2000-321 du 12 avril 2000, art. 10) ; indiquez si elle est approuvée.`,
  methodLabel: (method: string) => (method === 'days' ? 'au jour près (exact/exact)' : method === '30/360' ? 'en 30/360' : 'au mois'),
};
