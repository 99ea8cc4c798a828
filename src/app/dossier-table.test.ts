import { checkDossier } from '../core/checks';
import { DEFAULT_SETTINGS } from '../core/settings';
import { DOSSIER_FIELDS } from './dossier-fields';
import { DOSSIER_HEADERS, planSave, readDossiers, textCell, versionToken, type CellCodec, type CellValue, type SheetOp, type TableSnapshot } from './dossier-table';
import type { DossierInput } from '../core/dossier';

/** Dates as "D:2018-01-01" strings: the mapping must only go through the codec. */
const codec: CellCodec = { dateToIso: (d) => d.toISOString().slice(0, 10), isoToCell: (iso) => `D:${iso}` };
const tagCodec: CellCodec = { dateToIso: (d) => d.toISOString().slice(0, 10), isoToCell: (iso) => new Date(`${iso}T00:00:00Z`) };

/** Applies a plan to plain grids the way Sheets would (apostrophe dropped), for round trips. */
function applyToGrids(grids: Record<string, CellValue[][]>, ops: SheetOp[]): void {
  for (const op of ops) {
    const g = (grids[op.sheet] ??= []);
    if (op.op === 'createSheet') grids[op.sheet] = [[...op.header]];
    else if (op.op === 'insertRowsAfter') g.splice(op.row, 0, ...Array.from({ length: op.count }, () => []));
    else if (op.op === 'deleteRows') g.splice(op.row - 1, op.count);
    else if (op.op === 'write')
      op.values.forEach((line, r) =>
        line.forEach((v, c) => {
          const row = (g[op.row - 1 + r] ??= []);
          row[op.column - 1 + c] = typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v;
        }),
      );
  }
  for (const g of Object.values(grids)) {
    const width = Math.max(...g.map((r) => r.length));
    g.forEach((r, i) => (g[i] = Array.from({ length: width }, (_, c) => r[c] ?? '')));
  }
}

const snap = (g: CellValue[][] | undefined): TableSnapshot | null => (g ? { values: g } : null);

function save(grids: Record<string, CellValue[][]>, dossier: DossierInput, ref: string | null = null) {
  const stored = readDossiers(snap(grids.Dossiers), snap(grids.Cofinancements), tagCodec);
  const target = ref ? stored.find((s) => s.ref === ref)! : null;
  const ops = planSave({ dossiers: snap(grids.Dossiers), cofinancers: snap(grids.Cofinancements), dossier, check: checkDossier(dossier, DEFAULT_SETTINGS), target, codec: tagCodec });
  applyToGrids(grids, ops);
  return ops;
}

const dossier: DossierInput = {
  id: 'A-1',
  beneficiary: 'association Medinsoft',
  beneficiaryKind: 'company',
  period: { start: '2018-01-01', end: '2018-03-31' },
  budgetYear: 2018,
  annualBudget: '800 000',
  subsidy: '47 500',
  statedRate: '23,75 %',
  convention: false,
  imputation: { chapitre: '65', nature: '6574' },
  context: ['Premier paragraphe.', 'Second.'],
  cofinancers: [
    { name: 'Métropole', amount: '17 500' },
    { name: 'CT2', amount: '30 000' },
  ],
};

describe('textCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+33 4 91', "'+33 4 91"],
    ['-x', "'-x"],
    ['@maire', "'@maire"],
    ['0612', "'0612"],
    ['2018-AMFT-01', "'2018-AMFT-01"],
    ['VRAI', "'VRAI"],
    ['mars 2018', "'mars 2018"],
    ['association Medinsoft', 'association Medinsoft'],
    ['', ''],
  ])('writes %j as %j', (text, cell) => expect(textCell(text)).toBe(cell));
});

describe('reading rows', () => {
  it('finds columns by header whatever their order, case or accents, and reads every kind of cell', () => {
    const header = ['montant de la SUBVENTION', 'Mine', 'Identifiant', 'Debut de periode', 'Fin de période', 'Taux annoncé', 'Convention', 'Nature du bénéficiaire', 'Contexte', 'Exercice'];
    const row = [47500, 'x', 12, new Date('2018-01-01T00:00:00Z'), 43190, 0.2375, true, 'Entreprise', 'Un.\n\nDeux.', 2018];
    const [s] = readDossiers({ values: [header, row] }, null, codec);
    expect(s!.dossier).toEqual({
      subsidy: '47 500',
      id: '12',
      period: { start: '2018-01-01', end: '2018-03-31' },
      statedRate: '23,75 %',
      convention: true,
      beneficiaryKind: 'company',
      context: ['Un.', 'Deux.'],
      budgetYear: 2018,
    });
  });

  it('keeps unreadable cells as typed so that the checks can say what is wrong', () => {
    const [s] = readDossiers({ values: [['Identifiant', 'Montant de la subvention', 'Fin de période', 'Nature du bénéficiaire'], ['A', '200 00', '31/02/2018', 'fondation']] }, null, codec);
    expect(s!.dossier).toEqual({ id: 'A', subsidy: '200 00', period: { end: '31/02/2018' }, beneficiaryKind: 'fondation' });
  });

  it('names a row without an id by its row, and skips empty rows', () => {
    const stored = readDossiers({ values: [['Identifiant', 'Bénéficiaire'], ['', ''], ['', 'Sans id']] }, null, codec);
    expect(stored.map((s) => [s.ref, s.row])).toEqual([['#3', 3]]);
  });

  it('attaches co-financers by dossier id, in row order', () => {
    const stored = readDossiers(
      { values: [['Identifiant'], ['A'], ['B']] },
      { values: [['Montant', 'Dossier', 'Financeur'], [100, 'B', 'x'], [200.5, 'A', 'y'], ['', 'B', 'z']] },
      codec,
    );
    expect(stored.map((s) => s.dossier.cofinancers)).toEqual([[{ name: 'y', amount: '200,50' }], [{ name: 'x', amount: '100' }, { name: 'z' }]]);
  });
});

describe('saving rows', () => {
  it('round-trips every field of the form through the sheets', () => {
    const full: Record<string, unknown> = {};
    for (const f of DOSSIER_FIELDS) {
      const value = f.kind === 'date' ? '2018-02-01' : f.kind === 'money' ? '1 234,50' : f.kind === 'year' ? 2018 : f.kind === 'choice' ? f.choices![1]!.value : f.kind === 'yesno' ? false : f.kind === 'lines' ? ['a', 'b'] : f.kind === 'rate' ? '12 %' : `=${f.path}`;
      const parts = f.path.split('.');
      if (parts.length === 2) full[parts[0]!] = { ...(full[parts[0]!] as object), [parts[1]!]: value };
      else full[f.path] = value;
    }
    full.id = 'X-1';
    full.cofinancers = [{ name: '@a', amount: '1 234,50' }];
    const grids: Record<string, CellValue[][]> = {};
    save(grids, full as DossierInput);
    expect(grids.Dossiers![0]).toEqual(DOSSIER_HEADERS);
    const [s] = readDossiers(snap(grids.Dossiers), snap(grids.Cofinancements), tagCodec);
    expect(s!.dossier).toEqual(full);
    expect(s!.version).toBe(1);
  });

  it('keeps a list of payment dates and a « non » written as text, as JSON dossiers give them', () => {
    const grids: Record<string, CellValue[][]> = {};
    save(grids, { ...dossier, paymentDates: ['2018-04-16', '2018-10-15'], euNotification: 'non' as never, convention: 'oui' as never });
    const [s] = readDossiers(snap(grids.Dossiers), snap(grids.Cofinancements), tagCodec);
    expect(s!.dossier.paymentDates).toBe('2018-04-16, 2018-10-15');
    expect(s!.dossier.euNotification).toBe(false);
    expect(s!.dossier.convention).toBe(true);
  });

  it('writes only the add-on’s columns: one run in its own layout, one per run when the user interleaves columns', () => {
    const grids: Record<string, CellValue[][]> = {};
    expect(save(grids, dossier).filter((o) => o.op === 'write' && o.sheet === 'Dossiers')).toHaveLength(1);
    // The user inserts a column of their own after the second one.
    grids.Dossiers = grids.Dossiers!.map((r, i) => [...r.slice(0, 2), i === 0 ? 'À moi' : 'garde', ...r.slice(2)]);
    const ops = save(grids, { ...dossier, beneficiary: 'Autre' }, 'A-1');
    const writes = ops.filter((o): o is Extract<SheetOp, { op: 'write' }> => o.op === 'write' && o.sheet === 'Dossiers');
    expect(writes.map((w) => [w.column, w.values[0]!.length])).toEqual([
      [1, 2],
      [4, DOSSIER_HEADERS.length - 3],
    ]);
    expect(grids.Dossiers![1]![2]).toBe('garde');
  });

  it('adds the missing add-on columns after the user’s last column', () => {
    const grids: Record<string, CellValue[][]> = { Dossiers: [['Identifiant', 'Notes'], ['Z', 'n']], Cofinancements: [['Dossier']] };
    save(grids, dossier);
    expect(grids.Dossiers![0]!.slice(0, 3)).toEqual(['Identifiant', 'Notes', 'Bénéficiaire']);
    expect(grids.Dossiers![1]![1]).toBe('n');
    expect(grids.Cofinancements![0]).toEqual(['Dossier', 'Financeur', 'Montant', 'Part']);
  });

  it('resizes a dossier’s block of co-financers in place, and gathers rows a sort has scattered', () => {
    const grids: Record<string, CellValue[][]> = {};
    save(grids, dossier);
    save(grids, { ...dossier, id: 'B-2' });
    const three = [...dossier.cofinancers!, { name: 'R', amount: '0' }];
    const grow = save(grids, { ...dossier, cofinancers: three }, 'A-1');
    expect(grow.filter((o) => o.sheet === 'Cofinancements').map((o) => o.op)).toEqual(['insertRowsAfter', 'ensureSize', 'write']);
    expect(grids.Cofinancements!.map((r) => r[0])).toEqual(['Dossier', 'A-1', 'A-1', 'A-1', 'B-2', 'B-2']);
    // Sorted by amount: A-1's rows are no longer together.
    const [head, ...rows] = grids.Cofinancements!;
    grids.Cofinancements = [head!, ...rows.sort((a, b) => Number(a[2]) - Number(b[2]))];
    expect(grids.Cofinancements.map((r) => r[0])).toEqual(['Dossier', 'A-1', 'A-1', 'B-2', 'A-1', 'B-2']);
    const gather = save(grids, { ...dossier, cofinancers: three }, 'A-1');
    expect(gather.filter((o) => o.op === 'deleteRows').map((o) => o.op === 'deleteRows' && [o.row, o.count])).toEqual([
      [5, 1],
      [2, 2],
    ]);
    expect(grids.Cofinancements!.map((r) => r[0])).toEqual(['Dossier', 'B-2', 'B-2', 'A-1', 'A-1', 'A-1']);
  });
});

describe('versionToken', () => {
  const grids: Record<string, CellValue[][]> = {};
  save(grids, dossier);
  const token = () => versionToken(readDossiers(snap(grids.Dossiers), snap(grids.Cofinancements), tagCodec)[0]!);
  const first = token();
  it('is stable while nothing changes', () => expect(token()).toBe(first));
  it.each([
    ['a field of the dossier', 'Dossiers', 1, 'Bénéficiaire', 'x'],
    ['a co-financer’s amount', 'Cofinancements', 1, 'Montant', 1],
  ])('changes with %s', (_, sheet, row, header, value) => {
    const g = grids[sheet]!;
    const col = g[0]!.indexOf(header);
    const before = g[row]![col]!;
    g[row]![col] = value;
    expect(token()).not.toBe(first);
    g[row]![col] = before;
    expect(token()).toBe(first);
  });
});
