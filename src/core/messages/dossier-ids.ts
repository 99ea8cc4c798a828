/** French messages of the ids shared by several dossiers, in one place (STYLE.md). */

/** 1 → « 1er », 5 → « 5e » (the abbreviations of the Imprimerie nationale). */
const ordinal = (n: number) => (n === 1 ? '1er' : `${n}e`);

/** « du 5e dossier », « des 5e et 9e dossiers », « des 5e, 9e et 12e dossiers et de 40 autres ». */
function places(others: readonly number[], otherCount: number): string {
  const named = others.map(ordinal);
  const rest = otherCount - named.length;
  if (named.length === 1 && rest === 0) return `du ${named[0]} dossier`;
  const list = rest > 0 ? named.join(', ') : `${named.slice(0, -1).join(', ')} et ${named[named.length - 1]}`;
  return `des ${list} dossiers${rest > 0 ? ` et de ${rest} ${rest > 1 ? 'autres' : 'autre'}` : ''}`;
}

export const dossierIdMessages = {
  duplicate: (p: { id: string; position: number; others: readonly number[]; otherCount: number }) =>
    `L’identifiant « ${p.id} » de ce dossier (le ${ordinal(p.position)} du fichier) est aussi celui ${places(p.others, p.otherCount)} : ` +
    'leurs notes, leurs conventions et leurs lignes de données ouvertes seraient confondues ; donnez à chaque dossier un identifiant qui lui est propre.',
};
