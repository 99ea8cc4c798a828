/**
 * Finds where a JSON text stops being valid, as line and column, because Node 20's
 * JSON.parse often names no position ("Unexpected token '}', … is not valid JSON") and a
 * finance officer editing a file by hand needs to know where to look.
 */
export function locateJsonError(text: string): { line: number; column: number; offset: number; expected: string } | null {
  let i = 0;
  class Stop extends Error {
    constructor(public expected: string) {
      super(expected);
    }
  }
  const ws = () => {
    while (i < text.length && ' \t\r\n\ufeff'.includes(text[i])) i++;
  };
  const expect = (s: string, what: string) => {
    if (text.startsWith(s, i)) i += s.length;
    else throw new Stop(what);
  };
  const string = () => {
    expect('"', 'un texte entre guillemets droits (")');
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) throw new Stop('la fin du texte (guillemet fermant) sur la même ligne');
      i++;
    }
    expect('"', 'un guillemet fermant (")');
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        expect(':', 'deux-points (:) après le nom du champ');
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect('}', 'une virgule ou une accolade fermante (})');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else return expect(']', 'une virgule ou un crochet fermant (])');
      }
    }
    if (c === '"') return string();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== '-') return void (i += m[0].length);
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    throw new Stop('une valeur (nombre, texte entre guillemets, true, false, null, objet ou liste)');
  };
  try {
    value();
    ws();
    if (i < text.length) throw new Stop('la fin du fichier');
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    const column = i - before.lastIndexOf('\n');
    return { line, column, offset: i, expected: e.expected };
  }
}
