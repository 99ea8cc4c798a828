/**
 * Shared pieces of the fuzz tests of the readers (issue 14): what a refusal may look like,
 * the garbage every reader is fed, and a fast-check configuration with a time bound.
 *
 * A refusal is acceptable when it is the project's own (a Result's reason, an InputError, a
 * template error) and reads as French: no stack trace, no English text of a library or of
 * the JavaScript engine. Refusals quote what the user wrote (« … »), and random input may
 * well contain "undefined" or "Unexpected": the quoted input is removed before the check.
 */
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import type { Result } from '../../src/core/result';

/** English an engine or a library would put in an error, never in one of ours. */
export const ENGLISH_MARKERS: readonly RegExp[] = [
  /\bundefined\b/i,
  /\bNaN\b/,
  /\bInfinity\b/,
  /\[object \w+\]/,
  /\bcannot read\b/i,
  /\bis not (a function|defined|iterable|valid|a constructor)\b/i,
  /\bunexpected (token|end|character|number|string|non-whitespace)\b/i,
  /\binvalid (time value|date|array length|string length|regular expression)\b/i,
  /\bmaximum call stack\b/i,
  /\b(TypeError|RangeError|SyntaxError|ReferenceError)\b/,
  /\bcentral directory\b/i,
  /\bzip file\b/i,
  /\bcorrupted\b/i,
  /\bend of data\b/i,
  /\bENOENT|EACCES|EISDIR\b/,
  /\bthe (file|value|input)\b/i,
  /\bmust be\b/i,
  /\bexpected\b/i,
];

/** French words every refusal of the project uses at least one of. */
const FRENCH = /(\bn[’']est\b|\bn[’']existe\b|\bne\b|\bpas\b|\bdoit\b|\battendu|\best\b|\bsont\b|\bune?\b|\ble\b|\bla\b|\bles\b|\bdes?\b|\bdu\b|\bdans\b|\bligne\b|\bcolonne\b|\bfeuille\b|[éèàùç])/i;

/** A stack frame as V8 prints it ("    at fn (file.ts:12:5)"). */
const STACK_FRAME = /\n\s+at .+(:\d+:\d+|\(native\))/;

/**
 * The message with the user's text taken out: each « … » span that quotes a piece of the
 * input, then any bare occurrence of the input itself.
 */
export function withoutInput(message: string, inputs: readonly string[]): string {
  const pieces = inputs.filter((s) => s !== '');
  let out = message.replace(/«[\s\u00a0\u202f]?([\s\S]*?)[\s\u00a0\u202f]?»/g, (span, inner: string) => {
    const core = inner.trim();
    return core === '' || pieces.some((p) => p.includes(core) || core.includes(p.trim()) || fold(p).includes(fold(core))) ? '« … »' : span;
  });
  // Longest first, so that a short piece does not cut a longer one. A piece of one or two
  // characters is left: cutting every « e » or « 0 » out of the message unmade its French
  // (« SIRET 0 : 1 chiffre au lieu de 14. » failed), and no English marker is that short.
  for (const p of [...pieces].sort((a, b) => b.length - a.length)) if (p.trim().length >= 3) out = out.split(p.trim()).join('…');
  return out;
}

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Throws (so that fast-check shrinks and prints the seed) when `message` is not a French
 * refusal: empty, a stack trace, or English once the quoted input is removed.
 */
export function assertFrench(message: unknown, inputs: readonly string[] = []): void {
  if (typeof message !== 'string' || message.trim() === '') throw new Error(`refusal without a message: ${String(message)}`);
  if (STACK_FRAME.test(message)) throw new Error(`refusal carries a stack trace: ${message}`);
  const rest = withoutInput(message, inputs).replace(/\(reçu : null\)/g, '');
  for (const marker of ENGLISH_MARKERS) if (marker.test(rest)) throw new Error(`refusal has English text (${marker}): ${message}`);
  if (!FRENCH.test(rest)) throw new Error(`refusal does not read as French: ${message}`);
}

/**
 * The number of runs every property makes (the brief: 10 000), a time bound per property so
 * that a slow case cannot hold the suite, and its seed. By default the seed comes from the
 * property's name: `npm test` feeds the same 10 000 inputs at every run, so that the suite
 * cannot pass on one machine and fail on the next by the luck of the draw (two random runs
 * did, each finding a flaw of this checker). `FUZZ_SEED=random npx jest test/fuzz` explores
 * new inputs; a failure prints its seed, which `FUZZ_SEED=123 npx jest test/fuzz` replays.
 *
 * The bound is not an assertion (a slow machine must not fail the suite), but an interrupted
 * property has not made its count: the reporter says so loudly, with how many runs it made,
 * so that a shortfall is seen instead of passing for 10 000.
 */
export function fuzzParams<T>(numRuns = 10_000, limitMs = 120_000, label = expect.getState().currentTestName ?? 'fuzz'): fc.Parameters<T> {
  const env = process.env.FUZZ_SEED;
  const seed = env === 'random' ? undefined : env ? Number(env) : nameSeed(label);
  // FUZZ_RUNS caps the runs for a quick local pass; the suite runs the full count.
  const runs = process.env.FUZZ_RUNS ? Math.min(numRuns, Number(process.env.FUZZ_RUNS)) : numRuns;
  const reporter = (out: fc.RunDetails<T>): void => {
    if (out.interrupted) console.warn(`FUZZ INTERRUPTED: ${label} made ${out.numRuns} runs out of ${runs} in its ${limitMs / 1000} s (seed ${out.seed}); its count was not reached.`);
    if (out.failed) throw new Error(fc.defaultReportMessage(out), { cause: out.errorInstance });
  };
  return { numRuns: runs, interruptAfterTimeLimit: limitMs, markInterruptAsFailure: false, reporter, ...(seed !== undefined ? { seed } : {}) };
}

/** A 32-bit seed from a property's name (FNV-1a): stable across runs and machines. */
function nameSeed(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

// ---------------------------------------------------------------------------------------
// Garbage shared by the readers.

/** Words that make naive code misbehave: prototype keys, engine spellings of special numbers. */
export const NASTY_WORDS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-Infinity',
  '+Infinity',
  'undefined',
  'null',
  'true',
  'false',
  '1e309',
  '-0',
  '0x1F',
  '1_000',
  '٣٤٥', // Arabic-Indic digits
  '１２３', // full-width digits
  '\u0000',
  '\ufeff',
  '\u200b',
  '\u2028',
  '🙂',
  '\ud800', // a lone surrogate
  '=SOMME(A1:A3)',
  '@cmd',
] as const;

/** Pieces French figures are made of, to build near-misses of real amounts and dates. */
const NUMBER_PIECES = ['0', '1', '2', '3', '4', '5', '7', '9', '00', '000', '12', '234', ' ', '\u00a0', '\u202f', '\u2009', '.', ',', '-', '+', '\u2212', '€', ' €', 'euros', ' euros', 'euro', 'EUR', '%', ' %', 'e', 'E', '\t', '\n'];

/** A string made of French number pieces in any order: "1 234,56 €", "12.000 euros", ",,5%". */
export const numberLike = fc.array(fc.constantFrom(...NUMBER_PIECES), { maxLength: 14 }).map((a) => a.join(''));

/** A very long run of digits, possibly grouped or with decimals. */
export const longDigits = fc
  .tuple(fc.integer({ min: 20, max: 5000 }), fc.constantFrom('', ',5', ',00', ' €', '.000', ',123'))
  .map(([n, tail]) => '9'.repeat(n) + tail);

/** Any string: unicode, nasty words, number-like pieces, huge ones. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_WORDS) },
  { weight: 4, arbitrary: numberLike },
  { weight: 1, arbitrary: longDigits },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => s.repeat(2000)) },
);

/** A JSON-like value of any shape, prototype keys included as own keys. */
export const anyJsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    anyText,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...NASTY_WORDS), fc.string({ maxLength: 8 })), tie('value'), { maxKeys: 4, noNullPrototype: true }), // JSON.parse never makes a null-prototype object
  ),
})).value;

// ---------------------------------------------------------------------------------------
// Files.

/**
 * The entries zipped uncompressed, written by hand: jszip's generator costs more than
 * exceljs' load of the result, and a stored entry is a few fixed headers. A list of entries
 * may name one path twice, as a damaged archive can.
 */
export function zipOf(entries: ReadonlyMap<string, string> | readonly (readonly [string, string])[]): Buffer {
  const files = [...entries];
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(33, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    local.copy(entry, 8, 6, 30); // flags .. extra length are the local header's
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Calls a reader, fails on a throw or on something that is not a Result, checks a refusal's French; returns the Result. */
export function readChecked<T>(reader: () => Result<T>, inputs: readonly string[]): Result<T> {
  let r: Result<T>;
  try {
    r = reader();
  } catch (e) {
    throw new Error(`the reader threw instead of refusing: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  if (!r || typeof r !== 'object' || typeof r.ok !== 'boolean') throw new Error('the reader returned no Result');
  if (!r.ok) assertFrench(r.reason, inputs);
  return r;
}
