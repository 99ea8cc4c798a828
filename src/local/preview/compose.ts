/**
 * The composition root of the local preview: every use case the sidebar calls, bound to
 * the local adapters (the workbook file, the reports folder, a clock). One line per
 * feature: each feature spreads its api factory into `api` and, when its ports need files
 * read before or written after a call, adds its steps to `hooks`.
 */
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { dossierApi } from '../../app/dossier-api';
import { reportApi } from '../../app/report-api';
import { beneficiaryApi } from '../../app/beneficiary-api';
import { auditApi } from '../../app/audit-api';
import { DocumentReadError } from '../../app/ports/document-reader';
import type { Clock } from '../../app/ports';
import type { DossierInput } from '../../core/dossier';
import { localReportText } from '../../core/messages/report';
import { resolveSettings } from '../../core/settings';
import { LOCAL_TEMPLATE_NAME, localReportFiles, localTemplateSource, workbookReportLinks } from '../local-reports';
import type { LocalWorkbook } from '../workbook';
import { processLock } from '../workbook-dossiers';
import type { PreviewHooks, RpcApi } from './server';

export interface PreviewBinding {
  api: RpcApi;
  hooks: PreviewHooks;
}

export function composePreviewApi(workbook: LocalWorkbook, reportsDir: string, clock: Clock): PreviewBinding {
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
  const templateDir = dirname(workbook.path);
  const templates = localTemplateSource(settings, templateDir);
  const files = localReportFiles({
    dir: reportsDir,
    templateDir,
    docxOf: templates.docxOf,
    beneficiaryOf: (id) => {
      const b = lookup(id)?.beneficiary;
      return typeof b === 'string' ? b : undefined;
    },
  });
  const reports = reportApi({ dossiers: { getDossier: lookup }, settings, templates: templates.source, writer: files.writer, index: files.index, links: workbookReportLinks(workbook), clock, lock: processLock, newId: () => randomUUID() });

  const api: RpcApi = {
    ...dossiers,
    ...reports,
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
  };

  const hooks: PreviewHooks = {
    async before() {
      await templates.prepare();
      await files.prepare();
    },
    async after() {
      await files.flush();
    },
    async rollback() {
      files.discard();
    },
  };
  return { api, hooks };
}
