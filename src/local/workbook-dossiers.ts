import { existsSync } from 'node:fs';
import { readDossiers } from '../app/dossier-table';
import { DOSSIERS_SHEET as DOSSIERS_SHEET_NAME } from '../app/dossier-fields';
import { dossierApi } from '../app/dossier-api';
import type { DossierInput } from '../core/dossier';
import { InputError } from './input-error';
import { LocalWorkbook, utcCodec } from './workbook';

/** A lock for one Node process: its JavaScript never runs two use cases at once. */
export const processLock = { withLock: <T>(fn: () => T): T => fn() };

/** The dossiers of a workbook with the « Dossiers » / « Cofinancements » layout (rapporteur check/report). */
export async function readWorkbookDossiers(path: string): Promise<DossierInput[]> {
  return workbookDossiers(await LocalWorkbook.open(path));
}

/** The dossiers of a workbook already open; refusals name its file. */
export function workbookDossiers(wb: LocalWorkbook): DossierInput[] {
  const path = wb.path;
  const table = wb.snapshot(DOSSIERS_SHEET_NAME);
  if (!table) throw new InputError(`Le classeur ${path} n'a pas de feuille « ${DOSSIERS_SHEET_NAME} » (feuilles présentes : ${wb.sheetNames().join(', ') || 'aucune'}).`);
  const stored = readDossiers(table, wb.snapshot('Cofinancements'), utcCodec);
  if (stored.length === 0) throw new InputError(`La feuille « ${DOSSIERS_SHEET_NAME} » de ${path} ne contient aucun dossier.`);
  return stored.map((s) => (s.dossier.id ? s.dossier : { ...s.dossier, id: s.ref }));
}

/**
 * Opens a workbook, or creates it from dossiers when it does not exist yet (the preview's
 * first start), through the same save use case as the sidebar so the layout is the same.
 */
export async function openOrSeedWorkbook(path: string, seed: () => DossierInput[]): Promise<{ workbook: LocalWorkbook; created: boolean }> {
  if (existsSync(path)) return { workbook: await LocalWorkbook.open(path), created: false };
  const workbook = LocalWorkbook.create(path);
  const api = dossierApi({ store: workbook.store(), settings: workbook.settingsStore(), lock: processLock });
  for (const dossier of seed()) {
    const r = api.saveDossier({ dossier, ref: null, version: null });
    if (r.status !== 'saved') throw new Error(`Exemple « ${dossier.id} » refusé : ${JSON.stringify(r)}`);
  }
  await workbook.save();
  return { workbook, created: true };
}
