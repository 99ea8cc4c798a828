/**
 * The beneficiary's and the authority's identity, as a legal officer checks it: the SIRET
 * and the SIREN inside it, the RNA number of an association, an association or company
 * known by no number at all, and a legal kind the name contradicts. Pure; every message in
 * messages/identity.ts. The open-data export and the grouping by beneficiary read the
 * identifiers through `normalizeSiret` / `normalizeRna`, so they agree with these checks.
 *
 * What the rules rest on:
 * - SIRET = SIREN (9 digits) + NIC (5 digits); both the 14 digits and the first 9 carry a
 *   Luhn key (INSEE). La Poste's establishments share the SIREN 356000000 and their NIC
 *   does not follow Luhn: the sum of the 14 digits is a multiple of 5 instead, except the
 *   head office 35600000000048, which follows Luhn (python-stdnum `fr.siret`, the check
 *   `french-siret-value` of the SCDL schemas).
 * - RNA = « W » followed by 9 digits (associations.gouv.fr, « Le RNA » ; the SCDL
 *   « Subventions » pattern ^W\d{9}$). Associations of Alsace-Moselle have none (local law),
 *   hence only a warning when an association has neither a SIRET nor an RNA.
 *
 * What people type, and what is accepted (decided here, tested in identity.test.ts):
 * spaces of any kind (U+0020, U+00A0, U+202F, tabs) and dots between groups of digits are
 * dropped ("732 829 320 00074", "732.829.320.00074"); the RNA's « w » may be lower case
 * ("w133000017" → "W133000017"). A number (a spreadsheet cell, JSON) is read as its digits,
 * and a SIRET one digit short says that a leading zero was probably lost. Nothing else is
 * corrected: a letter, a hyphen or a missing digit is reported, never guessed.
 */
import type { DossierInput } from './dossier';
import type { Finding } from './findings';
import { identityMessages as M } from './messages/identity';

const SEPARATORS = /[\s\u00a0\u202f.]/g;
const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE = '35600000000048';

export type SiretProblem = 'not-text' | 'characters' | 'length' | 'placeholder' | 'siren-key' | 'siret-key' | 'la-poste-key';
export type RnaProblem = 'not-text' | 'prefix' | 'characters' | 'length' | 'placeholder';

export type IdentifierCheck<P> =
  /** `value`: the identifier as it is published (digits only, « W » upper case). */
  | { ok: true; value: string }
  /** `shown`: what was typed, trimmed, for the message; `compact`: without separators. */
  | { ok: false; problem: P; shown: string; compact: string; fromNumber: boolean };

/** The Luhn key over a string of digits: `luhnValid("732829320")` → true. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Text as typed, a number as its digits (no exponent), anything else null. */
function asText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  // String() writes every integer below 1e21 with all its digits, no exponent.
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** A SIREN alone: 9 digits and its Luhn key. `isValidSiren("732829320")` → true. */
export function isValidSiren(digits: string): boolean {
  return /^\d{9}$/.test(digits) && digits !== '000000000' && luhnValid(digits);
}

/**
 * Reads and checks a SIRET. `checkSiret("732 829 320 00074")` → { ok: true, value: "73282932000074" };
 * `checkSiret("73282932000075")` → { ok: false, problem: "siret-key", … }.
 */
export function checkSiret(value: unknown): IdentifierCheck<SiretProblem> {
  const text = asText(value);
  const fromNumber = typeof value === 'number';
  if (text === null) return { ok: false, problem: 'not-text', shown: '', compact: '', fromNumber };
  const compact = text.replace(SEPARATORS, '');
  const bad = (problem: SiretProblem) => ({ ok: false as const, problem, shown: text, compact, fromNumber });
  if (!/^\d*$/.test(compact)) return bad('characters');
  if (compact.length !== 14) return bad('length');
  if (/^0+$/.test(compact)) return bad('placeholder');
  if (compact.startsWith(LA_POSTE_SIREN) && compact !== LA_POSTE_HEAD_OFFICE) {
    const sum = [...compact].reduce((s, d) => s + Number(d), 0);
    return sum % 5 === 0 ? { ok: true, value: compact } : bad('la-poste-key');
  }
  if (!luhnValid(compact.slice(0, 9))) return bad('siren-key');
  if (!luhnValid(compact)) return bad('siret-key');
  return { ok: true, value: compact };
}

/** 14 digits, the SIREN's key and the SIRET's key (La Poste's rule for its establishments). */
export function isValidSiret(value: unknown): boolean {
  return checkSiret(value).ok;
}

/** The SIRET as published (14 digits, no space), or null when it does not pass its checks. */
export function normalizeSiret(value: unknown): string | null {
  const r = checkSiret(value);
  return r.ok ? r.value : null;
}

/** Reads and checks an RNA number. `checkRna(" w133 000 017")` → { ok: true, value: "W133000017" }. */
export function checkRna(value: unknown): IdentifierCheck<RnaProblem> {
  const fromNumber = typeof value === 'number';
  const text = asText(value);
  if (text === null) return { ok: false, problem: 'not-text', shown: '', compact: '', fromNumber };
  const compact = text.replace(SEPARATORS, '').toUpperCase();
  const bad = (problem: RnaProblem) => ({ ok: false as const, problem, shown: text, compact, fromNumber });
  if (!compact.startsWith('W')) return bad('prefix');
  const rest = compact.slice(1);
  if (!/^\d*$/.test(rest)) return bad('characters');
  if (rest.length !== 9) return bad('length');
  if (/^0+$/.test(rest)) return bad('placeholder');
  return { ok: true, value: compact };
}

/** The RNA number as published ("W" and 9 digits), or null when it is not one. */
export function normalizeRna(value: unknown): string | null {
  const r = checkRna(value);
  return r.ok ? r.value : null;
}

// ---------------------------------------------------------------------------------------
// The legal kind a name says. Only legal-form acronyms and phrases count: « Société nautique
// de Marseille » or « Club … » are associations as often as not, so « société » alone says
// nothing. « SA » and « SAS » count in capitals only (« sa », « sas » are French words).

const COMPANY_ANY_CASE = new Set(['sarl', 'eurl', 'sasu', 'selarl', 'selas', 'selafa', 'scop', 'scic', 'snc', 'sci', 'sca']);
const COMPANY_CAPITALS = new Set(['SA', 'SAS']);
const COMPANY_PHRASES = /\b(societe anonyme|societe par actions simplifiee|societe a responsabilite limitee|entreprise unipersonnelle|societe cooperative( ouvriere)? de production|societe en nom collectif)\b/;
const ASSOCIATION_WORDS = new Set(['association', 'associations', 'asso', 'assoc']);

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * What a beneficiary's name says of its legal kind, and the word that says it.
 * `kindFromName("Provence Robotique SAS")` → { kind: "company", marker: "SAS" };
 * `kindFromName("Club nautique")` → null.
 */
export function kindFromName(name: unknown): { kind: 'company' | 'association'; marker: string } | null {
  if (typeof name !== 'string') return null;
  // « S.A.R.L. » and « S.A. » are the acronyms with dots.
  const collapsed = name.replace(/\b(?:\p{L}\.){2,}/gu, (m) => m.replace(/\./g, ''));
  const tokens = collapsed.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
  const company = tokens.find((t) => COMPANY_CAPITALS.has(t) || COMPANY_ANY_CASE.has(fold(t))) ?? COMPANY_PHRASES.exec(fold(collapsed).replace(/[^a-z0-9]+/g, ' '))?.[0];
  const association = tokens.find((t) => ASSOCIATION_WORDS.has(fold(t)));
  if (company && association) return null; // both: nothing reliable to say
  if (company) return { kind: 'company', marker: company };
  if (association) return { kind: 'association', marker: association };
  return null;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function siretFinding(field: 'siret' | 'authoritySiret', value: unknown): Finding | null {
  const r = checkSiret(value);
  if (r.ok) return null;
  const message = M.siret(field, r.problem, r.shown, r.compact, r.fromNumber, typeof value);
  const code = field === 'authoritySiret' ? 'AUTHORITY_SIRET_INVALID' : r.problem === 'siren-key' ? 'SIREN_INVALID' : 'SIRET_INVALID';
  return { code, severity: 'error', field, message, actual: r.shown || String(value) };
}

/**
 * The identity findings of one dossier: SIRET / SIREN / RNA keys and formats, the
 * authority's SIRET, a private body known by no number, a name that contradicts the kind.
 * `warnings: false` leaves out the two warnings a bare dossier would get (no number, a name
 * against the kind): the keys of the numbers given are always checked.
 * `identityFindings({ beneficiary: "X", siret: "73282932000075" })[0].code` → "SIRET_INVALID".
 */
export function identityFindings(dossier: DossierInput, opts: { warnings?: boolean } = { warnings: true }): Finding[] {
  const findings: Finding[] = [];
  const push = (f: Finding | null) => f && findings.push(f);
  if (!isBlank(dossier.siret)) push(siretFinding('siret', dossier.siret));
  if (!isBlank(dossier.authoritySiret)) push(siretFinding('authoritySiret', dossier.authoritySiret));
  if (!isBlank(dossier.rna)) {
    const r = checkRna(dossier.rna);
    if (!r.ok) findings.push({ code: 'RNA_INVALID', severity: 'error', field: 'rna', message: M.rna(r.problem, r.shown, r.compact, typeof dossier.rna), actual: r.shown || String(dossier.rna) });
  }

  // The kind as CONTRACT.md reads it: absent means association; an unknown value is FIELD_INVALID elsewhere.
  const rawKind = dossier.beneficiaryKind;
  const kind = isBlank(rawKind) ? 'association' : rawKind;
  if (!opts.warnings) return findings;
  if (kind === 'association' && isBlank(dossier.siret) && isBlank(dossier.rna)) findings.push({ code: 'IDENTIFIER_MISSING', severity: 'warning', field: 'siret', message: M.missingAssociation() });
  if (kind === 'company' && isBlank(dossier.siret)) findings.push({ code: 'IDENTIFIER_MISSING', severity: 'warning', field: 'siret', message: M.missingCompany(!isBlank(dossier.rna)) });

  const said = kindFromName(dossier.beneficiary);
  if (said && (kind === 'association' || kind === 'company') && said.kind !== kind) {
    findings.push({
      code: 'BENEFICIARY_KIND_MISMATCH',
      severity: 'warning',
      field: 'beneficiaryKind',
      message: M.kindMismatch(String(dossier.beneficiary).trim(), said.kind, said.marker, isBlank(rawKind)),
      expected: said.kind,
      actual: kind,
    });
  }
  return findings;
}
