/**
 * A council session: the dossiers it gathers (by their « Séance » field) and its summary
 * table (beneficiary, subject, amount, rate, co-financers, convention; totals), as template
 * data for the summary template. Pure: figures come from `checkDossier`, never recomputed.
 */
import type { DossierCheck } from './checks';
import type { DossierInput } from './dossier';
import { Dec } from './decimal';
import { formatAmount, formatRate } from './format';
import { formatDate, parseFrenchDate } from './calendar';
import { normalizeName } from './names';
import { canonicalJson, sha256Hex } from './report-hash';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import type { FieldSpec } from './template/check';
import type { TemplateData } from './template/render';
import { summaryFieldDescriptions as D, summaryText as T } from './messages/session';

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());

/** The session a dossier belongs to, as typed (trimmed), or "" when it has none. */
export function sessionOf(dossier: DossierInput): string {
  return text(dossier.session);
}

/** Two session names are the same when case, accents and spacing aside they match. */
export function sameSession(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

export interface SessionInfo {
  name: string;
  count: number;
  /** "YYYY-MM-DD" of the first dossier that gives one, else "". */
  date: string;
}

/**
 * The sessions of a list of dossiers, in order of first appearance:
 * `listSessions(dossiers)` → [{name: 'Conseil … du 28 juin 2018', count: 4, date: '2018-06-28'}, …].
 */
export function listSessions(dossiers: readonly DossierInput[]): SessionInfo[] {
  const out: SessionInfo[] = [];
  for (const d of dossiers) {
    const name = sessionOf(d);
    if (!name) continue;
    const found = out.find((s) => sameSession(s.name, name));
    if (found) {
      found.count++;
      if (!found.date) found.date = text(d.sessionDate);
    } else out.push({ name, count: 1, date: text(d.sessionDate) });
  }
  return out;
}

/** The indexes of the dossiers of one session, in their order. */
export function sessionIndexes(dossiers: readonly DossierInput[], session: string): number[] {
  const out: number[] = [];
  dossiers.forEach((d, i) => {
    if (sessionOf(d) && sameSession(sessionOf(d), session)) out.push(i);
  });
  return out;
}

const item = (name: keyof typeof D): FieldSpec & { description: string } => ({ name, kind: 'text', description: D[name] });

/** Every field a summary template may use; the template check reads it. */
export const SUMMARY_FIELD_DOCS: readonly (FieldSpec & { description: string })[] = [
  item('seance'),
  item('date_seance'),
  item('collectivite'),
  item('date_recapitulatif'),
  item('nombre_dossiers'),
  item('total_montant'),
  item('total_cofinancements'),
  item('nombre_conventions'),
  { ...item('total_incomplet'), kind: 'flag' },
  {
    ...item('dossiers'),
    kind: 'list',
    items: [item('identifiant'), item('beneficiaire'), item('objet'), item('montant'), item('taux'), item('cofinanceurs'), item('convention_requise')],
  },
];

export interface SummaryEntry {
  /** The dossier's id, or its reference ("#12") when it has none. */
  id: string;
  dossier: DossierInput;
  check: DossierCheck;
}

const dateText = (v: unknown): string => {
  const r = parseFrenchDate(text(v));
  return r.ok ? formatDate(r.value) : text(v);
};

/**
 * The summary's data: one row per dossier, in the order given, and totals summed as
 * decimals. `summaryFields('Conseil du 28 juin 2018', entries, settings, {todayIso})` →
 * `{ seance: …, dossiers: [{beneficiaire: 'association Medinsoft', montant: '47 500 €', …}], total_montant: '…' }`.
 */
export function summaryFields(session: string, entries: readonly SummaryEntry[], settings: Settings = DEFAULT_SETTINGS, opts: { todayIso?: string } = {}): TemplateData {
  const spacing = settings.spacing;
  const money = (d: Dec | null) => (d ? formatAmount(d, { spacing }) : T.missing);
  let total = new Dec(0);
  let cofinancing = new Dec(0);
  let incomplete = false;
  let conventions = 0;
  const rows = entries.map(({ id, dossier, check }) => {
    const f = check.figures;
    if (f.subsidy) total = total.plus(f.subsidy);
    else incomplete = true;
    for (const c of f.cofinancers) if (c.amount) cofinancing = cofinancing.plus(c.amount);
    // The year's total per beneficiary counts as well as the dossier alone (CONVENTION_REQUIRED_CUMULATED).
    const cumulated = check.findings.some((x) => x.code === 'CONVENTION_REQUIRED_CUMULATED');
    const required = f.conventionRequired === true || cumulated;
    if (required) conventions++;
    return {
      identifiant: id,
      beneficiaire: text(dossier.beneficiary) || T.missing,
      objet: text(dossier.subject),
      montant: money(f.subsidy),
      taux: f.rate ? formatRate(f.rate, { spacing }) : T.missing,
      cofinanceurs: f.cofinancers.length ? f.cofinancers.map((c) => T.cofinancer(c.name, money(c.amount))).join(T.cofinancerSeparator) : T.noCofinancer,
      // An unreadable subsidy of the same body's year leaves the yearly total, so the rule, unknown.
      convention_requise: required ? T.yes : f.conventionRequired === false && !check.findings.some((x) => x.code === 'CONVENTION_CUMULATED_UNKNOWN') ? T.no : T.unknown,
    };
  });
  const first = entries.find((e) => text(e.dossier.sessionDate))?.dossier;
  const authority = entries.map((e) => text(e.dossier.authority)).find(Boolean) ?? '';
  return {
    seance: session,
    date_seance: first ? dateText(first.sessionDate) : '',
    collectivite: authority,
    date_recapitulatif: opts.todayIso ? dateText(opts.todayIso) : '',
    nombre_dossiers: String(entries.length),
    total_montant: formatAmount(total, { spacing }) + (incomplete ? T.incomplete : ''),
    total_cofinancements: formatAmount(cofinancing, { spacing }),
    nombre_conventions: String(conventions),
    total_incomplet: incomplete,
    dossiers: rows,
  };
}

/**
 * The data hash of a summary: its session, every dossier's data in order and the template.
 * The same session with the same data gives the same hash, so an up-to-date summary is kept.
 */
export function summaryDataHash(session: string, dossiers: readonly DossierInput[], templateId: string): string {
  return sha256Hex(`${canonicalJson({ session, dossiers })}\n${templateId}`);
}

/** The key a session's summary is filed under (Drive appProperties): stable, short, no spaces. */
export function summaryKey(session: string): string {
  return `seance-${sha256Hex(normalizeName(session)).slice(0, 16)}`;
}
