/**
 * A spreadsheet of dossiers with Drive, DocumentApp, document properties and the document
 * lock faked, wired to the session batch (src/app/batch-api.ts) through the real Apps Script
 * adapters (src/gas/batch.ts, src/gas/docs-report.ts), with a fake clock that advances as
 * the services work, and two ways to break a run at a named point:
 * - `error`: the service throws an ordinary exception there (a Drive hiccup, a bad row);
 * - `kill`: the execution dies there (the 6-minute limit): from then on every service call
 *   throws until `revive()`, so no catch or finally block can save or clean anything, as
 *   when Apps Script stops a script.
 */
import { batchApi, type BatchPorts, type RunView } from '../../src/app/batch-api';
import { dossierApi } from '../../src/app/dossier-api';
import type { DossierInput } from '../../src/core/dossier';
import { resolveSettings } from '../../src/core/settings';
import { summaryKey } from '../../src/core/session';
import { DEFAULT_TEMPLATE } from '../../src/core/template/default-template';
import { docsConventionTemplates, docsReportWriter, docsTemplateSource, type DocsServices } from '../../src/gas/docs-report';
import { documentRunStore, docsSummaryTemplates, driveReportIndex, sheetsSelection, sheetsSessionRows, type DriveIndexServices, type PropertiesLike, type RowsSheetLike } from '../../src/gas/batch';
import { sheetsDossierStore } from '../../src/gas/sheets-store';
import { documentLock, documentSettingsStore } from '../../src/gas/sidebar-api';
import { createGoogleFakes, DOC_MIME, type DriveFileRecord } from '../fakes/drive';
import { Table } from '../fakes/document';
import { createGasWorld, type GasWorld } from './gas-world';

export const KILL_MESSAGE = 'Exceeded maximum execution time';

/** Where a run can be broken; `match` narrows it to one call (the 3rd dossier's copy…). */
export type BreakPoint =
  | 'copy:before'
  | 'copy:after'
  | 'fill:open'
  | 'complete:before'
  | 'trash'
  | 'rows:write'
  | 'state:save'
  | 'progress:save'
  | 'lock'
  | 'summary:copy:before'
  | 'summary:copy:after'
  | 'summary:complete:before'
  | 'convention:copy:before'
  | 'convention:copy:after'
  | 'convention:complete:before';

export interface BatchWorldOptions {
  dossiers: DossierInput[];
  /** Fake time one report copy and one document open take (real figures vary: unverified). */
  copyMs?: number;
  openMs?: number;
  budgetMs?: number;
  /** What the adapter says each chunk costs it besides its work (BatchPorts.chunkOverheadMs). */
  chunkOverheadMs?: () => number;
  pdf?: boolean;
}

/** `count` dossiers of one session, figures right, each with its own subsidy. */
export function sessionDossiers(count: number, session = 'Conseil de la Métropole du 28 juin 2018'): DossierInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `S-${String(i + 1).padStart(3, '0')}`,
    beneficiary: `association n° ${i + 1}`,
    beneficiaryKind: 'association' as const,
    subject: `Subvention de fonctionnement n° ${i + 1}`,
    authority: 'Métropole d’Aix-Marseille Provence',
    council: 'Conseil de la Métropole',
    period: { start: '2018-01-01', end: '2018-12-31' },
    budgetYear: 2018,
    annualBudget: '100 000',
    subsidy: String(10000 + i * 100),
    cofinancers: [
      { name: 'Métropole Aix-Marseille-Provence', amount: String(5000 + i * 100) },
      { name: 'Région Sud', amount: '5 000' },
    ],
    convention: false,
    session,
    sessionDate: '2018-06-28',
  }));
}

export function createBatchWorld(opts: BatchWorldOptions) {
  const gas: GasWorld = createGasWorld();
  const google = createGoogleFakes();
  const copyMs = opts.copyMs ?? 6000;
  const openMs = opts.openMs ?? 1000;
  let now = Date.parse('2018-06-12T08:00:00Z');
  const clock = { nowIso: () => new Date(now).toISOString(), todayIso: () => new Date(now).toISOString().slice(0, 10) };
  const advance = (ms: number) => (now += ms);

  // --- breaking a run ---
  let dead = false;
  let breaker: { point: BreakPoint; kind: 'error' | 'kill'; match: (detail: Record<string, unknown>) => boolean } | null = null;
  const hits: string[] = [];
  const spies = new Map<BreakPoint, (detail: Record<string, unknown>) => void>();
  const at = (point: BreakPoint, detail: Record<string, unknown> = {}) => {
    if (dead) throw new Error(KILL_MESSAGE);
    spies.get(point)?.(detail);
    if (!breaker || breaker.point !== point || !breaker.match(detail)) return;
    const b = breaker;
    breaker = null;
    hits.push(point);
    if (b.kind === 'kill') {
      dead = true;
      throw new Error(KILL_MESSAGE);
    }
    throw new Error(`Exception: Service error injected at ${point}`);
  };
  const alive = () => {
    if (dead) throw new Error(KILL_MESSAGE);
  };

  // --- services, each call passing the break points ---
  const files = google.drive.Files;
  const isSummary = (r: { appProperties?: Record<string, string> }) => String(r.appProperties?.dossierId ?? '').startsWith('seance-');
  const isConvention = (r: { appProperties?: Record<string, string> }) => r.appProperties?.kind === 'convention';
  const copyPoint = (r: { appProperties?: Record<string, string> }, when: 'before' | 'after'): BreakPoint => (isSummary(r) ? `summary:copy:${when}` : isConvention(r) ? `convention:copy:${when}` : `copy:${when}`);
  const Drive = {
    Files: {
      copy: (resource: { appProperties?: Record<string, string> }, id: string) => {
        at(copyPoint(resource, 'before'), { key: resource.appProperties?.dossierId });
        advance(copyMs);
        const out = files.copy(resource, id);
        at(copyPoint(resource, 'after'), { key: resource.appProperties?.dossierId });
        return out;
      },
      create: (...a: Parameters<typeof files.create>) => (alive(), files.create(...a)),
      get: (id: string) => (alive(), files.get(id)),
      list: (o: { q?: string; pageSize?: number }) => {
        alive();
        // The marker's listing is the first thing `complete` does.
        const m = /key='dataHash' and value='(p-[^']*)'/.exec(o.q ?? '');
        if (m) {
          const target = [...google.drive.files.values()].find((f) => f.appProperties.dataHash === m[1]);
          at(target && isSummary(target) ? 'summary:complete:before' : target && isConvention(target) ? 'convention:complete:before' : 'complete:before', { key: target?.appProperties.dossierId });
        }
        return files.list(o);
      },
      update: (resource: { trashed?: boolean }, id: string) => {
        if (resource.trashed) at('trash', { id });
        else alive();
        return files.update(resource, id);
      },
      remove: (id: string) => (alive(), files.remove(id)),
    },
  };
  const DocumentApp = {
    ...google.DocumentApp,
    openById: (id: string) => {
      at('fill:open', { id });
      advance(openMs);
      return google.DocumentApp.openById(id);
    },
    create: (name: string) => (alive(), google.DocumentApp.create(name)),
  };
  const services = { DocumentApp, Drive } as unknown as DocsServices;

  const props = (): PropertiesLike => {
    const p = gas.properties.document;
    return {
      getProperty: (k) => (alive(), p.getProperty(k)),
      getProperties: () => (alive(), p.getProperties()),
      setProperty: (k, v) => {
        at('progress:save', { key: k });
        return p.setProperty(k, v);
      },
      setProperties: (v) => {
        at('state:save', {});
        return p.setProperties(v);
      },
      deleteProperty: (k) => (alive(), p.deleteProperty(k)),
    };
  };
  const ss = gas.sheets.spreadsheet;
  const rowsSheet = (): RowsSheetLike | null => {
    alive();
    const sheet = ss.getSheetByName('Dossiers');
    if (!sheet) return null;
    return {
      getDataRange: () => (alive(), sheet.getDataRange()),
      getMaxColumns: () => (alive(), sheet.getMaxColumns()),
      insertColumnsAfter: (a: number, n: number) => (alive(), sheet.insertColumnsAfter(a, n)),
      getRange: (r, c, n, m) => {
        alive();
        const range = sheet.getRange(r, c, n, m);
        return {
          setValues: (v: unknown[][]) => {
            at('rows:write', { row: r, column: c });
            return range.setValues(v);
          },
        };
      },
    };
  };
  const lock = documentLock();
  const store = sheetsDossierStore(ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet);

  // --- the dossiers and the report template, as the sidebar would have made them ---
  const settingsStore = documentSettingsStore();
  const seedApi = dossierApi({ store, settings: settingsStore, lock });
  for (const dossier of opts.dossiers) {
    const r = seedApi.saveDossier({ dossier, ref: null, version: null });
    if (r.status !== 'saved') throw new Error(`seed refused: ${JSON.stringify(r)}`);
  }
  const settings = () => resolveSettings(settingsStore.read()).settings;
  const template = docsReportWriter(services, settings).createTemplate(DEFAULT_TEMPLATE, 'modèle');
  settingsStore.write({ ...settings(), template: template.id });

  let ids = 0;
  const ports: BatchPorts = {
    dossiers: { ...store, read: () => (alive(), store.read()), codec: () => store.codec(), apply: (ops) => store.apply(ops), activeDossierRow: () => store.activeDossierRow() },
    selection: sheetsSelection(() => ss.getActiveRange() as unknown as ReturnType<Parameters<typeof sheetsSelection>[0]>),
    settings,
    templates: docsTemplateSource(services, settings),
    summaryTemplates: docsSummaryTemplates(services, props),
    conventionTemplates: docsConventionTemplates(services, settings, props),
    writer: docsReportWriter(services, settings),
    index: driveReportIndex(services as unknown as DriveIndexServices),
    rows: sheetsSessionRows(rowsSheet, (iso) => new Date(iso)),
    runs: documentRunStore(props),
    clock,
    lock: { withLock: (fn) => (at('lock'), lock.withLock(fn)) },
    newId: () => `run${String(++ids).padStart(4, '0')}`,
    ...(opts.budgetMs ? { budgetMs: opts.budgetMs } : {}),
    ...(opts.chunkOverheadMs ? { chunkOverheadMs: opts.chunkOverheadMs } : {}),
  };
  const api = batchApi(ports);

  /** Live (not trashed) files the add-on made for a key (a dossier id, or a summary key). */
  const filesOf = (key: string): DriveFileRecord[] => google.drive.list().filter((f) => f.appProperties.dossierId === key);
  /** A dossier's report Docs (not its convention), or a summary's. */
  const docsOf = (key: string) => filesOf(key).filter((f) => f.mimeType === DOC_MIME && !isConvention(f));
  /** A dossier's convention Docs. */
  const conventionsOf = (key: string) => filesOf(key).filter((f) => f.mimeType === DOC_MIME && isConvention(f));

  /**
   * Drives a run as the sidebar does, one chunk call after the other, until it is no longer
   * running; `calls` counts the google.script.run calls it made.
   */
  function driveRun(runId: string, calls: string[] = []): RunView {
    let view: RunView;
    for (;;) {
      calls.push('runSessionChunk');
      view = api.runSessionChunk(runId);
      if (view.busy) {
        advance(view.busy.retryAfterMs);
        continue;
      }
      if (view.status !== 'running' || view.stopped) return view;
    }
  }

  return {
    gas,
    google,
    api,
    ports,
    clock,
    advance,
    hits,
    driveRun,
    filesOf,
    docsOf,
    conventionsOf,
    breakAt(point: BreakPoint, kind: 'error' | 'kill', match: (detail: Record<string, unknown>) => boolean = () => true) {
      breaker = { point, kind, match };
    },
    /** Runs `fn` at every pass through the point, without breaking anything (another window acting meanwhile). */
    spyAt(point: BreakPoint, fn: (detail: Record<string, unknown>) => void) {
      spies.set(point, fn);
    },
    get dead() {
      return dead;
    },
    /** A new execution after a killed one: services answer again, and the dead chunk's lease has run out. */
    revive(afterMs = 7 * 60 * 1000) {
      dead = false;
      advance(afterMs);
    },
    /** The cells of the summary's table, row by row. */
    summaryTable(session: string): string[][] {
      const [doc] = docsOf(summaryKey(session));
      const table = doc?.doc?.body.children.find((c) => c instanceof Table) as Table | undefined;
      return table ? table.plainText().split('\n').map((r) => r.split('\t')) : [];
    },
    column(header: string): unknown[] {
      const values = ss.getSheetByName('Dossiers')!.getDataRange().getValues();
      const i = (values[0] as string[]).indexOf(header);
      return values.slice(1).map((r) => (i < 0 ? undefined : r[i]));
    },
    /** Types a value into a dossier's cell, as a user editing the sheet by hand (no check on the way). */
    typeCell(dataRow: number, header: string, value: unknown) {
      const sheet = ss.getSheetByName('Dossiers')!;
      const headers = sheet.getDataRange().getValues()[0] as string[];
      sheet.getRange(dataRow + 2, headers.indexOf(header) + 1, 1, 1).setValues([[value]]);
    },
    uninstall: () => gas.uninstall(),
  };
}

export type BatchWorld = ReturnType<typeof createBatchWorld>;
