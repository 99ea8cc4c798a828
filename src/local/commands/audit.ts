import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { auditText } from '../../core/audit';
import { hasErrors, type AuditFinding } from '../../core/findings';
import { documentToText } from '../../core/template/plain-text';
import { openDocx, docxModel, DocxError } from '../docx';
import type { CommandHandler } from '../cli';
import { formatFinding } from '../cli';
import { parseCommandArgs } from '../args';
import { InputError, libraryReason, rawDetail } from '../input-error';
import { assertReadable } from '../read-dossiers';

/** The text of a report: a .txt as is (UTF-8), a .docx as its paragraphs and list items. */
export async function readReportText(path: string): Promise<string> {
  assertReadable(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.docx') {
    try {
      return documentToText(docxModel(await openDocx(readFileSync(path), path)));
    } catch (e) {
      if (e instanceof DocxError) throw new InputError(e.message, e.detail);
      throw new InputError(`Le fichier ${path} n'est pas un document .docx lisible : ${libraryReason(e)}.`, rawDetail(e));
    }
  }
  if (ext === '.doc' || ext === '.odt' || ext === '.pdf') throw new InputError(`Format non pris en charge pour ${path} : enregistrez la note en .docx ou en texte (.txt).`);
  const bytes = readFileSync(path);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\ufeff/, '');
  if (text.includes('\ufffd') && !bytes.includes(0xef)) throw new InputError(`${path} n'est pas en UTF-8 : enregistrez-le en UTF-8 (dans le Bloc-notes : « Enregistrer sous », codage UTF-8).`);
  return text;
}

/** Where a finding stands, as a person counts: line and column. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `ligne ${before.split('\n').length}, colonne ${offset - before.lastIndexOf('\n')}`;
}

export function renderAuditText(findings: readonly AuditFinding[], text: string): string {
  if (findings.length === 0) return 'Aucune anomalie dans les chiffres de la note.\n';
  const lines = findings.flatMap((f) => [formatFinding(f), `      « ${f.excerpt} » (${lineColumn(text, f.offset)})`]);
  const errors = findings.filter((f) => f.severity === 'error').length;
  lines.push('', `Bilan : ${errors} erreur${errors > 1 ? 's' : ''}, ${findings.length - errors} autre${findings.length - errors > 1 ? 's' : ''} constat${findings.length - errors > 1 ? 's' : ''}.`);
  return lines.join('\n') + '\n';
}

export const auditCommand: CommandHandler = async (args, io, { settings, json }) => {
  const file = parseCommandArgs('audit', args, {}, 1, 'rapporteur audit TEXTE [--json]').positionals[0];
  if (!file) throw new InputError('Indiquez la note à vérifier : rapporteur audit note.txt (ou note.docx)');
  const text = await readReportText(file);
  const findings = auditText(text, { spacing: settings.spacing });
  io.out(json ? JSON.stringify({ findings }, null, 2) + '\n' : renderAuditText(findings, text));
  return hasErrors(findings) ? 1 : 0;
};
