/**
 * The Apps Script entry points of « Générer la séance » (src/gas/batch.ts) as google.script.run
 * calls them: the composition root over the global services (faked), real time, the default
 * 4-minute budget.
 */
import { createGasWorld, type GasWorld } from '../support/gas-world';
import { createGoogleFakes } from '../fakes/drive';
import { createUtilities } from '../fakes/utilities';
import { createFakeDocsApi } from '../fakes/docs-api';
import { sessionDossiers } from '../support/batch-world';
import { saveDossier } from '../../src/gas/sidebar-api';
import { createDefaultTemplate } from '../../src/gas/docs-report';
import * as batch from '../../src/gas/batch';
import { summaryKey } from '../../src/core/session';

const SESSION = 'Conseil de la Métropole du 28 juin 2018';
let world: GasWorld;
let restore: () => void;

beforeEach(() => {
  world = createGasWorld();
  const google = createGoogleFakes();
  const g = globalThis as Record<string, unknown>;
  const previous = { DocumentApp: g.DocumentApp, Drive: g.Drive, Utilities: g.Utilities };
  let n = 0;
  Object.assign(g, { DocumentApp: google.DocumentApp, Drive: google.Drive, Utilities: { ...createUtilities(), getUuid: () => `uuid-${++n}` }, __google: google });
  restore = () => Object.assign(g, previous);
});
afterEach(() => {
  restore();
  world.uninstall();
});

const google = () => (globalThis as unknown as { __google: ReturnType<typeof createGoogleFakes> }).__google;

describe('the session entry points', () => {
  it('list the sessions, plan, start and run a session to the end, writing each row', () => {
    for (const dossier of [...sessionDossiers(3), ...sessionDossiers(2, 'Autre séance').map((d, i) => ({ ...d, id: `O-${i}` }))]) expect(saveDossier({ dossier, ref: null, version: null }).status).toBe('saved');
    expect(createDefaultTemplate().status).toBe('created');
    expect(batch.listSessions()).toMatchObject({ ready: true, googleQuota: true, sessions: [{ name: SESSION, count: 3 }, { name: 'Autre séance', count: 2 }] });
    expect(batch.planSessionRun({ session: SESSION })).toMatchObject({ ok: true, dailyQuota: 250, documents: { reports: 3, summary: 1, template: 1, total: 5 } });
    const started = batch.startSessionRun({ session: SESSION });
    if (started.status !== 'started') throw new Error(JSON.stringify(started));
    const view = batch.runSessionChunk(started.run.runId!);
    expect(view).toMatchObject({ status: 'done', counts: { created: 3 }, summary: { status: 'created' } });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    const files = google().drive.list();
    for (const d of sessionDossiers(3)) expect(files.filter((f) => f.appProperties.dossierId === d.id)).toHaveLength(1);
    expect(files.filter((f) => f.appProperties.dossierId === summaryKey(SESSION))).toHaveLength(1);
    expect(files.filter((f) => String(f.appProperties.dossierId).startsWith('O-'))).toHaveLength(0);
    const values = world.sheets.spreadsheet.getSheetByName('Dossiers')!.getDataRange().getValues();
    const col = (h: string) => (values[0] as string[]).indexOf(h);
    expect(values.slice(1).map((r) => r[col('État de la note')])).toEqual(['note créée', 'note créée', 'note créée', '', '']);
    expect(batch.sessionRunStatus()).toMatchObject({ status: 'done' });
    // The run's state stayed in document properties, in pieces under the 9 KB a value allows.
    expect(Number(world.properties.document.getProperty('rapporteur.sessionRun'))).toBeGreaterThanOrEqual(1);
  });

  it('makes the convention of each dossier that needs one after its report, and only those', () => {
    const [below, above, cumulatedElsewhere, cumulated] = sessionDossiers(4);
    const amounts = (subsidy: number) => ({ annualBudget: '200 000', subsidy: String(subsidy), cofinancers: [{ name: 'Métropole Aix-Marseille-Provence', amount: String(subsidy - 5000) }, { name: 'Région Sud', amount: '5 000' }] });
    const body = 'association Les Petits Débrouillards';
    const dossiers = [
      below!,
      { ...above!, ...amounts(47500), convention: true },
      { ...cumulatedElsewhere!, ...amounts(15000), beneficiary: body, convention: undefined, session: 'Autre séance' },
      { ...cumulated!, ...amounts(15000), beneficiary: body, convention: undefined },
    ];
    for (const dossier of dossiers) expect(saveDossier({ dossier, ref: null, version: null }).status).toBe('saved');
    expect(createDefaultTemplate().status).toBe('created');
    expect(batch.planSessionRun({ session: SESSION })).toMatchObject({ ok: true, documents: { reports: 3, conventions: 2, summary: 1, template: 2, total: 8 } });
    const started = batch.startSessionRun({ session: SESSION });
    if (started.status !== 'started') throw new Error(JSON.stringify(started));
    const view = batch.runSessionChunk(started.run.runId!);
    expect(view).toMatchObject({ status: 'done', counts: { created: 3 }, conventions: { total: 2, created: 2, errors: 0 } });
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    const conventions = google().drive.list().filter((f) => f.appProperties.kind === 'convention');
    expect(conventions.map((f) => f.appProperties.dossierId).sort()).toEqual(['S-002', 'S-004']);
    expect(conventions.every((f) => /^[0-9a-f]{64}$/.test(f.appProperties.dataHash!))).toBe(true);
    // A second run from another call finds them: nothing to create.
    expect(batch.planSessionRun({ session: SESSION }).documents.total).toBe(0);
  });

  it('fills every report and the summary with one Docs API read and one atomic write each when the Docs service is there', () => {
    const g = globalThis as Record<string, unknown>;
    const docs = createFakeDocsApi(google().drive, google().calls);
    g.Docs = docs;
    try {
      for (const dossier of sessionDossiers(3)) expect(saveDossier({ dossier, ref: null, version: null }).status).toBe('saved');
      expect(createDefaultTemplate().status).toBe('created');
      const started = batch.startSessionRun({ session: SESSION });
      if (started.status !== 'started') throw new Error(JSON.stringify(started));
      expect(batch.runSessionChunk(started.run.runId!)).toMatchObject({ status: 'done', counts: { created: 3 }, summary: { status: 'created' } });
      const docsCalls = (name: string) => google().calls.byName.get(name) ?? 0;
      expect([docsCalls('Docs.Documents.get'), docsCalls('Docs.Documents.batchUpdate')]).toEqual([4, 4]);
      const filled = google().drive.list().filter((f) => f.appProperties.dossierId && f.doc);
      expect(filled).toHaveLength(4);
      for (const f of filled) expect(JSON.stringify(f.doc!.plainText())).not.toContain('{{');
    } finally {
      delete g.Docs;
    }
  });

  it('keeps a 300-dossier run in document properties, split under the 9 KB a value allows', () => {
    const store = batch.documentRunStore(() => world.properties.document as unknown as batch.PropertiesLike);
    const items = Array.from({ length: 300 }, (_, i) => ({ ref: `DOSSIER-${i}`, beneficiary: `Association des amis du patrimoine n° ${i}`, status: 'created' as const, errors: 0, url: `https://docs.google.com/document/d/${'x'.repeat(44)}/edit`, at: '2018-06-12T08:00:00.000Z' }));
    const state = { v: 1 as const, runId: 'r', label: 'S', session: 'S', options: { includeErrors: false, regenerate: false, pdf: false, dailyQuota: 250 }, status: 'running' as const, cursor: 0, items, summary: { status: 'pending' as const }, lease: null, cancelRequested: false, chunks: 0, startedAt: '', updatedAt: '' };
    store.save(state);
    expect(store.load()).toEqual(state);
    store.save({ ...state, items: items.slice(0, 2) });
    expect(store.load()!.items).toHaveLength(2);
    expect(world.properties.document.getKeys().filter((k) => k.startsWith('rapporteur.sessionRun.'))).toEqual(['rapporteur.sessionRun.0']);
  });

  it('opens the sidebar on the session screen', () => {
    const shown: string[] = [];
    world.sheets.setUi({ showSidebar: (html: { getContent(): string }) => shown.push(html.getContent()) });
    batch.openSessionPanel();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('<script>window.__RAPPORTEUR_START="session"</script>');
  });
});
