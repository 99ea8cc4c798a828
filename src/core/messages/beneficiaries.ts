/** Every French message of the yearly totals per beneficiary, in one place (STYLE.md). */

const q = (text: string) => `« ${text} »`;

/**
 * "le dossier 2018-B (12 000 €)", "les dossiers 2018-B (12 000 €) et 2018-C (3 000 €)";
 * beyond the few named, the count of the rest: "les dossiers A (…), B (…), C (…) et 247 autres"
 * (the full list is the « Bénéficiaires » table's, once, not every finding's).
 */
function otherDossiers(others: readonly { id: string; amount: string }[], otherCount: number): string {
  const items = others.map((o) => `${o.id} (${o.amount})`);
  const rest = otherCount - items.length;
  if (rest > 0) return `les dossiers ${items.join(', ')} et ${rest} ${rest > 1 ? 'autres' : 'autre'}`;
  if (items.length === 1) return `le dossier ${items[0]}`;
  return `les dossiers ${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** "le dossier 2018-B", "les dossiers B et C", "les dossiers B, C, D et 2 autres". */
function dossierIds(ids: readonly string[], count: number): string {
  const rest = count - ids.length;
  if (rest > 0) return `les dossiers ${ids.join(', ')} et ${rest} ${rest > 1 ? 'autres' : 'autre'}`;
  if (ids.length === 1) return `le dossier ${ids[0]}`;
  return `les dossiers ${ids.slice(0, -1).join(', ')} et ${ids[ids.length - 1]}`;
}

export const beneficiaryMessages = {
  /**
   * CONVENTION_REQUIRED_CUMULATED, worded like CONVENTION_REQUIRED so that the two read as
   * one rule: the threshold of décret n° 2001-495 is the yearly amount given to one body.
   */
  conventionCumulated: (p: {
    subsidy: string;
    beneficiary: string;
    year: number;
    /** The first few other dossiers, named. */
    others: readonly { id: string; amount: string }[];
    /** How many other dossiers there are in all (defaults to the ones named). */
    otherCount?: number;
    total: string;
    threshold: string;
    convention: boolean | undefined;
  }) => {
    const head =
      `Cette subvention (${p.subsidy}) ne dépasse pas ${p.threshold} à elle seule, mais avec ${otherDossiers(p.others, p.otherCount ?? p.others.length)}, ` +
      `les ${(p.otherCount ?? p.others.length) > p.others.length ? `${(p.otherCount ?? 0) + 1} ` : ''}subventions de l’exercice ${p.year} à ${q(p.beneficiary)} totalisent ${p.total}`;
    if (p.convention === true) return `${head} : une convention est requise, et elle est bien prévue.`;
    const rule = 'une convention est obligatoire, le seuil portant sur le montant annuel attribué à un même organisme (décret n° 2001-495 du 6 juin 2001)';
    return p.convention === false ? `${head} : ${rule}, or le dossier indique qu’aucune n’est approuvée.` : `${head} : ${rule} ; indiquez si elle est approuvée.`;
  },
  /**
   * CONVENTION_CUMULATED_UNKNOWN: the readable subsidies of the year stay under the threshold,
   * but an unreadable one may carry the total over, so the rule cannot be decided.
   */
  conventionCumulatedUnknown: (p: {
    subsidy: string;
    beneficiary: string;
    year: number;
    /** The first few dossiers whose subsidy cannot be read, by id. */
    unreadable: readonly string[];
    /** How many there are in all. */
    unreadableCount: number;
    total: string;
    threshold: string;
    convention: boolean | undefined;
  }) => {
    const many = p.unreadableCount > 1;
    const head =
      `Impossible de dire si une convention est requise : cette subvention (${p.subsidy}) ne dépasse pas ${p.threshold} à elle seule, ` +
      `mais ${dossierIds(p.unreadable, p.unreadableCount)} de l’exercice ${p.year} à ${q(p.beneficiary)} ${many ? 'ont un montant' : 'a un montant'} de subvention illisible ou absent ; ` +
      `les subventions lisibles totalisent ${p.total}, et le total de l’exercice peut dépasser le seuil, qui porte sur le montant annuel attribué à un même organisme (décret n° 2001-495 du 6 juin 2001)`;
    if (p.convention === true) return `${head}. Une convention est de toute façon prévue.`;
    return `${head} : corrigez ${many ? 'ces montants' : 'ce montant'}${p.convention === false ? ', le dossier indiquant qu’aucune convention n’est approuvée' : ''}.`;
  },
  /** Column titles of the « Bénéficiaires » table (command line, sidebar). */
  table: {
    title: 'Bénéficiaires',
    beneficiary: 'Bénéficiaire',
    year: 'Exercice',
    count: 'Dossiers',
    total: 'Total',
    convention: 'Convention requise',
    unknownYear: 'inconnu',
    yes: 'oui',
    no: 'non',
    publicBody: 'non (organisme public)',
    incomplete: 'montant illisible',
    /** A group whose readable total stays under the threshold while a subsidy cannot be read. */
    unknown: 'impossible de dire',
  },
};
