/**
 * Every field of a dossier (CONTRACT.md) as staff see it: its French column header in the
 * « Dossiers » sheet, its label in the sidebar form, and the kind of cell it takes. One
 * table, read by the sheet mapping (dossier-table.ts), « Préparer le classeur » (formats,
 * validation) and the sidebar form, so that a field added here appears everywhere.
 */

/**
 * text: free text; money: an amount (number cell, € format); date: a calendar date;
 * year: a four-digit year; stated: what a draft claims (kept as typed, text);
 * rate: a stated rate (text or a percentage cell); choice: one of `choices`;
 * yesno: a three-state yes / no / not said; lines: paragraphs or list items, one per line.
 */
export type FieldKind = 'text' | 'money' | 'date' | 'year' | 'stated' | 'rate' | 'choice' | 'yesno' | 'lines';

export interface Choice {
  /** The value in the dossier JSON (CONTRACT.md). */
  value: string;
  /** What the sheet and the form show. */
  label: string;
}

export interface FieldSpec {
  /** Path in the dossier: `subsidy`, `period.start`, `imputation.chapitre`. */
  path: string;
  header: string;
  label: string;
  kind: FieldKind;
  choices?: readonly Choice[];
  /** The form group it belongs to. */
  group: FieldGroup;
  hint?: string;
  /** Kept as text in the sheet (format « @ »): identifiers whose leading zeros must survive. */
  plainText?: boolean;
}

export type FieldGroup = 'identity' | 'figures' | 'stated' | 'act' | 'text' | 'opendata';

export const FIELD_GROUPS: readonly { id: FieldGroup; title: string; open: boolean }[] = [
  { id: 'identity', title: 'Dossier', open: true },
  { id: 'figures', title: 'Période et montants', open: true },
  { id: 'stated', title: 'Chiffres annoncés par le projet de rapport', open: true },
  { id: 'act', title: 'Acte et séance', open: false },
  { id: 'text', title: 'Rédaction', open: false },
  { id: 'opendata', title: 'Données ouvertes', open: false },
];

export const BENEFICIARY_KIND_CHOICES: readonly Choice[] = [
  { value: 'association', label: 'association' },
  { value: 'company', label: 'entreprise' },
  { value: 'public', label: 'organisme public' },
];
export const SUBSIDY_KIND_CHOICES: readonly Choice[] = [
  { value: 'fonctionnement', label: 'fonctionnement' },
  { value: 'investissement', label: 'investissement' },
];
export const PRORATION_CHOICES: readonly Choice[] = [
  { value: 'months', label: 'mois' },
  { value: 'days', label: 'jours' },
  { value: '30/360', label: '30/360' },
];
export const PAYMENT_TERMS_CHOICES: readonly Choice[] = [
  { value: 'unique', label: 'unique' },
  { value: 'échelonné', label: 'échelonné' },
];
export const YES = 'oui';
export const NO = 'non';

export const DOSSIER_FIELDS: readonly FieldSpec[] = [
  { path: 'id', header: 'Identifiant', label: 'Identifiant du dossier', kind: 'text', group: 'identity', hint: 'Par exemple 2018-AMFT-01.' },
  { path: 'beneficiary', header: 'Bénéficiaire', label: 'Bénéficiaire', kind: 'text', group: 'identity' },
  { path: 'beneficiaryKind', header: 'Nature du bénéficiaire', label: 'Nature du bénéficiaire', kind: 'choice', choices: BENEFICIARY_KIND_CHOICES, group: 'identity' },
  { path: 'siret', header: 'SIRET', label: 'SIRET du bénéficiaire', kind: 'text', group: 'identity', hint: '14 chiffres, espaces permis.', plainText: true },
  { path: 'rna', header: 'RNA', label: 'Numéro RNA', kind: 'text', group: 'identity', hint: 'W suivi de 9 chiffres, pour une association.', plainText: true },
  { path: 'subject', header: 'Objet', label: 'Objet du rapport', kind: 'text', group: 'identity' },
  { path: 'subsidyKind', header: 'Nature de la subvention', label: 'Nature de la subvention', kind: 'choice', choices: SUBSIDY_KIND_CHOICES, group: 'identity' },
  { path: 'convention', header: 'Convention', label: 'Convention approuvée avec la subvention', kind: 'yesno', group: 'identity' },

  { path: 'period.start', header: 'Début de période', label: 'Début de la période', kind: 'date', group: 'figures' },
  { path: 'period.end', header: 'Fin de période', label: 'Fin de la période', kind: 'date', group: 'figures' },
  { path: 'budgetYear', header: 'Exercice', label: 'Exercice budgétaire', kind: 'year', group: 'figures' },
  { path: 'annualBudget', header: 'Budget prévisionnel annuel', label: 'Budget prévisionnel annuel', kind: 'money', group: 'figures', hint: 'En euros, par exemple 800 000.' },
  { path: 'subsidy', header: 'Montant de la subvention', label: 'Montant de la subvention', kind: 'money', group: 'figures', hint: 'En euros, par exemple 47 500.' },
  { path: 'prorationMethod', header: 'Méthode de proratisation', label: 'Méthode de proratisation', kind: 'choice', choices: PRORATION_CHOICES, group: 'figures' },

  { path: 'statedProratedBudget', header: 'Budget proratisé annoncé', label: 'Budget proratisé annoncé', kind: 'stated', group: 'stated', hint: 'Tel qu’écrit dans le projet, pour le vérifier.' },
  { path: 'statedRate', header: 'Taux annoncé', label: 'Taux annoncé', kind: 'rate', group: 'stated', hint: 'Par exemple 23,75 %.' },

  { path: 'authority', header: 'Collectivité', label: 'Collectivité', kind: 'text', group: 'act' },
  { path: 'council', header: 'Assemblée', label: 'Assemblée délibérante', kind: 'text', group: 'act' },
  { path: 'actKind', header: 'Nature de l’acte', label: 'Nature de l’acte', kind: 'text', group: 'act', hint: 'Délibération, Avis du Conseil de Territoire…' },
  { path: 'actNumber', header: 'Numéro de l’acte', label: 'Numéro de l’acte', kind: 'text', group: 'act' },
  { path: 'session', header: 'Séance', label: 'Séance', kind: 'text', group: 'act' },
  { path: 'sessionDate', header: 'Date de séance', label: 'Date de la séance', kind: 'date', group: 'act' },
  { path: 'rapporteur', header: 'Rapporteur', label: 'Rapporteur', kind: 'text', group: 'act' },
  { path: 'legalBasis', header: 'Fondement juridique', label: 'Fondement juridique', kind: 'text', group: 'act' },
  { path: 'imputation.chapitre', header: 'Chapitre', label: 'Imputation : chapitre', kind: 'text', group: 'identity', hint: 'M57 : 65 (fonctionnement) ou 204 (investissement).', plainText: true },
  { path: 'imputation.nature', header: 'Nature comptable', label: 'Imputation : nature', kind: 'text', group: 'identity', hint: 'Par exemple 6574 ou 20422.', plainText: true },
  { path: 'imputation.fonction', header: 'Fonction', label: 'Imputation : fonction', kind: 'text', group: 'identity', plainText: true },

  { path: 'context', header: 'Contexte', label: 'Contexte (un paragraphe par ligne)', kind: 'lines', group: 'text' },
  { path: 'actions', header: 'Actions', label: 'Actions (une par ligne)', kind: 'lines', group: 'text' },

  { path: 'authoritySiret', header: 'SIRET de la collectivité', label: 'SIRET de la collectivité', kind: 'text', group: 'opendata', plainText: true },
  { path: 'conventionDate', header: 'Date de la convention', label: 'Date de la convention', kind: 'date', group: 'opendata' },
  { path: 'paymentTerms', header: 'Modalités de versement', label: 'Modalités de versement', kind: 'choice', choices: PAYMENT_TERMS_CHOICES, group: 'opendata' },
  { path: 'paymentDates', header: 'Dates de versement', label: 'Dates de versement', kind: 'text', group: 'opendata' },
  { path: 'aidNature', header: 'Nature de l’aide', label: 'Nature de l’aide', kind: 'text', group: 'opendata' },
  { path: 'euNotification', header: 'Notification UE', label: 'Aide notifiée à l’Union européenne', kind: 'yesno', group: 'opendata' },
  { path: 'aidScheme', header: 'Dispositif d’aide', label: 'Dispositif d’aide', kind: 'text', group: 'opendata' },
  // The convention's parties (src/core/template/default-convention-template.ts); last, so older workbooks keep their columns.
  { path: 'beneficiaryRepresentative', header: 'Représentant du bénéficiaire', label: 'Représentant du bénéficiaire (signataire de la convention)', kind: 'text', group: 'identity', hint: 'Par exemple « Mme Jeanne Martin, présidente ».' },
  { path: 'beneficiaryAddress', header: 'Adresse du bénéficiaire', label: 'Adresse du siège du bénéficiaire', kind: 'text', group: 'identity' },
  { path: 'authorityRepresentative', header: 'Représentant de la collectivité', label: 'Représentant de la collectivité (signataire de la convention)', kind: 'text', group: 'act', hint: 'Par exemple « M. Paul Durand, Président ».' },
  { path: 'conventionDuration', header: 'Durée de la convention', label: 'Durée de la convention (si elle diffère de la période)', kind: 'text', group: 'act', hint: 'Par exemple « un an à compter de sa signature ».' },
];

/** Columns the add-on computes on every save; staff read them, sort and filter on them. */
export const COMPUTED_COLUMNS = {
  proratedBudget: 'Budget proratisé',
  rate: 'Taux',
  cofinancingTotal: 'Total cofinancé',
  checkState: 'État des contrôles',
  reportLink: 'Lien de la note',
  version: 'Version',
} as const;

export const COFINANCER_COLUMNS = {
  dossier: 'Dossier',
  name: 'Financeur',
  amount: 'Montant',
  share: 'Part',
} as const;

export const DOSSIERS_SHEET = 'Dossiers';
export const COFINANCERS_SHEET = 'Cofinancements';

/** Number formats in the en_US pattern syntax Sheets expects; shown in the sheet's locale. */
export const NUMBER_FORMATS = {
  money: '#,##0.00 "€"',
  percent: '0.00%',
  date: 'dd/mm/yyyy',
  integer: '0',
  text: '@',
} as const;

export function fieldByPath(path: string): FieldSpec | undefined {
  return DOSSIER_FIELDS.find((f) => f.path === path);
}
