/**
 * « Vérifier une note »: the audit of a report's figures, for the sidebar. A pasted text is
 * audited as it is; a Google Doc is read through a port (DocumentApp in Sheets), turned into
 * the text a reader sees (list items with their dash), and audited. The text comes back with
 * the findings, so that the sidebar can highlight each excerpt at its offset in that text.
 */
import { auditText } from '../core/audit';
import type { AuditFinding } from '../core/findings';
import type { Settings } from '../core/settings';
import { documentToText } from '../core/template/plain-text';
import { DocumentReadError, type DocumentRef, type DocumentReader } from './ports/document-reader';

export interface AuditPorts {
  documents: DocumentReader;
  settings: () => Settings;
}

export type AuditResult =
  | {
      status: 'audited';
      /** The text the offsets point into (for a Doc, its paragraphs one per line). */
      text: string;
      findings: AuditFinding[];
      /** « 1 erreur, 1 avertissement. », or the sentence saying nothing was found. */
      summary: string;
      /** The document audited, when it was a Google Doc. */
      source?: { name: string; url: string };
    }
  | { status: 'error'; message: string };

/** Beyond this the call would carry megabytes through google.script.run; the audit itself is linear. */
export const MAX_AUDIT_CHARS = 1_000_000;

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** Every French sentence of the audit panel's server side, in one place. */
export const auditApiText = {
  emptyText: 'Collez le texte de la note à vérifier.',
  tooLong: (n: number) => `Le texte est trop long (${n.toLocaleString('fr-FR')} caractères, au plus ${MAX_AUDIT_CHARS.toLocaleString('fr-FR')}) : vérifiez-le en plusieurs parties.`,
  emptyRef: 'Indiquez l’adresse (ou l’identifiant) du Google Doc à vérifier.',
  notADoc: (kind: string) => `Ce lien mène à ${kind}, pas à un Google Doc : ouvrez la note dans Google Docs et copiez l’adresse affichée dans la barre du navigateur.`,
  unrecognized: (ref: string) => `« ${ref} » n’est ni l’adresse ni l’identifiant d’un Google Doc : copiez l’adresse du document (elle commence par https://docs.google.com/document/d/…).`,
  emptyDocument: (name: string) => `Le document « ${name} » ne contient aucun texte à vérifier.`,
  summary: (findings: readonly AuditFinding[]) => {
    if (findings.length === 0) return 'Aucune anomalie dans les chiffres de la note.';
    const count = { error: 0, warning: 0, info: 0 };
    for (const f of findings) count[f.severity]++;
    const parts = [count.error && plural(count.error, 'erreur', 'erreurs'), count.warning && plural(count.warning, 'avertissement', 'avertissements'), count.info && plural(count.info, 'information', 'informations')].filter(Boolean);
    return `${parts.join(', ')}.`;
  },
};
const T = auditApiText;

// Other Google files, named so that the message says what the link is instead of "not found".
const OTHER_GOOGLE_FILES: readonly [RegExp, string][] = [
  [/docs\.google\.com\/spreadsheets\//, 'une feuille de calcul Google Sheets'],
  [/docs\.google\.com\/presentation\//, 'une présentation Google Slides'],
  [/docs\.google\.com\/forms\//, 'un formulaire Google Forms'],
  [/drive\.google\.com\/drive\/(u\/\d+\/)?folders\//, 'un dossier Google Drive'],
  [/drive\.google\.com\/(file|open)/, 'un fichier déposé dans Drive (un .docx ou un PDF ? ouvrez-le avec Google Docs puis « Fichier › Enregistrer au format Google Docs »)'],
];

/**
 * The Doc a user's input names: `docRefOf("https://docs.google.com/document/d/1AbC…/edit#heading=h.x")`
 * → { id: "1AbC…", url: "https://docs.google.com/document/d/1AbC…/edit" }; a bare id → { id }.
 */
export function docRefOf(input: string): { ok: true; ref: DocumentRef } | { ok: false; message: string } {
  const text = String(input ?? '').trim();
  if (!text) return { ok: false, message: T.emptyRef };
  const doc = /^(?:https?:\/\/)?docs\.google\.com\/document\/(?:u\/\d+\/)?d\/([A-Za-z0-9_-]+)/.exec(text);
  if (doc) return { ok: true, ref: { id: doc[1]!, url: `https://docs.google.com/document/d/${doc[1]}/edit` } };
  for (const [pattern, kind] of OTHER_GOOGLE_FILES) if (pattern.test(text)) return { ok: false, message: T.notADoc(kind) };
  // Doc ids are long (44 characters today); a short word is a typo, not an id.
  if (/^[A-Za-z0-9_-]{20,}$/.test(text)) return { ok: true, ref: { id: text } };
  return { ok: false, message: T.unrecognized(text.length > 80 ? `${text.slice(0, 77)}…` : text) };
}

export function auditApi(ports: AuditPorts) {
  const audit = (text: string, source?: { name: string; url: string }): AuditResult => {
    const findings = auditText(text, { spacing: ports.settings().spacing });
    // JSON round trip: only plain data crosses google.script.run.
    return JSON.parse(JSON.stringify({ status: 'audited', text, findings, summary: T.summary(findings), ...(source ? { source } : {}) })) as AuditResult;
  };

  return {
    /** « Vérifier le texte »: the findings of a pasted text, with their excerpts and offsets. */
    auditText(text: string): AuditResult {
      const value = typeof text === 'string' ? text.replace(/\r\n?/g, '\n') : '';
      if (value.trim() === '') return { status: 'error', message: T.emptyText };
      if (value.length > MAX_AUDIT_CHARS) return { status: 'error', message: T.tooLong(value.length) };
      return audit(value);
    },

    /** « Vérifier le document »: a Google Doc the user can open, by its address or its id. */
    auditGoogleDoc(urlOrId: string): AuditResult {
      const parsed = docRefOf(urlOrId);
      if (!parsed.ok) return { status: 'error', message: parsed.message };
      let doc;
      try {
        doc = ports.documents.read(parsed.ref);
      } catch (e) {
        if (e instanceof DocumentReadError) return { status: 'error', message: e.message };
        throw e;
      }
      const text = documentToText(doc.model);
      if (text.trim() === '') return { status: 'error', message: T.emptyDocument(doc.name) };
      if (text.length > MAX_AUDIT_CHARS) return { status: 'error', message: T.tooLong(text.length) };
      return audit(text, { name: doc.name, url: doc.url });
    },
  };
}

export type AuditApi = ReturnType<typeof auditApi>;
