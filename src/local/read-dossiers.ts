import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { dossierShapeErrors, type DossierInput } from '../core/dossier';
import { locateJsonError } from './json-errors';
import { InputError, libraryReason, rawDetail } from './input-error';

export function readText(path: string): string {
  assertReadable(path);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    // statSync passes on a file whose content may not be read (EACCES): say it in French too.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`Lecture refusée (droits insuffisants) : ${path}`, rawDetail(e));
    throw new InputError(`Impossible de lire ${path} : ${libraryReason(e)}.`, rawDetail(e));
  }
}

/** Fails with a French message that says what is wrong with the path. */
export function assertReadable(path: string): void {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('dir'), { code: 'EISDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`Fichier introuvable : ${path}`, rawDetail(e));
    if (code === 'EISDIR') throw new InputError(`${path} est un dossier, pas un fichier.`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`Lecture refusée (droits insuffisants) : ${path}`, rawDetail(e));
    throw new InputError(`Impossible de lire ${path} : ${libraryReason(e)}.`, rawDetail(e));
  }
}

/** Parses JSON, saying where it breaks (line and column) when it does. */
export function parseJsonFile(path: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (e) {
    if (text.replace(/^\ufeff/, '').trim() === '') throw new InputError(`${path} est vide : on attendait un dossier JSON ou une liste de dossiers.`, rawDetail(e));
    const where = locateJsonError(text.replace(/^\ufeff/, ''));
    const at = where ? ` ligne ${where.line}, colonne ${where.column} : on attendait ${where.expected}` : '';
    throw new InputError(`JSON invalide dans ${path}${at}.`, rawDetail(e));
  }
}

/** The dossiers of a .json file: one dossier object, or an array of them. */
export function dossiersFromJson(path: string, data: unknown): DossierInput[] {
  const list = Array.isArray(data) ? data : [data];
  if (Array.isArray(data) && data.length === 0) throw new InputError(`${path} ne contient aucun dossier (liste vide).`);
  const errors = list.flatMap((d, i) => dossierShapeErrors(d, Array.isArray(data) ? `dossier[${i}]` : 'dossier'));
  if (errors.length) throw new InputError(`Structure invalide dans ${path} :\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
  return list as DossierInput[];
}

export type WorkbookReader = (path: string) => Promise<DossierInput[]>;

/** Reads the dossiers of a file by its extension; workbooks go through the reader given. */
export async function readDossiers(path: string, readWorkbook?: WorkbookReader): Promise<DossierInput[]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return dossiersFromJson(path, parseJsonFile(path, readText(path)));
  if (ext === '.xlsx') {
    if (!readWorkbook) throw new InputError(`La lecture des classeurs .xlsx n'est pas disponible ici : ${path}`);
    assertReadable(path);
    return readWorkbook(path);
  }
  throw new InputError(`Format non reconnu pour ${path} : attendu un fichier .json (un dossier ou une liste de dossiers) ou un classeur .xlsx.`);
}
