/**
 * The sidebar's « Bénéficiaires » view and the context of the form's cumulative check: every
 * dossier of the « Dossiers » sheet, checked with the document's settings and grouped by
 * beneficiary and budget year (core/beneficiaries.ts says who counts as the same body).
 * Only plain data comes back: amounts as French text and as decimal strings.
 */
import { checkDossier } from '../core/checks';
import { centsString, Dec } from '../core/decimal';
import { formatAmount } from '../core/format';
import { beneficiaryMessages } from '../core/messages/beneficiaries';
import { resolveSettings, type Settings } from '../core/settings';
import { beneficiaryGroups, checkDossiers } from './check-dossiers';
import type { BeneficiaryContext } from './beneficiary-context';
import { readDossiers } from './dossier-table';
import type { DossierStore } from './ports/dossier-store';
import type { SettingsStore } from './ports/settings-store';

export interface BeneficiaryPorts {
  store: DossierStore;
  settings: SettingsStore;
}

export interface BeneficiaryRow {
  beneficiary: string;
  siren: string | null;
  rna: string | null;
  /** The budget year, null when no dossier of the group says which. */
  year: number | null;
  /** The ids of the dossiers of the group, in sheet order. */
  dossiers: string[];
  /** « 27 000,00 € » (the table's style: with cents). */
  total: string;
  /** "27000.00", for programs and tests. */
  totalCents: string;
  /** Some subsidy could not be read: the total is a lower bound. */
  incomplete: boolean;
  isPublic: boolean;
  conventionRequired: boolean;
  /** The readable total stays under the threshold but a subsidy cannot be read: the rule is undecided. */
  conventionUnknown: boolean;
  /** « oui », « non », « non (organisme public) », « impossible de dire » (a subsidy unreadable, the readable total under the threshold): the table's column, in French. */
  convention: string;
}

export interface BeneficiaryList {
  rows: BeneficiaryRow[];
  /** False until the « Dossiers » sheet exists. */
  ready: boolean;
  /** « 23 000 € »: the threshold the view applies (a setting). */
  threshold: string;
}

export function beneficiaryApi(ports: BeneficiaryPorts) {
  const settings = (): Settings => resolveSettings(ports.settings.read()).settings;
  const stored = () => {
    const tables = ports.store.read();
    return { ready: tables.dossiers !== null, dossiers: readDossiers(tables.dossiers, tables.cofinancers, ports.store.codec()) };
  };

  return {
    /** « Bénéficiaires »: one row per beneficiary and budget year, from every dossier of the sheet. */
    listBeneficiaries(): BeneficiaryList {
      const s = settings();
      const { ready, dossiers } = stored();
      const reports = checkDossiers(
        dossiers.map((d) => d.dossier),
        s,
      );
      const T = beneficiaryMessages.table;
      const rows = beneficiaryGroups(reports, s).map(
        (g): BeneficiaryRow => ({
          beneficiary: g.name,
          siren: g.siren,
          rna: g.rna,
          year: g.year,
          dossiers: g.members.map((m) => dossiers[m.index]!.ref),
          total: formatAmount(g.total, { spacing: s.spacing, decimals: 2 }),
          totalCents: centsString(g.total),
          incomplete: g.incomplete,
          isPublic: g.isPublic,
          conventionRequired: g.conventionRequired,
          conventionUnknown: g.conventionUnknown,
          convention: g.isPublic ? T.publicBody : g.conventionRequired ? T.yes : g.conventionUnknown ? T.unknown : T.no,
        }),
      );
      return { rows, ready, threshold: formatAmount(new Dec(s.conventionThreshold), { spacing: s.spacing }) };
    },

    /**
     * What the form needs to check the yearly total as you type: every dossier of the sheet
     * with the fields grouping reads and its checked subsidy. Asked once per loaded dossier.
     */
    beneficiaryContext(): BeneficiaryContext {
      const s = settings();
      return {
        dossiers: stored().dossiers.map((d) => {
          const subsidy = checkDossier(d.dossier, s).figures.subsidy;
          const { beneficiary, beneficiaryKind, siret, rna, budgetYear, period } = d.dossier;
          const picked = Object.fromEntries(Object.entries({ beneficiary, beneficiaryKind, siret, rna, budgetYear, period }).filter(([, v]) => v !== undefined && v !== null));
          return { ref: d.ref, id: d.ref, dossier: JSON.parse(JSON.stringify(picked)), subsidy: subsidy ? centsString(subsidy) : null };
        }),
      };
    },
  };
}
