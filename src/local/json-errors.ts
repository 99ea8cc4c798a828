/**
 * Finds where a JSON text stops being valid, as line and column, because Node 20's
 * JSON.parse often names no position ("Unexpected token '}', … is not valid JSON") and a
 * finance officer editing a file by hand needs to know where to look.
 *
 * A loop over an explicit stack of open brackets, not a recursive descent: a file of a
 * hundred thousand « [ » would overflow the call stack (a RangeError instead of a French
 * message). Linear in the length of the text.
 */
export function locateJsonError(text: string): { line: number; column: number; offset: number; expected: string } | null {
  let i = 0;
  class Stop extends Error {
    constructor(public expected: string) {
      super(expected);
    }
  }
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const expect = (s: string, what: string) => {
    if (text.startsWith(s, i)) i += s.length;
    else throw new Stop(what);
  };
  const BAD_ESCAPE = 'un échappement valide après la barre oblique inversée (\\n, \\t, \\", \\\\, \\u00e9…)';
  const string = () => {
    expect('"', 'un texte entre guillemets droits (")');
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        // The column points at the first wrong character after the backslash, as V8's position does.
        i++;
        if (i < text.length && '"\\/bfnrt'.includes(text[i]!)) {
          i++;
          continue;
        }
        if (text[i] !== 'u') throw new Stop(BAD_ESCAPE);
        i++;
        for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) throw new Stop(BAD_ESCAPE);
        continue;
      }
      if (text.charCodeAt(i) < 0x20) throw new Stop('la fin du texte (guillemet fermant) sur la même ligne');
      i++;
    }
    expect('"', 'un guillemet fermant (")');
  };
  const member = () => {
    ws();
    string();
    ws();
    expect(':', 'deux-points (:) après le nom du champ');
  };
  const isDigit = (at: number) => at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57;
  const open: ('{' | '[')[] = [];
  /** Reads one scalar, or opens a bracket; true when a value was completed. */
  const valueStart = (): boolean => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return true;
      }
      open.push('{');
      member();
      return false;
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return true;
      }
      open.push('[');
      return false;
    }
    if (c === '"') {
      string();
      return true;
    }
    if (c === '-' || isDigit(i)) {
      // Where JSON.parse stops in a malformed number, so that the column is the one V8 would name.
      if (text[i] === '-') i++;
      if (!isDigit(i)) throw new Stop('un chiffre après le signe moins');
      if (text[i] === '0') i++;
      else while (isDigit(i)) i++;
      if (text[i] === '.') {
        i++;
        if (!isDigit(i)) throw new Stop('des chiffres après le point décimal');
        while (isDigit(i)) i++;
      }
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        if (!isDigit(i)) throw new Stop('des chiffres dans l’exposant du nombre');
        while (isDigit(i)) i++;
      }
      return true;
    }
    const word = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : '';
    if (word) {
      // V8 reads a literal letter by letter: the column is that of the first wrong letter.
      for (const letter of word) {
        if (text[i] !== letter) throw new Stop(`le mot ${word}`);
        i++;
      }
      return true;
    }
    throw new Stop('une valeur (nombre, texte entre guillemets, true, false, null, objet ou liste)');
  };
  try {
    for (;;) {
      if (!valueStart()) continue;
      // A value is complete: close the brackets it completes, up to the next value expected.
      let next = false;
      while (!next && open.length > 0) {
        ws();
        const top = open[open.length - 1];
        if (text[i] === ',') {
          i++;
          if (top === '{') member();
          next = true;
        } else {
          if (top === '{') expect('}', 'une virgule ou une accolade fermante (})');
          else expect(']', 'une virgule ou un crochet fermant (])');
          open.pop();
        }
      }
      if (!next) break;
    }
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
