/** Every French message of the identity and imputation checks, in one place (STYLE.md). */
import type { RnaProblem, SiretProblem } from '../identity';

const q = (text: string) => `« ${text} »`;
const TYPE_NAMES: Record<string, string> = { boolean: 'un booléen', object: 'un objet', number: 'un nombre', undefined: 'rien' };
const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** The first character that is neither a digit nor a separator, to point at it. */
const firstBadChar = (compact: string, allowLeadingW = false) => [...compact].find((c, i) => !(/\d/.test(c) || (allowLeadingW && i === 0 && c === 'W'))) ?? '';

const SECTION_CHAPITRE = { fonctionnement: 'au chapitre 65 (nature 6574 pour un organisme privé)', investissement: 'au chapitre 204 (natures 2042x pour un organisme privé)' };

export const identityMessages = {
  siret: (field: 'siret' | 'authoritySiret', problem: SiretProblem, shown: string, compact: string, fromNumber: boolean, type: string): string => {
    const who = field === 'authoritySiret' ? 'SIRET de la collectivité' : 'SIRET';
    const head = `${who} ${shown}`;
    switch (problem) {
      case 'not-text':
        return `${who} : un SIRET s’écrit avec 14 chiffres (reçu : ${TYPE_NAMES[type] ?? type}).`;
      case 'characters': {
        const c = firstBadChar(compact);
        return `${head} : un SIRET ne contient que des chiffres (14, espaces permis) ; ${q(c)} n’en est pas un.`;
      }
      case 'length':
        if (compact.length === 9) return `${head} : 9 chiffres, c’est un numéro SIREN ; le SIRET en compte 14 (le SIREN suivi des 5 chiffres de l’établissement).`;
        return `${head} : ${plural(compact.length, 'chiffre')} au lieu de 14.${fromNumber && compact.length === 13 ? ' Une cellule au format nombre efface le zéro du début : saisissez le SIRET comme du texte.' : ''}`;
      case 'placeholder':
        return `${head} : ce n’est pas un numéro attribué ; indiquez le vrai SIRET ou laissez le champ vide.`;
      case 'siren-key':
        return `${head} : clé de contrôle invalide du SIREN ${compact.slice(0, 9)} (les 9 premiers chiffres) ; un chiffre est faux ou deux sont inversés.`;
      case 'siret-key':
        return `${head} : clé de contrôle invalide ; un chiffre est faux ou deux sont inversés.`;
      case 'la-poste-key':
        return `${head} : clé de contrôle invalide (pour un établissement de La Poste, la somme des 14 chiffres est un multiple de 5).`;
    }
  },
  rna: (problem: RnaProblem, shown: string, compact: string, type: string): string => {
    const head = `RNA ${shown}`;
    switch (problem) {
      case 'not-text':
        return `RNA : un numéro RNA s’écrit W suivi de 9 chiffres (reçu : ${TYPE_NAMES[type] ?? type}).`;
      case 'prefix':
        return /^\d{9}$/.test(compact)
          ? `${head} : un numéro RNA commence par la lettre W (W${compact} ?).`
          : `${head} : un numéro RNA s’écrit W suivi de 9 chiffres (W133000017).`;
      case 'characters':
        return `${head} : après le W, un numéro RNA ne contient que des chiffres ; ${q(firstBadChar(compact.slice(1)))} n’en est pas un.`;
      case 'length':
        return `${head} : W suivi de 9 chiffres attendu, ${plural(compact.length - 1, 'chiffre')} reçu${compact.length - 1 > 1 ? 's' : ''}.`;
      case 'placeholder':
        return `${head} : ce n’est pas un numéro attribué ; indiquez le vrai numéro RNA ou laissez le champ vide.`;
    }
  },
  missingAssociation: () =>
    'Le bénéficiaire est une association sans SIRET ni numéro RNA : renseignez l’un des deux (le RNA figure sur le récépissé de la préfecture ; le SIRET est nécessaire au paiement et aux données essentielles).',
  missingCompany: (hasRna: boolean) =>
    `Le bénéficiaire est une entreprise sans SIRET : renseignez-le (14 chiffres, sur son extrait Kbis ou l’annuaire des entreprises).${hasRna ? ' Le numéro RNA est celui des associations.' : ''}`,
  kindMismatch: (name: string, said: 'company' | 'association', marker: string, kindAbsent: boolean) => {
    const kind = kindAbsent ? 'la nature du bénéficiaire n’est pas renseignée (association par défaut)' : `la nature du bénéficiaire est ${q(said === 'company' ? 'association' : 'entreprise')}`;
    const says = said === 'company' ? `désigne une société (${marker})` : `désigne une association (${q(marker)})`;
    return `Le nom ${q(name)} ${says}, mais ${kind} : vérifiez-la, elle décide de l’identifiant attendu (RNA ou SIRET) et des clauses de la convention.`;
  },
  imputationNotCode: (part: 'chapitre' | 'nature' | 'fonction', code: string) =>
    `Imputation : ${part === 'nature' ? 'la nature' : part === 'fonction' ? 'la fonction' : 'le chapitre'} ${q(code)} n’est pas un code de la nomenclature M57 (des chiffres seulement, par exemple ${part === 'chapitre' ? '65' : part === 'nature' ? '6574' : '90'}).`,
  imputationChapitreNotSubsidy: (chapitre: string) =>
    `Imputation : le chapitre ${chapitre} ne porte pas de subvention en M57 ; une subvention de fonctionnement s’impute au chapitre 65 (nature 6574 pour un organisme privé), une subvention d’investissement au chapitre 204 (natures 2042x).`,
  imputationNatureOutsideChapitre: (nature: string, chapitre: string) =>
    `Imputation : la nature ${nature} n’appartient pas au chapitre ${chapitre} (les natures du chapitre ${chapitre} commencent par ${chapitre}) ; l’un des deux est faux.`,
  imputationSectionMismatch: (kind: 'fonctionnement' | 'investissement', field: 'chapitre' | 'nature', code: string) =>
    `Imputation : une subvention ${kind === 'fonctionnement' ? 'de fonctionnement' : 'd’investissement'} s’impute ${SECTION_CHAPITRE[kind]}, or ${field === 'chapitre' ? 'le chapitre' : 'la nature'} ${code} relève de la section ${kind === 'fonctionnement' ? 'd’investissement' : 'de fonctionnement'} : la nature de la subvention ou l’imputation est à corriger.`,
  imputationBodyMismatch: (nature: string, natureForPrivate: boolean, section: 'fonctionnement' | 'investissement' | null) => {
    const other = section === 'investissement' ? (natureForPrivate ? '2041x' : '2042x') : natureForPrivate ? '6573x' : '6574';
    return natureForPrivate
      ? `Imputation : la nature ${nature} est celle des subventions aux personnes de droit privé, or le bénéficiaire est un organisme public (nature ${other} attendue).`
      : `Imputation : la nature ${nature} est celle des subventions aux organismes publics, or le bénéficiaire est un organisme privé (nature ${other} attendue).`;
  },
};
