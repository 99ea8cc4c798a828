import { Dec } from './decimal';
import type { ProrationMethod } from './proration';
import type { Spacing } from './format';
import type { Spelling } from './words';
import { checkSiret } from './identity';
import { identityMessages } from './messages/identity';

/**
 * The authority's settings (CONTRACT.md `--settings FILE`, the sidebar's settings panel).
 * Amounts are decimal strings so that settings cross JSON and google.script.run intact.
 */
export interface Settings {
  /** Convention threshold (loi 2000-321 art. 10, décret 2001-495): 23 000 € by default. */
  conventionThreshold: string;
  /** The authority's own cap on the rate, as a fraction (0.8 = 80 %). */
  rateCap: string;
  prorationMethod: ProrationMethod;
  spacing: Spacing;
  spelling: Spelling;
  /** Google Doc id or URL of the report template (Sheets), or a .docx path (local). */
  template?: string;
  /** The session summary's template: a .docx path (local); in Sheets, « Créer le modèle de récapitulatif » names it. */
  summaryTemplate?: string;
  /** The convention's template: a Google Doc (Sheets) or a .docx path (local); the default convention when absent. */
  conventionTemplate?: string;
  /** Drive folder id for generated reports (Sheets), or a directory (local). */
  outputFolder?: string;
  /** The authority's SIRET, for open data. */
  authoritySiret?: string;
  authorityName?: string;
  /**
   * Also warn about a private body known by no number (IDENTIFIER_MISSING) and a name that
   * contradicts the kind (BENEFICIARY_KIND_MISMATCH). Off by default: the shared contract's
   * `check` output holds no such finding for a dossier that says nothing of its identity.
   */
  identityWarnings?: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  conventionThreshold: '23000',
  rateCap: '0.8',
  prorationMethod: 'months',
  spacing: 'narrow',
  spelling: 'traditional',
});

const KNOWN_KEYS = ['conventionThreshold', 'rateCap', 'prorationMethod', 'spacing', 'spelling', 'template', 'outputFolder', 'authoritySiret', 'authorityName', 'summaryTemplate', 'identityWarnings', 'conventionTemplate'] as const;

/**
 * Merges user settings over the defaults, refusing values that would silently change a
 * check (a threshold that is not a number, an unknown method).
 */
export function resolveSettings(input: unknown): { settings: Settings; errors: string[] } {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const errors: string[] = [];
  if (input === undefined || input === null) return { settings, errors };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { settings, errors: ['Les paramètres doivent être un objet JSON ({"conventionThreshold": 23000, …}).'] };
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) errors.push(`Paramètre inconnu « ${key} » (paramètres reconnus : ${KNOWN_KEYS.join(', ')}).`);
  }
  const positive = (key: 'conventionThreshold' | 'rateCap', label: string) => {
    const v = raw[key];
    if (v === undefined || v === '') return;
    const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().replace(',', '.') : '';
    let d: Dec | null = null;
    try {
      d = /^\d+(\.\d+)?$/.test(text) ? new Dec(text) : null;
    } catch {
      d = null;
    }
    if (!d || d.isNegative()) errors.push(`Le paramètre « ${label} » doit être un nombre positif (reçu : ${JSON.stringify(v)}).`);
    else settings[key] = d.toString();
  };
  positive('conventionThreshold', 'seuil de convention');
  positive('rateCap', 'plafond du taux');
  if (raw.rateCap !== undefined && new Dec(settings.rateCap).greaterThan(1) && errors.length === 0) {
    // People type 80 for 80 %: a cap above 100 % would disable the check, so read it as a percentage.
    settings.rateCap = new Dec(settings.rateCap).dividedBy(100).toString();
  }
  const pick = <K extends 'prorationMethod' | 'spacing' | 'spelling'>(key: K, allowed: readonly Settings[K][], label: string) => {
    const v = raw[key];
    if (v === undefined || v === '') return;
    if ((allowed as readonly unknown[]).includes(v)) settings[key] = v as Settings[K];
    else errors.push(`Le paramètre « ${label} » vaut ${JSON.stringify(v)} ; valeurs possibles : ${allowed.join(', ')}.`);
  };
  pick('prorationMethod', ['months', 'days', '30/360'], 'méthode de proratisation');
  pick('spacing', ['narrow', 'nbsp'], 'espacement des milliers');
  pick('spelling', ['traditional', '1990'], 'orthographe des montants en lettres');
  for (const key of ['template', 'outputFolder', 'authoritySiret', 'authorityName', 'summaryTemplate', 'conventionTemplate'] as const) {
    const v = raw[key];
    if (v === undefined) continue;
    if (typeof v === 'string') settings[key] = v;
    else errors.push(`Le paramètre « ${key} » doit être un texte.`);
  }
  // The authority's own SIRET goes into every open-data row (idAttribuant) and the
  // convention's parties: a wrong key is refused here, as AUTHORITY_SIRET_INVALID is an
  // error in a dossier. The value stays in the settings so that later steps name it too.
  const authority = settings.authoritySiret;
  if (authority !== undefined && authority.trim() !== '') {
    const r = authoritySiretError(authority);
    if (r) errors.push(`Le paramètre « authoritySiret » est invalide : ${r}`);
  }
  if (raw.identityWarnings !== undefined && raw.identityWarnings !== '') {
    // The workbook's « Paramètres » sheet stores it as text.
    const v = raw.identityWarnings;
    if (v === true || v === 'true' || v === 'oui') settings.identityWarnings = true;
    else if (v === false || v === 'false' || v === 'non') settings.identityWarnings = false;
    else errors.push(`Le paramètre « identityWarnings » vaut ${JSON.stringify(v)} ; valeurs possibles : true, false.`);
  }
  return { settings, errors };
}

/**
 * What is wrong with the authority's SIRET, in French (the identity module's message, as for
 * a dossier's AUTHORITY_SIRET_INVALID), or null when it passes its checks.
 * `authoritySiretError("73282932000075")` → « SIRET de la collectivité 73282932000075 : clé de contrôle invalide ; … ».
 */
export function authoritySiretError(value: unknown): string | null {
  const r = checkSiret(value);
  return r.ok ? null : identityMessages.siret('authoritySiret', r.problem, r.shown, r.compact, r.fromNumber, typeof value);
}
