/**
 * Where a broken JSON file breaks. Regressions found by test/fuzz/dossier-json.fuzz.test.ts,
 * each with its shrunk counterexample: the column is the one V8 names ("at position N")
 * when it names one, and no text, however deep, escapes as a RangeError.
 */
import { locateJsonError } from './json-errors';

describe('locateJsonError', () => {
  it('finds the end of a text of 100 000 open brackets without overflowing the call stack', () => {
    expect(locateJsonError('['.repeat(100_000))).toMatchObject({ line: 1, column: 100_001 });
    expect(locateJsonError('{"a":'.repeat(100_000))).toMatchObject({ line: 1, column: 500_001 });
  });

  it('accepts deep valid nesting', () => {
    expect(locateJsonError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeNull();
  });

  it.each([
    ['an exponent without digits', '0EUR', 3],
    ['a decimal point without digits', '[1.]', 4],
    ['a minus sign without digits', '[-]', 3],
    ['a bad escape', '"\\x"', 3],
    ['a short unicode escape', '"\\u12"', 6],
    ['a misspelt literal', 'n"ull', 2],
  ])('points where V8 does: %s', (_name, text, column) => {
    let position = -1;
    try {
      JSON.parse(text);
    } catch (e) {
      position = Number(/at position (\d+)/.exec((e as Error).message)?.[1]);
    }
    expect(position + 1).toBe(column);
    expect(locateJsonError(text)).toMatchObject({ line: 1, column });
  });

  it('reads a number of any length: the column of a stray letter after 500 digits is right', () => {
    expect(locateJsonError(`[${'1'.repeat(500)} x]`)).toMatchObject({ line: 1, column: 503 });
  });
});
