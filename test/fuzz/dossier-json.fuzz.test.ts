/**
 * Fuzz test of the dossier JSON reader (src/local/read-dossiers.ts, src/core/dossier.ts)
 * and of the checks that read each field (src/core/checks.ts via checkDossiers): valid
 * dossiers of the examples with fields mutated, dropped or replaced by garbage, and JSON
 * texts broken byte by byte. A file is read, or refused with an InputError whose French
 * message names the file and the place (line and column, or the field's path); a dossier
 * read is checked without an exception, each finding naming its field in French.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkDossiers } from '../../src/app/check-dossiers';
import { checkJsonPieces, renderCheckText } from '../../src/local/cli';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { FINDING_CODES } from '../../src/core/findings';
import { InputError } from '../../src/local/input-error';
import { dossiersFromJson, parseJsonFile } from '../../src/local/read-dossiers';
import { anyJsonValue, anyText, assertFrench, fuzzParams, longDigits, NASTY_WORDS, numberLike } from './support';

const root = join(__dirname, '..', '..');
const EXAMPLES = ['dossiers-2018.json', 'autres-dossiers-2019.json', 'medinsoft-2018-corrige.json', 'medinsoft-2018-imprime.json'].flatMap((f) => {
  const data = JSON.parse(readFileSync(join(root, 'examples', f), 'utf8')) as unknown;
  return (Array.isArray(data) ? data : [data]) as Record<string, unknown>[];
});
const FIELDS = [...new Set(EXAMPLES.flatMap((d) => Object.keys(d)))];
const PATH = 'dossiers.json';

/** A value a field may be given: realistic French figures and dates, or anything at all. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  numberLike,
  fc.constantFrom('1 234,56 €', '12.000 euros', '47 500', '23,75 %', '1er janvier 2024', '31/02/2024', '2018-02-30', 'mois', 'jours', '30/360', 'oui', 'NaN', 'Infinity', '-0'),
  longDigits,
  anyText,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  anyJsonValue,
  // Objects JSON.parse makes whose own keys shadow what String() and templates call.
  fc.constantFrom('{"toString": 1}', '{"valueOf": "x", "toString": null}', '{"__proto__": {"amount": 1}}', '[{"toString": []}]', '{"constructor": 1}').map((t) => JSON.parse(t) as unknown),
);

/** Set, drop or nest one field of an object (a dossier, its period, a co-financer). */
const mutation = fc.record({
  key: fc.oneof(fc.constantFrom(...FIELDS, 'period.start', 'period.end', 'cofinancers.0.amount', 'cofinancers.1.name', 'imputation.nature'), fc.constantFrom(...NASTY_WORDS)),
  action: fc.constantFrom('set', 'set', 'set', 'drop'),
  value: fieldValue,
});

function mutate(dossier: Record<string, unknown>, mutations: readonly { key: string; action: string; value: unknown }[]): Record<string, unknown> {
  const copy = structuredClone(dossier);
  for (const { key, action, value } of mutations) {
    const parts = key.split('.');
    let node: Record<string, unknown> = copy;
    for (const p of parts.slice(0, -1)) {
      const next = node[p];
      if (typeof next !== 'object' || next === null) break;
      node = next as Record<string, unknown>;
    }
    const last = parts[parts.length - 1]!;
    // defineProperty: `node["__proto__"] = v` would set the prototype, not an own key as JSON.parse makes.
    if (action === 'drop') delete node[last];
    else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

const mutatedDossier = fc.tuple(fc.constantFrom(...EXAMPLES), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([d, m]) => mutate(d, m));
const dossierData: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: mutatedDossier },
  { weight: 3, arbitrary: fc.array(mutatedDossier, { minLength: 1, maxLength: 4 }) },
  { weight: 2, arbitrary: anyJsonValue },
  { weight: 1, arbitrary: fc.array(anyJsonValue, { maxLength: 4 }) },
);

/** JSON texts: a valid file, then broken (a byte replaced, cut, inserted), or garbage. */
const jsonText: fc.Arbitrary<string> = fc.oneof(
  dossierData.map((d) => JSON.stringify(d, null, 2) ?? ''),
  fc
    .tuple(dossierData.map((d) => JSON.stringify(d, null, 2) ?? ''), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom('', '"', ',', '{', '}', '[', ']', ':', '\n', '\\', '\u0000', 'é', 'NaN', "'", '//', '\ufeff')), { minLength: 1, maxLength: 4 }))
    .map(([text, edits]) => edits.reduce((t, [at, del, ins]) => t.slice(0, at % (t.length + 1)) + ins + t.slice((at % (t.length + 1)) + del), text)),
  fc.tuple(fc.integer({ min: 1, max: 2000 }), fc.constantFrom('[', '{"a":', '[{"period":')).map(([n, open]) => open.repeat(n)),
  fc.integer({ min: 1, max: 2000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.constantFrom('', '   ', '\ufeff', 'null', 'true', '[]', '{}', '"dossier"', '1e999', '{"__proto__": {"subsidy": 1}}', '{"constructor": {"prototype": {}}}'),
  anyText,
);

/** Every string in a value, and its JSON spelling: what a message may quote back. */
function quoted(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 50) return out;
  if (typeof value === 'string') out.push(value, JSON.stringify(value), value.trim());
  else if (typeof value === 'number') out.push(String(value));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) {
    out.push(k);
    try {
      out.push(JSON.stringify(v));
    } catch {
      // A value too deep to print is never quoted back either.
    }
    quoted(v, out, depth + 1);
  }
  return out;
}

function expectInputError(e: unknown, inputs: readonly string[]): InputError {
  if (!(e instanceof InputError)) throw new Error(`not an InputError: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  assertFrench(e.message, inputs);
  if (!e.message.includes(PATH)) throw new Error(`the refusal does not name the file: ${e.message}`);
  return e;
}

describe('the dossier JSON reader, fuzzed', () => {
  it('parseJsonFile reads a text or refuses it in French, naming the file and the line and column', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        let ok = true;
        try {
          parseJsonFile(PATH, text);
        } catch (e) {
          ok = false;
          const err = expectInputError(e, [text]);
          const body = text.replace(/^\ufeff/, '');
          if (body.trim() !== '') {
            const at = /ligne (\d+), colonne (\d+)/.exec(err.message);
            if (!at) throw new Error(`no line and column: ${err.message}`);
            // Where V8 names the position, the line and column must point at it.
            const v8 = / at position (\d+)/.exec(err.detail ?? '');
            if (v8) {
              const before = body.slice(0, Number(v8[1]));
              const where = `ligne ${before.split('\n').length}, colonne ${Number(v8[1]) - before.lastIndexOf('\n')}`;
              if (!err.message.includes(where)) throw new Error(`V8 says ${where} (${err.detail}); the message says ${at[0]}`);
            } else if (Number(at[1]) > body.split('\n').length) throw new Error(`line beyond the text: ${err.message}`);
          }
        }
        let native = true;
        try {
          JSON.parse(text.replace(/^\ufeff/, ''));
        } catch {
          native = false;
        }
        if (ok !== native) throw new Error(`accepted ${ok}, JSON.parse accepts ${native}`);
      }),
      fuzzParams(),
    );
  });

  // A text of 2 MB takes a tenth of a second to read: a few hundred runs, not 10 000, keep
  // the suite short, and depths from 5 000 up are the ones that overflowed the call stack.
  it('a deeply nested text (5 000 to 60 000 open brackets) is refused in French, never with a RangeError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5_000, max: 60_000 }), fc.constantFrom('[', '{"a":', '[{"period":', '{"cofinancers":['), fc.constantFrom('', '1', '}', ']', ',', '"'), (n, open, tail) => {
        const text = open.repeat(n) + tail;
        try {
          parseJsonFile(PATH, text);
        } catch (e) {
          const err = expectInputError(e, [text]);
          if (!/ligne 1, colonne \d+/.test(err.message)) throw new Error(`no line and column: ${err.message}`);
          return;
        }
        throw new Error('an unclosed text was accepted');
      }),
      fuzzParams(100),
    );
  });

  it('dossiersFromJson returns dossiers or refuses in French, naming the file and each bad field', () => {
    fc.assert(
      fc.property(dossierData, (data) => {
        try {
          const list = dossiersFromJson(PATH, data);
          if (!Array.isArray(list) || list.length === 0) throw new Error('no dossier and no refusal');
        } catch (e) {
          const err = expectInputError(e, quoted(data));
          if (!/dossier(\[\d+\])?(\.\w+)?|aucun dossier/.test(err.message)) throw new Error(`the refusal names no field: ${err.message}`);
        }
      }),
      fuzzParams(),
    );
  });

  it('a dossier read is checked without an exception; every finding has a known code, its field and a French message', () => {
    fc.assert(
      fc.property(dossierData, (data) => {
        let dossiers;
        try {
          dossiers = dossiersFromJson(PATH, data);
        } catch (e) {
          expectInputError(e, quoted(data));
          return;
        }
        const inputs = quoted(data);
        const reports = checkDossiers(dossiers, DEFAULT_SETTINGS);
        for (const r of reports)
          for (const f of r.check.findings) {
            if (!(FINDING_CODES as readonly string[]).includes(f.code)) throw new Error(`unknown code ${f.code}`);
            if (typeof f.field !== 'string' || f.field === '') throw new Error(`finding without a field: ${JSON.stringify(f)}`);
            try {
              assertFrench(f.message, inputs);
            } catch (e) {
              throw new Error(`${f.code} on ${f.field}: ${(e as Error).message}`);
            }
          }
        // The outputs of `rapporteur check` are written without an exception too, and the JSON one parses.
        renderCheckText(reports, DEFAULT_SETTINGS);
        JSON.parse([...checkJsonPieces(reports)].join(''));
      }),
      fuzzParams(),
    );
  });
});
