import { auditText } from './index';

const codes = (text: string) => auditText(text).map((f) => f.code);
const W = 'AMOUNT_WORDS_MISMATCH';

describe('auditText: amounts in words beside digits', () => {
  it.each([
    ['Une subvention de 47 500 € (quarante-sept mille cinq cents euros) est attribuée.', []],
    ['Une subvention de 47 500 € (quarante-sept mille euros) est attribuée.', [W]],
    ['Une subvention de 47.500 euros (quarante-sept-mille-cinq-cents euros).', []],
    ['Une subvention de 7 958,33 € (sept mille neuf cent cinquante-huit euros et trente-trois centimes).', []],
    ['Une subvention de 7 958,33 € (sept mille neuf cent cinquante-huit euros et trente centimes).', [W]],
    ['Une aide de 2 000 000 € (deux millions d’euros).', []],
    ['Une aide de 1,5 million d’euros (un million cinq cent mille euros).', []],
    ['Une aide de 150 000 F (cent cinquante mille francs).', []],
    ['Une aide de 150 000 F (cent mille francs).', [W]],
    ['Il est attribué la somme de quarante-sept mille cinq cents euros (47 500 €).', []],
    ['Il est attribué la somme de quarante-sept mille cinq cents euros (45 500 €).', [W]],
    ['Il est attribué la somme de quatre-vingt mille euros (80.000 €).', []],
  ])('%j → %j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  // The right amount, wrongly spelled: in a convention the words are the legal amount.
  it.each([
    ['Une subvention de 500 000 € (cinq cents mille euros).', 'cinq cents mille euros', 'cinq cent mille euros'],
    ['Une subvention de 81 € (quatre-vingts-un euros).', 'quatre-vingts-un euros', 'quatre-vingt-un euros'],
    ['Une subvention de 1 500 € (un mille cinq cents euros).', 'un mille cinq cents euros', 'mille cinq cents euros'],
    ['Une aide de 200 000 000 € (deux cent millions d’euros).', 'deux cent millions d’euros', 'deux cents millions d’euros'],
    ['Une subvention de 2 000 € (deux milles euros).', 'deux milles euros', 'deux mille euros'],
    ['Une subvention de 200 € (deux cent euros).', 'deux cent euros', 'deux cents euros'],
    ['Une subvention de 21 000 € (vingt-et-un mille euros).', 'vingt-et-un mille euros', 'vingt et un mille euros'],
    ['Une subvention de 81 € (quatre-vingt et un euros).', 'quatre-vingt et un euros', 'quatre-vingt-un euros'],
    ['Une subvention de 21 € (vingt-un euros).', 'vingt-un euros', 'vingt et un euros'],
    ['Une aide de 2 000 000 € (deux millions euros).', 'deux millions euros', 'deux millions d’euros'],
    ['Une aide de 2 000 000 € (deux million d’euros).', 'deux million d’euros', 'deux millions d’euros'],
    ['Une subvention de 80 000 € (quatre-vingts mille euros).', 'quatre-vingts mille euros', 'quatre-vingt mille euros'],
    ['Une subvention de 1 € (un euros).', 'un euros', 'un euro'],
    ['Il est attribué la somme de cinq cents mille euros (500 000 €).', 'cinq cents mille euros', 'cinq cent mille euros'],
    ['Il est attribué la somme de deux milles euros (2 000 €).', 'deux milles euros', 'deux mille euros'],
  ])('%j: AMOUNT_WORDS_MISSPELLED, quoting « %s » and « %s »', (text, written, right) => {
    const found = auditText(text);
    expect(found.map((f) => `${f.code}:${f.severity}`)).toEqual(['AMOUNT_WORDS_MISSPELLED:warning']);
    expect(found[0]).toMatchObject({ actual: written, expected: right });
    expect(found[0]!.message).toContain(`«\u00a0${written}\u00a0»`);
    expect(found[0]!.message).toContain(`écrivez «\u00a0${right}\u00a0»`);
    expect(text.slice(found[0]!.offset, found[0]!.offset + found[0]!.excerpt.length)).toBe(found[0]!.excerpt);
  });

  it('names the 1990 spelling too when it differs', () => {
    const [f] = auditText('Une aide de 200 000 000 € (deux cent millions d’euros).');
    expect(f!.message).toBe(
      'Le montant en lettres «\u00a0deux cent millions d’euros\u00a0» dit bien 200\u202f000\u202f000\u00a0€, mais il est mal orthographié : écrivez «\u00a0deux cents millions d’euros\u00a0» (ou, en orthographe de 1990, «\u00a0deux-cents millions d’euros\u00a0»).',
    );
  });

  it.each([
    // both spellings, any case, a capital, line breaks and runs of spaces, either apostrophe
    'Une subvention de 47 500 € (quarante-sept mille cinq cents euros).',
    'Une subvention de 47 500 € (quarante-sept-mille-cinq-cents euros).',
    'Une subvention de 47 500 € (Quarante-sept mille cinq cents euros).',
    'Une subvention de 47 500 € (QUARANTE-SEPT MILLE CINQ CENTS EUROS).',
    'Une subvention de 47 500 € (quarante-sept  mille\ncinq cents\u00a0euros).',
    'Une subvention de 21 € (vingt et un euros).',
    'Une subvention de 21 € (vingt-et-un euros).',
    'Une subvention de 71 € (soixante et onze euros).',
    'Une subvention de 71 € (soixante-et-onze euros).',
    'Une subvention de 81 € (quatre-vingt-un euros).',
    'Une subvention de 80 € (quatre-vingts euros).',
    'Une subvention de 80 000 € (quatre-vingt mille euros).',
    'Une aide de 200 000 000 € (deux cents millions d’euros).',
    "Une aide de 200 000 000 € (deux cents millions d'euros).",
    'Une aide de 200 000 000 € (deux-cents millions d’euros).',
    'Une aide de 1 000 000 € (un million d’euros).',
    'Une subvention de 1 € (un euro).',
    'Une subvention de 0,50 € (cinquante centimes).',
    'Une subvention de 7 958,33 € (sept mille neuf cent cinquante-huit euros et trente-trois centimes).',
    'Une subvention de 7 958,21 € (sept-mille-neuf-cent-cinquante-huit euros et vingt-et-un centimes).',
    'Une subvention de 1 200 000 € (un million deux cent mille euros).',
    'Une subvention de 1 200 000 € (un million deux-cent-mille euros).',
    'Une aide de 150 000 F (cent cinquante mille francs).',
    'Une aide de 2 000 000 F (deux millions de francs).',
    'Il est attribué la somme de quatre-vingt mille euros (80.000 €).',
  ])('no false alarm on %j', (text) => {
    expect(auditText(text)).toEqual([]);
  });

  it('never calls loosely read words another amount: « un mille euros » beside 2 000 € is no error', () => {
    // « un mille » is no French number; read loosely it is 1 000, too weak a reading to claim a mismatch.
    expect(codes('Une subvention de 2 000 € (un mille euros).')).toEqual([]);
    // Strictly read, a wrong value keeps its error and gets no spelling warning on top.
    expect(codes('Une subvention de 2 000 € (deux cent euros).')).toEqual([W]);
  });

  it('quotes both writings and says what the words amount to', () => {
    const text = 'Une subvention de 47 500 € (quarante-sept mille euros) est attribuée.';
    const [f] = auditText(text);
    expect(f).toMatchObject({ code: W, severity: 'error', field: 'texte', excerpt: '47 500 € (quarante-sept mille euros)', expected: '47\u202f500\u00a0€', actual: '47\u202f000\u00a0€' });
    expect(text.slice(f!.offset, f!.offset + f!.excerpt.length)).toBe(f!.excerpt);
    expect(f!.message).toContain('«\u00a0quarante-sept mille euros\u00a0»');
  });

  // Each row: a look-alike where no words relation may be drawn.
  it.each([
    ['a parenthesis that is not an amount in words', 'Une subvention de 47 500 € (quarante associations) est attribuée.'],
    ['a parenthesis that names the payer', 'Une subvention de 47 500 € (Métropole) est attribuée.'],
    ['francs in words beside euros in digits', 'Une subvention de 15 000 € (cent mille francs) est attribuée.'],
    ['words of a number without a currency', 'Une subvention de 47 500 € (quarante-sept mille) est attribuée.'],
    ['a date in the parenthesis', 'Une subvention de 47 500 € (1er janvier 2019) est attribuée.'],
    ['a SIRET in the parenthesis', 'Une subvention de 47 500 € (SIRET 443 061 841 00013) est attribuée.'],
    ['francs in digits beside euros', 'En 1998, la subvention était de 50 000 F (7 622,45 €).'],
    ['an amount per member in words', 'Une cotisation de 15 € (quinze euros par adhérent) est demandée.'],
    ['words far before the digits, in another clause', 'Quarante associations, dont deux cents euros chacune, et 500 € (soit).'],
  ])('draws no relation for %s', (_, text) => {
    expect(codes(text)).toEqual([]);
  });
});

const T = 'TOTAL_MISMATCH';
const R = 'RATE_MISMATCH';
const paris = (a: string, b: string, total: string) =>
  `Délibère :\n\nArticle 1 : Une subvention d'un montant de ${a} est attribuée à l'association Les Amis du Livre (SIRET 443 061 841 00013), au titre de l'année 2019.\n\n` +
  `Article 2 : Une subvention d'un montant de ${b} est attribuée à l'association Lire en Ville, au titre de l'année 2019.\n\n` +
  `Article 3 : La dépense correspondante, soit un montant total de ${total}, sera imputée sur le budget de fonctionnement de la Ville, exercice 2019.`;

describe('auditText: a total across articles', () => {
  it.each([
    ['11.000 euros', '6.000 euros', '17.000 euros', []],
    ['11.000 euros', '6.000 euros', '18.000 euros', [T]],
    ['11 000 €', '6 000 €', '17 000 €', []],
  ])('Article 1 %s + Article 2 %s against « soit un montant total de %s »', (a, b, total, expected) => {
    expect(codes(paris(a, b, total))).toEqual(expected);
  });

  it('quotes the total and the parts', () => {
    const f = auditText(paris('11.000 euros', '6.000 euros', '18.000 euros')).find((x) => x.code === T)!;
    expect(f).toMatchObject({ actual: '17\u202f000\u00a0€', expected: '18\u202f000\u00a0€' });
    expect(f.message).toContain('11\u202f000\u00a0€ + 6\u202f000\u00a0€');
  });

  it.each([
    ['Article premier', 'ARTICLE 2 -', 'Article 3.'],
    ['Article 1er :', 'Article 2 :', 'Article 3 :'],
  ])('knows the headings %s, %s, %s', (h1, h2, h3) => {
    const text = (total: string) =>
      `${h1} Une subvention de 4 000 € est attribuée à l'association A.\n${h2} Une subvention de 2 500 € est attribuée à l'association B.\n${h3} La dépense correspondante, soit ${total}, sera imputée au chapitre 65.`;
    expect(codes(text('6 500 €'))).toEqual([]);
    expect(codes(text('7 500 €'))).toEqual([T]);
  });

  it('reads an article that grants a list, by its items or by its stated whole', () => {
    const list = (total: string) =>
      `Article 1 : Des subventions sont attribuées aux associations suivantes :\n- A : 12 000 € ;\n- B : 8 000 €.\nArticle 2 : Une subvention de 5 000 € est attribuée à l'association C.\nArticle 3 : L'ensemble de ces subventions, soit ${total}, sera versé en une fois.`;
    expect(codes(list('25 000 €'))).toEqual([]);
    expect(codes(list('24 000 €'))).toEqual([T]);
  });

  it('reads a table of grants, with or without its « Total » row', () => {
    const table = (rows: string, total: string) =>
      `Article 1 : Les subventions suivantes sont attribuées :\n${rows}Article 2 : Une subvention de 1 000 € est attribuée à D.\nArticle 3 : La dépense correspondante, soit ${total}, sera imputée au chapitre 65.`;
    const rows = 'Association A\t12 000 €\nAssociation B\t8 000 €\n';
    expect(codes(table(rows, '21 000 €'))).toEqual([]);
    expect(codes(table(rows, '22 000 €'))).toEqual([T]);
    expect(codes(table(`${rows}Total\t20 000 €\n`, '21 000 €'))).toEqual([]);
    expect(codes(table('Association A | 12 000 €\nAssociation B | 8 000 €\n', '22 000 €'))).toEqual([T]);
  });

  it('restricts the total to the articles it names', () => {
    const text = (total: string) =>
      `Article 1 : Une subvention de 4 000 € est attribuée à A.\nArticle 2 : Une subvention de 2 500 € est attribuée à B.\nArticle 3 : Une subvention de 1 000 € est attribuée à C.\nArticle 4 : La dépense correspondante aux articles 1 et 2, soit ${total}, sera imputée au chapitre 65.`;
    expect(codes(text('6 500 €'))).toEqual([]);
    expect(codes(text('7 500 €'))).toEqual([T]);
  });

  it('reads the items of « DÉCIDE : » up to the one that states their total', () => {
    const decide = (total: string, second = "- d'attribuer une subvention de 3 000 € à l'association B ;") =>
      `DÉCIDE :\n- d'attribuer une subvention de 5 000 € à l'association A ;\n${second}\n- d'autoriser le Maire à signer les conventions ;\n- de dire que la dépense correspondante, soit ${total}, sera imputée au chapitre 65.`;
    expect(codes(decide('8 000 €'))).toEqual([]);
    expect(codes(decide('9 000 €'))).toEqual([T]);
    // Refused: an item of another kind among the grants.
    expect(codes(decide('9 000 €', "- de prendre acte du budget de l'association de 3 000 € ;"))).toEqual([]);
    expect(codes(decide('9 000 €', "- de rappeler qu'une subvention de 3 000 € avait été attribuée en 2018 ;"))).toEqual([]);
  });

  // Each row: a total the audit must not check against the articles before it.
  it.each([
    ['a total of expenses, not of subsidies', "Article 1 : Une subvention de 4 000 € est attribuée à A.\nArticle 2 : Une subvention de 2 500 € est attribuée à B.\nArticle 3 : Le coût total du projet, soit un montant total de 90 000 €, est financé par ailleurs."],
    ['a budget', "Article 1 : Une subvention de 4 000 € est attribuée à A.\nArticle 2 : Une subvention de 2 500 € est attribuée à B.\nArticle 3 : Le budget total, d'un montant total de 90 000 €, est approuvé."],
    ['an article that grants its own total', "Article 1 : Une subvention de 4 000 € est attribuée à A.\nArticle 2 : Une subvention d'un montant total de 9 000 € est attribuée aux associations suivantes :\n- B : 5 000 € ;\n- C : 4 000 €."],
    ['an amount of another year among the articles', "Article 1 : Une subvention de 4 000 € est attribuée à A.\nArticle 2 : Pour mémoire, une subvention de 3 000 € lui avait été attribuée en 2018.\nArticle 3 : La dépense correspondante, soit 4 000 €, sera imputée au chapitre 65."],
    ['a unit amount', "Article 1 : Une subvention de 15 € par adhérent est attribuée à A.\nArticle 2 : Une subvention de 2 500 € est attribuée à B.\nArticle 3 : La dépense correspondante, soit un montant total de 9 000 €, sera imputée au chapitre 65."],
    ['an article whose figures are not grants', "Article 1 : Une subvention de 4 000 € est attribuée à A.\nArticle 2 : L'association dispose d'un budget de 80 000 €.\nArticle 3 : La dépense correspondante, soit 4 000 €, sera imputée au chapitre 65."],
    ['a hedged total', "Article 1 : Une subvention de 4 000 € est attribuée à A.\nArticle 2 : Une subvention de 2 500 € est attribuée à B.\nArticle 3 : La dépense correspondante, soit environ 7 000 €, sera imputée au chapitre 65."],
    ['a total in francs beside euros', "Article 1 : Une subvention de 4 000 € est attribuée à A.\nArticle 2 : Une subvention de 2 500 € est attribuée à B.\nArticle 3 : La dépense correspondante, soit un montant total de 42 637 F, sera imputée au chapitre 65."],
    ['a text with a single article', "Article unique : Une subvention de 4 000 € est attribuée à A ; la dépense correspondante, soit 5 000 €, est imputée au chapitre 65."],
    ['a total scoped to a later article', "Article 1 : Une subvention de 4 000 € est attribuée à A.\nArticle 2 : La dépense correspondante, soit 4 000 €, sera imputée au chapitre 65.\nArticle 3 : Une subvention de 2 500 € est attribuée à B.\nArticle 4 : La dépense correspondante, soit 2 500 €, sera imputée au chapitre 65."],
  ])('refuses %s', (_, text) => {
    expect(codes(text)).toEqual([]);
  });
});

describe('auditText: a rate against the budget of its article or paragraph', () => {
  const text = (rate: string) =>
    `Le budget prévisionnel de l'association s'élève à 320 000 € pour 2019.\nLa subvention proposée est de 46 000 €, soit ${rate}.`;
  it.each([
    ['14,38 %', []], // 46 000 / 320 000 = 14,375 %, rounded half up
    ['14,37 %', [R]],
  ])('« soit %s » against the budget of the paragraph', (rate, expected) => {
    expect(codes(text(rate))).toEqual(expected);
  });

  const prorated = (rate: string) =>
    `Article 1 : Le budget prévisionnel annuel de l'association est de 800 000 €. Proratisé sur 3 mois, le budget est de 200 000 €.\n` +
    `Article 2 : Le soutien de la Métropole s'élève à 47 500 €, représentant ${rate} du budget.`;
  it.each([
    ['23,75 %', []],
    ['5,94 %', []], // a share of the annual budget: also a budget of the article
    ['25 %', [R]],
  ])('« représentant %s du budget » against the budgets of another article', (rate, expected) => {
    expect(codes(prorated(rate).replace('Article 2 : ', ''))).toEqual(expected);
  });

  // The subject names the subsidy stated before: « La subvention proposée représente 14,92 % de ce budget. »
  it.each([
    ["Le budget prévisionnel de l'association s'élève à 320 000 €. Une subvention de 46 000 € est attribuée. La subvention proposée représente 14,37 % de ce budget.", [R]],
    ["Le budget prévisionnel de l'association s'élève à 320 000 €. Une subvention de 46 000 € est attribuée. La subvention proposée représente 14,38 % de ce budget.", []],
    ["Article 1 - Une subvention de 14 370 € est attribuée à A. Le budget prévisionnel de l'opération s'élève à 95 800 €. Le soutien départemental représente 14,37 % de ce budget.", [R]],
    ["Article 1 - Une subvention de 14 370 € est attribuée à A. Le budget prévisionnel de l'opération s'élève à 95 800 €. Le soutien départemental représente 15 % de ce budget.", []],
    ['Le budget prévisionnel du festival s’élève à 126 000 €.\n\nIl est proposé une subvention de 18 000 €. La subvention proposée représente 14,92 % de ce budget.', [R]],
    ['Le budget prévisionnel du festival s’élève à 126 000 €.\n\nIl est proposé une subvention de 18 000 €. La subvention proposée représente 14,29 % de ce budget.', []],
    ["Le budget prévisionnel de l'association s'établit à 412 500 €. La Ville maintient son soutien à hauteur de 61 875 €. Ce montant représente 16 % du budget prévisionnel de l'association.", [R]],
    ["Le budget prévisionnel de l'association s'établit à 412 500 €. La Ville maintient son soutien à hauteur de 61 875 €. Ce montant représente 15 % du budget prévisionnel de l'association.", []],
  ])('reads the subsidy a subject refers to: %j → %j', (t, expected) => {
    expect(codes(t)).toEqual(expected);
  });

  it.each([
    ['a subsidy of another year', "Le budget de l'association est de 320 000 €. Une subvention de 46 000 € est attribuée. La subvention de 2022 représentait 12 % de ce budget."],
    ['two subsidies the subject may mean', "Le budget de l'association est de 320 000 €. Deux subventions de 46 000 € et 20 000 € sont proposées. La subvention représente 12 % de ce budget."],
    ['« ce budget » stated only after', 'Une subvention de 46 000 € est attribuée. La subvention représente 12 % de ce budget.\n\nLe budget de la Ville est de 1 000 000 €.'],
    ['« ce budget » two paragraphs back', "Le budget de l'association est de 320 000 €.\n\nLa Ville soutient l'association.\n\nUne subvention de 46 000 € est attribuée. La subvention représente 12 % de ce budget."],
    ['« ce montant » naming a budget', "Une subvention de 46 000 € est attribuée. Le budget de l'association est de 320 000 €. Ce montant représente 12 % de ce budget."],
    ['a subsidy per unit', "Le budget de l'association est de 320 000 €. Une subvention de 46 000 € est attribuée. La subvention par adhérent représente 1 % de ce budget."],
  ])('refuses %s', (_, t) => {
    expect(codes(t)).toEqual([]);
  });

  it.each([
    ['a rate with no budget in its paragraph', 'La subvention proposée est de 46 000 €, soit 14,37 %.\n\nLe budget de la Ville est de 1 000 000 €.'],
    ['a rate of a rise', "Le budget de l'association est de 320 000 €. La subvention est de 46 000 €, en hausse de 15 %."],
    ['a rate of a cost, not of the budget', "Le budget de l'association est de 320 000 €. La subvention est de 46 000 €, soit 20 % du coût du projet."],
    ['a rate of a budget in words the audit cannot see', 'La subvention est de 46 000 €, soit 14,38 %.'],
    ['an amount that is itself the budget', "Le budget de l'association est de 320 000 €, soit 12 % du budget communal."],
    ['a rate compared with last year', "Le budget de l'association est de 320 000 €. La subvention est de 46 000 €, soit 15 % de plus qu'en 2018."],
    ['a rate of another subsidy', "Le budget de l'association est de 320 000 €. La subvention est de 46 000 €, soit 15 % de la subvention régionale."],
    ['a rate of a « dont » part', "Le budget de l'association est de 320 000 €, dont 46 000 € de cotisations, soit 12 %."],
    ['a budget in another article', "Article 1 : Le budget de l'association est de 320 000 €.\nArticle 2 : Une subvention de 46 000 € est attribuée, soit 12 %."],
    ['too many budgets to choose from', 'Budget 2017 : 100 000 €. Budget 2018 : 110 000 €. Budget 2019 : 120 000 €. Budget 2020 : 130 000 €. La subvention est de 10 000 €, soit 3 %.'],
  ])('refuses %s', (_, t) => {
    expect(codes(t)).toEqual([]);
  });
});

describe('auditText: a whole deliberation, read as its readers do', () => {
  const deliberation = (o: { a?: string; words?: string; total?: string; rate?: string } = {}) =>
    [
      'VILLE DE LYON – Conseil municipal du 24 juin 2019',
      'Délibération n° 2019/4821 – Rapporteur : M. Képénékian',
      '',
      "Vu le Code général des collectivités territoriales, notamment son article L2311-7 ; vu la délibération n° 2018/3901 du 25 juin 2018 ;",
      '',
      "L'association Les Amis du Livre (SIRET 443 061 841 00013), fondée le 1er mars 1990, compte 420 adhérents, qui versent une cotisation de 15 € par adhérent. " +
        "Son budget prévisionnel 2019 s'élève à 76 550 €, dont 12 000 € de cotisations et 30 000 € de recettes propres. " +
        `En 2018, la Ville lui avait attribué 10 000 €. La subvention proposée pour 2019 est de ${o.a ?? '11 000 €'}, soit ${o.rate ?? '14,37 %'}.`,
      '',
      "En 1998, la subvention était de 50 000 F (7 622,45 €).",
      '',
      'Délibère :',
      '',
      `Article 1 : Une subvention de fonctionnement d'un montant de ${o.a ?? '11 000 €'} (${o.words ?? 'onze mille euros'}) est attribuée à l'association Les Amis du Livre.`,
      '',
      "Article 2 : Une subvention de fonctionnement d'un montant de 6 000 € (six mille euros) est attribuée à l'association Lire en Ville.",
      '',
      `Article 3 : La dépense correspondante, soit un montant total de ${o.total ?? '17 000 €'}, sera imputée sur les crédits inscrits au budget 2019, chapitre 65, nature 6574, fonction 321.`,
    ].join('\n');

  it('finds nothing when every figure agrees', () => {
    expect(auditText(deliberation())).toEqual([]);
  });

  it.each([
    [{ total: '18 000 €' }, ['TOTAL_MISMATCH']],
    [{ words: 'onze mille cinq cents euros' }, ['AMOUNT_WORDS_MISMATCH']],
    [{ rate: '15,37 %' }, ['RATE_MISMATCH']],
  ])('finds the one error planted in %j', (change, expected) => {
    expect(codes(deliberation(change))).toEqual(expected);
  });
});
