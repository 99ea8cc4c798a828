import { parseNumberText } from '../parse';
import { foldWord, quickParse, scan, type NumberToken, type Token } from './scan';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** The figures of a text, as `kind:text[=value][!]` (! for malformed), for compact tables. */
function figures(text: string): string[] {
  return scan(text).map((t: Token) => {
    if (t.kind === 'date') return `date:${t.text}`;
    if (t.kind === 'duration') return `duration:${t.months.toString()}`;
    const n = t as NumberToken;
    return `${n.kind}:${n.text}${n.value ? `=${n.value.toString()}` : ''}${n.malformed ? '!' : ''}`;
  });
}

describe('scan: what is a figure', () => {
  it.each([
    ['47 500 €', ['money:47 500 €=47500']],
    [`47${NNBSP}500${NBSP}€`, [`money:47${NNBSP}500${NBSP}€=47500`]],
    ['47.500 euros', ['money:47.500 euros=47500']],
    ['47500 EUR', ['money:47500 EUR=47500']],
    ['47 500,50 €', ['money:47 500,50 €=47500.5']],
    ['1.234,56 €', ['money:1.234,56 €=1234.56']],
    ['47500€', ['money:47500€=47500']],
    ['150 000 F', ['money:150 000 F=150000']],
    ['150 000 francs', ['money:150 000 francs=150000']],
    ["8 milliards d'euros", ["money:8 milliards d'euros=8000000000"]],
    ["1,5 million d’euros", ['money:1,5 million d’euros=1500000']],
    ['12,5 M€', ['money:12,5 M€=12500000']],
    ['140 k€', ['money:140 k€=140000']],
    ['23,75 %', ['percent:23,75 %=23.75']],
    ['23,75%', ['percent:23,75%=23.75']],
    ['50 pour cent', ['percent:50 pour cent=50']],
  ])('reads %j', (text, expected) => {
    expect(figures(text)).toEqual(expected);
  });

  it.each([
    ['a year', 'le budget prévisionnel 2018 proratisé'],
    ['an article reference', "l'article L5218-7, I du Code"],
    ['an article number', "l'article 10 de la loi"],
    ['a name with digits', 'le Conseil de Territoire du Pays d’Aix (CT2).'],
    ['a versioned name', "l'association AMFT 2.0 a été déclarée"],
    ['an act number', 'la loi n° 2000-321 du 12 avril'],
    ['a range of years', 'la feuille de route 2016-2018.'],
    ['a phone number', 'Renseignements : 04 91 55 12 34.'],
    ['a phone number with no-break spaces', `Tél. 04${NBSP}91${NBSP}99${NBSP}99${NBSP}99`],
    ['a count of jobs', 'une économie forte de 44 000 emplois'],
    ['an ordinal', 'la 1ère répartition, le 3e alinéa'],
    ['a SIRET', 'SIRET 380 312 455 00027)'],
    ['a regulation reference', 'le régime SA.50388 et le programme 1204'],
    ['a surface', 'de 3.500 m² d’allées'],
    ['a time', 'à 14h30'],
    ['a year before a count', 'en 2018 5 associations ont été aidées'],
    ['a day before a year', 'le 12 2018'],
    ['an article before a count', "l'article 12 5000 habitants"],
    ['a number before a four-digit count', 'les 12 5000 habitants'],
    ['a SIRET with a five-digit last group', 'SIRET 443 061 841 00013'],
    ['a SIRET with no-break spaces', `SIRET 443${NBSP}061${NBSP}841${NBSP}00013 ;`],
    ['a phone number with a four-digit group', 'Tél. 04 91 55 1234'],
  ])('skips %s', (_, text) => {
    expect(figures(text).filter((f) => !f.startsWith('date:'))).toEqual([]);
  });

  it.each([
    ['200 00 €', ['money:200 00 €!']],
    ['300. 000 €', ['money:300. 000 €!']],
    ['47.5 €', ['money:47.5 €!']],
    ['2.5 %', ['percent:2.5 %!']],
    ['47 50 €', ['money:47 50 €!']],
    ['12,345 €', ['money:12,345 €!']],
    ['44 00 emplois', ['count:44 00!']],
    // A later group of four digits or more, in an amount: one number with a digit too many, not « 12 » and « 5000 € ».
    ['pour un coût de 12 5000 €', ['money:12 5000 €!']],
    [`12${NNBSP}5000${NBSP}€`, [`money:12${NNBSP}5000${NBSP}€!`]],
    ['1 25000 euros', ['money:1 25000 euros!']],
    ['12 5000,50 €', ['money:12 5000,50 €!']],
    ['12 5000 francs', ['money:12 5000 francs!']],
    ['12 5000 k€', ['money:12 5000 k€!']],
    ['en 2018 12 5000 €', ['money:12 5000 €!']],
    ['Métropole 17 500 3000 €', ['money:17 500 3000 €!']],
    ['plus de 12 5000 €', ['money:12 5000 €!']],
    // A lone short number glued to a grouped amount: its first group mistyped, not a count then an amount.
    ['un investissement de 2 85 000 € HT', ['money:2 85 000 €!']],
    [`2${NBSP}85${NBSP}000${NBSP}€`, [`money:2${NBSP}85${NBSP}000${NBSP}€!`]],
    ['1 2 500 €', ['money:1 2 500 €!']],
    ['12,345 € par la Région', ['money:12,345 €!']],
    ['12,345 € pour la Ville', ['money:12,345 €!']],
  ])('flags %j as malformed', (text, expected) => {
    expect(figures(text)).toEqual(expected);
  });

  it.each([
    ['a conversion rate', 'au taux de 6,55957 francs pour un euro', ['money:6,55957 francs=6.55957']],
    ['a price per kilowatt-hour', 'au tarif de 0,1254 € par kWh', ['money:0,1254 €=0.1254']],
    ['a price per kilometre with a slash', 'indemnité de 0,321 €/km', ['money:0,321 €=0.321']],
    ['a price for one unit', '1,2345 € pour 1 litre', ['money:1,2345 €=1.2345']],
  ])('lets %s have more decimals than cents', (_, text, expected) => {
    expect(figures(text)).toEqual(expected);
  });

  it('reads no figure in a run of more digit groups than any figure has, and goes on after it', () => {
    expect(figures(`${'1 '.repeat(30)}000 € et 12 500 €`)).toEqual(['money:12 500 €=12500']);
    // Within the bound, the run is read as before: its last amount stands.
    expect(figures('17 500 30 000 12 000 €')).toEqual(['money:12 000 €=12000']);
  });

  it('keeps a malformed number that is not a claim out of the figures', () => {
    expect(figures('la version 2.5 du logiciel, les 200 00 et')).toEqual([]);
  });

  it('splits two columns of a table rather than reading one malformed number', () => {
    expect(figures('Métropole 17 500 30 000 €')).toEqual(['money:30 000 €=30000']);
    expect(figures('en 2018 45 000 €')).toEqual(['money:45 000 €=45000']);
  });

  it.each([
    ['a year before an ungrouped amount', 'en 2018 5000 €', ['money:5000 €=5000']],
    ['a year and a day before an amount', 'le 12 2018 5000 €', ['money:5000 €=5000']],
    ['a lot number', 'lot 2 4500 €', ['money:4500 €=4500']],
    ['an article number', "l'article 12 5000 €", ['money:5000 €=5000']],
    ['a numbered line', 'n° 3 12500 €', ['money:12500 €=12500']],
    ['a SIRET then an amount', 'SIRET 443 061 841 00013 ; 5000 €', ['money:5000 €=5000']],
    ['a phone number then an amount', 'Tél. 04 91 55 12 34 ; 12 500 €', ['money:12 500 €=12500']],
    ['a four-digit rate after a number', '12 5000 %', ['percent:5000 %=5000']],
    ['a lot number before a grouped amount', 'lot 2 85 000 €', ['money:85 000 €=85000']],
    ['a year before a grouped amount', 'en 2023 85 000 €', ['money:85 000 €=85000']],
    ['a grouped amount before another', 'Métropole 17 500 85 000 €', ['money:85 000 €=85000']],
    ['a short number before a grouped count', 'les 2 85 000 habitants', []],
    ['an amount whose groups are whole', 'un investissement de 2 850 000 € HT', ['money:2 850 000 €=2850000']],
  ])('does not read a four-digit group or a short lead after %s as malformed', (_, text, expected) => {
    expect(figures(text)).toEqual(expected);
  });

  it('reads dates, with the ordinal of the first and without a year', () => {
    expect(figures('du 1^{er} janvier 2018 au 31 mars 2018, le 1ᵉʳ avril, le 1er juillet, le 31/12/2019')).toEqual([
      'date:1^{er} janvier 2018',
      'date:31 mars 2018',
      'date:1ᵉʳ avril',
      'date:1er juillet',
      'date:31/12/2019',
    ]);
  });

  it('reads durations in figures and in words', () => {
    expect(figures('proratisé sur 3 mois, puis sur trois mois, sur dix-huit mois, sur 4,5 mois')).toEqual([
      'duration:3',
      'duration:3',
      'duration:18',
      'duration:4.5',
    ]);
  });

  it.each([
    ['plus de 50 %', 'atLeast'],
    ['au moins 50 %', 'atLeast'],
    ['supérieur à 50 %', 'atLeast'],
    ['moins de 50 %', 'atMost'],
    ["jusqu'à 20 000 €", 'atMost'],
    ['dans la limite de 20 000 €', 'atMost'],
    ['près de 50 %', 'approx'],
    ['environ 50 %', 'approx'],
    ['50 % environ', 'approx'],
    ["de l’ordre de 20 000 €", 'approx'],
    ['représentant 50 %', undefined],
  ])('reads the hedge of %j', (text, hedge) => {
    expect((scan(text)[0] as NumberToken).hedge).toBe(hedge);
  });

  it('records the grouping style of each amount', () => {
    const styles = scan('47.500 euros, 17 500 €, 125000 €, 8 milliards d’euros').map((t) => {
      const n = t as NumberToken;
      return [n.grouping, n.integerDigits, n.scaled];
    });
    expect(styles).toEqual([
      ['dot', 5, false],
      ['space', 5, false],
      ['none', 6, false],
      ['none', 1, true],
    ]);
  });
});

describe('quickParse: the fast reading of common shapes', () => {
  const NARROW = '\u202f';
  // Each accepted shape must read exactly as the full grammar does; every other shape is left to it.
  it.each([
    '0', '7', '007', '47500', '47500,5', '0,25', '47 500', `47${NBSP}500`, `47${NARROW}500,75`, '1 234 567', '1.234', '1.234,56',
    '12.345.678', '999 999,999',
  ])('reads %j as parseNumberText does', (text) => {
    const fast = quickParse(text);
    const full = parseNumberText(text);
    expect(full.ok).toBe(true);
    expect(fast).not.toBeNull();
    if (!fast!.ok || !full.ok) throw new Error('unreachable');
    expect(fast!.value.value.toString()).toBe(full.value.value.toString());
    expect([fast!.value.decimals, fast!.value.grouping, fast!.value.text]).toEqual([full.value.decimals, full.value.grouping, full.value.text]);
  });

  it.each([
    '200 00', '47 50', '0 500', '12 5000', '47.5', '300. 000', '1.2.3', '1 234.567', '12,', ',5', '1\u2007234', '1  234', '-5', '12,3,4', '1 234,5 6',
  ])('leaves %j to the full grammar', (text) => {
    expect(quickParse(text)).toBeNull();
  });
});

describe('foldWord', () => {
  it.each([
    ['Février', 'fevrier'],
    ['l’État', "l'etat"],
    ['soit  un\ttotal\nde', 'soit un total de'],
    [`47${NBSP}500${NBSP}€`, '47 500 €'],
    ['TOTAL', 'total'],
    ['Œuvre', 'oeuvre'],
    // Already folded: returned as it is.
    [', dont 70 000 € et ', ', dont 70 000 € et '],
    ["d'un montant de (", "d'un montant de ("],
  ])('folds %j to %j', (text, folded) => {
    expect(foldWord(text)).toBe(folded);
  });
});
