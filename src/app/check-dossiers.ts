import { checkDossier, type ComputedJson, type DossierCheck } from '../core/checks';
import type { DossierInput } from '../core/dossier';
import type { Finding } from '../core/findings';
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

/** Checks every dossier of a file or a workbook with the same settings. */
export function checkDossiers(dossiers: readonly DossierInput[], settings: Settings): DossierReport[] {
  return dossiers.map((dossier, i) => ({ id: dossierId(dossier, i), dossier, check: checkDossier(dossier, settings) }));
}

export function toCheckJson(reports: readonly DossierReport[]): CheckOutputJson {
  return { dossiers: reports.map((r) => ({ id: r.id, findings: r.check.findings, computed: r.check.computed })) };
}
