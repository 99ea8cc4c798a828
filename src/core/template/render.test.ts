import { para, type TBlock, type TDocument, type TParagraph, type TTable } from './model';
import { applyEdits, renderDocument, renderText, toModel, TemplateRenderError, type TemplateData } from './render';

const data: TemplateData = {
  beneficiaire: 'association Medinsoft',
  montant: '47 500 €',
  convention_requise: true,
  public: false,
  vide: '',
  actions: ['animer le label', 'coordonner les acteurs'],
  cofinanceurs: [
    { nom: 'Métropole', montant: '17 500 €', fin: ' ;' },
    { nom: 'CT2', montant: '30 000 €', fin: '.' },
  ],
  aucun: [],
};

const texts = (blocks: readonly TBlock[]): unknown[] =>
  blocks.map((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : b.type === 'table' ? b.rows.map((r) => r.cells.map((c) => texts(c.blocks))) : '#'));
const render = (body: TBlock[]) => texts(toModel(renderDocument({ body }, data).body));
const table = (...rows: string[][]): TTable => ({ type: 'table', rows: rows.map((cells) => ({ cells: cells.map((t) => ({ blocks: [para(t)] })) })) });

describe('renderText (plain text, one line per paragraph)', () => {
  it.each([
    ['{{beneficiaire}} reçoit {{montant}}.', 'association Medinsoft reçoit 47 500 €.'],
    ['{{#convention_requise}}Une convention est approuvée.{{/convention_requise}}', 'Une convention est approuvée.'],
    ['Début{{#public}} public{{/public}}{{^public}} privé{{/public}}', 'Début privé'],
    ['{{#cofinanceurs}}{{montant}} par {{nom}}{{fin}} {{/cofinanceurs}}fin', '17 500 € par Métropole ; 30 000 € par CT2. fin'],
    ['{{#vide}}jamais{{/vide}}{{^vide}}toujours{{/vide}}', 'toujours'],
    ['{{#aucun}}x{{/aucun}}{{^aucun}}aucun cofinanceur{{/aucun}}', 'aucun cofinanceur'],
    ['Liste : {{#cofinanceurs}}{{beneficiaire}}/{{nom}} {{/cofinanceurs}}', 'Liste : association Medinsoft/Métropole association Medinsoft/CT2 '],
  ])('renders %j', (template, expected) => {
    expect(renderText(template, data)).toBe(expected);
  });

  it('repeats a line that one loop wraps whole, and drops lines that only hold section tags', () => {
    const template = ['Le soutien se décompose comme suit :', '{{#cofinanceurs}}- {{montant}} pris en charge par {{nom}}{{fin}}{{/cofinanceurs}}', '{{#actions}}', '* {{.}}', '{{/actions}}', 'Fin.'].join('\n');
    expect(renderText(template, data)).toBe(
      ['Le soutien se décompose comme suit :', '- 17 500 € pris en charge par Métropole ;', '- 30 000 € pris en charge par CT2.', '* animer le label', '* coordonner les acteurs', 'Fin.'].join('\n'),
    );
  });

  it('removes a whole line wrapped by a false condition', () => {
    expect(renderText('a\n{{^convention_requise}}Pas de convention.{{/convention_requise}}\nb', data)).toBe('a\nb');
  });

  it('refuses to render a template with errors and lists them all', () => {
    const render = () => renderText('{{#cofinanceurs}}\n{{/actions}}\n{{montant', data);
    expect(render).toThrow(TemplateRenderError);
    try {
      render();
    } catch (e) {
      expect((e as TemplateRenderError).errors.map((x) => x.id).sort()).toEqual(['bad_tag', 'mismatched_close', 'unclosed_loop']);
    }
  });
});

describe('renderDocument (paragraphs, list items, tables)', () => {
  it('repeats list items between a loop opened and closed in paragraphs of their own', () => {
    const item: TParagraph = { ...para('{{montant}} pris en charge par {{nom}}{{fin}}'), list: { level: 0, glyph: 'dash' } };
    const out = renderDocument({ body: [para('Avant'), para('{{#cofinanceurs}}'), item, para('{{/cofinanceurs}}'), para('Après')] }, data).body;
    expect(texts(toModel(out))).toEqual(['Avant', '17 500 € pris en charge par Métropole ;', '30 000 € pris en charge par CT2.', 'Après']);
    expect(out.map((b) => b.type === 'paragraph' && b.source.list?.glyph)).toEqual([undefined, 'dash', 'dash', undefined]);
    expect(out.map((b) => b.sourceIndex)).toEqual([0, 2, 2, 4]);
  });

  it('repeats a table row when a loop opens in one cell and closes in another of the same row', () => {
    expect(render([table(['Financeur', 'Montant'], ['{{#cofinanceurs}}{{nom}}', '{{montant}}{{/cofinanceurs}}'], ['Total', '{{montant}}'])])).toEqual([
      [
        [['Financeur'], ['Montant']],
        [['Métropole'], ['17 500 €']],
        [['CT2'], ['30 000 €']],
        [['Total'], ['47 500 €']],
      ],
    ]);
  });

  it('drops the rows of an empty loop and the table when no row is left', () => {
    expect(render([table(['{{#aucun}}{{nom}}', '{{montant}}{{/aucun}}']), para('fin')])).toEqual(['fin']);
  });

  it('repeats paragraphs and the tables between them', () => {
    expect(render([para('{{#cofinanceurs}}Financeur {{nom}}'), table(['{{montant}}']), para('{{/cofinanceurs}}')])).toEqual([
      'Financeur Métropole',
      [[['17 500 €']]],
      'Financeur CT2',
      [[['30 000 €']]],
    ]);
  });

  it('keeps a cell whose content was all removed as one empty paragraph', () => {
    expect(render([table(['{{#public}}public{{/public}}', 'x'])])).toEqual([[[[''], ['x']]]]);
  });

  it('finds a tag split across runs and puts the value in the run where it starts', () => {
    const p: TParagraph = { type: 'paragraph', runs: [{ text: 'Montant : {{mon', bold: true }, { text: 'tant}}' }, { text: ' net' }] };
    const [out] = renderDocument({ body: [p] }, data).body;
    expect(out?.type === 'paragraph' && out.runs).toEqual([{ text: 'Montant : 47 500 €', bold: true }, { text: '' }, { text: ' net' }]);
  });

  it('fills the header and the footer with the same data', () => {
    const doc: TDocument = { body: [para('corps')], header: [para('{{beneficiaire}}')], footer: [para('{{montant}}')] };
    const out = renderDocument(doc, data);
    expect([out.header, out.footer].map((b) => texts(toModel(b ?? [])))).toEqual([['association Medinsoft'], ['47 500 €']]);
  });
});

describe('applyEdits', () => {
  it.each([
    [['ab{{x}}cd'], [[2, 7, 'X']], ['abXcd']],
    [['{{', 'x}', '}'], [[0, 5, 'valeur']], ['valeur', '', '']],
    [['a{{x', '}}b{{y}}'], [[1, 6, '1'], [7, 12, '2']], ['a1', 'b2']],
    [['{{x}}'], [[0, 5, '']], ['']],
  ])('applies edits to runs %j', (runs, edits, expected) => {
    expect(applyEdits(runs.map((text) => ({ text })), edits.map(([start, end, text]) => ({ start: start as number, end: end as number, text: text as string }))).map((r) => r.text)).toEqual(expected);
  });
});
