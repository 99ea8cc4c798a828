import type { CellCodec, SheetOp, TableSnapshot } from '../dossier-table';

/**
 * Where dossiers live: the « Dossiers » and « Cofinancements » sheets in Sheets, a workbook
 * or memory elsewhere. Table-shaped on purpose: the mapping stays pure (dossier-table.ts)
 * and an adapter only moves cells, with a fixed number of calls whatever the dossier.
 */
export interface DossierStore {
  /** Both sheets, each read once; null for a sheet that does not exist yet. */
  read(): { dossiers: TableSnapshot | null; cofinancers: TableSnapshot | null };
  /** Executes a plan of `planSave` literally and in order. */
  apply(ops: readonly SheetOp[]): void;
  /** The 1-based row of the active cell when it lies in the « Dossiers » sheet, else null. */
  activeDossierRow(): number | null;
  /** Date conversions in the store's time zone. */
  codec(): CellCodec;
}
