/**
 * The fields of a report: every figure written the French way from the checked dossier
 * (never recomputed here: they come from `checkDossier`), every field of the dossier under
 * a French name, and the sentences councils write. `FIELD_DOCS` documents them; the
 * template check and the sidebar read it.
 */
import { checkDossier, type DossierCheck } from './checks';
import type { DossierInput } from './dossier';
import { formatAmount, formatMonths, formatRate } from './format';
import { amountInWords } from './words';
import { formatDate, formatPeriod, parseFrenchDate } from './calendar';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { Dec } from './decimal';
import type { FieldSpec } from './template/check';
import type { FieldValue, TemplateData } from './template/render';
import { fieldText } from './template/render';
import { fieldDescriptions as D, reportText as T } from './messages/report';
import { budgetYearOf, financialReportDeadline, isAssociation, paymentSchedule } from './convention';

export type ReportFieldName = keyof typeof D;

export interface FieldDoc extends FieldSpec {
  name: ReportFieldName;
  description: string;
  items?: readonly FieldDoc[];
}

const doc = (name: ReportFieldName, kind: FieldSpec['kind'] = 'text', items?: FieldDoc[]): FieldDoc => ({ name, kind, description: D[name], ...(items ? { items } : {}) });

/** Every field a template may use, in the order the sidebar shows them. */
export const FIELD_DOCS: readonly FieldDoc[] = [
  doc('beneficiaire'),
  doc('beneficiaire_le'),
  doc('objet'),
  doc('collectivite'),
  doc('collectivite_de'),
  doc('conseil'),
  doc('conseil_le'),
  doc('conseil_a'),
  doc('nature_acte'),
  doc('base_legale'),
  doc('base_legale_de'),
  doc('montant_subvention'),
  doc('montant_subvention_euros'),
  doc('montant_subvention_lettres'),
  doc('taux'),
  doc('budget_annuel'),
  doc('budget_proratise'),
  doc('base'),
  doc('periode'),
  doc('date_debut'),
  doc('date_fin'),
  doc('nb_mois'),
  doc('proratise', 'flag'),
  doc('cofinanceurs', 'list', [doc('nom'), doc('nom_article'), doc('montant'), doc('part'), doc('part_budget'), doc('fin')]),
  doc('cofinance', 'flag'),
  doc('total_cofinancements'),
  doc('liste_cofinanceurs'),
  doc('paragraphe_financier'),
  doc('convention_requise', 'flag'),
  doc('convention', 'flag'),
  doc('seuil_convention'),
  doc('contexte', 'list'),
  doc('actions', 'list'),
  doc('identifiant'),
  doc('nature_beneficiaire'),
  doc('siret'),
  doc('rna'),
  doc('seance'),
  doc('date_seance'),
  doc('numero_acte'),
  doc('rapporteur'),
  doc('exercice'),
  doc('nature_subvention'),
  doc('imputation'),
  doc('imputation_chapitre'),
  doc('imputation_nature'),
  doc('imputation_fonction'),
  doc('date_note'),
  doc('representant_beneficiaire'),
  doc('adresse_beneficiaire'),
  doc('representant_collectivite'),
  doc('siret_collectivite'),
  doc('association', 'flag'),
  doc('duree_convention'),
  doc('date_limite_compte_rendu'),
  doc('modalites_versement'),
  doc('versement_echelonne', 'flag'),
  doc('echeancier', 'list'),
  doc('echeancier_prevu', 'flag'),
  doc('dates_versement'),
  doc('date_convention'),
  doc('actions_prevues', 'flag'),
  doc('conseil_de'),
  doc('beneficiaire_debut'),
];

const FEMININE = ['loi', 'ordonnance', 'délibération', 'convention', 'métropole', 'région', 'ville', 'commune', 'communauté', 'collectivité', 'association', 'agence', 'chambre', 'fédération', 'société', 'université', 'caisse', 'direction', 'préfecture', 'mairie', 'banque', 'fondation', 'union', 'entreprise', 'délégation', 'mission'];
const MASCULINE = ['conseil', 'département', 'syndicat', 'groupement', 'centre', 'comité', 'pôle', 'office', 'établissement', 'fonds', 'ministère', 'territoire', 'décret', 'code', 'arrêté', 'règlement', 'article'];
const ARTICLE = /^(?:le|la|les|l['’]|un|une|des|du|au|aux)(?:\s|$)|^l['’]/i;

/**
 * The name with the article French puts before a body's name, when its first word says
 * which: `withArticle('Métropole Aix-Marseille-Provence', 'par')` → "la Métropole …",
 * `withArticle('Conseil de Territoire …', 'de')` → "du Conseil de Territoire …";
 * a name it cannot tell stays as written ("de Medinsoft").
 */
export function withArticle(name: string, preposition: 'de' | 'à' | 'par' | 'none'): string {
  const trimmed = name.trim();
  if (!trimmed) return trimmed;
  const prep = preposition === 'none' ? '' : `${preposition} `;
  // "de le" and "à le" contract: du, au, des, aux.
  const contract = (article: string) => {
    if (preposition === 'de' && article === 'le ') return 'du ';
    if (preposition === 'à' && article === 'le ') return 'au ';
    return `${prep}${article}`;
  };
  if (ARTICLE.test(trimmed)) {
    const m = /^(le\s|la\s|les\s|l['’])/i.exec(trimmed);
    if (!m || preposition === 'none' || preposition === 'par') return `${prep}${trimmed}`;
    const article = m[1]!.toLowerCase();
    const rest = trimmed.slice(m[1]!.length);
    if (article.startsWith('les')) return `${preposition === 'de' ? 'des' : 'aux'} ${rest}`;
    return `${contract(article.startsWith('le') ? 'le ' : article)}${rest}`;
  }
  const head = trimmed.split(/[\s'’-]/)[0]!.toLowerCase();
  const elided = /^[aeiouyéèêâîôûh]/i.test(head);
  if (FEMININE.includes(head)) return `${contract(elided ? "l'" : 'la ')}${trimmed}`;
  if (MASCULINE.includes(head) || head === 'état') return `${contract(elided || head === 'état' ? "l'" : 'le ')}${trimmed}`;
  return `${prep}${trimmed}`;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());
const lines = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(text).filter(Boolean);
  return text(v).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
};
const dateText = (v: unknown): string => {
  const raw = text(v);
  if (!raw) return '';
  const r = parseFrenchDate(raw);
  return r.ok ? formatDate(r.value) : raw;
};

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('fr-FR') + s.slice(1);

function joinFrench(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${T.and}${items[items.length - 1]}`;
}

export interface ReportFieldOptions {
  /** Today in the authority's zone, "YYYY-MM-DD" (from the Clock port), for {{date_note}}. */
  todayIso?: string;
}

/**
 * The values of every field for one checked dossier: `reportFields(dossier, checkDossier(dossier))`
 * → `{ montant_subvention: "47 500 €", taux: "23,75 %", periode: "du 1er janvier 2018 au 31 mars 2018", … }`.
 */
export function reportFields(dossier: DossierInput, check: DossierCheck, settings: Settings = DEFAULT_SETTINGS, opts: ReportFieldOptions = {}): TemplateData {
  const f = check.figures;
  const spacing = settings.spacing;
  const money = (d: Dec | null) => (d ? formatAmount(d, { spacing }) : T.missing);
  const euros = (d: Dec | null) => (d ? formatAmount(d, { spacing, unit: 'euros' }) : T.missing);
  const rate = (d: Dec | null) => (d ? formatRate(d, { spacing }) : T.missing);
  const thin = spacing === 'narrow' ? '\u202f' : '\u00a0';

  const authority = text(dossier.authority);
  const ofAuthority = authority ? withArticle(authority, 'de') : `de ${T.theAuthority}`;
  const period = f.period ? formatPeriod(f.period.start, f.period.end) : '';
  const year = text(dossier.budgetYear);

  const cofinancers = f.cofinancers.map((c, i, all) => ({
    nom: c.name,
    nom_article: withArticle(c.name, 'none'),
    montant: money(c.amount),
    part: c.shareOfSubsidy ? formatRate(c.shareOfSubsidy, { spacing }) : T.missing,
    part_budget: c.shareOfBase ? formatRate(c.shareOfBase, { spacing }) : T.missing,
    fin: i === all.length - 1 ? '.' : `${thin};`,
  }));

  let financial: string;
  if (!f.subsidy) financial = T.missing;
  else if (f.period && f.rate && f.proratedBudget && f.annualBudget && f.months)
    financial = T.financialWithPeriod({
      period,
      ofAuthority,
      subsidy: euros(f.subsidy),
      rate: rate(f.rate),
      year: year ? `${year} ` : '',
      months: formatMonths(f.months),
      prorated: money(f.proratedBudget),
      annual: euros(f.annualBudget),
    });
  else if (!f.period && f.rate && f.annualBudget) financial = T.financialAnnual({ ofAuthority, subsidy: euros(f.subsidy), rate: rate(f.rate), year: year ? `${year} ` : '', annual: money(f.annualBudget) });
  else financial = T.financialAmountOnly({ ofAuthority, subsidy: euros(f.subsidy) });

  const deadline = financialReportDeadline(budgetYearOf(dossier), f.period ? f.period.end : null);
  const schedule = paymentSchedule(dossier.paymentDates);
  const imputation = { chapitre: text(dossier.imputation?.chapitre), nature: text(dossier.imputation?.nature), fonction: text(dossier.imputation?.fonction) };
  const values: Record<ReportFieldName, FieldValue> = {
    identifiant: text(dossier.id),
    beneficiaire: text(dossier.beneficiary),
    beneficiaire_le: withArticle(text(dossier.beneficiary), 'none'),
    nature_beneficiaire: T.beneficiaryKinds[text(dossier.beneficiaryKind) || 'association'] ?? text(dossier.beneficiaryKind),
    siret: text(dossier.siret),
    rna: text(dossier.rna),
    objet: text(dossier.subject),
    collectivite: authority,
    collectivite_de: ofAuthority,
    conseil: text(dossier.council),
    conseil_le: withArticle(text(dossier.council) || T.theAssembly, 'none'),
    conseil_a: withArticle(text(dossier.council) || T.theAssembly, 'à'),
    nature_acte: text(dossier.actKind),
    base_legale: text(dossier.legalBasis),
    base_legale_de: withArticle(text(dossier.legalBasis), 'de'),
    contexte: lines(dossier.context),
    actions: lines(dossier.actions),
    seance: text(dossier.session),
    date_seance: dateText(dossier.sessionDate),
    numero_acte: text(dossier.actNumber),
    rapporteur: text(dossier.rapporteur),
    exercice: year,
    nature_subvention: text(dossier.subsidyKind),
    imputation: T.imputation(imputation),
    imputation_chapitre: imputation.chapitre,
    imputation_nature: imputation.nature,
    imputation_fonction: imputation.fonction,
    convention: dossier.convention === true,
    date_note: opts.todayIso ? dateText(opts.todayIso) : '',
    montant_subvention: money(f.subsidy),
    montant_subvention_euros: euros(f.subsidy),
    montant_subvention_lettres: f.subsidy ? amountInWords(f.subsidy, { spelling: settings.spelling }) : T.missing,
    taux: rate(f.rate),
    budget_annuel: money(f.annualBudget),
    budget_proratise: f.period ? money(f.proratedBudget) : '',
    base: money(f.base),
    periode: period,
    date_debut: f.period ? formatDate(f.period.start) : '',
    date_fin: f.period ? formatDate(f.period.end) : '',
    nb_mois: f.months ? formatMonths(f.months) : '',
    proratise: f.period !== null,
    cofinanceurs: cofinancers,
    cofinance: cofinancers.length > 0,
    total_cofinancements: f.cofinancers.length ? money(f.cofinancingTotal) : '',
    liste_cofinanceurs: joinFrench(cofinancers.map((c) => T.cofinancerLine(c.montant, c.nom_article))),
    paragraphe_financier: financial,
    convention_requise: f.conventionRequired === true,
    seuil_convention: formatAmount(new Dec(settings.conventionThreshold), { spacing }),
    // The convention's fields (src/core/template/default-convention-template.ts).
    representant_beneficiaire: text(dossier.beneficiaryRepresentative),
    adresse_beneficiaire: text(dossier.beneficiaryAddress),
    representant_collectivite: text(dossier.authorityRepresentative),
    siret_collectivite: text(dossier.authoritySiret),
    association: isAssociation(dossier),
    duree_convention: text(dossier.conventionDuration),
    date_limite_compte_rendu: deadline ? formatDate(deadline) : T.missing,
    modalites_versement: T.paymentTerms[text(dossier.paymentTerms)] ?? text(dossier.paymentTerms),
    versement_echelonne: /^[ée]chelonn[ée]$/i.test(text(dossier.paymentTerms)) || schedule.length > 1,
    echeancier: schedule,
    // A condition, not the list: a section over the list repeats its text once per date.
    echeancier_prevu: schedule.length > 0,
    // One sentence, whatever the number of dates: a list ended its last date with « ; ».
    dates_versement: joinFrench(schedule.map((d) => `le ${d}`)),
    date_convention: dateText(dossier.conventionDate),
    actions_prevues: lines(dossier.actions).length > 0,
    beneficiaire_debut: capitalise(withArticle(text(dossier.beneficiary), 'none')),
    conseil_de: withArticle(text(dossier.council) || T.theAssembly, 'de'),
    nom: '',
    nom_article: '',
    montant: '',
    part: '',
    part_budget: '',
    fin: '',
  };
  // Item fields exist only inside {{#cofinanceurs}}: keep them out of the top level.
  for (const k of ['nom', 'nom_article', 'montant', 'part', 'part_budget', 'fin'] as const) delete values[k];
  return values;
}

export interface FieldWithValue {
  name: string;
  description: string;
  /** The value as the report would print it; a list reads item by item. */
  value: string;
  items?: { name: string; description: string }[];
}

/** What the sidebar shows: `describeReportFields(dossier)` → [{name: 'taux', description: '…', value: '23,75 %'}, …]. */
export function describeReportFields(dossier: DossierInput, settings: Settings = DEFAULT_SETTINGS, opts: ReportFieldOptions = {}): FieldWithValue[] {
  const values = reportFields(dossier, checkDossier(dossier, settings), settings, opts);
  return FIELD_DOCS.map((d) => {
    const v = values[d.name];
    const value = Array.isArray(v)
      ? v.map((item) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? `${fieldText((item as Record<string, FieldValue>).montant)} — ${fieldText((item as Record<string, FieldValue>).nom)}` : fieldText(item))).join(' ; ')
      : fieldText(v);
    return { name: d.name, description: d.description, value, ...(d.items ? { items: d.items.map((i) => ({ name: i.name, description: i.description })) } : {}) };
  });
}
