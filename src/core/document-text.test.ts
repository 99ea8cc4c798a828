import { documentText, invisibleCharacters } from './document-text';
import { checkDossier } from './checks';
import { fieldText, renderText } from './template/render';

describe('documentText: text as a document (XML 1.0) can hold it', () => {
  it.each<[string, string, string]>([
    ['a control character pasted along with a name', 'Medin\u0001soft', 'Medinsoft'],
    ['Word’s manual line break (U+000B), as a space', 'Association\u000bdes amis', 'Association des amis'],
    ['Word’s page break (U+000C), as a space', 'fin\u000cdébut', 'fin début'],
    ['NUL and the escape character', '\u0000A\u001bB', 'AB'],
    ['the non-characters U+FFFE and U+FFFF', 'a\ufffeb\uffffc', 'abc'],
    ['a lone high surrogate', 'a\ud83db', 'ab'],
    ['a lone low surrogate', 'a\ude00b', 'ab'],
    ['a lone surrogate at the very end', 'ab\ud83d', 'ab'],
  ])('drops or replaces %s', (_, input, expected) => {
    expect(documentText(input)).toBe(expected);
  });

  it.each([
    ['tab, line feed and carriage return', 'a\tb\nc\r\nd'],
    ['a pair of surrogates (an emoji)', 'Fête 😀 et 𝄞'],
    ['French text with no-break spaces and typographic signs', '47\u202f500\u00a0€ — « l’objet »'],
    ['DEL and the C1 controls, which XML 1.0 allows', 'a\u007fb\u0085c'],
    ['an empty text', ''],
  ])('keeps %s as it is', (_, input) => {
    expect(documentText(input)).toBe(input);
    expect(invisibleCharacters(input)).toEqual([]);
  });

  it('names each character it changes once, in the order met', () => {
    expect(invisibleCharacters('a\u0001b\u000bc\u0001\ud800')).toEqual(['U+000B', 'U+0001', 'U+D800']);
  });

  it('leaves no character XML 1.0 forbids, whatever the code unit, and keeps every other', () => {
    // XML 1.0, production Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    const allowed = (c: number) => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      // Each code unit alone between letters: a surrogate there is always a lone one.
      const out = documentText(`a${String.fromCharCode(c)}b`);
      const expected = allowed(c) ? `a${String.fromCharCode(c)}b` : c === 0xb || c === 0xc ? 'a b' : 'ab';
      if (out !== expected) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });
});

describe('rapporteur check: TEXT_INVISIBLE_CHARACTER', () => {
  const base = { beneficiary: 'Médinsoft', subsidy: '1000', annualBudget: '10000' };
  it.each([
    [{ beneficiary: 'Medin\u0001soft' }, 'beneficiary', 'Le bénéficiaire contient un caractère invisible (U+0001) qu’aucun document ne peut contenir : il est retiré des notes et des conventions, qui écrivent « Medinsoft ».'],
    [{ subject: 'Soutien\u000bà la fête' }, 'subject', 'L’objet contient un caractère invisible (U+000B) qu’aucun document ne peut contenir : il est retiré des notes et des conventions, qui écrivent « Soutien à la fête ».'],
    [{ context: ['Premier.', 'Second\u0007\u001f.'] }, 'context[1]', 'Le paragraphe n° 2 du contexte contient des caractères invisibles (U+0007, U+001F) qu’aucun document ne peut contenir : ils sont retirés des notes et des conventions, qui écrivent « Second. ».'],
    [{ cofinancers: [{ name: 'Région', amount: '10' }, { name: 'Départ\uffffement', amount: '10' }] }, 'cofinancers[1].name', 'Le nom du cofinanceur n° 2 contient un caractère invisible (U+FFFF) qu’aucun document ne peut contenir : il est retiré des notes et des conventions, qui écrivent « Département ».'],
  ])('warns about %p on its field, quoting the text as the documents write it', (patch, field, message) => {
    const found = checkDossier({ ...base, ...patch }).findings.filter((f) => f.code === 'TEXT_INVISIBLE_CHARACTER');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', field });
    expect(found[0]!.message.startsWith(message)).toBe(true);
    expect(found[0]!.message).toContain('copier-coller');
  });

  it('says nothing of ordinary text, tabs, line breaks or emoji', () => {
    const r = checkDossier({ ...base, subject: 'Fête de la science 🎉', context: ['Ligne une\nligne deux', 'a\tb'] });
    expect(r.findings.filter((f) => f.code === 'TEXT_INVISIBLE_CHARACTER')).toEqual([]);
  });
});

describe('a field printed into a document', () => {
  it('leaves out what no document can hold, in text, lists and sections alike', () => {
    expect(fieldText('Medin\u0001soft')).toBe('Medinsoft');
    expect(fieldText(['Région\u000bSud', 'Ville'])).toBe('Région Sud, Ville');
    expect(renderText('{{beneficiaire}} : {{#liste}}{{nom}} {{/liste}}', { beneficiaire: 'A\u0000B', liste: [{ nom: 'x\ud800' }] })).toBe('AB : x ');
  });
});
