/**
 * The budget imputation of a subsidy (chapitre / nature / fonction) against the M57
 * nomenclature. Pure; messages in messages/identity.ts. Every finding is a warning: an
 * authority may have reasons (a « subvention exceptionnelle », an account opened by its
 * own nomenclature) the rules below do not know, and the figures are right either way.
 *
 * What the rules rest on (M57 plan de comptes, collectivites-locales.gouv.fr « Le
 * référentiel budgétaire et comptable M57 »; the same accounts as M14 for subsidies, see
 * « Différentes manières de soutenir financièrement les associations », La Lettre du maire,
 * and Légibase « Compte 6574 »):
 * - an operating subsidy (« fonctionnement ») to an association or another private body is
 *   charged to chapitre 65 « Autres charges de gestion courante », nature 6574
 *   « Subventions de fonctionnement aux associations et autres personnes de droit privé »
 *   (its subdivisions 6574x included); to a public body, natures 6573x;
 * - an exceptional operating subsidy to a private body: chapitre 67, nature 6745;
 * - an investment subsidy (« subvention d'équipement ») is charged to chapitre 204
 *   « Subventions d'équipement versées »: natures 2042x for private bodies (20421 « Biens
 *   mobiliers, matériel et études », 20422 « Bâtiments et installations », …), 2041x for
 *   public bodies;
 * - a nature belongs to its chapitre: the chapitre's digits begin the nature's (65 → 6574,
 *   204 → 20422).
 */
import type { DossierInput } from './dossier';
import type { Finding } from './findings';
import { identityMessages as M } from './messages/identity';

export type Section = 'fonctionnement' | 'investissement';

/** The chapitres a subsidy is charged to, and the section each belongs to. */
export const SUBSIDY_CHAPITRES: Readonly<Record<string, Section>> = { '65': 'fonctionnement', '67': 'fonctionnement', '204': 'investissement' };

type Body = 'private' | 'public';
/** Nature prefixes that name the kind of body the subsidy goes to. */
const NATURE_BODY: readonly [prefix: string, body: Body][] = [
  ['6574', 'private'],
  ['6745', 'private'],
  ['2042', 'private'],
  ['6573', 'public'],
  ['2041', 'public'],
];

const CODE = /^\d{1,6}$/;

/** A code as typed: text or a number cell, spaces removed; null when absent. */
function codeOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  if (typeof value !== 'string') return JSON.stringify(value);
  const t = value.replace(/[\s\u00a0\u202f]/g, '');
  return t === '' ? null : t;
}

const sectionOfNature = (nature: string): Section | null => (nature.startsWith('6') ? 'fonctionnement' : nature.startsWith('2') ? 'investissement' : null);

/**
 * The imputation's findings: codes that are not M57 codes, a nature outside its chapitre,
 * a chapitre that carries no subsidy, a section that contradicts `subsidyKind`, a nature
 * meant for the other kind of body. `imputationFindings({ subsidyKind: "investissement",
 * imputation: { chapitre: "65", nature: "6574" } })[0].code` → "IMPUTATION_MISMATCH".
 */
export function imputationFindings(dossier: DossierInput): Finding[] {
  const raw = dossier.imputation;
  if (!raw || typeof raw !== 'object') return [];
  const findings: Finding[] = [];
  const warn = (field: string, message: string, extra: { expected?: string; actual?: string } = {}) =>
    findings.push({ code: 'IMPUTATION_MISMATCH', severity: 'warning', field: `imputation.${field}`, message, ...extra });

  const codes: Record<'chapitre' | 'nature' | 'fonction', string | null> = { chapitre: null, nature: null, fonction: null };
  for (const part of ['chapitre', 'nature', 'fonction'] as const) {
    const code = codeOf((raw as Record<string, unknown>)[part]);
    if (code === null) continue;
    if (CODE.test(code)) codes[part] = code;
    else warn(part, M.imputationNotCode(part, code), { actual: code });
  }
  const { chapitre, nature } = codes;

  const chapitreSection = chapitre !== null ? SUBSIDY_CHAPITRES[chapitre] ?? null : null;
  if (chapitre !== null && chapitreSection === null) warn('chapitre', M.imputationChapitreNotSubsidy(chapitre), { actual: chapitre });
  if (chapitre !== null && chapitreSection !== null && nature !== null && !nature.startsWith(chapitre)) {
    warn('nature', M.imputationNatureOutsideChapitre(nature, chapitre), { actual: nature });
    return findings; // which of the two is wrong cannot be told: the other rules would guess
  }

  // The section the imputation says, from the chapitre, else from the nature.
  const section = chapitreSection ?? (nature !== null ? sectionOfNature(nature) : null);
  const kind = dossier.subsidyKind;
  if (section !== null && (kind === 'fonctionnement' || kind === 'investissement') && section !== kind) {
    const field = chapitreSection !== null ? 'chapitre' : 'nature';
    warn(field, M.imputationSectionMismatch(kind, field, field === 'chapitre' ? chapitre! : nature!), { expected: kind, actual: section });
  }

  const beneficiaryKind = dossier.beneficiaryKind ?? 'association';
  const body: Body | null = beneficiaryKind === 'public' ? 'public' : beneficiaryKind === 'association' || beneficiaryKind === 'company' ? 'private' : null;
  const natureBody = nature !== null ? NATURE_BODY.find(([prefix]) => nature.startsWith(prefix))?.[1] ?? null : null;
  if (body !== null && natureBody !== null && natureBody !== body) warn('nature', M.imputationBodyMismatch(nature!, natureBody === 'private', section ?? sectionOfNature(nature!)), { actual: nature! });
  return findings;
}
