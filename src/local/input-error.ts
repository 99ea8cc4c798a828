/**
 * Input that could not be read at all: exit status 2, code INPUT_UNREADABLE (CONTRACT.md).
 * `message` is French and says what and where; `detail` keeps the library's own text
 * (jszip, exceljs, xmldom, Node's fs), shown only with --verbose.
 */
export class InputError extends Error {
  readonly code = 'INPUT_UNREADABLE';
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** The raw text of what a library threw, for --verbose. */
export function rawDetail(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const text = e instanceof Error ? e.message : String(e);
  return code && !text.includes(code) ? `${code} : ${text}` : text;
}

/**
 * Why a library could not read a file, in French (the library's English is kept for
 * --verbose): `libraryReason(new Error("Can't find end of central directory"))` →
 * "ce n’est pas une archive zip (…)".
 */
export function libraryReason(e: unknown, size?: number): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'le fichier est introuvable';
  if (code === 'EACCES' || code === 'EPERM') return 'la lecture est refusée (droits insuffisants)';
  if (code === 'EISDIR') return 'c’est un dossier, pas un fichier';
  if (size === 0) return 'le fichier est vide';
  const text = e instanceof Error ? e.message : String(e);
  if (/end of central directory|is this a zip file|zip file|Corrupted zip|End of data reached/i.test(text))
    return 'ce n’est pas une archive zip complète (fichier tronqué, abîmé, ou d’un autre type renommé)';
  if (/invalid (stored|compressed|distance|code)|inflate|crc32|signature|encrypted/i.test(text)) return 'l’archive est abîmée (une partie compressée est illisible)';
  if (/xml|sax|tag|attribute|entity|root element/i.test(text)) return 'une partie XML du fichier est illisible';
  return 'son contenu n’a pas pu être lu';
}
