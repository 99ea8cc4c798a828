/** Every French message of the open-data export (SCDL « Subventions »), in one place (STYLE.md). */

const q = (text: string) => `« ${text} »`;

/** What each schema column is called for people, and where its value comes from. */
export const COLUMN_HELP: Record<string, { label: string; source: string }> = {
  nomAttribuant: { label: 'le nom de la collectivité attribuante (nomAttribuant)', source: 'champ authority du dossier ou paramètre authorityName' },
  idAttribuant: { label: 'le SIRET de la collectivité attribuante (idAttribuant)', source: 'champ authoritySiret du dossier ou paramètre authoritySiret' },
  dateConvention: { label: 'la date de la convention (dateConvention)', source: 'champ conventionDate, AAAA-MM-JJ' },
  referenceDecision: { label: 'la référence de la décision (referenceDecision)', source: 'champ actNumber' },
  nomBeneficiaire: { label: 'le nom du bénéficiaire (nomBeneficiaire)', source: 'champ beneficiary' },
  idBeneficiaire: { label: 'le SIRET du bénéficiaire (idBeneficiaire)', source: 'champ siret, 14 chiffres' },
  rnaBeneficiaire: { label: 'le numéro RNA du bénéficiaire (rnaBeneficiaire)', source: 'champ rna, W suivi de 9 chiffres' },
  objet: { label: 'l’objet de la subvention (objet)', source: 'champ subject, 256 caractères au plus' },
  montant: { label: 'le montant de la subvention (montant)', source: 'champ subsidy' },
  nature: { label: 'la nature de l’aide (nature)', source: 'champ aidNature : « aide en numéraire », « aide en nature » ou les deux' },
  conditionsVersement: { label: 'le mode de versement (conditionsVersement)', source: 'champ paymentTerms : « unique », « échelonné » ou une description libre' },
  datesPeriodeVersement: { label: 'la date ou la période de versement (datesPeriodeVersement)', source: 'champ paymentDates : une date AAAA-MM-JJ, une période AAAA-MM-JJ/AAAA-MM-JJ ou une liste de dates' },
  idRAE: { label: 'l’identifiant RAE (idRAE)', source: 'champ raeId, 5 caractères au plus' },
  notificationUE: { label: 'la notification à la Commission européenne (notificationUE)', source: 'champ euNotification : true/false ou « oui »/« non »' },
  pourcentageSubvention: { label: 'la part du bénéficiaire (pourcentageSubvention)', source: 'un seul bénéficiaire par dossier : 1.00' },
  dispositifAide: { label: 'le dispositif d’aide (dispositifAide)', source: 'champ aidScheme' },
};

const label = (column: string) => COLUMN_HELP[column]?.label ?? column;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const openDataMessages = {
  missing: (column: string) => `${capitalize(label(column))} est à renseigner pour la publication des données essentielles (${COLUMN_HELP[column]?.source ?? column}).`,
  missingBeneficiaryId: () =>
    'Le SIRET (idBeneficiaire) ou, pour une association, le numéro RNA (rnaBeneficiaire) du bénéficiaire est à renseigner : le schéma exige l’un des deux (champs siret ou rna).',
  siretFormat: (column: string, value: string) => `${capitalize(label(column))} vaut ${q(value)} : un SIRET s’écrit avec 14 chiffres.`,
  siretChecksum: (column: string, value: string) => `${capitalize(label(column))} vaut ${q(value)} : ce n’est pas un SIRET valide (clé de contrôle fausse), vérifiez les chiffres.`,
  rnaFormat: (value: string) => `Le numéro RNA vaut ${q(value)} : il s’écrit W suivi de 9 chiffres (W131000001).`,
  tooLong: (column: string, length: number, max: number) => `${capitalize(label(column))} compte ${length} caractères ; le schéma en admet ${max} au plus.`,
  dateInvalid: (column: string, value: string, reason: string) => `${capitalize(label(column))} vaut ${q(value)} : ${reason}`,
  periodReversed: (value: string) => `La période de versement ${q(value)} finit avant de commencer.`,
  natureInvalid: (value: string) => `La nature de l’aide vaut ${q(value)} ; valeurs possibles : « aide en numéraire », « aide en nature », ou les deux séparées par un point-virgule.`,
  termsInvalid: (value: string) => `Le mode de versement vaut ${q(value)} ; écrivez « unique », « échelonné », ou décrivez les modalités en une phrase.`,
  amountUnreadable: (value: string) => `Le montant de la subvention ${q(value)} est illisible : corrigez-le d’abord (rapporteur check).`,
  euInvalid: (value: string) => `La notification à la Commission européenne vaut ${q(value)} ; valeurs possibles : oui, non (ou true, false).`,
  notText: (column: string) => `${capitalize(label(column))} doit être un texte.`,
  /** The command line's lines on stderr. */
  rowFinding: (id: string, message: string) => `dossier ${id} : ${message}`,
  undetermined: (id: string) => `dossier ${id} : montant illisible, impossible de dire si la subvention doit être publiée (voir rapporteur check).`,
  summary: (rows: number, problems: number) =>
    `${rows} ligne${rows > 1 ? 's' : ''} de données essentielles${problems > 0 ? ` ; ${problems} valeur${problems > 1 ? 's' : ''} requise${problems > 1 ? 's' : ''} manquante${problems > 1 ? 's' : ''} ou invalide${problems > 1 ? 's' : ''} (cellules laissées vides)` : ''}.`,
  noRow: (year: number | undefined, threshold: string) =>
    `Aucune subvention à publier${year !== undefined ? ` pour l’exercice ${year}` : ''} (seuil de publication : plus de ${threshold} par an à un même organisme privé ; --all exporte toutes les subventions).`,
  yearInvalid: (value: string) => `--year attend une année sur quatre chiffres (reçu : ${q(value)}).`,
  sheetName: 'Données essentielles',
  sheetDone: (rows: number, sheet: string) => `${rows} ligne${rows > 1 ? 's' : ''} écrite${rows > 1 ? 's' : ''} dans la feuille « ${sheet} ». Téléchargez-la au format CSV (Fichier > Télécharger > CSV) pour la publier.`,
  sheetProblems: (count: number) => `${count} valeur${count > 1 ? 's' : ''} requise${count > 1 ? 's' : ''} manque${count > 1 ? 'nt' : ''} ou ${count > 1 ? 'sont' : 'est'} invalide${count > 1 ? 's' : ''} (cellules vides) :`,
  moreProblems: (count: number) => `… et ${count} autre${count > 1 ? 's' : ''} (voir rapporteur opendata).`,
};
