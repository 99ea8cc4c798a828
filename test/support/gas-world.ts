import { createSpreadsheetFake, type SpreadsheetFake } from '../fakes/spreadsheet';
import { createPropertiesFake, type PropertiesFake } from '../fakes/properties';
import { createLockFake, type LockFake } from '../fakes/lock';
import { createHtmlFake } from '../fakes/html';

/**
 * One spreadsheet with its services faked and installed as the globals Apps Script
 * provides, so that src/gas runs as in Sheets. `as('B', fn)` runs fn as another user's
 * execution (its own holder of the document lock).
 */
export interface GasWorld {
  sheets: SpreadsheetFake;
  properties: PropertiesFake;
  locks: LockFake;
  as<T>(execution: string, fn: () => T): T;
  uninstall(): void;
}

export function createGasWorld(opts: { timeZone?: string; locale?: string; dist?: string } = {}): GasWorld {
  const sheets = createSpreadsheetFake({ timeZone: opts.timeZone, locale: opts.locale });
  const properties = createPropertiesFake(sheets.calls);
  const locks = createLockFake();
  const html = createHtmlFake(opts.dist);
  const undo = [sheets.install(), properties.install(), locks.install('A'), html.install()];
  return {
    sheets,
    properties,
    locks,
    as<T>(execution: string, fn: () => T): T {
      const restore = locks.install(execution);
      try {
        return fn();
      } finally {
        restore();
      }
    },
    uninstall() {
      for (const u of undo.reverse()) u();
    },
  };
}

/** The example report's dossier (examples/note-synthese-medinsoft-2018.txt), figures right. */
export function medinsoft(cofinancers = 2) {
  const list =
    cofinancers === 2
      ? [
          { name: 'Métropole Aix-Marseille-Provence', amount: '17 500' },
          { name: 'Conseil de Territoire du Pays d’Aix (CT2)', amount: '30 000' },
        ]
      : Array.from({ length: cofinancers }, (_, i) => ({ name: `Financeur ${i + 1}`, amount: i === 0 ? String(47500 - 100 * (cofinancers - 1)) : '100' }));
  return {
    id: '2018-AMFT-01',
    beneficiary: 'association Medinsoft',
    beneficiaryKind: 'association' as const,
    subject: 'Attribution d’une subvention dans le cadre de la French Tech Aix-Marseille à l’association Medinsoft – Approbation d’une convention',
    authority: 'Métropole d’Aix-Marseille Provence',
    council: 'Conseil de Territoire Marseille Provence',
    period: { start: '2018-01-01', end: '2018-03-31' },
    budgetYear: 2018,
    annualBudget: '800 000',
    subsidy: '47 500',
    prorationMethod: 'months',
    statedProratedBudget: '200 000 €',
    statedRate: '23,75 %',
    cofinancers: list,
    convention: true,
    subsidyKind: 'fonctionnement' as const,
  };
}
