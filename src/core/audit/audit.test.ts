import { auditText } from './index';

const codes = (text: string) => auditText(text).map((f) => f.code);

describe('auditText: rates', () => {
  const rate = (stated: string) => `La subvention s'élève à 47 500 €, représentant ${stated} du budget proratisé de 200 000 €.`;

  it.each([
    ['23,75 %', []],
    ['24 %', []], // 23,75 rounded half up with no decimal
    ['23,8 %', []],
    ['23,750 %', []],
    ['23,7 %', ['RATE_MISMATCH']],
    ['23 %', ['RATE_MISMATCH']],
    ['23,76 %', ['RATE_MISMATCH']],
    ['25 %', ['RATE_MISMATCH']],
  ])('judges %s at its stated precision', (stated, expected) => {
    expect(codes(rate(stated))).toEqual(expected);
  });

  it('quotes the stated rate and gives the computed one with the amounts', () => {
    const [f] = auditText(rate('25 %'));
    expect(f).toMatchObject({ code: 'RATE_MISMATCH', severity: 'error', field: 'texte', actual: '25 %', expected: '24\u00a0%' });
    expect(f!.message).toBe('Le taux annoncé «\u00a025 %\u00a0» ne correspond pas aux montants du texte : 47\u202f500\u00a0€ / 200\u202f000\u00a0€ = 23,75\u00a0%.');
    expect(f!.excerpt).toBe('47 500 €, représentant 25 % du budget proratisé de 200 000 €');
  });

  it('reads « X % du coût de Z, soit Y »', () => {
    expect(codes('La Région participe à hauteur de 30 % du coût HT de 150 000 €, soit 45 000 €.')).toEqual([]);
    expect(codes('La Région participe à hauteur de 30 % du coût HT de 150 000 €, soit 54 000 €.')).toEqual(['RATE_MISMATCH']);
  });

  it.each([
    ['plus de 50 %', '45 000', ['RATE_MISMATCH']],
    ['plus de 50 %', '55 000', []],
    ['au moins 45 %', '45 000', []],
    ['moins de 50 %', '45 000', []],
    ['moins de 40 %', '45 000', ['RATE_MISMATCH']],
    ['près de 50 %', '45 000', []],
    ['environ 60 %', '45 000', []],
  ])('treats « %s » as an inequality or leaves it alone (amount %s)', (claim, amount, expected) => {
    expect(codes(`Une aide de ${amount} €, soit ${claim} du coût total de 100 000 €.`)).toEqual(expected);
  });

  it('does not read a rise or a cap as a share of a budget', () => {
    expect(codes('Son budget de 320 000 € est en hausse de 6 % par rapport à 2018 (302 000 €).')).toEqual([]);
    expect(codes('Les aides ne peuvent excéder 40 % du coût des investissements éligibles.')).toEqual([]);
  });

  it('does not take an amount in another clause as the base', () => {
    expect(codes('La subvention 2019 de 10 000 € représente 25 % de la subvention de 2018, qui était de 8 000 €.')).toEqual([]);
  });

  it('does not guess which of two listed amounts a rate is about', () => {
    expect(codes('Elle apporte 17 500 € et 30 000 €, représentant 99 % du budget de 50 000 €.')).toEqual([]);
  });
});

describe('auditText: prorated budgets', () => {
  const text = (prorated: string, rate = '23,75 %') =>
    `Du 1er janvier 2018 au 31 mars 2018, le soutien s'élèvera à 47 500 euros, représentant ${rate} du budget prévisionnel 2018 proratisé sur 3 mois d'un montant de ${prorated} (budget prévisionnel annuel de 800 000 euros).`;

  it('accepts the annual budget × months / 12 to the cent', () => {
    expect(codes(text('200 000 €'))).toEqual([]);
    expect(codes(text('200 000,00 €'))).toEqual([]);
  });

  it('flags a prorated budget that is not annual × months / 12, once, without a rate cascade', () => {
    const findings = auditText(text('210 000 €'));
    expect(findings.map((f) => f.code)).toEqual(['PRORATED_BUDGET_MISMATCH']);
    expect(findings[0]).toMatchObject({ expected: '200\u202f000\u00a0€', actual: '210 000 €' });
    expect(findings[0]!.message).toContain('800\u202f000\u00a0€ × 3/12 = 200\u202f000\u00a0€');
  });

  it('reports a malformed prorated budget as malformed only, and suggests the computed one', () => {
    const findings = auditText(text('200 00 €'));
    expect(findings.map((f) => f.code)).toEqual(['NUMBER_MALFORMED']);
    expect(findings[0]).toMatchObject({ excerpt: '200 00 €', expected: '200\u202f000\u00a0€' });
  });

  it('still flags a rate that matches neither the stated nor the computed base', () => {
    expect(codes(text('210 000 €', '30 %'))).toEqual(['RATE_MISMATCH', 'PRORATED_BUDGET_MISMATCH']);
  });

  it('reads the number of months in words and a fractional proration', () => {
    expect(codes('Budget annuel de 120 000 €, proratisé sur trois mois, soit 30 000 €.')).toEqual([]);
    expect(codes('Budget annuel de 100 000 €, proratisé sur 5 mois, soit 41 666,67 €.')).toEqual([]);
    expect(codes('Budget annuel de 100 000 €, proratisé sur 5 mois, soit 41 666,66 €.')).toEqual(['PRORATED_BUDGET_MISMATCH']);
  });

  // What `rapporteur report` prints for 16 Jan – 31 Mar: 2 + 16/31 months, shown « 2,52 mois »,
  // 100 000 € × (2 + 16/31) / 12 = 20 967,74 €, and 1 000 / 20 967,74 = 4,77 %. The comma of
  // « 2,52 » cut the rate from its base, and the rounded months were taken as exact: the
  // report failed its own audit with two errors.
  const partial = (prorated: string, months = '2,52', rate = '4,77 %') =>
    `Le soutien s'élèvera à 1 000 euros, représentant ${rate} du budget prévisionnel 2018 proratisé sur ${months} mois d'un montant de ${prorated} (budget prévisionnel annuel de 100 000 euros).`;
  it.each([
    ['20 967,74 €', '2,52', '4,77 %', []],
    // 2,5 months stands for 2,45 to 2,55: 20 416,67 € to 21 250,00 €.
    ['20 967,74 €', '2,5', '4,77 %', []],
    // 2,52 stands for 2,515 to 2,525 months: 20 958,33 € to 21 041,67 €.
    ['20 958,33 €', '2,52', '4,77 %', []],
    ['20 958,32 €', '2,52', '4,77 %', ['PRORATED_BUDGET_MISMATCH']],
    ['21 041,67 €', '2,52', '4,75 %', []],
    ['21 041,68 €', '2,52', '4,75 %', ['PRORATED_BUDGET_MISMATCH']],
    ['25 000 €', '2,52', '4 %', ['PRORATED_BUDGET_MISMATCH']],
    // The rate is judged on the stated base, whatever the comma in the months.
    ['20 967,74 €', '2,52', '5,77 %', ['RATE_MISMATCH']],
  ])('reads a prorated budget %s on « %s mois » shown rounded, rate %s', (prorated, months, rate, expected) => {
    expect(codes(partial(prorated, months, rate))).toEqual(expected);
  });

  it('gives the rate its prorated base across a month count with decimals', () => {
    const [f] = auditText(partial('20 967,74 €', '2,52', '5,77 %'));
    expect(f!.message).toContain('1\u202f000\u00a0€ / 20\u202f967,74\u00a0€ = 4,77\u00a0%');
  });

  // DOMAIN.md: a report prints the months « whatever the proration method »; with the days or
  // 30/360 method the prorated budget is not annual × months / 12, and `rapporteur report`'s
  // own text failed its audit. The period the text states gives the other readings.
  const method = (period: string, months: string, prorated: string, rate: string) =>
    `Pour les actions menées ${period}, le soutien financier de la collectivité s'élèvera à 47 500 euros, représentant ${rate} du budget prévisionnel 2018 proratisé sur ${months} mois d'un montant de ${prorated} (budget prévisionnel annuel de 800 000 euros).`;
  it.each([
    // days: 800 000 × 90/365 = 197 260,27 €; 47 500 / 197 260,27 = 24,08 %.
    ['du 1er janvier 2018 au 31 mars 2018', '3', '197 260,27 €', '24,08 %', []],
    ['du 1er janvier au 31 mars 2018', '3', '197 260,27 €', '24,08 %', []],
    ['du 1er janvier 2018 au 31 mars 2018', '3', '197 260,28 €', '24,08 %', ['PRORATED_BUDGET_MISMATCH']],
    // 30/360 from 16 Jan to 1 Apr: 75/360 × 800 000 = 166 666,67 €; 2 + 16/31 months; 28,50 %.
    ['du 16 janvier 2018 au 31 mars 2018', '2,52', '166 666,67 €', '28,50 %', []],
    // months: 800 000 × (2 + 16/31) / 12 = 167 741,94 €; 47 500 / 167 741,94 = 28,32 %.
    ['du 16 janvier 2018 au 31 mars 2018', '2,52', '167 741,94 €', '28,32 %', []],
    // The stated months must be the period's: 1 Jan – 30 Jun is 6 months, not 3.
    ['du 1er janvier 2018 au 30 juin 2018', '3', '197 260,27 €', '24,08 %', ['PRORATED_BUDGET_MISMATCH']],
  ])('reads the period %s, « %s mois », prorated %s by the days or 30/360 method', (period, months, prorated, rate, expected) => {
    expect(codes(method(period, months, prorated, rate))).toEqual(expected);
  });

  it('without the period in the text, a prorated budget that is not annual × months / 12 is still flagged', () => {
    expect(codes(method('en 2018', '3', '197 260,27 €', '24,08 %'))).toEqual(['PRORATED_BUDGET_MISMATCH']);
  });

  it('still takes whole months as exact: 3 mois is 3, not 2,5 to 3,5', () => {
    expect(codes(partial('20 967,74 €', '3', '4,77 %'))).toEqual(['PRORATED_BUDGET_MISMATCH']);
  });

  const across = (prorated: string, before = "Le budget prévisionnel annuel de l'association s'élève à 150 000 €. ") =>
    `${before}La Ville finance la période du 1er mars au 31 décembre 2024, soit 10 mois. Le budget prévisionnel proratisé sur 10 mois s'établit à ${prorated}.`;
  it.each([
    ['125 000 €', []],
    ['135 000 €', ['PRORATED_BUDGET_MISMATCH']],
  ])('reads the annual budget in an earlier sentence of the paragraph: prorated %s', (prorated, expected) => {
    expect(codes(across(prorated))).toEqual(expected);
  });

  it.each([
    ['an annual budget in another paragraph', across('135 000 €', "Le budget prévisionnel annuel de l'association s'élève à 150 000 €.\n\n")],
    ['two annual budgets to choose from', across('135 000 €', 'Le budget annuel 2023 était de 140 000 €. Le budget annuel 2024 est de 150 000 €. ')],
    ['an annual amount that is no budget', across('135 000 €', 'La subvention annuelle de la Région est de 150 000 €. ')],
    ['a proration that names no budget', 'Le budget annuel est de 150 000 €. Proratisé sur 10 mois, le montant retenu est de 135 000 €.'],
  ])('refuses %s', (_, text) => {
    expect(codes(text)).toEqual([]);
  });
});

describe('auditText: totals and co-financing', () => {
  const split = (a: string, b: string) =>
    `La subvention de la Métropole s'élève à 47 500 €.\n\nCe soutien financier se décompose comme suit :\n\n- ${a} pris en charge par la Métropole ;\n- ${b} pris en charge par le Conseil de Territoire (CT2).`;

  it('checks co-financers against the subsidy the introduction refers to', () => {
    expect(codes(split('17 500 €', '30 000 €'))).toEqual([]);
    const [f] = auditText(split('17 500 €', '25 000 €'));
    expect(f).toMatchObject({ code: 'COFINANCING_SUM_MISMATCH', expected: '47\u202f500\u00a0€', actual: '42\u202f500\u00a0€' });
    expect(f!.message).toContain('(17\u202f500\u00a0€ + 25\u202f000\u00a0€) font 42\u202f500\u00a0€');
    expect(f!.message).toContain('écart : 5\u202f000\u00a0€');
  });

  it('checks the shares written beside each part', () => {
    const text = split('17 500 € (36,84 %)', '30 000 € (63,16 %)');
    expect(codes(text)).toEqual([]);
    expect(codes(text.replace('63,16', '62,16'))).toEqual(['RATE_MISMATCH']);
  });

  it('checks a list against its « Total » line', () => {
    const list = (last: string) => `Répartition comme suit :\n- A : 12 345,50 €\n- B : 8 750,00 €\n- Total : ${last}`;
    expect(codes(list('21 095,50 €'))).toEqual([]);
    expect(codes(list('21 095,00 €'))).toEqual(['TOTAL_MISMATCH']);
  });

  it('checks « soit un total de » against the amounts it sums', () => {
    const text = (total: string) => `Il est attribué 5 000 € à A, 3 000 € à B et 2 000 € à C, soit un total de ${total}.`;
    expect(codes(text('10 000 €'))).toEqual([]);
    expect(codes(text('11 000 €'))).toEqual(['TOTAL_MISMATCH']);
  });

  it('does not sum a budget with the amounts taken from it', () => {
    expect(codes('Sur un coût de 20 000 €, la Ville apporte 5 000 € et la Région 3 000 €, soit un total de 8 000 €.')).toEqual([]);
  });

  it('reads « dont » as an inclusion: the parts may not add up to more than the whole', () => {
    expect(codes('une enveloppe de 120 000 €, dont 70 000 € en fonctionnement et 50 000 € en investissement.')).toEqual([]);
    expect(codes('Le budget est de 500 000 €, dont 100 000 € pour les salaires et 50 000 € pour les loyers.')).toEqual([]);
    expect(codes('une enveloppe de 120 000 €, dont 70 000 € en fonctionnement et 60 000 € en investissement.')).toEqual(['TOTAL_MISMATCH']);
    expect(codes('une enveloppe de 120 000 €, dont 70 000 € en fonctionnement.')).toEqual([]);
    expect(codes('une enveloppe de 120 000 €, dont 130 000 € en fonctionnement.')).toEqual(['TOTAL_MISMATCH']);
  });

  it('never adds euros and francs', () => {
    expect(codes('une subvention de 150 000 F, dont 100 000 F et 50 000 €.')).toEqual([]);
  });
});

describe('auditText: the total line of a table', () => {
  const T = 'TOTAL_MISMATCH';
  const tabs = (rows: string[][]) => rows.map((r) => r.join('\t')).join('\n');
  const pipes = (rows: string[][]) => rows.map((r) => `| ${r.join(' | ')} |`).join('\n');
  const jumelage = (total: string, third = '2.750,00 €') => [
    ['Bénéficiaire', 'Participants', 'Subvention'],
    ['Comité A', '64', '3.200,00 €'],
    ['Comité B', '–', '5.400,00 €'],
    ['Comité C', '120', third],
    ['Total', '184', total],
  ];
  const works = (subsidy: string) => [
    ['Commune', 'Travaux', 'Taux', 'Subvention'],
    ['Arnay', '120 000,00 €', '30 %', '36 000,00 €'],
    ['Précy', '45 500,00 €', '40 %', '18 200,00 €'],
    ['Total', '165 500,00 €', '', subsidy],
  ];
  it.each([
    ['a tab table', tabs(jumelage('11.350,00 €')), []],
    ['a tab table', tabs(jumelage('11.550,00 €')), [T]],
    ['a pipe table', pipes(jumelage('11.350,00 €')), []],
    ['a pipe table', pipes(jumelage('11.550,00 €')), [T]],
    ['a dash in the column', tabs(jumelage('8.600,00 €', '–')), []],
    ['a dash in the column', tabs(jumelage('8.700,00 €', '–')), [T]],
    ['two columns of amounts', tabs(works('54 200,00 €')), []],
    ['two columns of amounts', tabs(works('54 000,00 €')), [T]],
    ['subtotals', tabs([['A', '1 000 €'], ['B', '2 000 €'], ['Sous-total', '3 000 €'], ['C', '4 000 €'], ['D', '5 000 €'], ['Sous-total', '9 000 €'], ['TOTAL', '12 000 €']]), []],
    ['a short row, its missing cells empty', tabs([['A', 'x', '1 000 €'], ['B', 'y', '2 000 €'], ['C', 'z'], ['Total', '', '3 000 €']]), []],
    ['a short row, its missing cells empty', tabs([['A', 'x', '1 000 €'], ['B', 'y', '2 000 €'], ['C', 'z'], ['Total', '', '3 500 €']]), [T]],
    ['subtotals', tabs([['A', '1 000 €'], ['B', '2 000 €'], ['Sous-total', '3 500 €'], ['C', '4 000 €'], ['D', '5 000 €'], ['Sous-total', '9 000 €'], ['TOTAL', '12 000 €']]), [T]],
  ])('checks %s against its total line: %#', (_, text, expected) => {
    expect(codes(text)).toEqual(expected);
  });

  it('points at the stated total and gives the sum', () => {
    const text = 'Article 1 : d’attribuer les subventions suivantes :\n\n' + tabs(jumelage('11.550,00 €'));
    const [f] = auditText(text);
    expect(f).toMatchObject({ code: T, expected: '11\u202f550\u00a0€', actual: '11\u202f350\u00a0€' });
    // A short table is quoted from its first amount down to the total line.
    expect(f!.excerpt.startsWith('3.200,00 €')).toBe(true);
    expect(f!.excerpt.endsWith('Total\t184\t11.550,00 €')).toBe(true);
    expect(f!.message).toContain('3\u202f200\u00a0€ + 5\u202f400\u00a0€ + 2\u202f750\u00a0€ = 11\u202f350\u00a0€');
    expect(text.slice(f!.offset, f!.offset + f!.excerpt.length)).toBe(f!.excerpt);
  });

  it.each([
    ['a total line named after something else', tabs([['Dépenses éligibles', '100 000 €'], ['Subvention', '30 000 €'], ['Total des aides publiques', '30 000 €']])],
    ['a column with words among its amounts', tabs([['A', '1 000 €'], ['B', 'sans objet'], ['C', '2 000 €'], ['Total', '4 000 €']])],
    ['a cell with two amounts', tabs([['A', '1 000 €'], ['B', '3 000 € (dont 500 €)'], ['C', '2 000 €'], ['Total', '5 000 €']])],
    ['a cell with a hedged amount', tabs([['A', '1 000 €'], ['B', 'environ 3 000 €'], ['Total', '5 000 €']])],
    ['rows apart from their total line', tabs([['A', '1 000 €'], ['B', '2 000 €']]) + '\n\nTotal\t4 000 €'],
    ['a single row above the total', tabs([['A', '1 000 €'], ['Total', '4 000 €']])],
    ['a table aligned by spaces, not split into columns', 'A      1 000 €\nB      2 000 €\nTotal  4 000 €'],
    ['a total of another currency', tabs([['A', '1 000 €'], ['B', '2 000 €'], ['Total', '19 679 F']])],
  ])('refuses %s', (_, text) => {
    expect(codes(text)).toEqual([]);
  });
});

describe('auditText: a later group of four digits', () => {
  it('reports « 12 5000 € » as malformed, quoting the figure and the long group', () => {
    const text = 'La commune a rénové la salle pour un coût de 12 5000 € en 2021.';
    const findings = auditText(text);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ code: 'NUMBER_MALFORMED', severity: 'error', field: 'texte', excerpt: '12 5000 €', actual: '12 5000 €' });
    expect(text.slice(f!.offset, f!.offset + f!.excerpt.length)).toBe('12 5000 €');
    expect(f!.message).toContain('«\u00a012 5000 €\u00a0»');
    expect(f!.message).toContain('un groupe de quatre chiffres : «\u00a05000\u00a0»');
    expect(f!.expected).toBeUndefined();
  });

  it('names the length of the group', () => {
    expect(auditText('un coût de 1 25000 €.')[0]!.message).toContain('un groupe de cinq chiffres : «\u00a025000\u00a0»');
  });

  it.each([
    ['pour un coût de 12 5000 €.', ['NUMBER_MALFORMED']],
    ['pour un coût de 12\u202f5000\u00a0euros.', ['NUMBER_MALFORMED']],
    ['un investissement de 12 5000,00 EUR.', ['NUMBER_MALFORMED']],
    ['une aide de 150 000 F, dont 100 000 F et 5 0000 F.', ['NUMBER_MALFORMED']],
    // In a relation: reported as malformed only, nothing computed from it.
    ['Une aide de 8 000 €, représentant 20,00 % du coût de 40 0000 €.', ['NUMBER_MALFORMED']],
    ['Budget annuel de 120 000 €, proratisé sur trois mois, soit 3 0000 €.', ['NUMBER_MALFORMED']],
    ['Il est attribué 5 000 € à A et 5 0000 € à B, soit un total de 10 000 €.', ['NUMBER_MALFORMED']],
    // Look-alikes: not amounts, or two numbers side by side.
    ['En 2018 5 associations ont été aidées.', []],
    ['Délibération du 12 2018.', []],
    ["L'article 12 5000 habitants.", []],
    ['La commune compte 12 5000 habitants.', []],
    ['SIRET 443 061 841 00013, subvention de 5 000 €.', []],
    ['Tél. 04 91 55 1234 ; subvention de 5 000 €.', []],
    ['En 2018 5000 € ont été versés.', []],
    ['Lot 2 4500 € HT.', []],
    ['Métropole 17 500 30 000 €', []],
  ])('%j → %j', (text, expected) => {
    expect(codes(text)).toEqual(expected);
  });
});

describe('auditText: number styles', () => {
  it('warns once per text, naming the styles and quoting examples', () => {
    const findings = auditText('Montants : 47.500 euros, 17 500 €, 30.000 €, 800 000 euros, 125000 €.');
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['NUMBER_FORMAT_INCONSISTENT', 'warning']]);
    expect(findings[0]!.message).toContain('«\u00a047.500 euros\u00a0»');
    expect(findings[0]!.message).toContain('sans séparateur de milliers');
    expect(findings[0]!.message).toMatch(/de trois façons/);
  });

  it('does not count the unit, small numbers, scaled amounts, counts or kinds of space as styles', () => {
    expect(codes('47 500 €, 17\u202f500 euros, 3\u00a0000 EUR, 2500 €, 8 milliards d’euros, 44.000 emplois.')).toEqual([]);
  });
});

describe('auditText: findings point into the text', () => {
  it('gives excerpts that stand at their offsets', () => {
    const text = 'Préambule.\n\nLe soutien s’élève à 47 500 €, représentant 25 % du budget de 200 000 €, et 200 00 € ailleurs.';
    const findings = auditText(text);
    expect(findings.length).toBe(2);
    for (const f of findings) expect(text.slice(f.offset, f.offset + f.excerpt.length)).toBe(f.excerpt);
  });

  it('prints computed figures with the spacing asked for', () => {
    const [f] = auditText('47 500 €, représentant 25 % du budget de 200 000 €.', { spacing: 'nbsp' });
    expect(f!.message).toContain('47\u00a0500\u00a0€ / 200\u00a0000\u00a0€');
  });

  it('finds nothing in a text without figures', () => {
    expect(auditText('')).toEqual([]);
    expect(auditText('Le Conseil de Territoire est saisi pour avis du rapport présenté ci-après.')).toEqual([]);
  });
});
