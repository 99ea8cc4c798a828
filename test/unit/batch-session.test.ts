import { summaryKey } from '../../src/core/session';
import { HARD_LIMIT_MS } from '../../src/app/batch-api';
import { createBatchWorld, sessionDossiers, KILL_MESSAGE, type BatchWorld, type BreakPoint } from '../support/batch-world';

const SESSION = 'Conseil de la Métropole du 28 juin 2018';
let world: BatchWorld;
afterEach(() => world?.uninstall());

describe('a session run', () => {
  it('plans, then completes a 100-dossier session across several chunks, one report each and the summary', () => {
    world = createBatchWorld({ dossiers: sessionDossiers(100) });
    const calls: string[] = ['planSessionRun', 'startSessionRun'];
    const plan = world.api.planSessionRun({ session: SESSION, dailyQuota: 250 });
    expect(plan).toMatchObject({ ok: true, label: SESSION, counts: { total: 100, withErrors: 0, upToDate: 0, toCreate: 100 }, documents: { reports: 100, summary: 1, template: 1, total: 102 } });
    const started = world.api.startSessionRun({ session: SESSION, dailyQuota: 250 });
    if (started.status !== 'started') throw new Error(JSON.stringify(started));
    world.google.calls.reset();
    const view = world.driveRun(started.run.runId!, calls);
    expect(view).toMatchObject({ status: 'done', done: 100, total: 100, counts: { created: 100, upToDate: 0, errors: 0, skipped: 0 }, summary: { status: 'created' } });
    const chunks = calls.filter((c) => c === 'runSessionChunk').length;
    expect(chunks).toBeGreaterThan(2);
    expect(view.chunks).toBe(chunks);
    for (const d of sessionDossiers(100)) expect(world.docsOf(d.id!)).toHaveLength(1);
    expect(world.docsOf(summaryKey(SESSION))).toHaveLength(1);
    // Each dossier's row says it, with the link of its report.
    expect(world.column('État de la note').every((s) => s === 'note créée')).toBe(true);
    expect(world.column('Lien de la note')).toEqual(sessionDossiers(100).map((d) => world.docsOf(d.id!)[0]!.id).map((id) => `https://docs.google.com/document/d/${id}/edit`));
    expect(world.column('Date de la note').every((d) => d instanceof Date)).toBe(true);
    // The summary: a header row, one row per dossier, the totals.
    const table = world.summaryTable(SESSION);
    expect(table).toHaveLength(102);
    expect(table[1]!.map((c) => c.replace(/[\u202f\u00a0]/g, ' '))).toEqual(['association n° 1', 'Subvention de fonctionnement n° 1', '10 000 €', '10,00 %', 'Métropole Aix-Marseille-Provence (5 000 €) ; Région Sud (5 000 €)', 'non']);
    // 10 000 + 10 100 + … + 19 900 = 1 495 000.
    expect(table[101]!.map((c) => c.replace(/[\u202f\u00a0]/g, ' ')).slice(0, 3)).toEqual(['Total', '100 dossiers', '1 495 000 €']);
    process.stdout.write(`100 dossiers : ${chunks} tranches, ${calls.length} appels google.script.run, ${world.google.calls.service} appels de service Drive/Docs\n`);
  });

  it('keeps up-to-date reports on a second run and makes no document, unless « Régénérer »', () => {
    world = createBatchWorld({ dossiers: sessionDossiers(5) });
    const first = world.api.startSessionRun({ session: SESSION });
    if (first.status !== 'started') throw new Error();
    world.driveRun(first.run.runId!);
    const again = world.api.planSessionRun({ session: SESSION });
    expect(again).toMatchObject({ counts: { upToDate: 5, toCreate: 0 }, documents: { total: 0 } });
    expect(again.messages).toContain('Toutes les notes sont à jour : aucun document ne sera créé.');
    const second = world.api.startSessionRun({ session: SESSION });
    if (second.status !== 'started') throw new Error();
    expect(world.driveRun(second.run.runId!)).toMatchObject({ status: 'done', counts: { created: 0, upToDate: 5 }, summary: { status: 'up_to_date' } });
    expect(world.docsOf('S-001')).toHaveLength(1);
    const redo = world.api.startSessionRun({ session: SESSION, regenerate: true });
    if (redo.status !== 'started') throw new Error();
    expect(world.driveRun(redo.run.runId!)).toMatchObject({ status: 'done', counts: { created: 5, upToDate: 0 }, summary: { status: 'created' } });
    expect(world.docsOf('S-001')).toHaveLength(2);
  });

  it('lists the dossiers with errors, skips them unless included, and says so in their rows', () => {
    const dossiers = sessionDossiers(4);
    dossiers[1] = { ...dossiers[1]!, statedRate: '99 %' };
    world = createBatchWorld({ dossiers });
    const plan = world.api.planSessionRun({ session: SESSION });
    expect(plan.counts).toMatchObject({ total: 4, withErrors: 1, skipped: 1, toCreate: 3 });
    expect(plan.dossiers[1]).toMatchObject({ ref: 'S-002', included: false, errors: [expect.stringContaining('taux')] });
    expect(plan.messages[0]).toBe('1 dossier a des erreurs : il sera ignoré sauf si vous cochez « Inclure les dossiers en erreur ».');
    const run = world.api.startSessionRun({ session: SESSION });
    if (run.status !== 'started') throw new Error();
    expect(world.driveRun(run.run.runId!)).toMatchObject({ counts: { created: 3, skipped: 1 } });
    expect(world.docsOf('S-002')).toHaveLength(0);
    expect(world.column('État de la note')[1]).toBe('non générée : 1 erreur dans le dossier');
    expect(world.summaryTable(SESSION)).toHaveLength(5);
    expect(world.api.planSessionRun({ session: SESSION, includeErrors: true }).counts).toMatchObject({ skipped: 0, toCreate: 1 });
  });

  it('leaves out two rows that share an id even with errors included: their documents would be filed as one', () => {
    world = createBatchWorld({ dossiers: sessionDossiers(4) });
    // The sidebar refuses a taken id; a row copied by hand in the sheet does not ask.
    world.typeCell(2, 'Identifiant', 'S-002');
    const plan = world.api.planSessionRun({ session: SESSION, includeErrors: true });
    expect(plan.counts).toMatchObject({ total: 4, withErrors: 2, toCreate: 2 });
    expect(plan.dossiers.filter((d) => !d.included).map((d) => d.ref)).toEqual(['S-002', 'S-002']);
    expect(plan.dossiers[1]!.errors.join(' ')).toContain('L’identifiant « S-002 »');
    const run = world.api.startSessionRun({ session: SESSION, includeErrors: true });
    if (run.status !== 'started') throw new Error(JSON.stringify(run));
    world.driveRun(run.run.runId!);
    expect(world.docsOf('S-002')).toHaveLength(0);
    expect(world.docsOf('S-001')).toHaveLength(1);
    expect(world.docsOf('S-004')).toHaveLength(1);
  });

  it('refuses, saying why, a run that alone exceeds the daily quota, and accepts it under Workspace’s', () => {
    world = createBatchWorld({ dossiers: sessionDossiers(130) });
    const plan = world.api.planSessionRun({ session: SESSION, pdf: true, dailyQuota: 250 });
    expect(plan).toMatchObject({ ok: false, documents: { reports: 130, pdfs: 131, summary: 1, template: 1, total: 263 } });
    expect(plan.refusal).toBe(
      'Cette génération créerait 263 documents, davantage que le quota quotidien de Google (250 documents par jour pour ce type de compte). Générez la séance en plusieurs fois (sélectionnez une partie des lignes), sans les PDF, ou choisissez « Google Workspace » si c’est votre type de compte.',
    );
    const refused = world.api.startSessionRun({ session: SESSION, pdf: true, dailyQuota: 250 });
    expect(refused.status).toBe('refused');
    expect(world.google.drive.list().filter((f) => f.appProperties.rapporteur === 'note')).toHaveLength(0);
    expect(world.api.planSessionRun({ session: SESSION, pdf: true, dailyQuota: 1500 })).toMatchObject({ ok: true, messages: [expect.stringContaining('263 documents seront créés, sur un quota de 1500 par jour')] });
  });

  it('cancels after the dossier at work: what is made stays, the run stops, a new run finishes without redoing', () => {
    world = createBatchWorld({ dossiers: sessionDossiers(30), budgetMs: 60000 });
    const run = world.api.startSessionRun({ session: SESSION });
    if (run.status !== 'started') throw new Error();
    const first = world.api.runSessionChunk(run.run.runId!);
    expect(first.status).toBe('running');
    const cancelled = world.api.cancelSessionRun(run.run.runId!);
    expect(cancelled).toMatchObject({ status: 'cancelled', done: first.done });
    expect(cancelled.message).toContain('Génération annulée après');
    expect(world.api.runSessionChunk(run.run.runId!)).toMatchObject({ status: 'cancelled', done: first.done });
    const made = world.google.drive.list().filter((f) => f.appProperties.rapporteur === 'note').length;
    expect(made).toBe(first.done);
    const again = world.api.startSessionRun({ session: SESSION });
    if (again.status !== 'started') throw new Error(JSON.stringify(again));
    expect(world.driveRun(again.run.runId!)).toMatchObject({ status: 'done', counts: { created: 30 - first.done, upToDate: first.done } });
  });

  it('cancels from another window while a chunk is at work: the chunk stops after its dossier', () => {
    world = createBatchWorld({ dossiers: sessionDossiers(10) });
    const run = world.api.startSessionRun({ session: SESSION });
    if (run.status !== 'started') throw new Error();
    let copies = 0;
    // The user presses « Annuler » while the 3rd report is being copied.
    world.spyAt('copy:after', () => ++copies === 3 && world.api.cancelSessionRun(run.run.runId!));
    const view = world.api.runSessionChunk(run.run.runId!);
    expect(view).toMatchObject({ status: 'cancelled', counts: { created: 3 } });
    expect(world.google.drive.list().filter((f) => f.appProperties.rapporteur === 'note')).toHaveLength(3);
  });

  it('refuses a second run while one is unfinished, and a second window’s chunk while one is at work', () => {
    world = createBatchWorld({ dossiers: sessionDossiers(3) });
    const run = world.api.startSessionRun({ session: SESSION });
    if (run.status !== 'started') throw new Error();
    expect(world.api.startSessionRun({ session: SESSION })).toMatchObject({ status: 'already_running', message: `Une génération est déjà en cours pour « ${SESSION} » : reprenez-la ou abandonnez-la d’abord.` });
    let inner: ReturnType<typeof world.api.runSessionChunk> | null = null;
    world.spyAt('copy:before', () => (inner ??= world.api.runSessionChunk(run.run.runId!)));
    world.api.runSessionChunk(run.run.runId!);
    world.spyAt('copy:before', () => undefined);
    expect(inner).toMatchObject({ busy: { retryAfterMs: 15000 } });
    expect(world.driveRun(run.run.runId!)).toMatchObject({ status: 'done', counts: { created: 3 } });
  });

  it('shows the current dossier while a chunk is at work', () => {
    world = createBatchWorld({ dossiers: sessionDossiers(4) });
    const run = world.api.startSessionRun({ session: SESSION });
    if (run.status !== 'started') throw new Error();
    let seen: unknown = null;
    world.spyAt('copy:before', (d) => d.key === 'S-003' && (seen = world.api.sessionRunStatus().current));
    world.driveRun(run.run.runId!);
    expect(seen).toEqual({ ref: 'S-003', beneficiary: 'association n° 3' });
  });
});

describe('a run broken anywhere, then resumed, ends with exactly one report per dossier and a right summary', () => {
  const N = 12;
  const points: { point: BreakPoint; nth?: number }[] = [
    { point: 'lock', nth: 2 },
    { point: 'state:save', nth: 1 },
    { point: 'progress:save', nth: 4 },
    { point: 'copy:before', nth: 5 },
    { point: 'copy:after', nth: 5 },
    { point: 'fill:open', nth: 8 },
    { point: 'complete:before', nth: 5 },
    { point: 'rows:write', nth: 1 },
    { point: 'state:save', nth: 3 },
    { point: 'summary:copy:before' },
    { point: 'summary:copy:after' },
    { point: 'summary:complete:before' },
  ];

  function check(w: BatchWorld): void {
    for (const d of sessionDossiers(N)) {
      const docs = w.docsOf(d.id!);
      expect(docs).toHaveLength(1);
      expect(docs[0]!.appProperties.dataHash).toMatch(/^[0-9a-f]{64}$/);
      // Filled, not a bare copy of the template.
      const body = docs[0]!.doc!.plainText().body.replace(/[\u202f\u00a0]/g, ' ');
      expect(body).not.toContain('{{');
      expect(body).toContain(`s'élèvera à ${String(d.subsidy).replace(/\B(?=(\d{3})+$)/g, ' ')} euros`);
    }
    const summaries = w.docsOf(summaryKey(SESSION));
    expect(summaries).toHaveLength(1);
    const table = w.summaryTable(SESSION);
    expect(table.slice(1, -1).map((r) => r[0])).toEqual(sessionDossiers(N).map((d) => d.beneficiary));
    expect(table[table.length - 1]![2]!.replace(/[\u202f\u00a0]/g, ' ')).toBe('126 600 €');
    expect(w.column('Lien de la note')).toEqual(sessionDossiers(N).map((d) => `https://docs.google.com/document/d/${w.docsOf(d.id!)[0]!.id}/edit`));
    expect(w.column('État de la note').every((s) => s === 'note créée' || s === 'note à jour')).toBe(true);
    // Nothing half-made is left anywhere (trashed files are not listed).
    expect(w.google.drive.list().filter((f) => String(f.appProperties.dataHash ?? '').startsWith('p-'))).toEqual([]);
  }

  /** Breaks the `nth` call at the point (counting from the start of the run). */
  function run(point: BreakPoint, nth: number | undefined, kind: 'error' | 'kill'): { chunkFailures: number; runs: number } {
    world = createBatchWorld({ dossiers: sessionDossiers(N), budgetMs: 30000 });
    let seen = 0;
    world.breakAt(point, kind, () => ++seen === (nth ?? 1));
    let runs = 0;
    let chunkFailures = 0;
    for (let attempt = 0; attempt < 6; attempt++) {
      let view;
      try {
        const status = world.api.sessionRunStatus();
        let runId = status.status === 'running' ? status.runId! : '';
        if (!runId) {
          const started = world.api.startSessionRun({ session: SESSION });
          runs++;
          // Refused (the template could not be read just then): the user tries again.
          if (started.status === 'refused') {
            if (world.dead) world.revive();
            continue;
          }
          if (started.status !== 'started') throw new Error(JSON.stringify(started));
          runId = started.run.runId!;
        }
        view = world.driveRun(runId);
      } catch (e) {
        chunkFailures++;
        expect((e as Error).message).toMatch(kind === 'kill' ? KILL_MESSAGE : /injected/);
        if (kind === 'kill') world.revive();
        continue;
      }
      // A run that ended with failed dossiers or summary is simply run again: « Relancer ».
      if (view.status === 'done' && view.counts.errors === 0 && view.summary?.status !== 'error') return { chunkFailures, runs };
    }
    throw new Error('the run never completed');
  }

  it.each(points.flatMap((p) => (['kill', 'error'] as const).map((kind) => [p.point, p.nth, kind] as const)))('%s (#%s), %s', (point, nth, kind) => {
    const result = run(point, nth, kind);
    expect(world.hits).toEqual([point]);
    check(world);
    expect(result.runs).toBeLessThanOrEqual(3);
  });

  it('a chunk killed outright leaves its lease, which a new chunk waits out (never two chunks at once)', () => {
    world = createBatchWorld({ dossiers: sessionDossiers(N), budgetMs: 30000 });
    const started = world.api.startSessionRun({ session: SESSION });
    if (started.status !== 'started') throw new Error();
    world.breakAt('copy:after', 'kill');
    expect(() => world.api.runSessionChunk(started.run.runId!)).toThrow(KILL_MESSAGE);
    world.revive(0);
    const busy = world.api.runSessionChunk(started.run.runId!);
    expect(busy.busy?.retryAfterMs).toBe(15000);
    world.advance(HARD_LIMIT_MS);
    expect(world.driveRun(started.run.runId!)).toMatchObject({ status: 'done', counts: { created: N } });
    check(world);
  });

  it('one failing dossier does not stop the others, and its error is shown', () => {
    world = createBatchWorld({ dossiers: sessionDossiers(N), budgetMs: 30000 });
    world.breakAt('copy:before', 'error', (d) => d.key === 'S-004');
    const started = world.api.startSessionRun({ session: SESSION });
    if (started.status !== 'started') throw new Error();
    const view = world.driveRun(started.run.runId!);
    expect(view).toMatchObject({ status: 'done', counts: { created: N - 1, errors: 1 } });
    expect(view.items[3]).toMatchObject({ ref: 'S-004', status: 'error', statusText: 'échec' });
    expect(view.items[3]!.message).toContain('n’a pas pu être copié');
    expect(world.column('État de la note')[3]).toMatch(/^échec : Le modèle/);
  });
});
