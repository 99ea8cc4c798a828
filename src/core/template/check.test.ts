import { para, type TBlock, type TTable } from './model';
import { checkTemplate, checkTextTemplate, suggestField, type FieldSpec } from './check';
import { formatPlace } from '../messages/template';

const fields: FieldSpec[] = [
  { name: 'beneficiaire', kind: 'text' },
  { name: 'montant_subvention', kind: 'text' },
  { name: 'convention_requise', kind: 'flag' },
  { name: 'actions', kind: 'list' },
  { name: 'cofinanceurs', kind: 'list', items: [{ name: 'nom', kind: 'text' }, { name: 'montant', kind: 'text' }] },
];

const ids = (text: string) => checkTextTemplate(text, fields).map((e) => `${e.id}@${formatPlace(e.place)}`);

describe('checkTextTemplate', () => {
  it.each([
    ['{{beneficiaire}} : {{montant_subvention}}', []],
    ['{{#cofinanceurs}}{{nom}} {{montant}} {{beneficiaire}}{{/cofinanceurs}}', []],
    ['{{#actions}}\n- {{.}}\n{{/actions}}', []],
    ['{{^convention_requise}}non{{/convention_requise}}', []],
    ['{{benef}}', ['unknown_field@ligne 1, colonne 1']],
    ['ok\n  {{#cofinanceurs}}{{nom}}', ['unclosed_loop@ligne 2, colonne 3']],
    ['{{/cofinanceurs}}', ['unopened_close@ligne 1, colonne 1']],
    ['{{#cofinanceurs}}\n{{/actions}}\n{{/cofinanceurs}}', ['mismatched_close@ligne 2, colonne 1']],
    ['{{#actions}}{{/cofinanceurs}}', ['unclosed_loop@ligne 1, colonne 1', 'mismatched_close@ligne 1, colonne 13']],
    ['{{cofinanceurs}}', ['list_as_field@ligne 1, colonne 1']],
    ['{{nom}}', ['unknown_field@ligne 1, colonne 1']],
    ['{{.}}', ['unknown_field@ligne 1, colonne 1']],
    ['{{#cofinanceurs}}{{.}}{{/cofinanceurs}}', ['unknown_field@ligne 1, colonne 18']],
    ['{{#inconnu}}x{{/inconnu}}', ['unknown_field@ligne 1, colonne 1']],
    ['a {{montant', ['bad_tag@ligne 1, colonne 3']],
    ['{{#actions}}\nx\n{{/actions}}{{#cofinanceurs}}\ny\n{{/cofinanceurs}}', ['shared_paragraph@ligne 3, colonne 13']],
  ])('%j → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('returns every error at once, in reading order', () => {
    expect(ids('{{benef}}\n{{#cofinanceurs}}\n{{montan}}\n{{/actions}}')).toEqual([
      'unknown_field@ligne 1, colonne 1',
      'unclosed_loop@ligne 2, colonne 1',
      'unknown_field@ligne 3, colonne 1',
      'mismatched_close@ligne 4, colonne 1',
    ]);
  });

  it('suggests the field a typo was meant to be, in French', () => {
    const [e] = checkTextTemplate('{{montant_subvension}}', fields);
    expect(e?.message).toBe('Le champ « montant_subvension » n’existe pas. Vouliez-vous dire {{montant_subvention}} ? La liste des champs est dans le panneau « Champs de la note ».');
  });

  it.each([
    ['beneficiare', 'beneficiaire'],
    ['Beneficiaire', 'beneficiaire'],
    ['xyz', null],
  ])('suggestField(%j) → %j', (name, expected) => {
    expect(suggestField(name, fields.map((f) => f.name))).toBe(expected);
  });

  it('still suggests across a gap in length that stays within reach (two letters dropped, two added)', () => {
    expect(suggestField('montant_subventi', fields.map((f) => f.name))).toBe('montant_subvention');
    expect(suggestField('beneficiaire_xx', fields.map((f) => f.name))).toBe('beneficiaire');
  });

  // Found by the fuzz test: a tag name of a pasted paragraph was compared letter by letter with
  // every field for a suggestion (seconds for 8 000 letters under jest). Names out of reach by
  // their length alone are now skipped; the speed is measured by `node bench/run.mjs template`,
  // this test keeps what the user reads: one unknown field, no suggestion.
  it('checks a tag name thousands of letters long as an unknown field, without a suggestion', () => {
    const name = 'beneficiaire'.repeat(1000);
    const errors = checkTextTemplate(`{{${name}}}`, fields);
    expect(errors.map((e) => e.id)).toEqual(['unknown_field']);
    expect(errors[0]!.message).not.toMatch(/Vouliez-vous dire/);
  });
});

const cell = (...texts: string[]) => ({ blocks: texts.map((t) => para(t)) });
const table = (...rows: { blocks: TBlock[] }[][]): TTable => ({ type: 'table', rows: rows.map((cells) => ({ cells })) });

describe('checkTemplate (documents)', () => {
  const check = (body: TBlock[], header?: TBlock[]) => checkTemplate({ body, header }, fields).map((e) => `${e.id}@${formatPlace(e.place)}`);

  it('accepts a loop that repeats a table row', () => {
    expect(check([table([cell('{{#cofinanceurs}}{{nom}}'), cell('{{montant}}{{/cofinanceurs}}')])])).toEqual([]);
  });

  it('refuses a loop that opens in a cell and closes in another row', () => {
    expect(check([para('x'), table([cell('{{#cofinanceurs}}{{nom}}'), cell('a')], [cell('{{/cofinanceurs}}'), cell('b')])])).toEqual([
      'loop_across_cells@tableau 1, ligne 1, cellule 1, paragraphe 2, colonne 1',
    ]);
  });

  it('refuses a loop that opens in a cell and closes after the table', () => {
    expect(check([table([cell('{{#actions}}')]), para('{{/actions}}')])).toEqual(['loop_across_cells@tableau 1, ligne 1, cellule 1, paragraphe 1, colonne 1']);
  });

  it('refuses a second loop on the same row', () => {
    expect(check([table([cell('{{#cofinanceurs}}'), cell('{{/cofinanceurs}}{{#actions}}'), cell('{{/actions}}')])])).toEqual([
      'row_loop_twice@tableau 1, ligne 1, cellule 2, paragraphe 2, colonne 18',
    ]);
  });

  it('knows the item fields inside a row loop', () => {
    expect(check([table([cell('{{#cofinanceurs}}{{nom}}'), cell('{{montant}}{{/cofinanceurs}}')], [cell('{{nom}}')])])).toEqual([
      'unknown_field@tableau 1, ligne 2, cellule 1, paragraphe 3, colonne 1',
    ]);
  });

  it('names the header and the footer in the place', () => {
    expect(check([para('ok')], [para('{{inconnu}}')])).toEqual(['unknown_field@en-tête, paragraphe 1, colonne 1']);
  });

  it('does not let a section run from the header into the body', () => {
    expect(check([para('{{/actions}}')], [para('{{#actions}}')])).toEqual(['unopened_close@paragraphe 1, colonne 1', 'unclosed_loop@en-tête, paragraphe 1, colonne 1']);
  });
});
