/**
 * Fuzz test of the audit text reader (src/core/audit): the deliberations of the corpus with
 * characters replaced, figures swapped, pieces cut and pasted; report-like texts built from
 * the phrases councils use; and garbage. The audit never throws, and every finding has a
 * known code, an excerpt standing at its offset, and a French message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { auditText } from '../../src/core/audit';
import { FINDING_CODES } from '../../src/core/findings';
import { anyText, assertFrench, fuzzParams, longDigits, NASTY_WORDS, numberLike } from './support';

const corpusDir = join(__dirname, '..', 'corpus');
const CORPUS = readdirSync(corpusDir).flatMap((d) =>
  readdirSync(join(corpusDir, d))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(corpusDir, d, f), 'utf8')),
);

const PHRASES = [
  'une subvention de 47 500 €', ' représentant 23,75 % du budget proratisé de 200 000 €', ' soit 25 %', ' (budget annuel de 800 000 euros)',
  ' pour la période du 1er janvier 2018 au 31 mars 2018', ' sur 3 mois', ' dont 17 500 € de la Métropole et 30.000 € du CT2', ', soit un total de 47 500 €',
  'quarante-sept mille cinq cents euros (47 500 €)', 'deux cents euros (300 €)', ' 12.000 euros', ' 1 234,56 €', ' 31/02/2024', ' 1er janvier 2024',
  '\nArticle 1 : ', '\nArticle premier - ', '\n- ', '\t', ' | ', ' plus de 50 %', ' environ ', ' au moins ', '150 000 F', '12,5 M€', '140 k€',
  ' 200 00 €', ' 300. 000 €', '\n\n', '.', ';', ' ', '\u00a0', '\u202f', 'Total : ', ' et ', '%', '€', ' trois mois ', ' 2018-2020 ',
];
const reportLike = fc.array(fc.oneof(fc.constantFrom(...PHRASES), numberLike, fc.constantFrom(...NASTY_WORDS)), { maxLength: 80 }).map((p) => p.join(''));

/** A corpus text with 1 to 8 edits: a character replaced, a piece deleted, a phrase inserted. */
const mutatedCorpus = fc
  .tuple(
    fc.constantFrom(...CORPUS),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.oneof(fc.constantFrom(...PHRASES), numberLike, fc.string({ maxLength: 3 }))), { minLength: 1, maxLength: 8 }),
  )
  .map(([text, edits]) => edits.reduce((t, [at, del, ins]) => t.slice(0, at % (t.length + 1)) + ins + t.slice((at % (t.length + 1)) + del), text));

const auditInput = fc.oneof(
  { weight: 4, arbitrary: mutatedCorpus },
  { weight: 4, arbitrary: reportLike },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: longDigits.map((d) => `une subvention de ${d} € soit 12 % du budget de ${d}`) },
  { weight: 1, arbitrary: fc.constantFrom(...PHRASES).map((p) => p.repeat(500)) },
);

describe('the audit text reader, fuzzed', () => {
  it('never throws; every finding has a known code, an excerpt at its offset and a French message', () => {
    fc.assert(
      fc.property(auditInput, fc.constantFrom('narrow', 'nbsp') as fc.Arbitrary<'narrow' | 'nbsp'>, (text, spacing) => {
        const findings = auditText(text, { spacing });
        for (const f of findings) {
          if (!(FINDING_CODES as readonly string[]).includes(f.code)) throw new Error(`unknown code ${f.code}`);
          if (!Number.isInteger(f.offset) || f.offset < 0 || f.offset > text.length) throw new Error(`offset ${f.offset} outside the text`);
          if (text.slice(f.offset, f.offset + f.excerpt.length) !== f.excerpt) throw new Error(`excerpt « ${f.excerpt} » not at ${f.offset}`);
          if (typeof f.field !== 'string' || f.field === '') throw new Error(`finding without a field: ${JSON.stringify(f)}`);
          try {
            assertFrench(f.message, [text, f.excerpt, f.actual ?? '', f.expected ?? '']);
          } catch (e) {
            throw new Error(`${f.code}: ${(e as Error).message}`);
          }
        }
      }),
      fuzzParams(),
    );
  });
});
