import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CalendarDate } from '../../core/calendar';
import type { CellEnv } from './cells';
import type { Output } from './engine';
import { CUSTOM_FUNCTION_TABLE } from './table';

// Dates built with Date.UTC stand for that calendar day: a spreadsheet in UTC.
const utc: CellEnv = { calendarDay: (d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }) };
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

function fn(name: string) {
  const f = CUSTOM_FUNCTION_TABLE.find((row) => row.doc.name === name);
  if (!f) throw new Error(`no custom function ${name}`);
  return f;
}
const call = (name: string, ...args: unknown[]): Output => fn(name).run(args, utc);
// Messages carry no-break spaces (U+00A0, U+202F); tests read them as plain spaces.
const plain = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/[\u00a0\u202f]/g, ' ') : Array.isArray(v) ? v.map(plain) : v);
const thrown = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return plain((e as Error).message) as string;
  }
  throw new Error('expected an error');
};

describe('the table', () => {
  // CONTRACT.md names these arguments; users' formulas and the argument help rely on them.
  it.each([
    ['PRORATA', ['montant_annuel', 'debut', 'fin', 'methode']],
    ['NB_MOIS', ['debut', 'fin']],
    ['TAUX', ['montant', 'base']],
    ['VERIF_TAUX', ['montant', 'base', 'taux_annonce']],
    ['VERIF_COFINANCEMENT', ['total', 'montants']],
    ['REPARTIR', ['total', 'poids', 'decimales']],
    ['MONTANT_LETTRES', ['montant', 'devise']],
    ['EUROS', ['montant', 'decimales']],
    ['CONVENTION_REQUISE', ['montant', 'seuil']],
    ['VERIF_NOTE', ['texte']],
  ])('%s takes the arguments of CONTRACT.md', (name, params) => {
    expect(fn(name).doc.params.map((p) => p.name)).toEqual(params);
  });

  it('has one row per function, each name once', () => {
    const names = CUSTOM_FUNCTION_TABLE.map((f) => f.doc.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(10);
  });

  it.each(CUSTOM_FUNCTION_TABLE.map((f) => [f.doc.name, f] as const))('%s: its documented example gives the documented result', (_, f) => {
    expect(f.run(f.example.args, utc)).toEqual(f.example.result);
  });

  it('writes usage and examples as a French user types them', () => {
    expect(fn('PRORATA').doc.usage).toBe('PRORATA(montant_annuel; debut; fin; [methode])');
    expect(fn('PRORATA').doc.example).toBe('=PRORATA(800000; "01/01/2018"; "31/03/2018") → 200000');
    expect(fn('TAUX').doc.example).toBe('=TAUX(47500; 200000) → 0,2375');
    expect(fn('REPARTIR').doc.example).toBe('=REPARTIR(100; {1; 1; 1}) → 33,34 ; 33,33 ; 33,33 (une valeur par ligne)');
  });

  it('marks optional parameters in their description', () => {
    const methode = fn('PRORATA').doc.params[3]!;
    expect(methode.optional).toBe(true);
    expect(methode.description).toMatch(/^Facultatif\. /);
    expect(fn('PRORATA').doc.params[0]!.optional).toBe(false);
  });
});

describe('single values', () => {
  it.each<[string, unknown[], Output]>([
    ['PRORATA', [800000, '01/01/2018', '31/03/2018'], 200000],
    ['PRORATA', [800000, 43101, 43190], 200000],
    ['PRORATA', [800000, day(2018, 1, 1), day(2018, 3, 31)], 200000],
    ['PRORATA', ['800 000 €', '1er janvier 2018', '31 mars 2018'], 200000],
    ['PRORATA', [800000, '16/01/2018', '31/03/2018'], 167741.94],
    ['PRORATA', [800000, '01/01/2018', '31/03/2018', 'jours'], 197260.27],
    ['PRORATA', [800000, '01/01/2018', '31/03/2018', '30/360'], 200000],
    ['PRORATA', [800000, '01/01/2018', '31/03/2018', 'Mois'], 200000],
    ['PRORATA', [800000, '01/01/2018', '31/03/2018', ''], 200000],
    ['NB_MOIS', ['01/01/2018', '31/03/2018'], 3],
    ['NB_MOIS', ['16/01/2018', '31/03/2018'], 78 / 31],
    ['NB_MOIS', ['01/07/2018', '15/10/2018'], 108 / 31],
    ['NB_MOIS', [day(2018, 1, 15), day(2018, 4, 14)], 3],
    ['TAUX', [47500, 200000], 0.2375],
    ['TAUX', ['47.500', '200 000 €'], 0.2375],
    ['TAUX', [1, 3], 1 / 3],
    ['VERIF_TAUX', [47500, 200000, '23,75 %'], 'OK'],
    ['VERIF_TAUX', [47500, 200000, 0.2375], 'OK'],
    ['VERIF_TAUX', [47500, 200000, '24 %'], 'OK'],
    ['VERIF_TAUX', [47500, 200000, '23,7 %'], 'Le taux annoncé (23,7 %) diffère du taux calculé (23,75 % = 47 500 € / 200 000 €).'],
    ['VERIF_TAUX', [47500, 200000, 0.23], 'Le taux annoncé (23 %) diffère du taux calculé (23,75 % = 47 500 € / 200 000 €).'],
    ['VERIF_COFINANCEMENT', [47500, [[17500], ['30.000 €']]], 'OK'],
    ['VERIF_COFINANCEMENT', [47500, [[17500], [''], [30000]]], 'OK'],
    ['VERIF_COFINANCEMENT', [47500, [[17500], [30500]]], 'La somme des montants (48 000 €) diffère du total (47 500 €) : écart de +500 €.'],
    ['VERIF_COFINANCEMENT', [47500, [[17000, 30000]]], 'La somme des montants (47 000 €) diffère du total (47 500 €) : écart de -500 €.'],
    ['VERIF_COFINANCEMENT', [47500, 47500], 'OK'],
    ['REPARTIR', [100, [[1], [1], [1]]], [[33.34], [33.33], [33.33]]],
    ['REPARTIR', [47500, [[17500], [30000]]], [[17500], [30000]]],
    ['REPARTIR', [1000, [['30 %'], ['70 %']]], [[300], [700]]],
    ['REPARTIR', [100, [[1], [1], [1]], 0], [[34], [33], [33]]],
    ['REPARTIR', [100, [[1, 1, 2]]], [[25, 25, 50]]],
    ['REPARTIR', [100, 3], 100],
    ['MONTANT_LETTRES', [47500], 'quarante-sept mille cinq cents euros'],
    ['MONTANT_LETTRES', [1000000], "un million d'euros"],
    ['MONTANT_LETTRES', ['1 234,50 €'], 'mille deux cent trente-quatre euros et cinquante centimes'],
    ['MONTANT_LETTRES', [80, 'aucune'], 'quatre-vingts'],
    ['MONTANT_LETTRES', [-5], 'moins cinq euros'],
    ['EUROS', [47500], '47 500 €'],
    ['EUROS', [47500, 2], '47 500,00 €'],
    ['EUROS', [1234.5], '1 234,50 €'],
    ['EUROS', ['47.500'], '47 500 €'],
    ['EUROS', [-500], '-500 €'],
    ['EUROS', [47500.4, 0], '47 500 €'],
    // =45*0,7 gives 31.499999999999996: read as the 31,50 the user means, it rounds up.
    ['EUROS', [45 * 0.7, 0], '32 €'],
    ['CONVENTION_REQUISE', [47500], true],
    ['CONVENTION_REQUISE', [23000], false],
    ['CONVENTION_REQUISE', [23000.01], true],
    ['CONVENTION_REQUISE', ['23 000 €'], false],
    ['CONVENTION_REQUISE', [20000, 15000], true],
    // Each amount at the cent: two cells of 50.004 (50,00 €) make 100 €.
    ['VERIF_COFINANCEMENT', [100, [[50.004], [50.004]]], 'OK'],
    ['VERIF_COFINANCEMENT', [100, [[50.005], [50.005]]], 'La somme des montants (100,02 €) diffère du total (100 €) : écart de +0,02 €.'],
    // The amount is money: 23000.004 is the 23 000,00 € voted, not above the threshold.
    ['CONVENTION_REQUISE', [23000.004], false],
    ['CONVENTION_REQUISE', [23000.005], true],
    ['VERIF_NOTE', ['Le soutien s’élèvera à 47 500 euros, représentant 23,75 % du budget proratisé de 200 000 €.'], 'OK'],
    ['VERIF_NOTE', ['La subvention de 47 500 € représente 25 % du budget de 200 000 €.'], [[expect.stringMatching(/^ERREUR — .*25 %.*23,75 %/)]]],
  ])('%s(%j) → %j', (name, args, expected) => {
    expect(plain(call(name, ...args))).toEqual(expected);
  });
});

describe('empty cells', () => {
  // The first argument of every function left empty: a row being filled in.
  it.each(CUSTOM_FUNCTION_TABLE.map((f) => [f.doc.name, f] as const))('%s answers "" for an empty first argument', (_, f) => {
    const args = [...f.example.args];
    args[0] = '';
    const single = f.run(args, utc);
    // A list function keeps the list's shape, each place empty.
    const expected = Array.isArray(f.example.result) ? f.example.result.map((row) => row.map(() => '')) : '';
    expect(single).toEqual(expected);
  });

  it.each([
    ['TAUX', [47500, '']],
    ['PRORATA', [800000, '01/01/2018', '   ']],
    ['VERIF_TAUX', [47500, 200000, null]],
  ])('%s answers "" when any required argument is empty', (name, args) => {
    expect(call(name, ...args)).toBe('');
  });

  it('uses the default for an omitted or empty optional argument', () => {
    expect(call('EUROS', 1234.5, '')).toBe(call('EUROS', 1234.5));
    expect(call('CONVENTION_REQUISE', 23000.01, '')).toBe(true);
    expect(call('REPARTIR', 100, [[1], [1], [1]], '')).toEqual([[33.34], [33.33], [33.33]]);
  });
});

describe('bad single values throw a message naming the function, the argument and the value', () => {
  it.each([
    ['PRORATA', ['12a', '01/01/2018', '31/03/2018'], /^PRORATA : montant_annuel « 12a » illisible : .+/],
    ['PRORATA', [800000, '31/02/2018', '31/03/2018'], /^PRORATA : debut « 31\/02\/2018 » illisible : .*février 2018 compte 28 jours/],
    ['PRORATA', [800000, '01/01/2018', '31/03/2018', 'trimestre'], /^PRORATA : methode « trimestre » illisible : .*« mois »/],
    ['PRORATA', [800000, '31/03/2018', '01/01/2018'], /^PRORATA : La fin de la période \(1er janvier 2018\) précède son début/],
    ['PRORATA', [800000, true, '31/03/2018'], /^PRORATA : debut « VRAI » illisible : Une date est attendue/],
    ['PRORATA', [800000, new Date(NaN), '31/03/2018'], /^PRORATA : debut une date illisible : La date de la cellule n’est pas valide/],
    // The value is named as the sheet shows it: a date by its day, a boolean as VRAI.
    ['EUROS', [day(2018, 1, 1)], /^EUROS : montant « 01\/01\/2018 » \(une date\) illisible : .*pas une date/],
    ['PRORATA', [800000, day(2018, 1, 1), day(2018, 3, 31), true], /^PRORATA : methode « VRAI » illisible : La méthode de proratisation « VRAI » n'est pas reconnue/],
    ['NB_MOIS', ['01/01/2018', 'fin mars'], /^NB_MOIS : fin « fin mars » illisible/],
    ['TAUX', [47500, 0], /^TAUX : La base est nulle/],
    ['TAUX', [-5, 10], /^TAUX : montant « -5 » illisible : Le montant ne peut pas être négatif/],
    ['TAUX', ['200 00', 10], /^TAUX : montant « 200 00 » illisible : .*groupe de deux chiffres/],
    ['VERIF_TAUX', [47500, 200000, 23.75], /^VERIF_TAUX : taux_annonce « 23,75 » illisible : Le taux « 23,75 » est ambigu/],
    ['VERIF_COFINANCEMENT', [47500, [[17500], ['abc']]], /^VERIF_COFINANCEMENT : montants \(ligne 2\) « abc » illisible/],
    ['VERIF_COFINANCEMENT', ['x', [[1]]], /^VERIF_COFINANCEMENT : total « x » illisible/],
    ['REPARTIR', [100, [[1, -1]]], /^REPARTIR : poids \(colonne 2\) « -1 » illisible : Un poids ne peut pas être négatif/],
    ['REPARTIR', [100, [[0], [0]]], /^REPARTIR : La somme des poids est nulle/],
    ['REPARTIR', [100, [[''], ['']]], /^REPARTIR : Aucun poids/],
    ['REPARTIR', [100, [[1]], 7], /^REPARTIR : decimales « 7 » illisible/],
    ['MONTANT_LETTRES', [10, 'dollars'], /^MONTANT_LETTRES : devise « dollars » illisible : La devise « dollars » est inconnue/],
    ['MONTANT_LETTRES', [1e25], /^MONTANT_LETTRES : .*trop grand/],
    ['EUROS', [10, 1], /^EUROS : decimales « 1 » illisible/],
    ['CONVENTION_REQUISE', [true], /^CONVENTION_REQUISE : montant « VRAI » illisible : .*booléen/],
    ['PRORATA', [800000], /^PRORATA : l’argument debut manque \(PRORATA\(montant_annuel; debut; fin; \[methode\]\)\)/],
    ['TAUX', [1, 2, 3], /^TAUX attend au plus 2 arguments, 3 donnés/],
    ['REPARTIR', [100, [[1]], [[2]]], /^REPARTIR : decimales doit être une seule cellule/],
  ])('%s(%j)', (name, args, message) => {
    expect(thrown(() => call(name, ...args))).toMatch(message);
  });
});

describe('ranges', () => {
  it('answers a column for columns, row by row, a bad cell holding its message and an empty one ""', () => {
    const result = call('PRORATA', [[800000], ['12a'], [''], [1200]], [['01/01/2018'], ['01/01/2018'], ['01/01/2018'], ['01/01/2018']], [['31/03/2018'], ['31/03/2018'], ['31/03/2018'], ['31/01/2018']]);
    expect(plain(result)).toEqual([[200000], [expect.stringMatching(/^PRORATA : montant_annuel « 12a » illisible/)], [''], [100]]);
  });

  it('broadcasts a single cell over a range', () => {
    expect(call('PRORATA', [[800000], [1200]], '01/01/2018', '31/03/2018')).toEqual([[200000], [300]]);
    expect(call('TAUX', [[47500], [100000]], 200000)).toEqual([[0.2375], [0.5]]);
    expect(call('PRORATA', [[800000], [1200]], [['01/01/2018']], '31/03/2018', 'jours')).toEqual([[197260.27], [295.89]]);
  });

  it('crosses a column with a row into a table', () => {
    expect(call('TAUX', [[10], [20]], [[100, 200]])).toEqual([
      [0.1, 0.05],
      [0.2, 0.1],
    ]);
  });

  it('refuses ranges of incompatible sizes, naming them', () => {
    expect(thrown(() => call('TAUX', [[1], [2], [3]], [[1], [2]]))).toBe(
      'TAUX : les plages n’ont pas des tailles compatibles (montant : 3 lignes × 1 colonne, base : 2 lignes × 1 colonne) ; donnez des plages de même taille, ou une seule cellule.',
    );
  });

  it.each<[string, unknown[], Output]>([
    ['NB_MOIS', [[['01/01/2018'], [day(2018, 1, 16)], ['x']], [[43190], ['31/03/2018'], ['31/03/2018']]], [[3], [78 / 31], [expect.stringMatching(/^NB_MOIS : debut « x »/)]]],
    ['VERIF_TAUX', [[[47500], [47500]], 200000, [['23,75 %'], ['25 %']]], [['OK'], [expect.stringMatching(/^Le taux annoncé \(25 %\)/)]]],
    ['MONTANT_LETTRES', [[[1], [''], [2.5]]], [['un euro'], [''], ['deux euros et cinquante centimes']]],
    ['EUROS', [[[1000, 'x']], 2], [['1 000,00 €', expect.stringMatching(/^EUROS : montant « x »/)]]],
    ['CONVENTION_REQUISE', [[[23000], [23001], ['']]], [[false], [true], ['']]],
  ])('%s answers a range of the same shape', (name, args, expected) => {
    expect(plain(call(name, ...args))).toEqual(expected);
  });

  it('REPARTIR keeps the shape of poids, an empty weight taking no share', () => {
    expect(call('REPARTIR', 100, [[1], [''], [1]])).toEqual([[50], [''], [50]]);
    expect(call('REPARTIR', 100, [[1, ''], [1, 2]])).toEqual([
      [25, ''],
      [25, 50],
    ]);
  });

  it('VERIF_COFINANCEMENT and REPARTIR work row by row with a column of totals', () => {
    const cof = call('VERIF_COFINANCEMENT', [[47500], [''], [1000], [100]], [[17500, 30000, ''], [5, 5, ''], [400, 'abc', 600], [50, 40, '']]);
    expect(plain(cof)).toEqual([['OK'], [''], ['VERIF_COFINANCEMENT : montants (colonne 2) « abc » illisible : « abc » n’est pas un montant : seuls un nombre et son unité (€, euros, EUR) sont attendus.'], ['La somme des montants (90 €) diffère du total (100 €) : écart de -10 €.']]);
    const split = call('REPARTIR', [[100], [10], [5]], [[1, 1], [1, 3], [0, 0]]);
    expect(split).toEqual([[50, 50], [2.5, 7.5], [expect.stringMatching(/^REPARTIR : La somme des poids est nulle/), '']]);
  });

  it('refuses totals that are neither one cell nor a column of the list’s height', () => {
    expect(thrown(() => call('VERIF_COFINANCEMENT', [[1], [2]], [[1], [2], [3]]))).toMatch(
      /^VERIF_COFINANCEMENT : total \(2 lignes × 1 colonne\) doit être une seule cellule, ou une colonne de la hauteur de montants \(3 lignes × 1 colonne\)/,
    );
  });

  it('treats a 1×1 range as a single cell for the total', () => {
    expect(call('VERIF_COFINANCEMENT', [[47500]], [[17500], [30000]])).toBe('OK');
  });
});

describe('a period measured once per execution', () => {
  it('serves every amount of that period, and never another method or another period', () => {
    const period = ['01/01/2018', '31/03/2018'];
    expect(call('PRORATA', 800000, ...period, 'jours')).toBe(197260.27);
    expect(call('PRORATA', 800000, ...period, 'mois')).toBe(200000);
    expect(call('PRORATA', 1200, ...period, 'mois')).toBe(300);
    expect(call('PRORATA', 800000, ...period, '30/360')).toBe(200000);
    expect(call('PRORATA', 800000, '01/01/2018', '30/03/2018', 'mois')).toBe(197849.46); // 800 000 × (2 + 30/31) / 12
    expect(call('NB_MOIS', ...period)).toBe(3);
    expect(call('NB_MOIS', '01/01/2018', '30/03/2018')).toBe(2 + 30 / 31);
  });

  it('keeps refusing a reversed period it has seen before', () => {
    for (let i = 0; i < 2; i++) expect(thrown(() => call('PRORATA', 800000, '31/03/2018', '01/01/2018'))).toMatch(/^PRORATA : La fin de la période/);
  });
});

describe('dates', () => {
  it('reads a Date cell through the runtime’s calendar, never the host’s clock', () => {
    const days = new Map<number, CalendarDate>([
      [0, { year: 2018, month: 1, day: 1 }],
      [1, { year: 2018, month: 3, day: 31 }],
    ]);
    const env: CellEnv = { calendarDay: (d) => days.get(d.getTime())! };
    expect(fn('PRORATA').run([800000, new Date(0), new Date(1)], env)).toBe(200000);
  });

  it('reads serial numbers as Sheets does (43101 is 1 January 2018)', () => {
    expect(call('NB_MOIS', 43101, 43190)).toBe(3);
    expect(thrown(() => call('NB_MOIS', 0, 43190))).toMatch(/^NB_MOIS : debut « 0 » illisible/);
  });
});

describe('VERIF_NOTE', () => {
  const corpus = (name: string) => readFileSync(join(__dirname, '../../../test/corpus/audit', name), 'utf8');
  /** A report pasted into Sheets: one paragraph per cell, down a column. */
  const column = (text: string) => text.split('\n').map((line) => [line]);

  it('answers one finding per row on the example report as printed: the malformed « 200 00 € » and the mixed styles', () => {
    const result = plain(call('VERIF_NOTE', corpus('00-medinsoft-imprime.txt'))) as string[][];
    expect(result.map((row) => row.length)).toEqual(result.map(() => 1));
    expect(result.map((row) => row[0]!.split(' — ')[0])).toEqual(['ATTENTION', 'ERREUR']);
    expect(result[1]![0]).toMatch(/^ERREUR — Nombre mal écrit dans le texte, « 200 00 € »/);
    expect(result[0]![0]).toMatch(/^ATTENTION — Les montants du texte sont écrits de deux façons/);
  });

  it('answers "OK" on the corrected example report', () => {
    expect(call('VERIF_NOTE', corpus('01-medinsoft-corrige.txt'))).toBe('OK');
  });

  it('reads a column of paragraphs as one text: a total and its parts on different rows still meet', () => {
    const text = corpus('03-cofinancement-erreur.txt');
    expect(plain(call('VERIF_NOTE', column(text)))).toEqual(plain(call('VERIF_NOTE', text)));
    expect(plain(call('VERIF_NOTE', column(text)))).toEqual([[expect.stringMatching(/^ERREUR — Les parts des cofinanceurs \(25 000 € \+ 30 000 €\) font 55 000 €/)]]);
  });

  it('skips empty cells and reads the cells of a row as a table row', () => {
    const split = (second: string) => [
      ['Le montant total de la subvention, soit 47 500 €, se répartit comme suit :', ''],
      ['', ''],
      ['- 17 500 €', 'pris en charge par la Métropole ;'],
      [`- ${second}`, 'pris en charge par le Département.'],
    ];
    expect(call('VERIF_NOTE', split('30 000 €'))).toBe('OK');
    expect(plain(call('VERIF_NOTE', split('31 000 €')))).toEqual([[expect.stringMatching(/^ERREUR — .*17 500 € \+ 31 000 €.*48 500 €/)]]);
  });

  it('reads numbers, dates and booleans as a reader sees them', () => {
    // Sheets turns a typed « 200 00 » into text, « 47 500 » into the number 47500: the number is no malformed amount.
    expect(call('VERIF_NOTE', [['Montant :'], [47500], [day(2018, 3, 31)], [true]])).toBe('OK');
  });

  it('answers "" for an empty text or a range of empty cells', () => {
    expect(call('VERIF_NOTE', '')).toBe('');
    expect(call('VERIF_NOTE', [[''], ['  ']])).toBe('');
  });

  it('takes one argument', () => {
    expect(thrown(() => call('VERIF_NOTE', 'texte', 2))).toMatch(/^VERIF_NOTE attend au plus 1 argument, 2 donnés/);
    expect(thrown(() => call('VERIF_NOTE'))).toMatch(/^VERIF_NOTE : l’argument texte manque/);
  });
});
