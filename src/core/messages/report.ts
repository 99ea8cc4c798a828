/** The French sentences and labels of the report fields, in one place (STYLE.md). */
export const reportText = {
  /** What a figure that cannot be computed prints as, so that the gap shows in the report. */
  missing: '[à compléter]',
  theAuthority: 'la collectivité',
  /** Stands for the council when the dossier does not name it: « au rapport à l'assemblée délibérante ». */
  theAssembly: "l'assemblée délibérante",
  beneficiaryKinds: { association: 'association', company: 'entreprise', public: 'organisme public' } as Record<string, string>,
  imputation: (parts: { chapitre?: string; nature?: string; fonction?: string }) =>
    [parts.chapitre && `chapitre ${parts.chapitre}`, parts.nature && `nature ${parts.nature}`, parts.fonction && `fonction ${parts.fonction}`].filter(Boolean).join(', '),
  /** « Pour les actions menées du 1er janvier 2018 au 31 mars 2018, le soutien financier … » */
  financialWithPeriod: (o: { period: string; ofAuthority: string; subsidy: string; rate: string; year: string; months: string; prorated: string; annual: string }) =>
    `Pour les actions menées ${o.period}, le soutien financier ${o.ofAuthority} s'élèvera à ${o.subsidy}, représentant ${o.rate} du budget prévisionnel ${o.year}proratisé sur ${o.months} mois d'un montant de ${o.prorated} (budget prévisionnel annuel de ${o.annual}).`,
  financialAnnual: (o: { ofAuthority: string; subsidy: string; rate: string; year: string; annual: string }) =>
    `Le soutien financier ${o.ofAuthority} s'élèvera à ${o.subsidy}, représentant ${o.rate} du budget prévisionnel annuel ${o.year}d'un montant de ${o.annual}.`,
  financialAmountOnly: (o: { ofAuthority: string; subsidy: string }) => `Le soutien financier ${o.ofAuthority} s'élèvera à ${o.subsidy}.`,
  cofinancerLine: (amount: string, byWhom: string) => `${amount} pris en charge par ${byWhom}`,
  /** How `paymentTerms` reads in the convention's article on payment; free text stays as typed. */
  paymentTerms: { unique: 'en une seule fois', échelonné: 'en plusieurs versements', echelonne: 'en plusieurs versements' } as Record<string, string>,
  and: ' et ',
};

/** The documented list of fields shown in the sidebar (« Champs de la note »). */
export const fieldDescriptions = {
  identifiant: 'Identifiant du dossier',
  beneficiaire: 'Bénéficiaire de la subvention',
  nature_beneficiaire: 'Nature du bénéficiaire (association, entreprise, organisme public)',
  siret: 'SIRET du bénéficiaire',
  rna: 'Numéro RNA de l’association',
  objet: 'Objet du rapport (ligne d’objet)',
  collectivite: 'Collectivité qui attribue la subvention',
  collectivite_de: 'La collectivité précédée de « de la », « du »… (« de la Métropole d’Aix-Marseille Provence »)',
  conseil: 'Assemblée saisie (« Conseil de Territoire Marseille Provence »)',
  nature_acte: 'Nature de l’acte (« Délibération », « Avis du Conseil de Territoire »)',
  base_legale: 'Fondement juridique',
  contexte: 'Paragraphes de contexte (liste : {{#contexte}}{{.}}{{/contexte}})',
  actions: 'Actions ou priorités (liste : {{#actions}}{{.}}{{/actions}})',
  seance: 'Séance',
  date_seance: 'Date de la séance, en toutes lettres',
  numero_acte: 'Numéro de l’acte',
  rapporteur: 'Rapporteur',
  exercice: 'Exercice budgétaire',
  nature_subvention: 'Nature de la subvention (fonctionnement, investissement)',
  imputation: 'Imputation budgétaire (« chapitre 65, nature 6574 »)',
  imputation_chapitre: 'Imputation : chapitre',
  imputation_nature: 'Imputation : nature',
  imputation_fonction: 'Imputation : fonction',
  convention: 'Une convention est approuvée avec la subvention (condition)',
  date_note: 'Date de rédaction de la note',
  montant_subvention: 'Montant de la subvention (« 47 500 € »)',
  montant_subvention_euros: 'Montant de la subvention en euros (« 47 500 euros »)',
  montant_subvention_lettres: 'Montant de la subvention en lettres',
  taux: 'Part de la subvention dans le budget de référence (« 23,75 % »)',
  budget_annuel: 'Budget prévisionnel annuel',
  budget_proratise: 'Budget prévisionnel proratisé sur la période',
  base: 'Budget de référence du taux (proratisé s’il y a une période, sinon annuel)',
  periode: 'Période (« du 1er janvier 2018 au 31 mars 2018 »)',
  date_debut: 'Début de la période',
  date_fin: 'Fin de la période',
  nb_mois: 'Nombre de mois de la période',
  proratise: 'Le budget est proratisé sur une période (condition)',
  cofinanceurs: 'Cofinanceurs (liste : {{#cofinanceurs}}…{{/cofinanceurs}})',
  total_cofinancements: 'Total des cofinancements',
  convention_requise: 'Une convention est obligatoire (subvention au-dessus du seuil, condition)',
  seuil_convention: 'Seuil de la convention obligatoire',
  paragraphe_financier: 'Le paragraphe financier, rédigé à partir des chiffres contrôlés',
  liste_cofinanceurs: 'La répartition entre cofinanceurs, en une phrase',
  beneficiaire_le: 'Le bénéficiaire précédé de son article (« l’association Medinsoft »)',
  conseil_le: 'L’assemblée précédée de son article (« le Conseil de Territoire … »)',
  conseil_a: 'L’assemblée précédée de « au », « à la »… (« au Conseil de Territoire … »)',
  base_legale_de: 'Le fondement juridique précédé de « de l’ », « du »… (« de l’article L5218-7 … »)',
  cofinance: 'La subvention a des cofinanceurs (condition)',
  nom: 'Nom du cofinanceur',
  nom_article: 'Nom précédé de l’article (« la Métropole … »)',
  montant: 'Montant pris en charge',
  part: 'Part de la subvention',
  part_budget: 'Part du budget de référence',
  fin: 'Ponctuation de fin de ligne (« ; », « . » pour le dernier)',
  representant_beneficiaire: 'Représentant du bénéficiaire qui signe la convention (« Mme …, présidente »)',
  adresse_beneficiaire: 'Adresse du siège du bénéficiaire',
  representant_collectivite: 'Représentant de la collectivité qui signe la convention (« M. …, Président »)',
  siret_collectivite: 'SIRET de la collectivité',
  association: 'Le bénéficiaire est une association (condition : contrat d’engagement républicain)',
  duree_convention: 'Durée de la convention, quand elle diffère de la période (texte libre)',
  date_limite_compte_rendu: 'Date limite du compte rendu financier (six mois après la fin de l’exercice financé)',
  modalites_versement: 'Modalités de versement (« en une seule fois », « en plusieurs versements »)',
  versement_echelonne: 'La subvention est versée en plusieurs fois (condition)',
  echeancier: 'Dates de versement (liste : {{#echeancier}}{{.}}{{/echeancier}})',
  echeancier_prevu: 'Le dossier donne des dates de versement (condition : {{#echeancier_prevu}}…{{/echeancier_prevu}}, écrit une fois)',
  dates_versement: 'Les dates de versement en une phrase (« le 16 avril 2018 et le 15 octobre 2018 »)',
  date_convention: 'Date de signature de la convention',
  actions_prevues: 'Le dossier liste des actions (condition)',
  beneficiaire_debut: 'Le bénéficiaire précédé de son article, en début de phrase (« L’association Medinsoft »)',
  conseil_de: 'L’assemblée précédée de « du », « de la »… (« du Conseil de Territoire … »)',
} as const;

/** What « Générer la note », « Vérifier le modèle » and « Créer le modèle par défaut » say. */
export const reportApiText = {
  dossierNotFound: (ref: string) => `Dossier introuvable : « ${ref} ». Rechargez la liste des dossiers.`,
  dossierMalformed: (detail: string) => `Le dossier est mal formé : ${detail} Corrigez-le dans le formulaire ou dans la feuille « Dossiers ».`,
  needsConfirmation: (n: number) =>
    `Le dossier a ${n} erreur${n > 1 ? 's' : ''} : la note reprendrait des chiffres faux ou incomplets. Corrigez le dossier, ou confirmez pour générer la note quand même.`,
  templateErrors: (n: number) => `Le modèle contient ${n} erreur${n > 1 ? 's' : ''} : aucune note n’a été créée. Corrigez le modèle (« Vérifier le modèle ») puis recommencez.`,
  templateOk: (name: string) => `Le modèle « ${name} » est valide : tous ses champs sont connus.`,
  upToDate: 'La note de ce dossier est déjà à jour : elle a été générée avec les mêmes données et le même modèle.',
  created: (name: string) => `Note créée : « ${name} ».`,
  createdWithPdf: (name: string) => `Note créée : « ${name} », avec sa version PDF.`,
  noIdNoLink: ' Le dossier n’a pas d’identifiant : le lien n’a pas été inscrit dans la feuille « Dossiers ».',
  reportName: (beneficiary: string, date: string) => `${beneficiary || 'Dossier sans bénéficiaire'} — note du ${date}`,
  templateCreated: (name: string) => `Modèle créé dans votre Drive : « ${name} ». Modifiez-le à votre guise en gardant les champs {{…}} ; il sera utilisé pour les prochaines notes.`,
};

/** What « Générer la convention » says. */
export const conventionApiText = {
  notNeeded: (subsidy: string, threshold: string, withOthers: boolean) =>
    `Ce dossier ne demande pas de convention : la subvention (${subsidy}) ne dépasse pas ${threshold}${withOthers ? ', ni seule ni avec les autres subventions de l’exercice au même bénéficiaire,' : ''} et le dossier n’indique pas qu’une convention est approuvée. Pour en établir une quand même, choisissez « oui » à « Convention approuvée avec la subvention » dans le dossier.`,
  notNeededPublic:
    'Ce dossier ne demande pas de convention : le bénéficiaire est un organisme public (le seuil de la loi n° 2000-321, art. 10, vise les organismes privés), et le dossier n’indique pas qu’une convention est approuvée. Pour en établir une quand même, choisissez « oui » à « Convention approuvée avec la subvention » dans le dossier.',
  notNeededUnreadable:
    'Impossible de dire si ce dossier demande une convention : le montant de la subvention est absent ou illisible. Corrigez-le dans le dossier (ou choisissez « oui » à « Convention approuvée avec la subvention »).',
  /** `why` is the CONVENTION_CUMULATED_UNKNOWN finding's message, which names the unreadable dossiers. */
  notNeededCumulatedUnknown: (why: string) => `${why} Pour établir la convention sans attendre, choisissez « oui » à « Convention approuvée avec la subvention » dans le dossier.`,
  neededThreshold: (subsidy: string, threshold: string) => `Convention obligatoire : la subvention de ${subsidy} dépasse le seuil de ${threshold} (loi n° 2000-321 du 12 avril 2000, art. 10).`,
  neededCumulated: (subsidy: string, threshold: string, total: string, year: number | null) =>
    `Convention obligatoire : la subvention (${subsidy}) ne dépasse pas ${threshold} à elle seule, mais les subventions de l’exercice${year === null ? '' : ` ${year}`} au même bénéficiaire totalisent ${total} (décret n° 2001-495 du 6 juin 2001 : le seuil porte sur le montant annuel).`,
  neededApproved: (threshold: string) => `Convention approuvée : la subvention ne dépasse pas le seuil de ${threshold}, mais le dossier indique qu’une convention l’accompagne.`,
  needsConfirmation: (n: number) =>
    `Le dossier a ${n} erreur${n > 1 ? 's' : ''} : la convention reprendrait des chiffres faux ou incomplets. Corrigez le dossier, ou confirmez pour générer la convention quand même.`,
  noTemplate: 'Aucun modèle de convention n’est disponible : créez-le (« Créer le modèle de convention ») puis recommencez.',
  upToDate: 'La convention de ce dossier est déjà à jour : elle a été générée avec les mêmes données et le même modèle.',
  created: (name: string) => `Convention créée : « ${name} ».`,
  createdWithPdf: (name: string) => `Convention créée : « ${name} », avec sa version PDF.`,
  conventionName: (beneficiary: string, date: string) => `${beneficiary || 'Dossier sans bénéficiaire'} — convention du ${date}`,
  templateCreated: (name: string) => `Modèle de convention créé : « ${name} ». Modifiez-le à votre guise en gardant les champs {{…}} ; il sera utilisé pour les prochaines conventions.`,
};

/** What the local preview's report adapters say (files on disk instead of Docs and Drive). */
export const localReportText = {
  noGoogleDoc: 'Dans l’aperçu local, il n’y a pas de Google Doc à ouvrir : collez le texte de la note (ou utilisez « rapporteur audit note.docx » en ligne de commande).',
  templateUnreadable: (path: string, detail: string) => `Le modèle de note « ${path} » ne peut pas être lu (${detail}) : corrigez son chemin dans les paramètres, ou videz-le pour utiliser le modèle par défaut.`,
  conventionTemplateUnreadable: (path: string, detail: string) =>
    `Le modèle de convention « ${path} » ne peut pas être lu (${detail}) : corrigez son chemin dans les paramètres, ou videz-le pour utiliser le modèle par défaut.`,
  templateChanged: 'Le modèle de note a changé pendant l’opération : recommencez.',
  noPdf: 'L’aperçu local n’écrit pas de PDF : décochez « PDF » (ouvrez la note .docx dans Word ou LibreOffice pour l’exporter).',
  writeFailed: (detail: string) => `La note n’a pas pu être écrite dans le dossier des notes (${detail}) : rien n’a été enregistré dans le classeur.`,
  templateCreated: (path: string) =>
    `Modèle créé : « ${path} ». Modifiez-le dans Word ou LibreOffice en gardant les champs {{…}} ; il sera utilisé pour les prochaines notes.`,
  noSheet: 'La feuille « Dossiers » est introuvable : le lien de la note n’a pas été inscrit.',
  noRow: (id: string) => `Le dossier « ${id} » n’a pas de ligne dans la feuille « Dossiers » : le lien de la note n’a pas été inscrit.`,
};
