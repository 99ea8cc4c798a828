import { auditText } from './index';

/**
 * Co-financing parts and other splits written inline, in one sentence: after an introduction
 * (« comme suit : », « se décompose », « réparti », « financée à hauteur de ») the parts,
 * separated by « ; », « , » or « et », must add up to the total. Look-alikes that do not state
 * a whole split (a cost, « dont », a remainder named in words, an amount per year) give nothing.
 */
const C = 'COFINANCING_SUM_MISMATCH';
const T = 'TOTAL_MISMATCH';
const codes = (text: string) => auditText(text).map((f) => f.code);

describe('auditText: inline lists of parts', () => {
  it.each([
    ['La subvention de 47 500 € est financée comme suit : 17 500 € pris en charge par la Métropole ; 20 000 € pris en charge par le Conseil de Territoire.', [C]],
    ['La subvention de 47 500 € est financée à hauteur de 17 500 € par la Métropole et de 20 000 € par la Région.', [C]],
    ['La subvention de 47 500 € est répartie : 17 500 € par la Métropole et 20 000 € par le Conseil de Territoire (CT2).', [C]],
    ['La subvention de 47 500 € est répartie entre 17 500 € pour la Métropole et 20 000 € pour la Région.', [T]],
    ['La subvention de 47 500 € : 17 500 € pris en charge par la Métropole ; 20 000 € pris en charge par la Région.', [C]],
    ['La subvention de 47 500 € est prise en charge à hauteur de 17 500 € par la Métropole et de 20 000 € par la Région.', [C]],
    ['La subvention de 47 500 € se décompose comme suit : 17 500 € apportés par la Métropole, 20 000 € apportés par la Région.', [C]],
    ['La subvention de 47 500 € se décompose comme suit : 17 500 € à la charge de la Métropole, 10 000 € à la charge du Département et 10 000 € à la charge de la Région.', [C]],
    ['La subvention de 47 500 €.\n\nCe soutien financier se décompose comme suit : 17 500 € pris en charge par la Métropole ; 20 000 € pris en charge par le Conseil de Territoire.', [C]],
    ['La subvention de 47 500 € est attribuée.\n\nLa subvention se répartit comme suit : 17 500 € par la Métropole et 20 000 € par la Région.', [C]],
    ["L'enveloppe de 30 000 € est répartie comme suit : 10 000 € pour A, 12 000 € pour B et 9 000 € pour C.", [T]],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € (36,84 %) pris en charge par la Métropole ; 30 000 € (60,16 %) pris en charge par la Région.', ['RATE_MISMATCH']],
    ['Du 1er janvier 2018 au 31 mars 2018, la subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole et 20 000 € par la Région.', [C]],
    ['La subvention de 47 500 €, dont 27 500 € à la charge de la Métropole et 30 000 € à la charge de la Région.', [T]],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole et 20 000 € par la Région, soit un total de 37 500 €.', [C]],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole et 30 000 € par la Région, soit un total de 48 500 €.', [T]],
    ['- Métropole : 17 500 € répartis comme suit : 10 000 € en fonctionnement et 8 500 € en investissement ;\n- Région : 30 000 €.', [T]],
    // Each sharer named, its amount in parentheses after the name.
    ['La subvention de 27 500 € est répartie entre la Communauté d’agglomération (15 000 €) et le pôle de proximité de Valognes (13 000 €).', [C]],
    ['La subvention de 27 500 € est attribuée.\n\nCette aide est répartie entre la Communauté d’agglomération au titre de sa compétence déchets (15 000 €) et le pôle de Valognes (13 000 €).', [C]],
    ["L'enveloppe de 30 000 € est répartie entre l'école A (10 000 €), l'école B (12 000 €) et le collège C (9 000 €).", [T]],
    ['La subvention de 30 000 € se répartit comme suit : la Ville (10 000 €) ; la Région (12 000 €).', [C]],
  ])('finds %j → %j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it.each([
    ['La subvention de 47 500 € est financée comme suit : 17 500 € pris en charge par la Métropole ; 30 000 € pris en charge par le Conseil de Territoire.', []],
    ['La subvention de 47 500 € est financée à hauteur de 17 500 € par la Métropole et de 30 000 € par la Région.', []],
    ['La subvention de 47 500 €, dont 17 500 € à la charge de la Métropole et 30 000 € à la charge de la Région.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € (36,84 %) pris en charge par la Métropole ; 30 000 € (63,16 %) pris en charge par la Région.', []],
    ['La subvention de 47 500,00 € est répartie : 17 500,00 € par la Métropole et 30 000,00 € par la Région.', []],
    ['La subvention de 27 500 € est répartie entre la Communauté d’agglomération (15 000 €) et le pôle de proximité de Valognes (12 500 €).', []],
    ['La subvention de 27 500 € est attribuée.\n\nCette aide est répartie entre la Communauté d’agglomération au titre de sa compétence déchets (15 000 €) et le pôle de Valognes (12 500 €).', []],
  ])('finds nothing when the parts agree: %j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it.each([
    ['La subvention de 47 500 €, dont 17 500 € à la charge de la Métropole et 20 000 € à la charge de la Région.', []],
    ['Le coût du projet de 100 000 € est financé à hauteur de 20 000 € par la Ville et de 30 000 € par la Région.', []],
    ['Le financement de ce projet de 100 000 € est assuré à hauteur de 20 000 € par la Ville et de 30 000 € par la Région.', []],
    ["Le budget de 200 000 € est financé comme suit : 47 500 € par la Métropole et 100 000 € par l'État.", []],
    ["La subvention de 47 500 € est financée à hauteur de 17 500 € par la Métropole et de 20 000 € par la Région, le solde restant à la charge de l'association.", []],
    ['La subvention de 47 500 € est financée notamment à hauteur de 17 500 € par la Métropole et de 20 000 € par la Région.', []],
    ['La subvention de 47 500 € a été votée ; 17 500 € ont été versés en mars et 20 000 € en juin.', []],
    ['La subvention de 47 500 €, contre 40 000 € en 2017, est répartie comme suit : 17 500 € par la Métropole et 30 000 € par la Région.', []],
    ['La subvention de 47 500 € (contre 40 000 € en 2017) est répartie comme suit : 17 500 € par la Métropole et 30 000 € par la Région.', []],
    ['La subvention de 47 500 €, représentant 23,75 % du budget de 200 000 €, est répartie comme suit : 17 500 € par la Métropole et 30 000 € par la Région.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par an pendant deux ans et 12 500 € la troisième année.', []],
    ['La subvention de 30 000 € est répartie comme suit : 5 000 € chacune pour les trois écoles et 15 000 € pour le collège.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole, 20 000 € par la Région et le reste par l’État.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole, 20 000 € par la Région, le Département apportant le complément.', []],
    ['La subvention de 47 500 € est financée à hauteur de 17 500 € par la Métropole et de 20 000 € par la Région. Le complément, soit 10 000 €, est apporté par la Ville.', []],
    ['La subvention de 47 500 € est financée à hauteur de 17 500 € par la Métropole et de 20 000 € par la Région. La Ville apporte également 10 000 €.', []],
    ['Une subvention de 47 500 € : la Métropole verse 17 500 € et la Région 20 000 €.', []],
    ['La subvention de 10 000 € accordée en 2018 est reconduite : 10 000 € en 2019 et 10 000 € en 2020.', []],
    ['La subvention de 47 500 € est versée en deux fois : 20 000 € à la signature de la convention et 20 000 € à la remise du bilan.', []],
    ['La subvention de 47 500 € est financée par la Métropole (17 500 €) et la Région (20 000 €).', []],
    ['La subvention de 27 500 € est répartie entre la Ville (15 000 €) et la Région (10 000 €), le solde restant à la charge de l’association.', []],
    ['La subvention de 27 500 € est répartie entre la Ville (15 000 € par an) et la Région (10 000 €).', []],
    ['La subvention de 27 500 € est répartie entre la Ville (15 000 €) et la Région (10 000 €) ; l’État apporte 5 000 €.', []],
    ['Le coût de 27 500 € est réparti entre la Ville (15 000 €) et la Région (10 000 €).', []],
    ["La subvention d'environ 27 500 € est répartie entre la Ville (15 000 €) et la Région (10 000 €).", []],
    ['La subvention de 27 500 € est répartie entre la Ville (environ 15 000 €) et la Région (10 000 €).', []],
    ['La subvention de 27 500 €, contre 20 000 € en 2022, est répartie entre la Ville (15 000 €) et la Région (10 000 €).', []],
    ['La subvention de 27 500 € est attribuée.\n\nLa participation de la Ville est répartie entre le budget principal (15 000 €) et le budget annexe (10 000 €).', []],
    ["La subvention d'environ 47 500 € est répartie comme suit : 17 500 € par la Métropole et 20 000 € par la Région.", []],
    ['La subvention de 47 500 € est répartie comme suit : environ 17 500 € par la Métropole et 20 000 € par la Région.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole, soit 10 000 € de plus qu’en 2017, et 20 000 € par la Région.', []],
    ['La subvention de 47 500 € est répartie : 17 500 € (soit 114 792 F) par la Métropole et 20 000 € par la Région.', []],
    ['La subvention de 47 500 € est financée à hauteur de 17 500 € par la Métropole et de 20 000 € par la Région, pour un budget de 200 000 €.', []],
    ['Sur la subvention de 47 500 €, 17 500 € sont pris en charge par la Métropole et 20 000 € par la Région.', []],
    ['Sur la subvention de 47 500 €, la Métropole apporte 17 500 € (36,84 %) et le Conseil de Territoire 30 000 € (63,16 %).', []],
    ['La subvention de fonctionnement de 47 500 € et la subvention d’investissement de 20 000 € sont réparties comme suit : 17 500 € par la Métropole et 30 000 € par la Région.', []],
    ['La subvention de 47 500 € est versée selon l’échéancier suivant : 20 000 € à la signature, 20 000 € au 30 juin et le solde à la remise du bilan.', []],
    ['La Métropole apporte 17 500 € et la Région 20 000 €, pour une subvention de 47 500 €.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € pour la Métropole et 30 000 € pour la Région ; la convention est approuvée pour 3 ans.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole et 30 000 € par la Région, soit 47 500 €.', []],
    ['Le montant de 47 500 € est réparti entre les deux financeurs : 17 500 € par la Métropole et 30 000 € par la Région.', []],
    ['La subvention de 47 500 € sera versée : 17 500 € en 2018 et 20 000 € en 2019, le solde en 2020.', []],
    ['La subvention de 47 500 € s’ajoute aux aides de la Métropole : 17 500 € pris en charge par la Métropole et 20 000 € par la Région.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole et 20 000 F par la Région.', []],
    ['La subvention de 47 500 € est financée comme suit : 17 500 € par la Métropole, 20 000 € par la Région et 10 000 € au moins par la Ville.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole et 30 000 € par la Région, soit un total de 47 500 €.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole et 30 000 € par la Région, soit un total de 47 500 €, et 5 000 € par la Ville.', []],
    ['- Métropole : 17 500 € répartis comme suit : 10 000 € en fonctionnement et 7 500 € en investissement ;\n- Région : 30 000 €.', []],
    ['La subvention de 47 500 € est répartie comme suit : 17 500 € par la Métropole et 200 00 € par la Région.', ['NUMBER_MALFORMED']],
    ['Rappel de la subvention de 47 500 € accordée en 2017 : 17 500 € versés par la Métropole et 20 000 € versés par la Région ont déjà été perçus.', []],
    ['La subvention de 47 500 € : 17 500 € déjà versés par la Métropole et 20 000 € par la Région.', []],
    ['La subvention de 47 500 € est attribuée.\n\nLa participation de la Métropole se répartit comme suit : 10 000 € en 2018 et 7 500 € en 2019.', []],
    ['La subvention de 47 500 € est attribuée.\n\nLa subvention se répartit comme suit : 17 500 € par la Métropole et 30 000 € par la Région.', []],
  ])('reads no whole split into the look-alike %j', (text, expected) => {
    expect(codes(text).filter((c) => c !== 'NUMBER_FORMAT_INCONSISTENT')).toEqual(expected);
  });

  it('gives both figures and the gap, quoting the statement', () => {
    const text =
      'La subvention de 47 500 € est financée comme suit : 17 500 € pris en charge par la Métropole ; 20 000 € pris en charge par le Conseil de Territoire.';
    const [f] = auditText(text);
    expect(f).toMatchObject({ code: C, severity: 'error', expected: '47\u202f500\u00a0€', actual: '37\u202f500\u00a0€' });
    expect(f!.message).toContain('(17\u202f500\u00a0€ + 20\u202f000\u00a0€) font 37\u202f500\u00a0€');
    expect(f!.message).toContain('écart : 10\u202f000\u00a0€');
    expect(text.slice(f!.offset, f!.offset + f!.excerpt.length)).toBe(f!.excerpt);
    expect(f!.excerpt.startsWith('47 500 €')).toBe(true);
  });

  it('keeps « dont » an inclusion: parts below the whole are no error, above it are', () => {
    const dont = (a: string, b: string) => `La subvention de 47 500 €, dont ${a} à la charge de la Métropole et ${b} à la charge de la Région.`;
    expect(codes(dont('17 500 €', '20 000 €'))).toEqual([]);
    expect(codes(dont('17 500 €', '30 000 €'))).toEqual([]);
    expect(codes(dont('27 500 €', '30 000 €'))).toEqual([T]);
  });

  // Its speed is the bench's (npm run bench, audit: adversarial megabytes), never a timed test.
  it('refuses a list longer than a statement', () => {
    const long = 'La subvention de 47 500 € est répartie comme suit : ' + '17 500 € pris en charge par la Métropole ; '.repeat(20000) + 'fin.';
    expect(codes(long)).toEqual([]);
  });
});
