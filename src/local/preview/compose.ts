/**
 * The composition root of the local preview: every use case the sidebar calls, bound to
 * the local adapters (the workbook file, the reports folder, a clock). One line per
 * feature: each feature spreads its api factory into `api` and, when its ports need files
 * read before or written after a call, adds its steps to `hooks`.
 */
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { dossierApi, otherDossiersOf } from '../../app/dossier-api';
import { readDossiers } from '../../app/dossier-table';
import { reportApi } from '../../app/report-api';
import { batchApi } from '../../app/batch-api';
import { summaryKey } from '../../core/session';
import { localBatchText } from '../../core/messages/session';
import { localRunStore, runFilePath, workbookSelection, workbookSessionRows } from '../local-batch';
import { todayInParis } from '../commands/report';
import { utcCodec } from '../workbook';
import { beneficiaryApi } from '../../app/beneficiary-api';
import { auditApi } from '../../app/audit-api';
import { DocumentReadError } from '../../app/ports/document-reader';
import type { Clock } from '../../app/ports';
import type { DossierInput } from '../../core/dossier';
import { localReportText } from '../../core/messages/report';
import { resolveSettings } from '../../core/settings';
import { LOCAL_SUMMARY_TEMPLATE_NAME, LOCAL_TEMPLATE_NAME, localConventionTemplateSource, localReportFiles, localSummaryTemplates, localTemplateSource, workbookReportLinks } from '../local-reports';
import type { LocalWorkbook } from '../workbook';
import { processLock } from '../workbook-dossiers';
import type { PreviewHooks, RpcApi } from './server';

export interface PreviewBinding {
  api: RpcApi;
  hooks: PreviewHooks;
}

export interface ComposeOptions {
  /**
   * How long one session chunk may work. The reports a chunk makes are written after it,
   * so a short budget keeps each chunk (and the page's wait for the next call) short.
   */
  chunkMs?: number;
}

/**
 * One session chunk's work before its reports are written. Measured: a 100-dossier session
 * takes about 0.4 s of work and 0.8 s of writing, so chunks of 0.3 s keep every call under a
 * second and let the progress bar move.
 */
export const PREVIEW_CHUNK_MS = 300;

export function composePreviewApi(workbook: LocalWorkbook, reportsDir: string, clock: Clock, options: ComposeOptions = {}): PreviewBinding {
  const settingsStore = workbook.settingsStore();
  const settings = () => resolveSettings(settingsStore.read()).settings;
  const dossiers = dossierApi({ store: workbook.store(), settings: settingsStore, lock: processLock });

  const lookup = (ref: string): DossierInput | null => {
    try {
      return dossiers.loadDossier(ref).dossier;
    } catch {
      return null;
    }
  };
  /**
   * Each report's file name needs its beneficiary: read from the sheet once per change of the
   * workbook, not once per report (a session of n dossiers read the whole sheet n times).
   */
  let names: { revision: number; byRef: Map<string, string> } | null = null;
  const beneficiaryOf = (ref: string): string | undefined => {
    if (!names || names.revision !== workbook.revision) {
      const tables = workbook.store().read();
      const byRef = new Map<string, string>();
      // The first dossier of a ref wins, as loadDossier finds it.
      for (const s of readDossiers(tables.dossiers, tables.cofinancers, utcCodec)) {
        const b = s.dossier.beneficiary;
        if (!byRef.has(s.ref) && typeof b === 'string') byRef.set(s.ref, b);
      }
      names = { revision: workbook.revision, byRef };
    }
    return names.byRef.get(ref);
  };
  const templateDir = dirname(workbook.path);
  const templates = localTemplateSource(settings, templateDir);
  const summaryTemplates = localSummaryTemplates(settings, templateDir, settingsStore);
  const conventionTemplates = localConventionTemplateSource(settings, templateDir);
  const runs = localRunStore(runFilePath(workbook.path));
  const files = localReportFiles({
    dir: reportsDir,
    templateDir,
    docxOf: (h) => templates.docxOf(h) ?? summaryTemplates.docxOf(h) ?? conventionTemplates.docxOf(h),
    beneficiaryOf,
    // Only the run at work writes a summary: its label names the file, as the command line's.
    sessionOf: (key) => {
      const run = runs.store.load();
      return run && summaryKey(run.label) === key ? run.label : undefined;
    },
  });
  const newId = () => randomUUID();
  const reports = reportApi({ dossiers: { getDossier: lookup, otherDossiers: otherDossiersOf(workbook.store()) }, settings, templates: templates.source, conventionTemplates: conventionTemplates.source, writer: files.writer, index: files.index, links: workbookReportLinks(workbook), clock, lock: processLock, newId });
  const batch = batchApi({
    dossiers: workbook.store(),
    selection: workbookSelection(workbook),
    settings,
    templates: templates.source,
    summaryTemplates: summaryTemplates.store,
    conventionTemplates: conventionTemplates.store,
    writer: files.writer,
    index: files.index,
    rows: workbookSessionRows(workbook, (iso) => utcCodec.isoToCell(todayInParis(new Date(iso)))),
    runs: runs.store,
    clock,
    lock: processLock,
    newId,
    budgetMs: options.chunkMs ?? PREVIEW_CHUNK_MS,
    // Each call ends with the whole workbook written again (runUnitOfWork).
    chunkOverheadMs: () => workbook.lastSaveMs,
    // .docx files on this machine: Google's daily quota of documents does not apply.
    googleQuota: false,
  });

  const api: RpcApi = {
    ...dossiers,
    ...reports,
    ...batch,
    ...beneficiaryApi({ store: workbook.store(), settings: settingsStore }),
    // There is no Google Doc to open without a Google account: the pasted text is the way here.
    ...auditApi({ documents: { read: () => { throw new DocumentReadError(localReportText.noGoogleDoc); } }, settings }),
    /** As in Sheets, the template created becomes the one the settings name. */
    createDefaultTemplate() {
      const result = reports.createDefaultTemplate();
      if (result.status !== 'created') return result;
      settingsStore.write({ ...settings(), template: LOCAL_TEMPLATE_NAME });
      return { ...result, message: localReportText.templateCreated(join(templateDir, LOCAL_TEMPLATE_NAME)) };
    },
    /** The summary's template as a .docx beside the workbook, named in the settings (by the use case). */
    createDefaultSummaryTemplate() {
      const result = batch.createDefaultSummaryTemplate();
      if (result.status !== 'created') return result;
      return { ...result, message: localBatchText.summaryTemplateCreated(join(templateDir, LOCAL_SUMMARY_TEMPLATE_NAME)) };
    },
  };

  const hooks: PreviewHooks = {
    async before() {
      await templates.prepare();
      await summaryTemplates.prepare();
      await conventionTemplates.prepare();
      await files.prepare();
      await runs.prepare();
    },
    // Reports first, then the run that says they are made (the server saves the workbook last).
    async after() {
      await files.flush();
      await runs.flush();
    },
    async rollback() {
      files.discard();
      runs.discard();
    },
  };
  return { api, hooks };
}
