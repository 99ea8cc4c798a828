/**
 * The cumulative convention rule while a dossier is being typed. The sidebar's form checks
 * locally on every keystroke; the other dossiers of the sheet come once, when the dossier is
 * loaded (`beneficiaryContext`), as the few fields grouping reads. The finding is then
 * computed in the client by the same core functions as `checkDossiers` on the server, so the
 * form and the command line cannot disagree. Pure: bundled into the sidebar.
 */
import { cumulativeConventionFindings, groupByBeneficiary, type BeneficiaryInput } from '../core/beneficiaries';
import { Dec } from '../core/decimal';
import type { DossierInput } from '../core/dossier';
import type { Finding } from '../core/findings';
import type { Settings } from '../core/settings';

/** Another dossier of the sheet, as much as grouping by beneficiary and year needs. Plain data. */
export interface ContextDossier {
  /** The sidebar's reference (its id, or "#<row>"): the form leaves out the dossier it shows. */
  ref: string;
  /** How messages name it. */
  id: string;
  dossier: Pick<DossierInput, 'beneficiary' | 'beneficiaryKind' | 'siret' | 'rna' | 'budgetYear' | 'period'>;
  /** The checked subsidy as a decimal string ("15000.00"), null when it cannot be read. */
  subsidy: string | null;
}

export interface BeneficiaryContext {
  dossiers: ContextDossier[];
}

/**
 * CONVENTION_REQUIRED_CUMULATED for the dossier being edited, given the others of the sheet:
 * `cumulatedFindingsFor({ref: null, dossier, subsidy: new Dec(12000)}, context, settings)`.
 */
export function cumulatedFindingsFor(current: { ref: string | null; dossier: DossierInput; subsidy: Dec | null }, context: BeneficiaryContext, settings: Settings): Finding[] {
  const id = current.dossier.id !== undefined && current.dossier.id !== null && String(current.dossier.id).trim() !== '' ? String(current.dossier.id).trim() : 'ce dossier';
  const items: BeneficiaryInput[] = [{ id, dossier: current.dossier, subsidy: current.subsidy }];
  for (const d of context.dossiers) {
    if (current.ref !== null && d.ref === current.ref) continue;
    items.push({ id: d.id, dossier: d.dossier as DossierInput, subsidy: d.subsidy === null ? null : new Dec(d.subsidy) });
  }
  if (items.length === 1) return [];
  return cumulativeConventionFindings(groupByBeneficiary(items, settings), items, settings).get(0) ?? [];
}
