/**
 * « Vérifier une note » in Sheets: a Google Doc read with DocumentApp (the `documents` scope
 * opens any Doc the user can open; no Drive access is needed to read one), audited by the
 * core. Also the menu's entry point, which opens the sidebar on the audit panel.
 */
import { auditApi, type AuditPorts } from '../app/audit-api';
import { DocumentReadError, type DocumentReader } from '../app/ports/document-reader';
import { resolveSettings } from '../core/settings';
import { readGoogleDoc, type DocsServices } from './docs-report';
import { documentSettingsStore, openSidebar } from './sidebar-api';

/** The slice of DocumentApp reading needs: the real service and the fake of test/fakes both fit. */
export interface DocsReadServices {
  DocumentApp: Pick<DocsServices['DocumentApp'], 'openById' | 'ElementType'> & { openByUrl(url: string): ReturnType<DocsServices['DocumentApp']['openById']> };
}

const TEXT = {
  cannotOpen: (ref: string) =>
    `Le document « ${ref} » ne peut pas être ouvert : vérifiez son adresse, et que votre compte Google y a accès (au moins en lecture). ` +
    'Un fichier Word déposé dans Drive doit d’abord être ouvert avec Google Docs (« Fichier › Enregistrer au format Google Docs »).',
};

/** Reads a Doc by the address the user gave (openByUrl), or by its id (openById). */
export function docsDocumentReader(s: DocsReadServices): DocumentReader {
  return {
    read(ref) {
      let doc;
      try {
        doc = ref.url ? s.DocumentApp.openByUrl(ref.url) : s.DocumentApp.openById(ref.id);
      } catch {
        throw new DocumentReadError(TEXT.cannotOpen(ref.url ?? ref.id));
      }
      // readGoogleDoc uses nothing of the services but DocumentApp.ElementType.
      const model = readGoogleDoc(s as unknown as DocsServices, doc);
      return { name: doc.getName(), url: `https://docs.google.com/document/d/${doc.getId()}/edit`, model };
    },
  };
}

// The composition root for google.script.run: built per call, since top-level code must not
// touch services (it also runs for every custom-function cell).
function gasPorts(): AuditPorts {
  const settingsStore = documentSettingsStore();
  return {
    documents: docsDocumentReader({ DocumentApp } as unknown as DocsReadServices),
    settings: () => resolveSettings(settingsStore.read()).settings,
  };
}

export function auditText(text: string) {
  return auditApi(gasPorts()).auditText(text);
}
export function auditGoogleDoc(urlOrId: string) {
  return auditApi(gasPorts()).auditGoogleDoc(urlOrId);
}

/** Menu « Vérifier une note »: the sidebar on its audit panel. */
export function openAuditPanel(): void {
  openSidebar('audit');
}
