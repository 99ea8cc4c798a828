/** The French texts of a council session's batch and of its summary, in one place (STYLE.md). */
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export { plural as sessionPlural };

/** The fields a summary template may use, as the template check and the sidebar describe them. */
export const summaryFieldDescriptions = {
  seance: 'Nom de la séance (« Conseil de la Métropole du 28 juin 2018 »)',
  date_seance: 'Date de la séance, en toutes lettres',
  collectivite: 'Collectivité qui attribue les subventions',
  date_recapitulatif: 'Date de rédaction du récapitulatif',
  nombre_dossiers: 'Nombre de dossiers du tableau',
  total_montant: 'Total des subventions (« 123 500 € »)',
  total_cofinancements: 'Total des cofinancements',
  nombre_conventions: 'Nombre de dossiers pour lesquels une convention est requise',
  total_incomplet: 'Au moins un montant est illisible : le total est incomplet (condition)',
  dossiers: 'Les dossiers, un par ligne du tableau (liste : {{#dossiers}}…{{/dossiers}})',
  identifiant: 'Identifiant du dossier',
  beneficiaire: 'Bénéficiaire',
  objet: 'Objet du rapport',
  montant: 'Montant de la subvention',
  taux: 'Taux de la subvention',
  cofinanceurs: 'Cofinanceurs et leurs montants (« Métropole (17 500 €) ; CT2 (30 000 €) »)',
  convention_requise: '« oui », « non » ou « à vérifier »',
} as const;

export const summaryText = {
  missing: '[à compléter]',
  yes: 'oui',
  no: 'non',
  unknown: 'à vérifier',
  noCofinancer: '—',
  cofinancer: (name: string, amount: string) => `${name} (${amount})`,
  cofinancerSeparator: ' ; ',
  /** A run over chosen rows has no session name: the summary says what it covers. */
  selectionName: (n: number) => `Sélection de ${plural(n, 'dossier', 'dossiers')}`,
  documentName: (session: string, date: string) => `Récapitulatif — ${session} — ${date}`,
  templateName: 'Rapporteur — modèle de récapitulatif de séance',
  incomplete: ' (incomplet)',
};

/** What the session screen, the run's rows and the command line say. */
export const batchText = {
  noSheet: 'La feuille « Dossiers » est introuvable : préparez le classeur ou enregistrez un premier dossier.',
  noSession: 'Aucun dossier n’indique de séance : remplissez la colonne « Séance » de la feuille « Dossiers », ou sélectionnez les lignes des dossiers à générer.',
  sessionNotFound: (name: string, known: readonly string[]) =>
    `Aucun dossier de la séance « ${name} »${known.length ? ` ; séances connues : ${known.map((k) => `« ${k} »`).join(', ')}` : ''}.`,
  refsNotFound: (refs: readonly string[]) => `Dossiers introuvables : ${refs.join(', ')}.`,
  noSelection: 'Aucune ligne de dossier n’est sélectionnée dans la feuille « Dossiers ».',
  nothingChosen: 'Choisissez une séance ou des dossiers.',
  quotaAccount: (quota: number) => (quota >= 1500 ? `compte Google Workspace (${quota} documents par jour)` : `compte Google personnel (${quota} documents par jour)`),
  quotaOk: (n: number, quota: number) =>
    `${plural(n, 'document sera créé', 'documents seront créés')}, sur un quota de ${quota} par jour. Rapporteur ne peut pas savoir combien de documents vous avez déjà créés aujourd’hui : si le quota est atteint en cours de route, la génération s’arrête et pourra reprendre demain sans rien refaire.`,
  documentsLocal: (n: number) => `${plural(n, 'document sera écrit', 'documents seront écrits')} dans le dossier des notes.`,
  quotaRefused: (n: number, quota: number) =>
    `Cette génération créerait ${n} documents, davantage que le quota quotidien de Google (${quota} documents par jour pour ce type de compte). Générez la séance en plusieurs fois (sélectionnez une partie des lignes), sans les PDF, ou choisissez « Google Workspace » si c’est votre type de compte.`,
  nothingToCreate: 'Toutes les notes sont à jour : aucun document ne sera créé.',
  nothingToCreateWithConventions: 'Toutes les notes et les conventions sont à jour : aucun document ne sera créé.',
  errorsSkipped: (n: number) => `${plural(n, 'dossier a', 'dossiers ont')} des erreurs : ${n > 1 ? 'ils seront ignorés' : 'il sera ignoré'} sauf si vous cochez « Inclure les dossiers en erreur ».`,
  errorsIncluded: (n: number) => `${plural(n, 'dossier a', 'dossiers ont')} des erreurs : ${n > 1 ? 'leurs notes seront générées' : 'sa note sera générée'} quand même.`,
  upToDateKept: (n: number) => `${plural(n, 'note est déjà à jour et sera conservée', 'notes sont déjà à jour et seront conservées')} (cochez « Régénérer » pour les refaire).`,
  upToDateRedone: (n: number) => `${plural(n, 'note à jour sera refaite', 'notes à jour seront refaites')} (« Régénérer »).`,
  planRefused: 'La génération ne peut pas commencer :',
  alreadyRunning: (session: string) => `Une génération est déjà en cours pour « ${session} » : reprenez-la ou abandonnez-la d’abord.`,
  noRun: 'Aucune génération en cours.',
  unknownRun: 'Cette génération n’existe plus (elle a été abandonnée ou remplacée par une autre) : préparez-en une nouvelle.',
  busy: 'Une autre fenêtre fait avancer cette génération en ce moment : nouvel essai dans quelques secondes.',
  cancelled: (done: number, total: number) => `Génération annulée après ${done} dossier${done > 1 ? 's' : ''} sur ${total}. Les notes déjà créées sont conservées ; relancer la séance ne les refera pas.`,
  cancelling: 'Annulation demandée : la génération s’arrête après le dossier en cours.',
  finished: (created: number, kept: number, failed: number, skipped: number, conventions?: { created: number; upToDate: number; errors: number }) =>
    `Terminé : ${plural(created, 'note créée', 'notes créées')}, ${plural(kept, 'conservée', 'conservées')} (à jour), ${plural(failed, 'en échec', 'en échec')}, ${plural(skipped, 'ignorée', 'ignorées')}${conventions ? batchConventionText.finished(conventions) : ''}.`,
  progress: (done: number, total: number) => `${done} sur ${total}`,
  quotaHit: 'Le quota quotidien de documents de Google semble atteint : la génération s’est arrêtée. Reprenez-la demain, rien ne sera refait.',
  stoppedByError: (message: string) => `La génération s’est interrompue : ${message} Reprenez-la : rien de ce qui est fait ne sera refait.`,
  summaryTemplateCreated: (name: string) => `Modèle de récapitulatif créé dans votre Drive : « ${name} ». Ouvrez-le pour le personnaliser.`,
  summaryTemplateErrors: (n: number) => `Le modèle de récapitulatif contient ${plural(n, 'erreur', 'erreurs')} : corrigez-le avant de générer la séance.`,
  /** The « État de la note » cell of a dossier's row. */
  rowStatus: {
    created: 'note créée',
    up_to_date: 'note à jour',
    error: (message: string) => `échec : ${message}`,
    skipped: (n: number) => `non générée : ${plural(n, 'erreur', 'erreurs')} dans le dossier`,
  },
  statusHeader: 'État de la note',
  /** The sidebar's words for each dossier's outcome. */
  itemStatus: { pending: 'à faire', created: 'créée', up_to_date: 'à jour', error: 'échec', skipped: 'ignorée (erreurs)' } as Record<string, string>,
};

/** What the session run says of the conventions attributives it makes beside the reports. */
export const batchConventionText = {
  /** The dossiers of a run whose beneficiary has another subsidy of the year that cannot be read (CONVENTION_CUMULATED_UNKNOWN): a few named, the rest counted. */
  undecided: (refs: readonly string[]) => {
    const named = refs.slice(0, 3).join(', ') + (refs.length > 3 ? ` et ${refs.length - 3} ${refs.length - 3 > 1 ? 'autres' : 'autre'}` : '');
    return `${refs.length > 1 ? `Pour les dossiers ${named}` : `Pour le dossier ${named}`}, impossible de dire si une convention est requise : une autre subvention de l’exercice au même bénéficiaire a un montant illisible ou absent. Aucune convention ne sera créée pour ${refs.length > 1 ? 'eux' : 'lui'} ; corrigez ce montant (voir les alertes du dossier).`;
  },
  /** The plan: how many dossiers need one, how many will be made (the others are up to date). */
  planned: (needed: number, toCreate: number) =>
    `${plural(needed, 'dossier demande', 'dossiers demandent')} une convention attributive de subvention (subvention au-dessus du seuil, seule ou avec les autres subventions de l’année au même organisme, ou convention approuvée) : ${
      toCreate === 0 ? 'aucune convention ne sera créée' : plural(toCreate, 'convention sera créée', 'conventions seront créées')
    } après ${needed > 1 ? 'les notes' : 'la note'}${needed > toCreate ? `, ${plural(needed - toCreate, 'est déjà à jour et sera conservée', 'sont déjà à jour et seront conservées')}` : ''}.`,
  /** The end of « Terminé : … »: the conventions, when the run had any. */
  finished: (c: { created: number; upToDate: number; errors: number }) =>
    ` ; ${plural(c.created, 'convention créée', 'conventions créées')}, ${plural(c.upToDate, 'conservée', 'conservées')} (à jour), ${plural(c.errors, 'en échec', 'en échec')}`,
  /** The sidebar's words for a dossier's convention. */
  itemStatus: { pending: 'convention à faire', created: 'convention créée', up_to_date: 'convention à jour', error: 'convention en échec' } as Record<string, string>,
  /** Appended to the « État de la note » cell of a dossier with a convention. */
  rowStatus: { created: ' ; convention créée', up_to_date: ' ; convention à jour', error: (message: string) => ` ; convention en échec : ${message}` },
  templateErrors: (n: number) => `Le modèle de convention contient ${plural(n, 'erreur', 'erreurs')} : corrigez-le avant de générer la séance.`,
};

/** The Apps Script adapters' messages for the session run. */
export const batchAdapterText = {
  summaryCannotOpen: (ref: string) =>
    `Le modèle de récapitulatif « ${ref} » ne peut pas être ouvert : vérifiez son adresse, ou utilisez « Créer le modèle de récapitulatif ».`,
  rowsNoSheet: 'La feuille « Dossiers » a disparu : l’état des notes n’a pas pu être inscrit dans les lignes.',
};

/** The local preview's messages for the session run. */
export const localBatchText = {
  summaryTemplateUnreadable: (path: string, detail: string) =>
    `Le modèle de récapitulatif « ${path} » ne peut pas être lu (${detail}) : corrigez son chemin dans les paramètres, ou videz-le pour utiliser le modèle par défaut.`,
  summaryTemplateChanged: 'Le modèle de récapitulatif a changé pendant l’opération : recommencez.',
  summaryTemplateCreated: (path: string) =>
    `Modèle de récapitulatif créé : « ${path} ». Modifiez-le dans Word ou LibreOffice en gardant les champs {{…}} ; il sera utilisé pour les prochains récapitulatifs.`,
  runUnreadable: (path: string, detail: string) => `L’état de la génération de séance (« ${path} ») est illisible (${detail}) : supprimez ce fichier pour repartir d’une nouvelle génération.`,
};
