import fc from 'fast-check';
import { FINDING_CODES } from '../findings';
import { auditText } from './index';

const SEED = { seed: 20180331, numRuns: 400 };

// Pieces of French reports, so that random texts reach the relation finders and not only the scanner.
const FRAGMENTS = [
  '47 500 €', '47.500 euros', '200 00 €', '300. 000 €', '23,75 %', '24 %', 'plus de 50 %', 'environ', ' représentant ',
  ' du budget de ', ' proratisé sur 3 mois ', ' (budget annuel de 800 000 euros)', ' dont ', ' et ', ', soit un total de ',
  ' se décompose comme suit :', '\n- ', ' pris en charge par la Métropole ;', 'Ce soutien financier', ' du 1er janvier 2018 au 31 mars 2018',
  '1^{er}', 'L5218-7', 'CT2', 'AMFT 2.0', '2016-2018', '04 91 99 99 99', 'n° 2000-321', '150 000 F', '8 milliards d’euros',
  '12,5 M€', '140 k€', '.', '\n\n', ' ', '\u00a0', '\u202f', '0', '9', ',', '(', ')', 'Total : ', ' soit ', 'trois mois', '%', '€',
];
const reportLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));

function wellFormed(text: string): void {
  const findings = auditText(text);
  for (const f of findings) {
    expect(FINDING_CODES).toContain(f.code);
    expect(f.offset).toBeGreaterThanOrEqual(0);
    expect(text.slice(f.offset, f.offset + f.excerpt.length)).toBe(f.excerpt);
    expect(f.message.length).toBeGreaterThan(0);
  }
}

describe('auditText on any text', () => {
  it('never throws on arbitrary UTF-16 strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => wellFormed(text)), SEED);
  });

  it('never throws on arbitrary grapheme strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => wellFormed(text)), SEED);
  });

  it('never throws on report-like texts, and its excerpts stand at their offsets', () => {
    fc.assert(fc.property(reportLike, (text) => wellFormed(text)), SEED);
  });

  it('finds nothing new when a text is followed by a paragraph without figures', () => {
    fc.assert(
      fc.property(reportLike, (text) => {
        const alone = auditText(text).map((f) => f.code);
        const followed = auditText(`${text}\n\nLe Conseil de Territoire est saisi pour avis.`).map((f) => f.code);
        expect(followed).toEqual(alone);
      }),
      SEED,
    );
  });
});
