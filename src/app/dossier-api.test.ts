import { createGasWorld, medinsoft, type GasWorld } from '../../test/support/gas-world';
import * as server from '../gas/sidebar-api';
import type { SaveResult } from './dossier-api';

let world: GasWorld;
afterEach(() => world?.uninstall());

const sheet = (name: string) => world.sheets.spreadsheet.getSheetByName(name)!;
const values = (name: string) => sheet(name).getDataRange().getValues();
const display = (name: string) => sheet(name).getDataRange().getDisplayValues();
const column = (name: string, header: string) => {
  const v = values(name);
  const i = (v[0] as string[]).indexOf(header);
  return v.slice(1).map((r) => r[i]);
};
const saved = (r: SaveResult) => {
  if (r.status !== 'saved') throw new Error(`expected saved, got ${JSON.stringify(r)}`);
  return r;
};

describe('the state of the checks written on save', () => {
  it('counts the beneficiary’s yearly total: 15 000 € then 12 000 € to the same association', () => {
    world = createGasWorld();
    const base = { beneficiary: 'Les Petits Débrouillards', beneficiaryKind: 'association' as const, budgetYear: 2018, annualBudget: '100 000' };
    expect(saved(server.saveDossier({ dossier: { ...base, id: 'A', subsidy: '15 000' }, ref: null, version: null })).state).toBe('OK');
    const second = saved(server.saveDossier({ dossier: { ...base, id: 'B', beneficiary: 'LES PETITS DEBROUILLARDS', subsidy: '12 000' }, ref: null, version: null }));
    expect(second.findings.map((f) => f.code)).toEqual(['CONVENTION_REQUIRED_CUMULATED']);
    expect(second.state).not.toBe('OK');
    expect(column('Dossiers', 'État des contrôles')[1]).toBe(second.state);
  });
});

describe('saving and loading a dossier', () => {
  it.each(['Europe/Paris', 'UTC', 'America/New_York'])('stores the example dossier under French headers and reads it back the same (%s)', (timeZone) => {
    world = createGasWorld({ timeZone });
    const r = saved(server.saveDossier({ dossier: medinsoft(), ref: null, version: null }));
    expect(r.state).toBe('OK');
    const shown = display('Dossiers');
    const header = shown[0]!;
    const cell = (h: string) => shown[1]![header.indexOf(h)];
    expect(cell('Identifiant')).toBe('2018-AMFT-01');
    expect(cell('Montant de la subvention')).toBe('47\u202f500,00 €');
    expect(cell('Budget proratisé')).toBe('200\u202f000,00 €');
    expect(cell('Taux')).toBe('23,75%');
    expect(cell('Début de période')).toBe('01/01/2018');
    expect(cell('Fin de période')).toBe('31/03/2018');
    expect(cell('Nature du bénéficiaire')).toBe('association');
    expect(cell('Méthode de proratisation')).toBe('mois');
    expect(cell('Convention')).toBe('oui');
    expect(cell('État des contrôles')).toBe('OK');
    expect(cell('Version')).toBe('1');
    expect(display('Cofinancements')).toEqual([
      ['Dossier', 'Financeur', 'Montant', 'Part'],
      ['2018-AMFT-01', 'Métropole Aix-Marseille-Provence', '17\u202f500,00 €', '36,84%'],
      ['2018-AMFT-01', 'Conseil de Territoire du Pays d’Aix (CT2)', '30\u202f000,00 €', '63,16%'],
    ]);
    const loaded = server.loadDossier('2018-AMFT-01');
    expect(loaded.dossier).toEqual({ ...medinsoft(), statedProratedBudget: '200 000 €' });
    expect(loaded.version).toBe(r.loaded.version);
  });

  it('answers plain data only: no Date, no decimal object crosses to the sidebar', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    const plain = (v: unknown): boolean =>
      v === null || ['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) ? v.every(plain) : Object.getPrototypeOf(v) === Object.prototype && Object.values(v as object).every(plain));
    expect(plain(server.listDossiers())).toBe(true);
    expect(plain(server.loadDossier('2018-AMFT-01'))).toBe(true);
    expect(plain(server.checkDossierData(medinsoft()))).toBe(true);
    expect(plain(server.saveDossier({ dossier: medinsoft(), ref: '2018-AMFT-01', version: server.loadDossier('2018-AMFT-01').version }))).toBe(true);
    expect(plain(server.getSettings())).toBe(true);
  });

  it.each(['=HYPERLINK("http://x";"clic")', '+33 4 91 00 00 00', '-1', '@maire', '0612'])('stores text starting like %s as text, never as a formula or a number', (text) => {
    world = createGasWorld();
    saved(server.saveDossier({ dossier: { ...medinsoft(), beneficiary: text, subject: text, cofinancers: [{ name: text, amount: '47 500' }] }, ref: null, version: null }));
    for (const name of ['Dossiers', 'Cofinancements']) expect(sheet(name).getDataRange().getFormulas().flat().filter((f) => f !== '')).toEqual([]);
    expect(column('Dossiers', 'Bénéficiaire')).toEqual([text]);
    expect(column('Dossiers', 'Objet')).toEqual([text]);
    expect(column('Cofinancements', 'Financeur')).toEqual([text]);
    expect(server.loadDossier('2018-AMFT-01').dossier.beneficiary).toBe(text);
  });

  it('keeps what a draft claims as written ("200 00 €") so that the check can flag it', () => {
    world = createGasWorld();
    const r = saved(server.saveDossier({ dossier: { ...medinsoft(), statedProratedBudget: '200 00 €' }, ref: null, version: null }));
    expect(r.findings.map((f) => f.code)).toContain('AMOUNT_INVALID');
    expect(r.state).toBe('1 erreur');
    expect(column('Dossiers', 'Budget proratisé annoncé')).toEqual(['200 00 €']);
    expect(column('Dossiers', 'État des contrôles')).toEqual(['1 erreur']);
  });

  it('lists the dossiers with their subsidy in French and the state of their checks', () => {
    world = createGasWorld();
    expect(server.listDossiers()).toEqual({ ready: false, dossiers: [] });
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    server.saveDossier({ dossier: { ...medinsoft(), id: 'B-2', beneficiary: 'Autre', subsidy: '1 000' }, ref: null, version: null });
    expect(server.listDossiers()).toEqual({
      ready: true,
      dossiers: [
        { ref: '2018-AMFT-01', id: '2018-AMFT-01', beneficiary: 'association Medinsoft', subsidy: '47\u202f500\u00a0€', state: 'OK' },
        { ref: 'B-2', id: 'B-2', beneficiary: 'Autre', subsidy: '1\u202f000\u00a0€', state: '2 erreurs' },
      ],
    });
  });

  it('loads the dossier of the active row, and says where to click otherwise', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    server.saveDossier({ dossier: { ...medinsoft(), id: 'B-2' }, ref: null, version: null });
    sheet('Dossiers').getRange(3, 4).activate();
    expect(server.loadActiveDossier().ref).toBe('B-2');
    sheet('Cofinancements').getRange(2, 1).activate();
    expect(() => server.loadActiveDossier()).toThrow('Placez le curseur sur une ligne de dossier de la feuille « Dossiers »');
    sheet('Dossiers').getRange(9, 1).activate();
    expect(() => server.loadActiveDossier()).toThrow('La ligne 9 de la feuille « Dossiers » ne contient pas de dossier.');
  });

  it('adds, resizes and removes co-financer rows without touching other dossiers', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    server.saveDossier({ dossier: { ...medinsoft(), id: 'B-2' }, ref: null, version: null });
    let v = server.loadDossier('2018-AMFT-01').version;
    const three = [...medinsoft().cofinancers, { name: 'Région', amount: '0' }];
    v = saved(server.saveDossier({ dossier: { ...medinsoft(), cofinancers: three }, ref: '2018-AMFT-01', version: v })).loaded.version;
    expect(column('Cofinancements', 'Dossier')).toEqual(['2018-AMFT-01', '2018-AMFT-01', '2018-AMFT-01', 'B-2', 'B-2']);
    v = saved(server.saveDossier({ dossier: { ...medinsoft(), cofinancers: [{ name: 'Seul', amount: '47 500' }] }, ref: '2018-AMFT-01', version: v })).loaded.version;
    expect(column('Cofinancements', 'Financeur')).toEqual(['Seul', 'Métropole Aix-Marseille-Provence', 'Conseil de Territoire du Pays d’Aix (CT2)']);
    saved(server.saveDossier({ dossier: { ...medinsoft(), cofinancers: [] }, ref: '2018-AMFT-01', version: v }));
    expect(column('Cofinancements', 'Dossier')).toEqual(['B-2', 'B-2']);
    expect(server.loadDossier('B-2').dossier.cofinancers).toHaveLength(2);
  });

  it('renames a dossier with its co-financers, and refuses an id another dossier has', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    server.saveDossier({ dossier: { ...medinsoft(), id: 'B-2' }, ref: null, version: null });
    const v = server.loadDossier('2018-AMFT-01').version;
    const taken = server.saveDossier({ dossier: { ...medinsoft(), id: 'b-2' }, ref: '2018-AMFT-01', version: v });
    expect(taken).toEqual({ status: 'invalid', errors: [{ field: 'id', message: 'Un autre dossier porte déjà l’identifiant « b-2 » (feuille « Dossiers », ligne 3).' }] });
    saved(server.saveDossier({ dossier: { ...medinsoft(), id: 'A-1' }, ref: '2018-AMFT-01', version: v }));
    expect(column('Dossiers', 'Identifiant')).toEqual(['A-1', 'B-2']);
    expect(server.loadDossier('A-1').dossier.cofinancers).toHaveLength(2);
  });
});

describe('values that would be stored wrongly are refused, and nothing is written', () => {
  it.each([
    ['letters in an amount', { subsidy: '47 5OO' }, 'subsidy', /Montant de la subvention : .*n’est pas un montant|caractère/],
    ['a malformed amount', { subsidy: '200 00' }, 'subsidy', /Montant de la subvention : .*groupe/],
    ['an end before the start', { period: { start: '2018-03-31', end: '2018-01-01' } }, 'period.end', /La fin de la période \(1er janvier 2018\) précède son début \(31 mars 2018\)/],
    ['a co-financer amount in letters', { cofinancers: [{ name: 'X', amount: 'trente mille' }] }, 'cofinancers[0].amount', /Le montant du cofinanceur n° 1 :/],
    ['no id', { id: '  ' }, 'id', /L’identifiant du dossier est à renseigner/],
    ['a year that is not one', { budgetYear: '18' }, 'budgetYear', /année sur quatre chiffres/],
  ])('%s', (_, change, field, message) => {
    world = createGasWorld();
    const r = server.saveDossier({ dossier: { ...medinsoft(), ...change }, ref: null, version: null });
    expect(r.status).toBe('invalid');
    const errors = r.status === 'invalid' ? r.errors : [];
    expect(errors.find((e) => e.field === field)?.message).toMatch(message);
    expect(world.sheets.spreadsheet.getSheetByName('Dossiers')).toBeNull();
  });
});

describe('nothing lost between users', () => {
  it('detects a change saved by someone else since loading, then reloads or keeps mine', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    const mine = server.loadDossier('2018-AMFT-01');
    const theirs = world.as('B', () => saved(server.saveDossier({ dossier: { ...mine.dossier, beneficiary: 'Medinsoft (B)' }, ref: mine.ref, version: mine.version })));
    const r = server.saveDossier({ dossier: { ...mine.dossier, subsidy: '40 000' }, ref: mine.ref, version: mine.version });
    expect(r).toEqual({ status: 'conflict', message: 'Ce dossier a été modifié par quelqu’un d’autre depuis que vous l’avez ouvert.', current: theirs.loaded });
    expect(column('Dossiers', 'Montant de la subvention')).toEqual([47500]);
    const forced = saved(server.saveDossier({ dossier: { ...mine.dossier, subsidy: '40 000' }, ref: mine.ref, version: mine.version, force: true }));
    expect(forced.loaded.dossier.subsidy).toBe('40 000');
    expect(column('Dossiers', 'Version')).toEqual([3]);
  });

  it('detects a change typed straight into the sheet', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    const mine = server.loadDossier('2018-AMFT-01');
    sheet('Cofinancements').getRange(2, 3).setValue(17000);
    expect(server.saveDossier({ dossier: mine.dossier, ref: mine.ref, version: mine.version }).status).toBe('conflict');
  });

  it('detects a dossier deleted since loading', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    server.saveDossier({ dossier: { ...medinsoft(), id: 'B-2' }, ref: null, version: null });
    const mine = server.loadDossier('2018-AMFT-01');
    sheet('Dossiers').deleteRow(2);
    expect(server.saveDossier({ dossier: mine.dossier, ref: mine.ref, version: mine.version })).toEqual({ status: 'conflict', message: expect.stringContaining('supprimé'), current: null });
  });

  it('waits for the document lock, writes nothing without it, and always releases it', () => {
    world = createGasWorld();
    const other = world.locks.lockService('B').getDocumentLock();
    expect(other.tryLock(0)).toBe(true);
    expect(() => server.saveDossier({ dossier: medinsoft(), ref: null, version: null })).toThrow('Le classeur est occupé par un autre enregistrement');
    expect(world.locks.state.waits).toEqual([10000]);
    expect(world.sheets.spreadsheet.getSheetByName('Dossiers')).toBeNull();
    other.releaseLock();
    saved(server.saveDossier({ dossier: medinsoft(), ref: null, version: null }));
    expect(world.locks.state.holder).toBeNull();
  });
});

describe('the user’s own columns', () => {
  it('finds columns by header wherever they are and leaves the user’s columns, values and formulas alone', () => {
    world = createGasWorld();
    server.saveDossier({ dossier: medinsoft(), ref: null, version: null });
    const d = sheet('Dossiers');
    // Move « Montant de la subvention » to the far end, behind a column of the user's own.
    const header = d.getRange(1, 1, 1, d.getLastColumn()).getValues()[0] as string[];
    const all = d.getDataRange().getValues();
    const i = header.indexOf('Montant de la subvention');
    const reordered = all.map((row) => [...row.slice(0, i), ...row.slice(i + 1), row[i]]);
    d.getRange(1, 1, reordered.length, reordered[0]!.length).setValues(reordered.map((r) => r.map((v) => (typeof v === 'string' && v !== '' ? `'${v}` : v))));
    d.insertColumnsAfter(2, 1);
    d.getRange(1, 3, 2, 1).setValues([['Commentaire'], ['=B2&" !"']]);
    const c = sheet('Cofinancements');
    c.getRange(1, 5, 3, 1).setValues([['Note'], ['à relancer'], ['0612']]);
    const v = server.loadDossier('2018-AMFT-01');
    expect(v.dossier.subsidy).toBe('47 500');
    saved(server.saveDossier({ dossier: { ...v.dossier, subsidy: '47 000', cofinancers: [{ name: 'A', amount: '17 000' }, { name: 'B', amount: '30 000' }] }, ref: v.ref, version: v.version }));
    expect(d.getRange(2, 3).getFormulas()).toEqual([['=B2&" !"']]);
    expect(d.getRange(1, d.getLastColumn()).getValue()).toBe('Montant de la subvention');
    expect(d.getRange(2, d.getLastColumn()).getValue()).toBe(47000);
    expect(c.getRange(2, 5, 2, 1).getValues()).toEqual([['à relancer'], [612]]);
    expect(server.loadDossier('2018-AMFT-01').dossier.cofinancers).toEqual([{ name: 'A', amount: '17 000' }, { name: 'B', amount: '30 000' }]);
  });
});

describe('Sheets calls do not grow with the number of co-financers', () => {
  const measure = (n: number) => {
    world = createGasWorld();
    world.sheets.calls.reset();
    const first = saved(server.saveDossier({ dossier: medinsoft(n), ref: null, version: null }));
    const create = world.sheets.calls.total();
    server.saveDossier({ dossier: { ...medinsoft(n), id: 'other' }, ref: null, version: null });
    world.sheets.calls.reset();
    const loaded = server.loadDossier('2018-AMFT-01');
    const load = world.sheets.calls.snapshot();
    world.sheets.calls.reset();
    saved(server.saveDossier({ dossier: { ...loaded.dossier, beneficiary: 'changé' }, ref: first.loaded.ref, version: loaded.version }));
    const save = world.sheets.calls.snapshot();
    world.uninstall();
    return { create, load, save };
  };

  it('loads and saves with 1 and with 20 co-financers in the same calls', () => {
    const one = measure(1);
    const twenty = measure(20);
    expect(twenty.load).toEqual(one.load);
    expect(twenty.save).toEqual(one.save);
    expect(twenty.create).toBe(one.create);
    // The figures of the report: reads are whole ranges, writes one per sheet.
    expect(one.load['Range.getValues']).toBe(2);
    expect(one.save['Range.setValues']).toBe(2);
    expect(one.save['Range.getValues']).toBe(4);
    expect(one.load['Range.getValue'] ?? 0).toBe(0);
    expect(one.save['Range.setValue'] ?? 0).toBe(0);
    process.stdout.write(`Sheets calls — load: ${JSON.stringify(one.load)}; save: ${JSON.stringify(one.save)}; first save (creates both sheets): ${one.create}\n`);
  });
});

describe('settings in document properties', () => {
  it('shows the defaults in French, saves what is typed, and the checks follow', () => {
    world = createGasWorld();
    expect(server.getSettings().form).toEqual({ conventionThreshold: '23 000', rateCap: '80 %', prorationMethod: 'months', spacing: 'narrow', spelling: 'traditional', template: '', outputFolder: '', authoritySiret: '', identityWarnings: false });
    const r = server.saveSettings({ conventionThreshold: '50 000 €', rateCap: '60 %', prorationMethod: 'days', template: ' https://docs.google.com/document/d/abc/edit ' });
    expect(r.status).toBe('saved');
    expect(JSON.parse(world.properties.document.getProperty('rapporteur.settings')!)).toMatchObject({ conventionThreshold: '50000', rateCap: '0.6', prorationMethod: 'days', template: 'https://docs.google.com/document/d/abc/edit' });
    expect(server.getSettings().form).toMatchObject({ conventionThreshold: '50 000', rateCap: '60 %', prorationMethod: 'days' });
    const codes = server.checkDossierData({ ...medinsoft(), prorationMethod: undefined }).findings.map((f) => f.code);
    expect(codes).not.toContain('CONVENTION_REQUIRED');
  });

  it.each([
    [{ conventionThreshold: 'vingt mille' }, 'conventionThreshold', /^Seuil de convention : /],
    [{ rateCap: '150 %' }, 'rateCap', /ne peut pas dépasser 100 %/],
    [{ rateCap: '80' }, 'rateCap', /^Plafond du taux : /],
    [{ prorationMethod: 'trimestres' }, 'prorationMethod', /méthode de proratisation/],
    [{ authoritySiret: '732 829 320 00075' }, 'authoritySiret', /^SIRET de la collectivité 732 829 320 00075 : clé de contrôle invalide ; /],
    [{ authoritySiret: '73282932000' }, 'authoritySiret', /^SIRET de la collectivité 73282932000 : 11 chiffres au lieu de 14\.$/],
    [{ authoritySiret: '7328293200007A' }, 'authoritySiret', /ne contient que des chiffres/],
    [{ authoritySiret: 73282932000074 as unknown as string }, 'authoritySiret', /^SIRET de la collectivité : un texte est attendu\.$/],
    [{ identityWarnings: 'peut-être' as unknown as boolean }, 'identityWarnings', /^Avertissements d’identité : /],
  ])('refuses %j with a French message and keeps the previous settings', (form, field, message) => {
    world = createGasWorld();
    const r = server.saveSettings(form);
    expect(r.status).toBe('invalid');
    expect(r.status === 'invalid' && r.errors.find((e) => e.field === field)?.message).toMatch(message);
    expect(world.properties.document.getProperty('rapporteur.settings')).toBeNull();
  });

  it('saves the identity warnings checkbox, and the live checks then warn about a beneficiary known by no number', () => {
    world = createGasWorld();
    const bare = { ...medinsoft(), siret: undefined, rna: undefined };
    expect(server.checkDossierData(bare).findings.map((f) => f.code)).not.toContain('IDENTIFIER_MISSING');
    const r = server.saveSettings({ ...server.getSettings().form, identityWarnings: true });
    expect(r.status === 'saved' && r.view.form.identityWarnings).toBe(true);
    expect(JSON.parse(world.properties.document.getProperty('rapporteur.settings')!).identityWarnings).toBe(true);
    expect(server.checkDossierData(bare).findings.map((f) => f.code)).toContain('IDENTIFIER_MISSING');
    // Unchecked again: saved as false, the warning gone.
    expect(server.saveSettings({ ...server.getSettings().form, identityWarnings: false }).status).toBe('saved');
    expect(server.checkDossierData(bare).findings.map((f) => f.code)).not.toContain('IDENTIFIER_MISSING');
  });

  it('stores a valid authority SIRET as published (14 digits), whatever spaces were typed', () => {
    world = createGasWorld();
    const r = server.saveSettings({ ...server.getSettings().form, authoritySiret: ' 732 829 320 00074 ' });
    expect(r.status === 'saved' && r.view.form.authoritySiret).toBe('73282932000074');
    expect(JSON.parse(world.properties.document.getProperty('rapporteur.settings')!).authoritySiret).toBe('73282932000074');
  });

  it('keeps the settings the panel does not show (convention template, summary template, authority name) when it saves', () => {
    world = createGasWorld();
    world.properties.document.setProperty('rapporteur.settings', JSON.stringify({ conventionTemplate: 'doc-convention', summaryTemplate: 'doc-recap', authorityName: 'Métropole', authoritySiret: '73282932000074', identityWarnings: true }));
    const form = server.getSettings().form;
    expect(form).toMatchObject({ authoritySiret: '73282932000074', identityWarnings: true });
    expect(server.saveSettings({ ...form, conventionThreshold: '30 000' }).status).toBe('saved');
    expect(JSON.parse(world.properties.document.getProperty('rapporteur.settings')!)).toMatchObject({
      conventionThreshold: '30000',
      conventionTemplate: 'doc-convention',
      summaryTemplate: 'doc-recap',
      authorityName: 'Métropole',
      authoritySiret: '73282932000074',
      identityWarnings: true,
    });
  });
});
