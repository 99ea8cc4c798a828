/** Every French message of dossier storage and the sidebar's use cases, in one place (STYLE.md). */
export const dossierMessages = {
  idMissing: () => 'L’identifiant du dossier est à renseigner : il relie le dossier à ses cofinancements.',
  idTaken: (id: string, row: number) => `Un autre dossier porte déjà l’identifiant « ${id} » (feuille « Dossiers », ligne ${row}).`,
  notFound: (ref: string) => `Le dossier « ${ref} » est introuvable dans la feuille « Dossiers » : il a peut-être été supprimé ou renommé.`,
  noActiveRow: () => 'Placez le curseur sur une ligne de dossier de la feuille « Dossiers », puis réessayez.',
  activeRowEmpty: (row: number) => `La ligne ${row} de la feuille « Dossiers » ne contient pas de dossier.`,
  amountUnreadable: (label: string, reason: string) => `${label} : ${reason}`,
  dateUnreadable: (label: string, reason: string) => `${label} : ${reason}`,
  periodReversed: (start: string, end: string) => `La fin de la période (${end}) précède son début (${start}) : corrigez l’une des deux dates.`,
  yearInvalid: (value: string) => `L’exercice budgétaire doit être une année sur quatre chiffres (reçu : « ${value} »).`,
  choiceInvalid: (label: string, value: string, allowed: string) => `${label} : « ${value} » n’est pas une valeur possible (${allowed}).`,
  cofinancerNameMissing: (n: number) => `Le nom du cofinanceur n° ${n} est à renseigner.`,
  notPlainData: () => 'Le dossier reçu n’est pas un objet JSON.',
  conflict: () => 'Ce dossier a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert.',
  conflictDeleted: () => 'Ce dossier a été supprimé ou renommé par quelqu’un d’autre depuis que vous l’avez ouvert.',
  lockBusy: () => 'Le classeur est occupé par un autre enregistrement. Réessayez dans quelques secondes : votre saisie est conservée.',
  checkState: (errors: number, warnings: number) => {
    if (errors === 0 && warnings === 0) return 'OK';
    const parts: string[] = [];
    if (errors) parts.push(`${errors} erreur${errors > 1 ? 's' : ''}`);
    if (warnings) parts.push(`${warnings} avertissement${warnings > 1 ? 's' : ''}`);
    return parts.join(', ');
  },
  untitledRow: (row: number) => `(sans identifiant, ligne ${row})`,
  settingsThreshold: (reason: string) => `Seuil de convention : ${reason}`,
  settingsCap: (reason: string) => `Plafond du taux : ${reason}`,
  settingsCapAbove100: () => 'Plafond du taux : il ne peut pas dépasser 100 %.',
  settingsNotText: (label: string) => `${label} : un texte est attendu.`,
  settingsNotBoolean: (label: string) => `${label} : la case est cochée ou non (oui ou non attendu).`,
};
