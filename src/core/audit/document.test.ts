import { articleAt, documentModel, inRow, paragraphAt } from './document';

describe('documentModel', () => {
  it.each([
    ['Article 1 : Une subvention', [1]],
    ['Article premier : Une subvention', [1]],
    ['Article 1er – Une subvention', [1]],
    ['ARTICLE 2 - La dépense', [2]],
    ['Article 3. La dépense', [3]],
    ['Article unique : La subvention', [1]],
    ['Art. 4 : La dépense', [4]],
    ['Article 5\nLa dépense', [5]],
    // Look-alikes: a reference to an article is not a heading.
    ["Vu l'article L2311-7 du Code", []],
    ["L'article 10 de la loi n° 2000-321 dispose", []],
    ['Article L5218-7 du CGCT', []],
    ['Les articles 1 et 2 sont approuvés', []],
  ])('reads the heading of %j as articles %j', (text, numbers) => {
    expect(documentModel(text).articles.map((a) => a.number)).toEqual(numbers);
  });

  it('places offsets in their article and paragraph', () => {
    const text = 'Exposé.\n\nArticle 1 : A.\nArticle 2 : B.\n\nFait à Metz.';
    const doc = documentModel(text);
    expect(articleAt(doc, 0)).toBe(-1);
    expect(articleAt(doc, text.indexOf('A.'))).toBe(0);
    expect(articleAt(doc, text.indexOf('B.'))).toBe(1);
    expect(paragraphAt(doc, text.indexOf('Exposé'))).toBe(0);
    expect(paragraphAt(doc, text.indexOf('B.'))).toBe(1);
    expect(paragraphAt(doc, text.indexOf('Fait'))).toBe(2);
  });

  it.each([
    ['Association A\t12 000 €', true],
    ['Association A | 12 000 €', true],
    ['Association A        12 000 €', true],
    ['Une subvention de 12 000 € est attribuée.', false],
  ])('reads %j as a table row: %s', (line, row) => {
    const doc = documentModel(`Intro.\n${line}\nFin.`);
    expect(inRow(doc, 8)).toBe(row);
  });
});
