/**
 * « Générer la séance » in the local preview: the batch use case on the local adapters
 * (composePreviewApi), each call one unit of work as the preview server makes it (hooks
 * before / after / rollback, then the workbook saved), checked by what the reports folder,
 * the run's file and the workbook hold afterwards, and by what `rapporteur report --session`
 * says of the same folder.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composePreviewApi } from '../../src/local/preview/compose';
import { runUnitOfWork } from '../../src/local/preview/server';
import { exampleDossiers } from '../../src/local/commands/preview';
import { openOrSeedWorkbook, readWorkbookDossiers } from '../../src/local/workbook-dossiers';
import { LocalWorkbook } from '../../src/local/workbook';
import { readRunFiles, runFilePath, runJournalPath } from '../../src/local/local-batch';
import { runCli } from '../../src/local/cli';
import { conventionFileName, HASH_PROPERTY, KIND_PROPERTY, reportCommand, reportFileName, summaryFileName } from '../../src/local/commands/report';
import { documentToText } from '../../src/core/template/plain-text';
import { checkDossier } from '../../src/core/checks';
import { formatAmount } from '../../src/core/format';
import { defaultConventionTemplateId } from '../../src/core/template/default-convention-template';
import { docxModel, fillDocx, modelToDocx, openDocx, readCustomProperties } from '../../src/local/docx';
import { DEFAULT_TEMPLATE } from '../../src/core/template/default-template';
import { pendingMarker } from '../../src/app/report-filing';
import { documentDataHash, reportDataHash } from '../../src/core/report-hash';
import { summaryDataHash } from '../../src/core/session';
import { defaultTemplateId } from '../../src/core/template/default-template';
import { DEFAULT_SUMMARY_TEMPLATE_ID } from '../../src/core/template/default-summary-template';
import type { DossierInput } from '../../src/core/dossier';
import type { RunView, SessionPlan, StartResult } from '../../src/app/batch-api';
import { sessionDossiers } from '../support/batch-world';

const ROOT = join(__dirname, '..', '..');
const JUNE = 'Conseil de la Métropole du 28 juin 2018';
const JUNE_REPORTS = ['2018-AMFT-01-association-medinsoft.docx', '2018-CULT-07-les-petits-debrouillards-provence.docx', '2018-ECO-02-provence-robotique-sas.docx', '2018-SPORT-03-club-nautique-de-l-estaque.docx'];
/**
 * The June session's conventions: Medinsoft (47 500 €, approved), Provence Robotique (a
 * company, 80 000 €), and Les Petits Débrouillards (15 000 € alone, 27 000 € in 2018 with
 * its October dossier: by cumulation); none for the Club nautique (11 000 €).
 */
const JUNE_CONVENTIONS = ['convention-2018-AMFT-01-association-medinsoft.docx', 'convention-2018-CULT-07-les-petits-debrouillards-provence.docx', 'convention-2018-ECO-02-provence-robotique-sas.docx'];
const JUNE_FILES = [...JUNE_REPORTS, ...JUNE_CONVENTIONS, summaryFileName(JUNE)].sort();

type Api = Record<string, (...a: unknown[]) => any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A clock that moves 200 ms at every reading, so that a chunk's time budget runs out after a few dossiers. */
function movingClock() {
  let now = Date.parse('2018-06-12T08:00:00Z');
  return { nowIso: () => new Date((now += 200)).toISOString(), todayIso: () => '2018-06-12' };
}

async function setup(seed: () => DossierInput[] = () => exampleDossiers(ROOT), chunkMs = 1500) {
  const dir = mkdtempSync(join(tmpdir(), 'rapporteur-ps-'));
  const path = join(dir, 'dossiers.xlsx');
  const { workbook } = await openOrSeedWorkbook(path, seed);
  const reportsDir = join(dir, 'notes');
  mkdirSync(reportsDir);
  const { api, hooks } = composePreviewApi(workbook, reportsDir, movingClock(), { chunkMs });
  const calls: string[] = [];
  /** One call as the preview server makes it: before, the call, after (or rollback), then the save. */
  const call = async (name: string, ...args: unknown[]) => {
    calls.push(name);
    return runUnitOfWork(workbook, hooks, name, () => (api as Api)[name](...args));
  };
  /** A call with `meanwhile` run after the use case, before its files are written. */
  const callWithin = async (name: string, meanwhile: () => void, ...args: unknown[]) => {
    calls.push(name);
    return runUnitOfWork(workbook, hooks, name, () => {
      const result = (api as Api)[name](...args);
      meanwhile();
      return result;
    });
  };
  /** As the session screen does: start, then one chunk after the other until the run is no longer running. */
  const runSession = async (request: Record<string, unknown>): Promise<RunView> => {
    const started: StartResult = await call('startSessionRun', request);
    if (started.status !== 'started') throw new Error(JSON.stringify(started));
    let view: RunView;
    do view = await call('runSessionChunk', started.run.runId);
    while (view.status === 'running' && !view.stopped);
    return view;
  };
  const cli = async (...argv: string[]) => {
    let out = '';
    const code = await runCli(['report', path, ...argv, '--out', reportsDir], { out: (t) => (out += t), err: () => undefined }, { readWorkbook: readWorkbookDossiers, commands: { report: reportCommand } });
    return { code, out };
  };
  const props = async (file: string) => readCustomProperties(readFileSync(join(reportsDir, file)));
  const mtimes = () => Object.fromEntries(readdirSync(reportsDir).map((f) => [f, statSync(join(reportsDir, f)).mtimeMs]));
  return { dir, path, workbook, reportsDir, call, callWithin, calls, runSession, cli, props, mtimes };
}

/** The « Dossiers » sheet of the workbook file, row by dossier id: the columns the run writes. */
async function rowsOf(path: string) {
  const grid = (await LocalWorkbook.open(path)).snapshot('Dossiers')!.values;
  const col = (h: string) => grid[0]!.indexOf(h);
  return new Map(grid.slice(1).map((r) => [String(r[col('Identifiant')]), { status: r[col('État de la note')], link: r[col('Lien de la note')], date: r[col('Date de la note')] }]));
}

describe('« Générer la séance » in the local preview', () => {
  it('lists the workbook’s sessions and the row selected on the page', async () => {
    const { workbook, call } = await setup();
    const listed = await call('listSessions');
    expect(listed.sessions.map((s: { name: string; count: number }) => [s.name, s.count])).toEqual([
      [JUNE, 4],
      ['Conseil de la Métropole du 18 octobre 2018', 3],
    ]);
    expect(listed.selection).toEqual({ count: 0, refs: [] });
    workbook.setActiveRow(3);
    expect((await call('listSessions')).selection).toEqual({ count: 1, refs: ['2018-CULT-07'] });
  });

  it('counts no Google quota: it writes files on this machine, and asks for no account type', async () => {
    // 300 dossiers make 301 documents: more than a personal Google account's 250 a day.
    const { call } = await setup(() => sessionDossiers(300).map((d, i) => ({ ...d, subsidy: String(10000 + (i % 100) * 100), cofinancers: [{ name: 'Région Sud', amount: String(10000 + (i % 100) * 100) }] })));
    expect((await call('listSessions')).googleQuota).toBe(false);
    for (const dailyQuota of [undefined, 250, 1500]) {
      const plan: SessionPlan = await call('planSessionRun', { session: JUNE, dailyQuota });
      expect(plan).toMatchObject({ ok: true, dailyQuota: null, counts: { total: 300, withErrors: 0, toCreate: 300 }, documents: { total: 301 } });
      expect(plan.refusal).toBeUndefined();
      expect(plan.messages).toContain('301 documents seront écrits dans le dossier des notes.');
      expect(plan.messages.join(' ')).not.toMatch(/quota|Google/);
    }
  });

  it('writes every report and the summary into the reports folder, the run’s state beside the workbook, each row’s status, link and date', async () => {
    const { path, reportsDir, call, runSession, props } = await setup();
    const plan: SessionPlan = await call('planSessionRun', { session: JUNE });
    expect(plan).toMatchObject({ ok: true, counts: { total: 4, withErrors: 0, upToDate: 0, toCreate: 4, conventions: 3, conventionsToCreate: 3 }, documents: { reports: 4, conventions: 3, summary: 1, template: 0, total: 8 } });
    const done = await runSession({ session: JUNE });
    expect(done).toMatchObject({ status: 'done', done: 4, total: 4, counts: { created: 4, upToDate: 0, errors: 0, skipped: 0 }, summary: { status: 'created', url: `reports/${encodeURIComponent(summaryFileName(JUNE))}` } });
    expect(readdirSync(reportsDir).sort()).toEqual(JUNE_FILES);

    // Each report carries the data hash the command line computes for the stored dossier.
    const stored = (await readWorkbookDossiers(path)).filter((d) => d.session === JUNE);
    for (const d of stored) {
      const file = reportFileName(String(d.id), String(d.beneficiary));
      expect(done.items.find((i) => i.ref === d.id)).toMatchObject({ status: 'created', url: `reports/${encodeURIComponent(file)}` });
      expect((await props(file))[HASH_PROPERTY]).toBe(reportDataHash(d, defaultTemplateId()));
    }
    expect((await props(summaryFileName(JUNE)))[HASH_PROPERTY]).toBe(summaryDataHash(JUNE, stored, DEFAULT_SUMMARY_TEMPLATE_ID));

    // The conventions: as `rapporteur report --convention` writes them (name, kind, data hash),
    // the subsidy they print the dossier's, and linked from the run's items.
    expect(done.conventions).toEqual({ total: 3, created: 3, upToDate: 0, errors: 0 });
    expect(done.message).toBe('Terminé : 4 notes créées, 0 conservée (à jour), 0 en échec, 0 ignorée ; 3 conventions créées, 0 conservée (à jour), 0 en échec.');
    for (const d of stored) {
      const file = conventionFileName(String(d.id), String(d.beneficiary));
      const item = done.items.find((i) => i.ref === d.id)!;
      if (!JUNE_CONVENTIONS.includes(file)) {
        expect(item.convention).toBeUndefined();
        continue;
      }
      expect(item.convention).toEqual({ status: 'created', statusText: 'convention créée', url: `reports/${encodeURIComponent(file)}` });
      expect(await props(file)).toMatchObject({ [HASH_PROPERTY]: documentDataHash(d, defaultConventionTemplateId(), 'convention'), [KIND_PROPERTY]: 'convention', RapporteurDossierId: d.id });
      const text = documentToText(docxModel(await openDocx(readFileSync(join(reportsDir, file))))).replace(/[\u00a0\u202f]/g, ' ');
      expect(text).toContain('Convention attributive de subvention');
      expect(text).toContain(formatAmount(checkDossier(d).figures.subsidy!).replace(/[\u00a0\u202f]/g, ' '));
    }
    const summary = docxModel(await openDocx(readFileSync(join(reportsDir, summaryFileName(JUNE))))).body.find((b) => b.type === 'table');
    expect(summary?.type === 'table' && summary.rows.length).toBe(6);

    const rows = await rowsOf(path);
    expect(rows.get('2018-ECO-02')).toEqual({ status: 'note créée ; convention créée', link: 'reports/2018-ECO-02-provence-robotique-sas.docx', date: new Date('2018-06-12T00:00:00Z') });
    expect(rows.get('2018-SPORT-03')?.status).toBe('note créée');
    expect(rows.get('2018-CULT-19')).toEqual({ status: '', link: '', date: '' });
    expect(JSON.parse(readFileSync(runFilePath(path), 'utf8'))).toMatchObject({ status: 'done', label: JUNE, cursor: 4 });
    expect((await call('sessionRunStatus')).status).toBe('done');
  });

  it('agrees with « rapporteur report --session » on « à jour », both ways', async () => {
    const { call, runSession, cli, mtimes } = await setup();
    await runSession({ session: JUNE });
    const written = mtimes();
    const first = await cli('--session', JUNE);
    expect(first.out).toContain('Bilan : 0 note écrite, 4 conservées (à jour)');
    expect(first.out).toContain('Conventions : 0 convention écrite, 3 conservées (à jour)');
    expect(first.out).toContain('(récapitulatif à jour)');
    expect(mtimes()).toEqual(written);

    // Reports the command line rewrote (--force) are found by the preview as well.
    await cli('--session', JUNE, '--force');
    expect((await call('planSessionRun', { session: JUNE })).counts).toMatchObject({ upToDate: 4, toCreate: 0 });
    const again = await runSession({ session: JUNE });
    expect(again).toMatchObject({ status: 'done', counts: { created: 0, upToDate: 4 }, summary: { status: 'up_to_date' } });
  });

  it('keeps what is up to date on a second run, and redoes only the dossier that changed, and the summary', async () => {
    const { call, runSession, mtimes, cli, reportsDir } = await setup();
    await runSession({ session: JUNE });
    const before = mtimes();
    expect(await runSession({ session: JUNE })).toMatchObject({ counts: { created: 0, upToDate: 4 }, summary: { status: 'up_to_date' } });
    expect(mtimes()).toEqual(before);

    const loaded = await call('loadDossier', '2018-ECO-02');
    expect((await call('saveDossier', { dossier: { ...loaded.dossier, subject: 'Objet modifié' }, ref: loaded.ref, version: loaded.version })).status).toBe('saved');
    const third = await runSession({ session: JUNE });
    expect(third).toMatchObject({ counts: { created: 1, upToDate: 3 }, summary: { status: 'created' } });
    expect(third.items.find((i) => i.ref === '2018-ECO-02')?.status).toBe('created');
    const after = mtimes();
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]).sort();
    expect(changed).toEqual(['2018-ECO-02-provence-robotique-sas.docx', 'convention-2018-ECO-02-provence-robotique-sas.docx', summaryFileName(JUNE)]);
    expect(readdirSync(reportsDir).sort()).toEqual(JUNE_FILES);
    expect((await cli('--session', JUNE)).out).toContain('Bilan : 0 note écrite, 4 conservées (à jour)');
  });

  it('« Régénérer » rewrites every report and the summary', async () => {
    const { runSession } = await setup();
    await runSession({ session: JUNE });
    expect(await runSession({ session: JUNE, regenerate: true })).toMatchObject({ counts: { created: 4, upToDate: 0 }, summary: { status: 'created' } });
  });

  it('runs a larger session in several chunks, and resumes one whose state could not be written without a duplicate or a dossier missed', async () => {
    const { path, reportsDir, call, callWithin, calls } = await setup(() => sessionDossiers(12), 1000);
    const started: StartResult = await call('startSessionRun', { session: JUNE });
    if (started.status !== 'started') throw new Error(JSON.stringify(started));
    const runId = started.run.runId!;
    const first: RunView = await call('runSessionChunk', runId);
    expect(first.status).toBe('running');
    expect(first.done).toBeGreaterThan(0);
    expect(first.done).toBeLessThan(12);

    // The next chunk's reports are written, then its run state cannot be (its journal line
    // cannot be appended): the call fails and is rolled back (as if the preview stopped
    // between the two).
    const journal = runJournalPath(runFilePath(path));
    expect(existsSync(journal)).toBe(true);
    const filesBefore = readdirSync(reportsDir).length;
    await expect(
      callWithin('runSessionChunk', () => {
        renameSync(journal, `${journal}.aside`);
        mkdirSync(journal);
      }, runId),
    ).rejects.toThrow();
    rmSync(journal, { recursive: true });
    renameSync(`${journal}.aside`, journal);
    const madeByFailedChunk = readdirSync(reportsDir).length - filesBefore;
    expect(madeByFailedChunk).toBeGreaterThan(0);
    expect(readRunFiles(runFilePath(path)).state).toMatchObject({ cursor: first.done, lease: null });
    // The screen offers to resume: the same run, from where its state says.
    expect(await call('sessionRunStatus')).toMatchObject({ status: 'running', done: first.done });

    let view: RunView;
    do view = await call('runSessionChunk', runId);
    while (view.status === 'running');
    expect(view).toMatchObject({ status: 'done', done: 12, counts: { created: 12 - madeByFailedChunk, upToDate: madeByFailedChunk, errors: 0 }, summary: { status: 'created' } });
    expect(calls.filter((c) => c === 'runSessionChunk').length).toBeGreaterThan(3);
    const files = readdirSync(reportsDir);
    expect(files).toHaveLength(13);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const rows = await rowsOf(path);
    expect([...rows.values()].map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i >= first.done && i < first.done + madeByFailedChunk ? 'note à jour' : 'note créée')));
  });

  it('writes a chunk’s state as one line appended to the run’s journal, the run whole only when it starts and ends', async () => {
    const { path, call } = await setup(() => sessionDossiers(12), 1000);
    const runPath = runFilePath(path);
    const journal = runJournalPath(runPath);
    const started: StartResult = await call('startSessionRun', { session: JUNE });
    if (started.status !== 'started') throw new Error();
    const whole = statSync(runPath);
    expect(existsSync(journal)).toBe(false);
    const lines = () => readFileSync(journal, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    let view: RunView = await call('runSessionChunk', started.run.runId);
    let before = 0;
    while (view.status === 'running') {
      const now = lines();
      // One line per call, holding only the items that call changed.
      expect(now).toHaveLength(before + 1);
      const last = now[now.length - 1];
      expect(last.items.length).toBeLessThanOrEqual(view.done);
      expect(last.items.length).toBeLessThan(12);
      before = now.length;
      // The state written whole is untouched while the run goes on.
      expect(statSync(runPath)).toMatchObject({ ino: whole.ino, mtimeMs: whole.mtimeMs });
      view = await call('runSessionChunk', started.run.runId);
    }
    expect(before).toBeGreaterThan(1);
    expect(view.status).toBe('done');
    // Ended: written whole again, the journal gone.
    expect(existsSync(journal)).toBe(false);
    expect(JSON.parse(readFileSync(runPath, 'utf8'))).toMatchObject({ status: 'done', cursor: 12 });
  });

  it('resumes a run whose journal was cut mid-line (a stop while appending) without losing what was done or making it twice', async () => {
    const { path, reportsDir, call } = await setup(() => sessionDossiers(12), 1000);
    const journal = runJournalPath(runFilePath(path));
    const started: StartResult = await call('startSessionRun', { session: JUNE });
    if (started.status !== 'started') throw new Error();
    await call('runSessionChunk', started.run.runId);
    const second: RunView = await call('runSessionChunk', started.run.runId);
    expect(second.status).toBe('running');
    const whole = readFileSync(journal, 'utf8');
    // The next line, cut short.
    appendFileSync(journal, whole.split('\n')[1]!.slice(0, 40));
    expect(readRunFiles(runFilePath(path)).state).toMatchObject({ cursor: second.done });
    expect(await call('sessionRunStatus')).toMatchObject({ status: 'running', done: second.done });
    // The cut line is trimmed off: the next line starts on its own, and reads back.
    expect(readFileSync(journal, 'utf8')).toBe(whole);
    let view: RunView;
    do view = await call('runSessionChunk', started.run.runId);
    while (view.status === 'running');
    expect(view).toMatchObject({ status: 'done', done: 12, counts: { created: 12, upToDate: 0, errors: 0 } });
    expect(readdirSync(reportsDir)).toHaveLength(13);
  });

  it('ignores a journal left beside a newer state (a stop between writing the state whole and removing the journal)', async () => {
    const { path, call } = await setup(() => sessionDossiers(6), 1000);
    const runPath = runFilePath(path);
    const journal = runJournalPath(runPath);
    const started: StartResult = await call('startSessionRun', { session: JUNE });
    if (started.status !== 'started') throw new Error();
    await call('runSessionChunk', started.run.runId);
    const stale = readFileSync(journal);
    await call('cancelSessionRun', started.run.runId);
    expect(existsSync(journal)).toBe(false);
    writeFileSync(journal, stale);
    expect(readRunFiles(runPath).state).toMatchObject({ status: 'cancelled' });
    expect(await call('sessionRunStatus')).toMatchObject({ status: 'cancelled' });
  });

  it('removes a report left pending (made, never completed) and makes it again', async () => {
    const { reportsDir, runSession, props } = await setup(() => sessionDossiers(2));
    // As a call leaves it when it recorded an error between the write and the completion:
    // the file on disk carries the pending marker where its data hash goes.
    const template = await openDocx(await modelToDocx(DEFAULT_TEMPLATE));
    writeFileSync(join(reportsDir, 'S-001-ancien-nom.docx'), await fillDocx(template, {}, { [HASH_PROPERTY]: pendingMarker('run0001', 'abc'), RapporteurDossierId: 'S-001' }));
    const done = await runSession({ session: JUNE });
    expect(done.counts).toMatchObject({ created: 2, upToDate: 0 });
    expect(readdirSync(reportsDir).sort()).toEqual(['S-001-association-n-1.docx', 'S-002-association-n-2.docx', summaryFileName(JUNE)]);
    expect((await props('S-001-association-n-1.docx'))[HASH_PROPERTY]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cancels between chunks: what was made stays, the run says so', async () => {
    const { call, reportsDir } = await setup(() => sessionDossiers(12), 1000);
    const started: StartResult = await call('startSessionRun', { session: JUNE });
    if (started.status !== 'started') throw new Error();
    const first: RunView = await call('runSessionChunk', started.run.runId);
    const cancelled: RunView = await call('cancelSessionRun', started.run.runId);
    expect(cancelled).toMatchObject({ status: 'cancelled', done: first.done });
    expect(readdirSync(reportsDir)).toHaveLength(first.done);
    expect(await call('sessionRunStatus')).toMatchObject({ status: 'cancelled' });
  });

  it('skips the dossiers with errors unless included, and says why a PDF cannot be made here', async () => {
    const seed = sessionDossiers(3);
    seed[1] = { ...seed[1]!, statedRate: '99 %' };
    const { runSession } = await setup(() => seed);
    expect(await runSession({ session: JUNE })).toMatchObject({ counts: { created: 2, skipped: 1 } });
    // The two reports up to date are kept; only what would be written needs the PDF.
    const withPdf = await runSession({ session: JUNE, includeErrors: true, pdf: true });
    expect(withPdf.counts).toMatchObject({ created: 0, upToDate: 2, errors: 1 });
    expect(withPdf.items[1]!.message).toMatch(/^L’aperçu local n’écrit pas de PDF/);
    expect(withPdf.summary).toMatchObject({ status: 'error', message: expect.stringMatching(/^L’aperçu local n’écrit pas de PDF/) });
  });

  it('« Créer le modèle de récapitulatif » writes it beside the workbook; the next summary uses it', async () => {
    const { dir, path, call, runSession, props } = await setup();
    const created = await call('createDefaultSummaryTemplate');
    expect(created).toMatchObject({ status: 'created', id: 'modele-de-recapitulatif.docx' });
    expect(created.message).toContain(join(dir, 'modele-de-recapitulatif.docx'));
    expect(existsSync(join(dir, 'modele-de-recapitulatif.docx'))).toBe(true);
    expect((await LocalWorkbook.open(path)).readSettings()?.summaryTemplate).toBe('modele-de-recapitulatif.docx');
    // The report's template is untouched.
    expect(existsSync(join(dir, 'modele-de-note.docx'))).toBe(false);
    await runSession({ session: JUNE });
    expect((await props(summaryFileName(JUNE))).RapporteurTemplate).toMatch(/^docx@[0-9a-f]{16}$/);
  });
});
