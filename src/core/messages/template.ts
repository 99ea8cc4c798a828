/** Every French message of the template language, in one place (STYLE.md). */
import type { PartName } from '../template/model';

/** Stable ids, for programs and tests; the message is for people. */
export type TemplateErrorId =
  | 'bad_tag'
  | 'unknown_field'
  | 'list_as_field'
  | 'unclosed_loop'
  | 'unopened_close'
  | 'mismatched_close'
  | 'loop_across_cells'
  | 'row_loop_twice'
  | 'shared_paragraph';

/**
 * Where an error sits: the paragraph (1-based, counted through the whole part, tables
 * included) or the line of a text, the column in it, and the table cell when there is one.
 */
export interface Place {
  part: PartName;
  paragraph: number;
  column: number;
  table?: number;
  row?: number;
  cell?: number;
}

const PART_LABEL: Record<PartName, string> = { body: '', header: 'en-tête, ', footer: 'pied de page, ', text: '' };

/** `formatPlace({part:'body', paragraph: 12, column: 5})` → "paragraphe 12, colonne 5". */
export function formatPlace(p: Place): string {
  if (p.part === 'text') return `ligne ${p.paragraph}, colonne ${p.column}`;
  const cell = p.table ? `tableau ${p.table}, ligne ${p.row}, cellule ${p.cell}, ` : '';
  return `${PART_LABEL[p.part]}${cell}paragraphe ${p.paragraph}, colonne ${p.column}`;
}

const tag = (prefix: string, name: string) => `{{${prefix}${name}}}`;

export const templateMessages = {
  unclosedBraces: (raw: string) => `La balise « ${raw} » n’est pas fermée : il manque « }} ».`,
  emptyTag: () => 'La balise « {{}} » est vide : écrivez le nom d’un champ, par exemple {{beneficiaire}}.',
  badName: (raw: string) =>
    `La balise « ${raw} » n’est pas un nom de champ valide (lettres sans accents, chiffres et « _ », par exemple {{montant_subvention}}).`,
  unknownField: (name: string, suggestion: string | null) =>
    `Le champ « ${name} » n’existe pas.${suggestion ? ` Vouliez-vous dire {{${suggestion}}} ?` : ''} La liste des champs est dans le panneau « Champs de la note ».`,
  unknownItemField: (name: string, list: string, known: string[]) =>
    `Le champ « ${name} » n’existe pas dans les éléments de « ${list} » (champs possibles : ${known.join(', ')}).`,
  dotOutsideList: () => 'La balise {{.}} désigne l’élément courant d’une liste : elle n’a de sens qu’entre {{#liste}} et {{/liste}}.',
  listAsField: (name: string) => `« ${name} » est une liste : écrivez ${tag('#', name)}…${tag('/', name)} pour en reprendre chaque élément.`,
  unclosedLoop: (name: string, inverted: boolean) =>
    `La section ${tag(inverted ? '^' : '#', name)} n’est jamais fermée : ajoutez ${tag('/', name)} à l’endroit où elle se termine.`,
  unopenedClose: (name: string) => `La balise ${tag('/', name)} ferme une section qui n’a pas été ouverte : ajoutez ${tag('#', name)} avant, ou supprimez-la.`,
  mismatchedClose: (name: string, open: string, where: string) =>
    `La balise ${tag('/', name)} arrive alors que la section « ${open} » (ouverte ${where}) n’est pas fermée : fermez d’abord ${tag('/', open)}.`,
  loopAcrossCells: (name: string, where: string) =>
    `La section « ${name} » s’ouvre ici et se ferme ${where} : une section doit s’ouvrir et se fermer dans le même paragraphe, dans des paragraphes d’une même zone, ou dans deux cellules d’une même ligne de tableau (la ligne est alors répétée).`,
  rowLoopTwice: (name: string, other: string) =>
    `La ligne de tableau porte déjà la section « ${other} » d’une cellule à l’autre : une ligne ne peut être répétée que par une seule section (« ${name} »).`,
  sharedParagraph: (first: string, second: string) =>
    `Les sections « ${first} » et « ${second} » se partagent un paragraphe : placez ${tag('#', second)} dans un paragraphe après ${tag('/', first)}.`,
  renderRefused: (count: number) => `Le modèle contient ${count} erreur${count > 1 ? 's' : ''} : corrigez-le avant de générer la note.`,
};
