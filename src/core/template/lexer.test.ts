import { lexText } from './lexer';

describe('lexText', () => {
  it.each([
    ['Objet : {{objet}}', [['text', 'Objet : '], ['field', 'objet']]],
    ['{{ montant_subvention }} €', [['field', 'montant_subvention'], ['text', ' €']]],
    ['{{#cofinanceurs}}{{nom}}{{/cofinanceurs}}', [['open', 'cofinanceurs'], ['field', 'nom'], ['close', 'cofinanceurs']]],
    ['{{^convention_requise}}sans convention{{/convention_requise}}', [['invert', 'convention_requise'], ['text', 'sans convention'], ['close', 'convention_requise']]],
    ['{{.}}', [['field', '.']]],
    ['pas de balise } { }}', [['text', 'pas de balise } { }}']]],
  ])('cuts %j into text and tags', (text, expected) => {
    const { tokens, errors } = lexText(text);
    expect(errors).toEqual([]);
    expect(tokens.map((t) => (t.kind === 'text' ? ['text', text.slice(t.start, t.end)] : [t.tag, t.name]))).toEqual(expected);
  });

  it.each([
    ['Montant : {{montant', 10, 'n’est pas fermée'],
    ['{{}}', 0, 'est vide'],
    ['{{montant subvention}}', 0, 'pas un nom de champ valide'],
    ['{{bénéficiaire}}', 0, 'pas un nom de champ valide'],
    ['{{#.}}', 0, 'pas un nom de champ valide'],
    ['{{a {{b}}', 0, 'n’est pas fermée'],
  ])('reports a bad tag in %j at its offset', (text, offset, words) => {
    const { errors } = lexText(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ id: 'bad_tag', offset });
    expect(errors[0]!.message).toContain(words);
  });

  it('reads on after an unclosed tag so that later tags still count', () => {
    const { tokens } = lexText('{{a {{b}}');
    expect(tokens.filter((t) => t.kind === 'tag').map((t) => t.kind === 'tag' && t.name)).toEqual(['b']);
  });
});
