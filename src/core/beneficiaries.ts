import { Dec, centsString } from './decimal';
import type { DossierInput } from './dossier';
import type { Finding } from './findings';
import { formatAmount } from './format';
import { parseFrenchDate } from './calendar';
import { normalizeName } from './names';
import { normalizeRna } from './identity';
import { beneficiaryMessages as M } from './messages/beneficiaries';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/**
 * Yearly totals per beneficiary and the cumulative convention rule.
 *
 * The threshold of loi n° 2000-321 art. 10 / décret n° 2001-495 art. 1 is the *annual*
 * amount given to one private body, so dossiers are grouped by body and budget year.
 *
 * Who is the same body (decided here, tested in beneficiaries.test.ts):
 * - the SIREN (the first 9 digits of the SIRET) identifies the legal body: two establishments
 *   of one association (two SIRETs, one SIREN) are one beneficiary;
 * - the RNA number identifies an association;
 * - otherwise the name, compared without case, accents, extra spaces, hyphens or apostrophe
 *   styles. A dossier known only by its name joins the dossiers of that name that carry a
 *   SIRET or an RNA, as long as those identifiers agree with one another; two different
 *   SIRENs (or RNAs) are never merged, and a name shared by two different identified bodies
 *   is ambiguous, so the dossiers known only by that name are kept apart from both rather
 *   than guessed into one.
 * - A malformed SIRET or RNA is not an identifier (the open-data export reports it).
 */

/** What the grouping needs of a checked dossier; `subsidy` is the checked amount, null when unreadable. */
export interface BeneficiaryInput {
  id: string;
  dossier: DossierInput;
  subsidy: Dec | null;
}

export interface BeneficiaryMember {
  /** Position in the list given to `groupByBeneficiary`. */
  index: number;
  id: string;
  subsidy: Dec | null;
}

export interface BeneficiaryGroup {
  /** The name shown: the first dossier's, as written. */
  name: string;
  siren: string | null;
  rna: string | null;
  /** The budget year, null when no dossier of the group says which it is. */
  year: number | null;
  members: BeneficiaryMember[];
  /** Sum of the readable subsidies. */
  total: Dec;
  /** Some subsidy of the group could not be read: the total is a lower bound. */
  incomplete: boolean;
  /** Every dossier of the group names a public body (no convention rule). */
  isPublic: boolean;
  /** The yearly total exceeds the threshold for a private body (false without a known year). */
  conventionRequired: boolean;
  /**
   * The readable part stays under the threshold but some subsidy of the group cannot be read:
   * whether the year's total exceeds it cannot be said (false without a known year).
   */
  conventionUnknown: boolean;
}

const SPACES = /[\s\u00a0\u202f.]/g;

/**
 * `sirenOf("123 456 789 00012")` → "123456789"; null when it is neither 14 nor 9 digits.
 * The key is not checked here: a SIRET one key off still names the same body for the
 * yearly total (identity.ts reports the key as SIRET_INVALID).
 */
export function sirenOf(siret: unknown): string | null {
  if (typeof siret !== 'string' && typeof siret !== 'number') return null;
  const digits = String(siret).replace(SPACES, '');
  return /^\d{14}$/.test(digits) || /^\d{9}$/.test(digits) ? digits.slice(0, 9) : null;
}

/** `rnaOf(" w380475558 ")` → "W380475558"; null unless W and nine digits (identity.ts's rule). */
export function rnaOf(rna: unknown): string | null {
  return typeof rna === 'string' ? normalizeRna(rna) : null;
}

/** The name as a grouping key: `beneficiaryNameKey("Les Petits-Débrouillards’")` = `beneficiaryNameKey("les petits debrouillards'")`. */
export function beneficiaryNameKey(name: unknown): string {
  if (typeof name !== 'string') return '';
  return normalizeName(name.replace(/[’ʼ‘`´]/g, "'").replace(/[-‐‑–—]/g, ' '));
}

/**
 * The budget year a dossier counts in: `budgetYear`, else the year its period starts
 * (a period across two years counts in the year it starts), else null.
 */
export function budgetYearOf(dossier: DossierInput): number | null {
  const raw = dossier.budgetYear;
  if (raw !== undefined && raw !== null && String(raw).trim() !== '') {
    const year = Number(raw);
    return Number.isInteger(year) && year >= 1900 && year <= 2200 ? year : null;
  }
  const start = dossier.period?.start;
  if (typeof start === 'string' && start.trim() !== '') {
    const parsed = parseFrenchDate(start);
    if (parsed.ok) return parsed.value.year;
  }
  return null;
}

/** Union-find over dossier positions, each set remembering its identifiers. */
class Bodies {
  private parent: number[];
  private sirens: Set<string>[];
  private rnas: Set<string>[];

  constructor(ids: { siren: string | null; rna: string | null }[]) {
    this.parent = ids.map((_, i) => i);
    this.sirens = ids.map((x) => new Set(x.siren ? [x.siren] : []));
    this.rnas = ids.map((x) => new Set(x.rna ? [x.rna] : []));
  }

  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }

  identified(i: number): boolean {
    const r = this.find(i);
    return this.sirens[r].size > 0 || this.rnas[r].size > 0;
  }

  /** Whether the sets of these positions, taken together, name at most one SIREN and one RNA. */
  compatible(items: readonly number[]): boolean {
    const roots = [...new Set(items.map((i) => this.find(i)))];
    const sirens = new Set(roots.flatMap((r) => [...this.sirens[r]]));
    const rnas = new Set(roots.flatMap((r) => [...this.rnas[r]]));
    return sirens.size <= 1 && rnas.size <= 1;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[drop] = keep;
    for (const s of this.sirens[drop]) this.sirens[keep].add(s);
    for (const s of this.rnas[drop]) this.rnas[keep].add(s);
  }

  siren(i: number): string | null {
    return [...this.sirens[this.find(i)]][0] ?? null;
  }

  rna(i: number): string | null {
    return [...this.rnas[this.find(i)]][0] ?? null;
  }
}

/**
 * Groups dossiers by beneficiary and budget year (rules at the top of this file), in the
 * order of their first dossier, years ascending and unknown years last.
 * `groupByBeneficiary([{id: 'A', dossier: {beneficiary: 'Asso', budgetYear: 2018}, subsidy: new Dec(15000)}, …])`
 */
export function groupByBeneficiary(items: readonly BeneficiaryInput[], settings: Settings = DEFAULT_SETTINGS): BeneficiaryGroup[] {
  const ids = items.map((it) => ({ siren: sirenOf(it.dossier.siret), rna: rnaOf(it.dossier.rna) }));
  const bodies = new Bodies(ids);
  const years = items.map((it) => budgetYearOf(it.dossier));

  const byKey = (key: (i: number) => string | null) => {
    const buckets = new Map<string, number[]>();
    items.forEach((_, i) => {
      const k = key(i);
      if (k === null || k === '') return;
      const full = `${years[i]}|${k}`;
      // Pushed in place: copying the bucket on every dossier made a big beneficiary quadratic.
      const bucket = buckets.get(full);
      if (bucket) bucket.push(i);
      else buckets.set(full, [i]);
    });
    return [...buckets.values()];
  };

  // Buckets are per year, so nothing merges across years. Identifiers first: they are
  // facts; names come last and never override them.
  for (const bucket of byKey((i) => ids[i].siren)) for (const i of bucket.slice(1)) bodies.union(bucket[0], i);
  for (const bucket of byKey((i) => ids[i].rna)) {
    for (const i of bucket.slice(1)) if (bodies.compatible([bucket[0], i])) bodies.union(bucket[0], i);
  }
  for (const bucket of byKey((i) => beneficiaryNameKey(items[i].dossier.beneficiary))) {
    const bare = bucket.filter((i) => !bodies.identified(i));
    for (const i of bare.slice(1)) bodies.union(bare[0], i);
    const identified = bucket.filter((i) => bodies.identified(i));
    if (identified.length > 0 && bodies.compatible(identified)) {
      for (const i of [...identified.slice(1), ...bare]) bodies.union(identified[0], i);
    }
  }

  const threshold = new Dec(settings.conventionThreshold);
  const groups = new Map<number, BeneficiaryGroup>();
  items.forEach((it, index) => {
    const root = bodies.find(index);
    let g = groups.get(root);
    if (!g) {
      g = {
        name: typeof it.dossier.beneficiary === 'string' ? it.dossier.beneficiary.trim() : '',
        siren: bodies.siren(index),
        rna: bodies.rna(index),
        year: years[index],
        members: [],
        total: new Dec(0),
        incomplete: false,
        isPublic: true,
        conventionRequired: false,
        conventionUnknown: false,
      };
      groups.set(root, g);
    }
    g.members.push({ index, id: it.id, subsidy: it.subsidy });
    if (it.subsidy) g.total = g.total.plus(it.subsidy);
    else g.incomplete = true;
    // A group mixing "public" with other kinds is treated as private: a missed convention
    // costs more than a question.
    if (it.dossier.beneficiaryKind !== 'public') g.isPublic = false;
  });
  for (const g of groups.values()) {
    g.conventionRequired = g.year !== null && !g.isPublic && g.total.greaterThan(threshold);
    // A known part above the threshold settles it (the total is at least that); under it, an
    // unreadable subsidy could carry the total over, so « not required » would be a guess.
    g.conventionUnknown = g.year !== null && !g.isPublic && !g.conventionRequired && g.incomplete;
  }

  return [...groups.values()].sort((a, b) => (a.year ?? Infinity) - (b.year ?? Infinity) || a.members[0].index - b.members[0].index);
}

/** How many of the other dossiers a cumulated finding names; the rest are counted. */
export const NAMED_OTHERS = 3;

/**
 * The cross-dossier convention findings, by dossier position, for the dossiers whose own
 * subsidy is readable and not above the threshold (a dossier above it already has
 * CONVENTION_REQUIRED; one whose subsidy cannot be read has AMOUNT_INVALID or FIELD_MISSING):
 * - CONVENTION_REQUIRED_CUMULATED when the group's yearly total exceeds the threshold;
 *   error when `convention` is false, warning when absent, info when true;
 * - CONVENTION_CUMULATED_UNKNOWN when the readable total does not but another subsidy of the
 *   group cannot be read, naming a few of those dossiers; warning, info when `convention` is true.
 * Public dossiers get neither. One pass per group: a few dossiers named, the rest counted.
 */
export function cumulativeConventionFindings(groups: readonly BeneficiaryGroup[], items: readonly BeneficiaryInput[], settings: Settings = DEFAULT_SETTINGS): Map<number, Finding[]> {
  const threshold = new Dec(settings.conventionThreshold);
  const money = (d: Dec) => formatAmount(d, { spacing: settings.spacing });
  const thresholdText = money(threshold);
  const result = new Map<number, Finding[]>();
  const add = (index: number, finding: Finding) => {
    const list = result.get(index);
    if (list) list.push(finding);
    else result.set(index, [finding]);
  };
  for (const g of groups) {
    if ((!g.conventionRequired && !g.conventionUnknown) || g.year === null) continue;
    // The unreadable dossiers, named once per group (at most NAMED_OTHERS) and counted.
    const unreadable: string[] = [];
    let unreadableCount = 0;
    if (g.conventionUnknown) {
      for (const o of g.members) {
        if (o.subsidy) continue;
        unreadableCount++;
        if (unreadable.length < NAMED_OTHERS) unreadable.push(o.id);
      }
    }
    for (const m of g.members) {
      const dossier = items[m.index].dossier;
      if (!m.subsidy || m.subsidy.greaterThan(threshold) || dossier.beneficiaryKind === 'public') continue;
      const convention = typeof dossier.convention === 'boolean' ? dossier.convention : undefined;
      if (g.conventionUnknown) {
        add(m.index, {
          code: 'CONVENTION_CUMULATED_UNKNOWN',
          severity: convention === true ? 'info' : 'warning',
          field: 'convention',
          message: M.conventionCumulatedUnknown({ subsidy: money(m.subsidy), beneficiary: g.name, year: g.year, unreadable, unreadableCount, total: money(g.total), threshold: thresholdText, convention }),
          actual: centsString(g.total),
        });
        continue;
      }
      // A few other dossiers named, the rest counted: listing them all in every dossier's
      // finding made the output grow with the square of a beneficiary's dossiers.
      const others: { id: string; amount: string }[] = [];
      for (const o of g.members) {
        if (others.length === NAMED_OTHERS) break;
        if (o !== m) others.push({ id: o.id, amount: o.subsidy ? money(o.subsidy) : M.table.incomplete });
      }
      add(m.index, {
        code: 'CONVENTION_REQUIRED_CUMULATED',
        severity: convention === true ? 'info' : convention === false ? 'error' : 'warning',
        field: 'convention',
        message: M.conventionCumulated({ subsidy: money(m.subsidy), beneficiary: g.name, year: g.year, others, otherCount: g.members.length - 1, total: money(g.total), threshold: thresholdText, convention }),
        actual: centsString(g.total),
      });
    }
  }
  return result;
}

/** Position of each dossier's group, for callers that look up a dossier's yearly total. */
export function groupOfEach(groups: readonly BeneficiaryGroup[], count: number): (BeneficiaryGroup | null)[] {
  const out: (BeneficiaryGroup | null)[] = new Array(count).fill(null);
  for (const g of groups) for (const m of g.members) out[m.index] = g;
  return out;
}
