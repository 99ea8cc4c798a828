import { checkDossier, type ComputedJson, type DossierCheck } from '../core/checks';
import type { DossierInput } from '../core/dossier';
import { SEVERITY_ORDER, type Finding } from '../core/findings';
import { duplicateIdFindings } from '../core/dossier-ids';
import { cumulativeConventionFindings, groupByBeneficiary, type BeneficiaryGroup } from '../core/beneficiaries';
import type { Settings } from '../core/settings';

export interface DossierReport {
  /** The dossier's id, or its place in the file ("#2") when it has none. */
  id: string;
  dossier: DossierInput;
  check: DossierCheck;
}

export interface CheckOutputJson {
  dossiers: { id: string; findings: Finding[]; computed: ComputedJson }[];
}

export function dossierId(d: DossierInput, index: number): string {
  return d.id !== undefined && d.id !== null && String(d.id).trim() !== '' ? String(d.id) : `#${index + 1}`;
}

/**
 * Checks every dossier of a file or a workbook with the same settings, then across them:
 * the yearly total per beneficiary (CONVENTION_REQUIRED_CUMULATED) and the ids that several
 * dossiers share (DOSSIER_ID_DUPLICATE), kept in severity order.
 */
export function checkDossiers(dossiers: readonly DossierInput[], settings: Settings): DossierReport[] {
  const reports = dossiers.map((dossier, i) => ({ id: dossierId(dossier, i), dossier, check: checkDossier(dossier, settings) }));
  const cumulated = cumulativeConventionFindings(beneficiaryGroups(reports, settings), beneficiaryInputs(reports), settings);
  for (const [index, findings] of [...duplicateIdFindings(dossiers), ...cumulated]) {
    const check = reports[index].check;
    // A stable sort keeps each dossier's own findings first within a severity.
    check.findings = [...check.findings, ...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  }
  return reports;
}

const beneficiaryInputs = (reports: readonly DossierReport[]) => reports.map((r) => ({ id: r.id, dossier: r.dossier, subsidy: r.check.figures.subsidy }));

/** The « Bénéficiaires » table: checked dossiers grouped by beneficiary and budget year. */
export function beneficiaryGroups(reports: readonly DossierReport[], settings: Settings): BeneficiaryGroup[] {
  return groupByBeneficiary(beneficiaryInputs(reports), settings);
}

export function toCheckJson(reports: readonly DossierReport[]): CheckOutputJson {
  return { dossiers: reports.map((r) => ({ id: r.id, findings: r.check.findings, computed: r.check.computed })) };
}
