import { checkDossier, subsidyFigure, type ComputedJson, type DossierCheck } from '../core/checks';
import type { DossierInput } from '../core/dossier';
import { SEVERITY_ORDER, type Finding } from '../core/findings';
import { duplicateIdFindings } from '../core/dossier-ids';
import { cumulativeConventionFindings, groupByBeneficiary, type BeneficiaryGroup, type BeneficiaryInput } from '../core/beneficiaries';
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
  return [...checkDossiersLazily(dossiers, settings).reports()];
}

export interface LazyCheck {
  /** The « Bénéficiaires » table's groups, from the cross-dossier pass. */
  groups: BeneficiaryGroup[];
  /** Each dossier checked in full only when asked for, in file order, with its cross-dossier findings. */
  reports(): Generator<DossierReport>;
  /** The dossier at `index` alone checked in full, with its cross-dossier findings. */
  report(index: number): DossierReport;
}

/**
 * checkDossiers a dossier at a time. The cross-dossier pass needs only each dossier's id,
 * beneficiary and subsidy, so it runs first; the full checks follow one by one and can be
 * written out and forgotten: a region's 100 000 checks never sit in memory together.
 */
export function checkDossiersLazily(dossiers: readonly DossierInput[], settings: Settings): LazyCheck {
  const inputs: BeneficiaryInput[] = dossiers.map((dossier, i) => ({ id: dossierId(dossier, i), dossier, subsidy: subsidyFigure(dossier) }));
  const groups = groupByBeneficiary(inputs, settings);
  const extra = duplicateIdFindings(dossiers);
  for (const [index, findings] of cumulativeConventionFindings(groups, inputs, settings)) {
    const list = extra.get(index);
    if (list) list.push(...findings);
    else extra.set(index, findings);
  }
  const report = (i: number): DossierReport => {
    const check = checkDossier(dossiers[i]!, settings);
    const more = extra.get(i);
    // A stable sort keeps each dossier's own findings first within a severity.
    if (more) check.findings = [...check.findings, ...more].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    return { id: inputs[i]!.id, dossier: dossiers[i]!, check };
  };
  return {
    groups,
    *reports() {
      for (let i = 0; i < dossiers.length; i++) yield report(i);
    },
    report,
  };
}

/**
 * One dossier checked with the others of its sheet (the cumulated yearly total, shared ids):
 * what saving or generating one dossier needs, at the price of one full check and one
 * grouping pass, however many dossiers the sheet holds.
 */
export function checkAmong(others: readonly DossierInput[], dossier: DossierInput, settings: Settings): DossierCheck {
  return checkDossiersLazily([...others, dossier], settings).report(others.length).check;
}

const beneficiaryInputs = (reports: readonly DossierReport[]): BeneficiaryInput[] => reports.map((r) => ({ id: r.id, dossier: r.dossier, subsidy: r.check.figures.subsidy }));

/** The « Bénéficiaires » table: checked dossiers grouped by beneficiary and budget year. */
export function beneficiaryGroups(reports: readonly DossierReport[], settings: Settings): BeneficiaryGroup[] {
  return groupByBeneficiary(beneficiaryInputs(reports), settings);
}

export function toCheckJson(reports: readonly DossierReport[]): CheckOutputJson {
  return { dossiers: reports.map((r) => ({ id: r.id, findings: r.check.findings, computed: r.check.computed })) };
}
