/**
 * « Générer la séance »: every report of a council session plus its summary, in chunks.
 *
 * Apps Script stops an execution at 6 minutes and add-on triggers run at most hourly, so
 * the sidebar drives the run: one `runSessionChunk` call after the other, each stopping
 * well inside the limit (a time budget read from the Clock port). The run's state (the
 * cursor and each dossier's outcome) is committed under the document lock at the end of
 * each chunk; a chunk holds a lease on the run so that a second window cannot process the
 * same dossiers at the same time.
 *
 * Nothing is made twice, wherever a run is cut (closed sidebar, time limit, exception):
 * - a report is filed with a pending marker while it is copied and filled, and gets its
 *   data hash only once complete; a pending file left by a cut is trashed and redone;
 * - a complete report whose data hash matches is found in the index and kept ("à jour"),
 *   so a dossier redone after a cut before the commit reuses the report made just before;
 * - with « Régénérer », only reports completed by this very run count as done.
 * One failing dossier is recorded with its error and the others go on.
 *
 * A dossier that needs a convention attributive (conventionNeeded: above the threshold,
 * alone or with the year's other subsidies to the same body, or approved anyway) gets it
 * right after its report, in the same step and filed the same way under its own kind (its
 * data hash carries the kind: a report never passes for the convention, nor the reverse).
 * A convention that fails is recorded beside its report; the run goes on.
 */
import { checkDossiersLazily, type DossierReport } from './check-dossiers';
import { readDossiers, type StoredDossier } from './dossier-table';
import { formatDate, parseIsoDate } from '../core/calendar';
import { formatAmount } from '../core/format';
import { parseAmount } from '../core/parse';
import { reportFields, FIELD_DOCS } from '../core/report-fields';
import { documentDataHash, reportDataHash } from '../core/report-hash';
import { conventionNeeded, noConventionReason } from '../core/convention';
import { DEFAULT_CONVENTION_TEMPLATE, DEFAULT_CONVENTION_TEMPLATE_NAME } from '../core/template/default-convention-template';
import { listSessions, sessionIndexes, summaryDataHash, summaryFields, summaryKey, SUMMARY_FIELD_DOCS, type SessionInfo } from '../core/session';
import type { Settings } from '../core/settings';
import { checkTemplate } from '../core/template/check';
import { renderDocument } from '../core/template/render';
import { DEFAULT_SUMMARY_TEMPLATE, DEFAULT_SUMMARY_TEMPLATE_NAME } from '../core/template/default-summary-template';
import { formatPlace } from '../core/messages/template';
import { conventionApiText, reportApiText } from '../core/messages/report';
import { batchConventionText as CV, batchText as M, summaryText } from '../core/messages/session';
import type { Clock, Lock } from './ports';
import type { DossierStore } from './ports/dossier-store';
import { ReportPortError, type ReportTemplateSource, type ReportWriter, type TemplateHandle } from './ports/report-writer';
import { fileReport, findComplete, pendingMarker, trashPending } from './report-filing';
import type { ConventionTemplateStore, DocumentOutcome, IndexedFile, ItemStatus, ReportIndex, RowUpdate, RunItem, RunOptions, RunState, RunStore, SelectionSource, SessionRows, SummaryTemplateStore } from './ports/batch';

export interface BatchPorts {
  dossiers: DossierStore;
  selection: SelectionSource;
  settings: () => Settings;
  templates: ReportTemplateSource;
  summaryTemplates: SummaryTemplateStore;
  /** The convention's template, for the dossiers that need one (src/core/convention.ts). */
  conventionTemplates: ConventionTemplateStore;
  writer: ReportWriter;
  index: ReportIndex;
  rows: SessionRows;
  runs: RunStore;
  clock: Clock;
  lock: Lock;
  /** A fresh unique id (Utilities.getUuid in Apps Script). */
  newId(): string;
  /** How long one chunk may work; 4 minutes by default, well inside the 6-minute limit. */
  budgetMs?: number;
  /**
   * Whether the documents count against Google's daily quota (Sheets: yes, the default).
   * The local default writes .docx files: no quota, no account type to choose.
   */
  googleQuota?: boolean;
  /**
   * What the adapter pays for each chunk besides the chunk's own work, as last measured (the
   * local preview rewrites its whole workbook after each call). With the chunk's own set-up
   * (reading and grouping the sheet), it stretches the chunk: see OVERHEAD_SHARE.
   */
  chunkOverheadMs?: () => number;
}

/**
 * A chunk works at least this many times what it costs to start and finish: the set-up and
 * the adapter's overhead grow with the workbook, so chunks of a fixed length made a run of n
 * dossiers cost n² (measured in the preview: 3 000 dossiers, 75 % of the run spent saving).
 * Stretched chunks keep that cost at most half the work whatever the size, while a chunk stays
 * short enough for the page's progress bar to move; never beyond DEFAULT_BUDGET_MS, the Apps
 * Script chunk.
 */
export const OVERHEAD_FACTOR = 2;

/** The daily quotas of documents created (APPS-SCRIPT.md): consumer accounts, Workspace. */
export const DAILY_QUOTAS = [250, 1500] as const;
export const DEFAULT_BUDGET_MS = 4 * 60 * 1000;
/** No execution outlives Apps Script's 6-minute limit: a lease older than that is a dead chunk's. */
export const HARD_LIMIT_MS = 6 * 60 * 1000 + 30 * 1000;

export interface RunRequest {
  /** The session's name (the « Séance » column). */
  session?: string;
  /** Or the dossiers' refs (ids, or "#row"). */
  refs?: string[];
  /** Or the rows selected in the « Dossiers » sheet. */
  selection?: boolean;
  includeErrors?: boolean;
  regenerate?: boolean;
  pdf?: boolean;
  dailyQuota?: number;
}

export interface PlannedDossier {
  ref: string;
  beneficiary: string;
  /** "47 500 €", or the cell's text. */
  subsidy: string;
  errors: string[];
  upToDate: boolean;
  /** Whether the run will generate (or keep) its report. */
  included: boolean;
  /** Whether the dossier needs a convention (made after its report when included). */
  convention: boolean;
  conventionUpToDate: boolean;
}

export interface TemplateErrorView {
  id: string;
  message: string;
  place: string;
}

export interface SessionPlan {
  ok: boolean;
  label: string;
  /** Why the run cannot start: French, complete. */
  refusal?: string;
  templateErrors?: TemplateErrorView[];
  dossiers: PlannedDossier[];
  counts: { total: number; withErrors: number; upToDate: number; toCreate: number; skipped: number; conventions: number; conventionsToCreate: number };
  /** Every document the run creates, against the day's quota: reports, conventions, their PDFs, the summary, the templates created on the way. */
  documents: { reports: number; conventions: number; pdfs: number; summary: number; template: number; total: number };
  /** Google's documents per day for the chosen account type, or null locally (no quota). */
  dailyQuota: number | null;
  /** The plan in sentences, for the screen. */
  messages: string[];
}

export interface RunItemView {
  ref: string;
  beneficiary: string;
  status: ItemStatus;
  statusText: string;
  url?: string;
  message?: string;
  convention?: { status: Exclude<ItemStatus, 'skipped'>; statusText: string; url?: string; message?: string };
}

export interface RunView {
  status: 'none' | 'running' | 'done' | 'cancelled';
  runId?: string;
  label?: string;
  /** Dossiers processed (created, kept, failed) among those to process. */
  done: number;
  total: number;
  counts: { created: number; upToDate: number; errors: number; skipped: number };
  /** The conventions of the run's dossiers that need one: made, kept, failed, still to do. */
  conventions: { total: number; created: number; upToDate: number; errors: number };
  current: { ref: string; beneficiary: string } | null;
  items: RunItemView[];
  summary: { status: Exclude<ItemStatus, 'skipped'>; url?: string; message?: string } | null;
  message: string;
  chunks: number;
  cancelRequested: boolean;
  /** Another window's chunk holds the run: try again after this delay. */
  busy?: { retryAfterMs: number };
  /** The last chunk stopped early (a quota reached): the screen stops driving and offers to resume. */
  stopped?: string;
}

export type StartResult = { status: 'started'; run: RunView } | { status: 'refused'; plan: SessionPlan } | { status: 'already_running'; message: string; run: RunView };

const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
export { pendingMarker };
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** Google's daily and per-minute limits: going on with the next dossier would only fail again. */
const isQuotaError = (e: unknown) => !(e instanceof ReportPortError) && /too many times|limit exceeded|rate limit|quota/i.test(messageOf(e));

interface Context {
  settings: Settings;
  stored: StoredDossier[];
  /** Each dossier's check, made when first asked for: a chunk checks in full only the dossiers it handles. */
  reports: Pick<Map<string, DossierReport>, 'has' | 'get'>;
}

export function batchApi(ports: BatchPorts) {
  const budget = ports.budgetMs ?? DEFAULT_BUDGET_MS;
  const googleQuota = ports.googleQuota ?? true;
  const nowMs = () => Date.parse(ports.clock.nowIso());
  const todayText = () => {
    const d = parseIsoDate(ports.clock.todayIso());
    return d.ok ? formatDate(d.value) : ports.clock.todayIso();
  };

  /**
   * Every dossier of the workbook, checked together (a beneficiary's yearly total spans
   * sessions): one grouping pass over the sheet, then each dossier checked in full when a
   * chunk reaches it. Checking the whole sheet at every chunk made a run of n dossiers cost
   * n² checks (measured: 3 000 dossiers, one report per chunk).
   */
  const context = (): Context => {
    const settings = ports.settings();
    const tables = ports.dossiers.read();
    if (!tables.dossiers) throw new ReportPortError(M.noSheet);
    const stored = readDossiers(tables.dossiers, tables.cofinancers, ports.dossiers.codec());
    const lazy = checkDossiersLazily(
      stored.map((s) => s.dossier),
      settings,
    );
    const indexOf = new Map(stored.map((s, i) => [s.ref, i]));
    const made = new Map<string, DossierReport>();
    const reports = {
      has: (ref: string) => indexOf.has(ref),
      get(ref: string): DossierReport | undefined {
        const i = indexOf.get(ref);
        if (i === undefined) return undefined;
        let r = made.get(ref);
        if (!r) made.set(ref, (r = lazy.report(i)));
        return r;
      },
    };
    return { settings, stored, reports };
  };

  const errorsOf = (r: DossierReport) => r.check.findings.filter((f) => f.severity === 'error');
  const subsidyText = (s: StoredDossier) => {
    const v = s.dossier.subsidy;
    if (v === undefined || v === null || String(v).trim() === '') return '';
    const r = parseAmount(v);
    return r.ok ? formatAmount(r.value) : String(v);
  };

  /** The dossiers a request names, in sheet order, and the run's label. */
  const choose = (ctx: Context, req: RunRequest): { chosen: StoredDossier[]; label: string; session: string | null } => {
    if (req.session && req.session.trim()) {
      const idx = sessionIndexes(
        ctx.stored.map((s) => s.dossier),
        req.session,
      );
      if (!idx.length) throw new ReportPortError(M.sessionNotFound(req.session.trim(), listSessions(ctx.stored.map((s) => s.dossier)).map((s) => s.name)));
      const chosen = idx.map((i) => ctx.stored[i]!);
      return { chosen, label: String(chosen[0]!.dossier.session).trim(), session: String(chosen[0]!.dossier.session).trim() };
    }
    let refs = req.refs ?? [];
    if (req.selection) {
      const rows = new Set(ports.selection.selectedRows());
      refs = ctx.stored.filter((s) => rows.has(s.row)).map((s) => s.ref);
      if (!refs.length) throw new ReportPortError(M.noSelection);
    }
    if (!refs.length) throw new ReportPortError(M.nothingChosen);
    const missing = refs.filter((r) => !ctx.reports.has(r));
    if (missing.length) throw new ReportPortError(M.refsNotFound(missing));
    const wanted = new Set(refs);
    const chosen = ctx.stored.filter((s) => wanted.has(s.ref));
    return { chosen, label: summaryText.selectionName(chosen.length), session: null };
  };

  const optionsOf = (req: RunRequest): RunOptions => ({
    includeErrors: !!req.includeErrors,
    regenerate: !!req.regenerate,
    pdf: !!req.pdf,
    dailyQuota: !googleQuota ? null : (DAILY_QUOTAS as readonly number[]).includes(Number(req.dailyQuota)) ? Number(req.dailyQuota) : DAILY_QUOTAS[0],
  });

  const templateView = (errors: ReturnType<typeof checkTemplate>): TemplateErrorView[] => errors.map((e) => ({ id: e.id, message: e.message, place: formatPlace(e.place) }));

  function plan(req: RunRequest): { plan: SessionPlan; ctx: Context; session: string | null; chosen: StoredDossier[]; template: TemplateHandle; summaryTemplate: TemplateHandle | null } | { plan: SessionPlan } {
    const options = optionsOf(req);
    const empty = (refusal: string, label = '', templateErrors?: TemplateErrorView[]): { plan: SessionPlan } => ({
      plan: {
        ok: false,
        label,
        refusal,
        ...(templateErrors ? { templateErrors } : {}),
        dossiers: [],
        counts: { total: 0, withErrors: 0, upToDate: 0, toCreate: 0, skipped: 0, conventions: 0, conventionsToCreate: 0 },
        documents: { reports: 0, conventions: 0, pdfs: 0, summary: 0, template: 0, total: 0 },
        dailyQuota: options.dailyQuota,
        messages: [],
      },
    });
    let ctx: Context;
    let picked: ReturnType<typeof choose>;
    try {
      ctx = context();
      picked = choose(ctx, req);
    } catch (e) {
      if (e instanceof ReportPortError) return empty(e.message);
      throw e;
    }
    let template: TemplateHandle;
    let summaryTemplate: TemplateHandle | null;
    try {
      template = ports.templates.open();
      summaryTemplate = ports.summaryTemplates.open();
    } catch (e) {
      if (e instanceof ReportPortError) return empty(e.message, picked.label);
      throw e;
    }
    const reportErrors = checkTemplate(template.model, FIELD_DOCS);
    if (reportErrors.length) return empty(reportApiText.templateErrors(reportErrors.length), picked.label, templateView(reportErrors));
    const summaryErrors = summaryTemplate ? checkTemplate(summaryTemplate.model, SUMMARY_FIELD_DOCS) : [];
    if (summaryErrors.length) return empty(M.summaryTemplateErrors(summaryErrors.length), picked.label, templateView(summaryErrors));

    // A dossier whose id another row carries is left out even when errors are included: the
    // id is the key its documents are filed under, so one would be filed as the other.
    const sharesId = (s: StoredDossier) => ctx.reports.get(s.ref)!.check.findings.some((f) => f.code === 'DOSSIER_ID_DUPLICATE');
    const includedOf = (s: StoredDossier) => !sharesId(s) && (errorsOf(ctx.reports.get(s.ref)!).length === 0 || options.includeErrors);
    const needsConvention = (s: StoredDossier) => conventionNeeded(s.dossier, ctx.reports.get(s.ref)!.check);
    // The convention's template only matters when a dossier of the run needs one; none yet
    // is a template to create on the way (one more document against the quota).
    let conventionTemplate: TemplateHandle | null = null;
    const anyConvention = picked.chosen.some((s) => includedOf(s) && needsConvention(s));
    if (anyConvention) {
      try {
        conventionTemplate = ports.conventionTemplates.open();
      } catch (e) {
        if (e instanceof ReportPortError) return empty(e.message, picked.label);
        throw e;
      }
      const conventionErrors = conventionTemplate ? checkTemplate(conventionTemplate.model, FIELD_DOCS) : [];
      if (conventionErrors.length) return empty(CV.templateErrors(conventionErrors.length), picked.label, templateView(conventionErrors));
    }

    const listed = ports.index.list();
    const find = (key: string, hash: string) => findComplete(listed, key, hash);
    const dossiers: PlannedDossier[] = picked.chosen.map((s) => {
      const r = ctx.reports.get(s.ref)!;
      const errors = errorsOf(r).map((f) => f.message);
      const convention = needsConvention(s);
      return {
        ref: s.ref,
        beneficiary: String(s.dossier.beneficiary ?? '').trim(),
        subsidy: subsidyText(s),
        errors,
        included: includedOf(s),
        upToDate: !!find(s.ref, reportDataHash(s.dossier, template.id)),
        convention,
        conventionUpToDate: convention && !!conventionTemplate && !!find(s.ref, documentDataHash(s.dossier, conventionTemplate.id, 'convention')),
      };
    });
    const included = dossiers.filter((d) => d.included);
    const reports = included.filter((d) => options.regenerate || !d.upToDate).length;
    const withConvention = included.filter((d) => d.convention);
    const conventions = withConvention.filter((d) => options.regenerate || !d.conventionUpToDate).length;
    const summaryUpToDate =
      !!summaryTemplate && !options.regenerate && !!find(summaryKey(picked.label), summaryDataHash(picked.label, picked.chosen.filter((_, i) => dossiers[i]!.included).map((s) => s.dossier), summaryTemplate.id));
    const summary = included.length && !summaryUpToDate ? 1 : 0;
    const documents = {
      reports,
      conventions,
      pdfs: options.pdf ? reports + conventions + summary : 0,
      summary,
      template: (summaryTemplate ? 0 : 1) + (withConvention.length && !conventionTemplate ? 1 : 0),
      total: 0,
    };
    documents.total = documents.reports + documents.conventions + documents.pdfs + documents.summary + documents.template;
    const withErrors = dossiers.filter((d) => d.errors.length).length;
    const upToDate = included.filter((d) => d.upToDate).length;
    const messages: string[] = [];
    if (withErrors) messages.push(options.includeErrors ? M.errorsIncluded(withErrors) : M.errorsSkipped(withErrors));
    if (upToDate) messages.push(options.regenerate ? M.upToDateRedone(upToDate) : M.upToDateKept(upToDate));
    if (withConvention.length) messages.push(CV.planned(withConvention.length, conventions));
    // No convention is made for them, but saying nothing would read as « none required ».
    const undecided = picked.chosen.filter((s, i) => dossiers[i]!.included && !dossiers[i]!.convention && noConventionReason(ctx.reports.get(s.ref)!.check) === 'cumulatedUnknown');
    if (undecided.length) messages.push(CV.undecided(undecided.map((s) => s.ref)));
    const quota = options.dailyQuota;
    const refused = quota !== null && documents.total > quota;
    const toCreate = !documents.total ? null : quota === null ? M.documentsLocal(documents.total) : refused ? M.quotaRefused(documents.total, quota) : M.quotaOk(documents.total, quota);
    messages.push(toCreate ?? (withConvention.length ? M.nothingToCreateWithConventions : M.nothingToCreate));
    const result: SessionPlan = {
      ok: !refused && included.length > 0,
      label: picked.label,
      ...(refused ? { refusal: M.quotaRefused(documents.total, quota) } : included.length ? {} : { refusal: M.errorsSkipped(withErrors) }),
      dossiers,
      counts: { total: dossiers.length, withErrors, upToDate, toCreate: reports, skipped: dossiers.length - included.length, conventions: withConvention.length, conventionsToCreate: conventions },
      documents,
      dailyQuota: options.dailyQuota,
      messages,
    };
    return { plan: result, ctx, session: picked.session, chosen: picked.chosen, template, summaryTemplate };
  }

  function view(state: RunState | null, extra: Partial<RunView> = {}): RunView {
    if (!state) return { status: 'none', done: 0, total: 0, counts: { created: 0, upToDate: 0, errors: 0, skipped: 0 }, conventions: { total: 0, created: 0, upToDate: 0, errors: 0 }, current: null, items: [], summary: null, message: M.noRun, chunks: 0, cancelRequested: false, ...extra };
    const count = (s: ItemStatus) => state.items.filter((i) => i.status === s).length;
    const counts = { created: count('created'), upToDate: count('up_to_date'), errors: count('error'), skipped: count('skipped') };
    const total = state.items.length - counts.skipped;
    const done = counts.created + counts.upToDate + counts.errors;
    const withConvention = state.items.filter((i) => i.convention);
    const conventionCount = (s: ItemStatus) => withConvention.filter((i) => i.convention!.status === s).length;
    const conventions = { total: withConvention.length, created: conventionCount('created'), upToDate: conventionCount('up_to_date'), errors: conventionCount('error') };
    let current: RunView['current'] = null;
    if (state.status === 'running') {
      const progress = ports.runs.loadProgress();
      const next = state.items.slice(state.cursor).find((i) => i.status === 'pending');
      const live = progress && progress.runId === state.runId && progress.index >= state.cursor ? progress : null;
      current = live ? { ref: live.ref, beneficiary: live.beneficiary } : next ? { ref: next.ref, beneficiary: next.beneficiary } : null;
    }
    const message =
      state.status === 'cancelled'
        ? M.cancelled(done, total)
        : state.status === 'done'
          ? M.finished(counts.created, counts.upToDate, counts.errors, counts.skipped, conventions.total ? conventions : undefined)
          : state.cancelRequested
            ? M.cancelling
            : (state.stopMessage ?? M.progress(done, total));
    return plain({
      status: state.status,
      runId: state.runId,
      label: state.label,
      done,
      total,
      counts,
      conventions,
      current,
      items: state.items.map((i) => ({
        ref: i.ref,
        beneficiary: i.beneficiary,
        status: i.status,
        statusText: M.itemStatus[i.status] ?? i.status,
        ...(i.url ? { url: i.url } : {}),
        ...(i.message ? { message: i.message } : {}),
        ...(i.convention ? { convention: { ...i.convention, statusText: CV.itemStatus[i.convention.status] ?? i.convention.status } } : {}),
      })),
      summary: state.summary,
      message,
      chunks: state.chunks,
      cancelRequested: state.cancelRequested,
      ...(state.stopMessage && state.status === 'running' ? { stopped: state.stopMessage } : {}),
      ...extra,
    });
  }

  const rowUpdate = (item: RunItem): RowUpdate | null => {
    if (item.status === 'pending') return null;
    const status =
      item.status === 'created'
        ? M.rowStatus.created
        : item.status === 'up_to_date'
          ? M.rowStatus.up_to_date
          : item.status === 'skipped'
            ? M.rowStatus.skipped(item.errors)
            : M.rowStatus.error(item.message ?? '');
    const c = item.convention;
    // The row says the convention's outcome after the report's: the run's only trace in the sheet.
    const conventionStatus = !c || c.status === 'pending' ? '' : c.status === 'error' ? CV.rowStatus.error(c.message ?? '') : CV.rowStatus[c.status];
    return { ref: item.ref, status: status + conventionStatus, ...(item.url ? { url: item.url } : {}), ...(item.at ? { atIso: item.at } : {}) };
  };

  /** Makes one report and, when the dossier needs one, its convention, or finds them: the item's new status. Throws only quota errors. */
  function processItem(item: RunItem, state: RunState, ctx: Context, template: TemplateHandle, conventionTemplate: () => TemplateHandle, files: IndexedFile[]): RunItem {
    const at = ports.clock.nowIso();
    const r = ctx.reports.get(item.ref);
    if (!r) {
      const message = reportApiText.dossierNotFound(item.ref);
      return { ...item, status: 'error', message, at, ...(item.convention ? { convention: { status: 'error', message } } : {}) };
    }
    const report = processReport(item, r, state, ctx, template, files, at);
    return item.convention ? { ...report, convention: processConvention(item, r, state, ctx, conventionTemplate, files) } : report;
  }

  function processReport(item: RunItem, r: DossierReport, state: RunState, ctx: Context, template: TemplateHandle, files: IndexedFile[], at: string): RunItem {
    try {
      const hash = reportDataHash(r.dossier, template.id);
      // What a cut left half-made for this dossier goes to the trash before anything else.
      trashPending(ports.index, files, item.ref);
      const existing = findComplete(files, item.ref, hash, state.options.regenerate ? { runId: state.runId } : {});
      if (existing) return { ...item, status: 'up_to_date', url: existing.url, at };
      const rendered = renderDocument(template.model, reportFields(r.dossier, r.check, ctx.settings, { todayIso: ports.clock.todayIso() }));
      const name = reportApiText.reportName(String(r.dossier.beneficiary ?? '').trim(), todayText());
      const written = fileReport(ports.writer, ports.index, { template, rendered, name, dossierId: item.ref, dataHash: hash, pdf: state.options.pdf }, state.runId);
      files.push({ fileId: written.fileId, url: written.url, key: item.ref, dataHash: hash, runId: state.runId, pdf: false });
      return { ...item, status: 'created', url: written.url, at };
    } catch (e) {
      if (isQuotaError(e)) throw e;
      return { ...item, status: 'error', message: messageOf(e), at };
    }
  }

  /** The convention of a dossier, from the same checked figures as its report, filed as it is under the convention's kind. */
  function processConvention(item: RunItem, r: DossierReport, state: RunState, ctx: Context, conventionTemplate: () => TemplateHandle, files: IndexedFile[]): DocumentOutcome {
    try {
      const template = conventionTemplate();
      const hash = documentDataHash(r.dossier, template.id, 'convention');
      trashPending(ports.index, files, item.ref);
      const existing = findComplete(files, item.ref, hash, state.options.regenerate ? { runId: state.runId } : {});
      if (existing) return { status: 'up_to_date', url: existing.url };
      const rendered = renderDocument(template.model, reportFields(r.dossier, r.check, ctx.settings, { todayIso: ports.clock.todayIso() }));
      const name = conventionApiText.conventionName(String(r.dossier.beneficiary ?? '').trim(), todayText());
      const written = fileReport(ports.writer, ports.index, { template, rendered, name, dossierId: item.ref, dataHash: hash, pdf: state.options.pdf, kind: 'convention' }, state.runId);
      files.push({ fileId: written.fileId, url: written.url, key: item.ref, dataHash: hash, runId: state.runId, pdf: false });
      return { status: 'created', url: written.url };
    } catch (e) {
      if (isQuotaError(e)) throw e;
      return { status: 'error', message: messageOf(e) };
    }
  }

  /**
   * The convention's template for one chunk, opened at the first dossier that needs it (a
   * chunk without conventions opens nothing) and kept for the others; the default one is
   * created and remembered when there is none yet, as the summary's.
   */
  function conventionTemplateOfChunk(): () => TemplateHandle {
    let handle: TemplateHandle | null = null;
    return () => {
      if (handle) return handle;
      let t = ports.conventionTemplates.open();
      if (!t) {
        const created = ports.writer.createTemplate(DEFAULT_CONVENTION_TEMPLATE, DEFAULT_CONVENTION_TEMPLATE_NAME);
        ports.conventionTemplates.remember(created.id);
        t = ports.conventionTemplates.open();
        if (!t) throw new ReportPortError(conventionApiText.noTemplate);
      }
      const errors = checkTemplate(t.model, FIELD_DOCS);
      if (errors.length) throw new ReportPortError(CV.templateErrors(errors.length));
      return (handle = t);
    };
  }

  function processSummary(state: RunState, ctx: Context, files: IndexedFile[]): RunState['summary'] {
    try {
      let template = ports.summaryTemplates.open();
      if (!template) {
        const created = ports.writer.createTemplate(DEFAULT_SUMMARY_TEMPLATE, DEFAULT_SUMMARY_TEMPLATE_NAME);
        ports.summaryTemplates.remember(created.id);
        template = ports.summaryTemplates.open();
        if (!template) throw new ReportPortError(M.summaryTemplateErrors(0));
      }
      const entries = state.items
        .filter((i) => i.status !== 'skipped')
        .flatMap((i) => {
          const r = ctx.reports.get(i.ref);
          return r ? [{ id: i.ref, dossier: r.dossier, check: r.check }] : [];
        });
      const key = summaryKey(state.label);
      const hash = summaryDataHash(
        state.label,
        entries.map((e) => e.dossier),
        template.id,
      );
      trashPending(ports.index, files, key);
      const existing = findComplete(files, key, hash, state.options.regenerate ? { runId: state.runId } : {});
      if (existing) return { status: 'up_to_date', url: existing.url };
      const rendered = renderDocument(template.model, summaryFields(state.label, entries, ctx.settings, { todayIso: ports.clock.todayIso() }));
      const written = fileReport(ports.writer, ports.index, { template, rendered, name: summaryText.documentName(state.label, todayText()), dossierId: key, dataHash: hash, pdf: state.options.pdf }, state.runId);
      return { status: 'created', url: written.url };
    } catch (e) {
      if (isQuotaError(e)) throw e;
      return { status: 'error', message: messageOf(e) };
    }
  }

  const leaseActive = (state: RunState) => !!state.lease && state.lease.untilMs > nowMs();

  return {
    /** The sessions of the « Dossiers » sheet and the rows selected, for the session screen. */
    /** `googleQuota`: whether the screen asks for the Google account type (its daily quota). */
    listSessions(): { ready: boolean; sessions: SessionInfo[]; selection: { count: number; refs: string[] }; googleQuota: boolean; message?: string } {
      const tables = ports.dossiers.read();
      if (!tables.dossiers) return { ready: false, sessions: [], selection: { count: 0, refs: [] }, googleQuota, message: M.noSheet };
      const stored = readDossiers(tables.dossiers, tables.cofinancers, ports.dossiers.codec());
      const rows = new Set(ports.selection.selectedRows());
      const refs = stored.filter((s) => rows.has(s.row)).map((s) => s.ref);
      const sessions = listSessions(stored.map((s) => s.dossier));
      return plain({ ready: true, sessions, selection: { count: refs.length, refs }, googleQuota, ...(sessions.length ? {} : { message: M.noSession }) });
    },

    /** What a run would do: the dossiers, those with errors, those up to date, the documents against the quota. */
    planSessionRun(req: RunRequest): SessionPlan {
      return plain(plan(req).plan);
    },

    /** Plans again (the data may have changed) and records a new run; refuses while another one is unfinished. */
    startSessionRun(req: RunRequest): StartResult {
      const planned = plan(req);
      if (!('ctx' in planned) || !planned.plan.ok) return plain({ status: 'refused', plan: planned.plan });
      return ports.lock.withLock((): StartResult => {
        const current = ports.runs.load();
        if (current && current.status === 'running') return { status: 'already_running', message: M.alreadyRunning(current.label), run: view(current) };
        const now = ports.clock.nowIso();
        const byRef = new Map(planned.plan.dossiers.map((d) => [d.ref, d]));
        const state: RunState = {
          v: 1,
          runId: ports.newId(),
          label: planned.plan.label,
          session: planned.session,
          options: optionsOf(req),
          status: 'running',
          cursor: 0,
          items: planned.chosen.map((s) => {
            const d = byRef.get(s.ref)!;
            return { ref: s.ref, beneficiary: d.beneficiary, status: d.included ? 'pending' : 'skipped', errors: d.errors.length, ...(d.included && d.convention ? { convention: { status: 'pending' as const } } : {}) };
          }),
          summary: { status: 'pending' },
          lease: null,
          cancelRequested: false,
          chunks: 0,
          startedAt: now,
          updatedAt: now,
        };
        // Skipped dossiers are said in their rows at once: nothing else will touch them.
        const skipped = state.items.filter((i) => i.status === 'skipped').map((i) => rowUpdate({ ...i, at: now })!);
        if (skipped.length) ports.rows.write(skipped);
        ports.runs.save(state);
        return { status: 'started', run: view(state) };
      });
    },

    /**
     * One chunk: claims the run, processes dossiers until the time budget is spent (then the
     * summary), commits the cursor, the outcomes and the rows at once. Call it again while
     * the status stays 'running' and no `busy` or `stopped` is set.
     */
    runSessionChunk(runId: string): RunView {
      const token = ports.newId();
      const claimed = ports.lock.withLock((): { state: RunState } | { answer: RunView } => {
        const state = ports.runs.load();
        if (!state || state.runId !== runId) return { answer: view(null, { message: M.unknownRun }) };
        if (state.status !== 'running') return { answer: view(state) };
        if (state.cancelRequested && !leaseActive(state)) {
          state.status = 'cancelled';
          state.lease = null;
          ports.runs.save(state);
          return { answer: view(state) };
        }
        if (leaseActive(state)) return { answer: view(state, { busy: { retryAfterMs: Math.min(state.lease!.untilMs - nowMs(), 15000) }, message: M.busy }) };
        state.lease = { token, untilMs: nowMs() + HARD_LIMIT_MS };
        delete state.stopMessage;
        ports.runs.save(state);
        return { state };
      });
      if ('answer' in claimed) return claimed.answer;
      const state = claimed.state;
      const started = nowMs();
      let stopMessage: string | undefined;
      const done: RunItem[] = [];
      let cursor = state.cursor;
      let summary = state.summary;
      try {
        const ctx = context();
        const template = ports.templates.open();
        const files = ports.index.list();
        const conventionTemplate = conventionTemplateOfChunk();
        const fixedMs = nowMs() - started + (ports.chunkOverheadMs?.() ?? 0);
        const chunkBudget = Math.max(budget, Math.min(OVERHEAD_FACTOR * fixedMs, DEFAULT_BUDGET_MS));
        let longest = 0;
        const timeLeft = () => nowMs() - started + longest < chunkBudget;
        while (cursor < state.items.length && timeLeft()) {
          const item = state.items[cursor]!;
          if (item.status !== 'pending') {
            cursor++;
            continue;
          }
          if (ports.runs.load()?.cancelRequested) break;
          ports.runs.saveProgress({ runId, index: cursor, ref: item.ref, beneficiary: item.beneficiary });
          const t = nowMs();
          const result = processItem(item, state, ctx, template, conventionTemplate, files);
          longest = Math.max(longest, nowMs() - t);
          done.push(result);
          state.items[cursor] = result;
          cursor++;
        }
        if (cursor >= state.items.length && summary.status === 'pending' && timeLeft() && !ports.runs.load()?.cancelRequested) summary = processSummary(state, ctx, files);
      } catch (e) {
        // A quota reached: keep what was done, stop driving, resume later. Anything else is
        // a broken chunk: nothing is committed, the lease is given back, the next call redoes
        // the chunk and finds what was already made.
        if (!isQuotaError(e) && !(e instanceof ReportPortError)) {
          releaseLease(runId, token);
          throw e;
        }
        stopMessage = isQuotaError(e) ? M.quotaHit : M.stoppedByError(messageOf(e));
      }
      try {
        return ports.lock.withLock(() => {
          const fresh = ports.runs.load();
          const updates = done.map(rowUpdate).filter((u): u is RowUpdate => u !== null);
          // The reports exist whatever happened to the run meanwhile: their rows say so.
          if (updates.length) ports.rows.write(updates);
          if (!fresh || fresh.runId !== runId) return view(null, { message: M.unknownRun });
          // By ref through a map: a chunk's updates against a long run stay linear.
          const at = new Map(fresh.items.map((x, i) => [x.ref, i]));
          for (const item of done) {
            const i = at.get(item.ref);
            if (i !== undefined) fresh.items[i] = item;
          }
          fresh.cursor = Math.max(fresh.cursor, cursor);
          fresh.summary = summary;
          fresh.lease = null;
          fresh.chunks++;
          fresh.updatedAt = ports.clock.nowIso();
          if (stopMessage) fresh.stopMessage = stopMessage;
          if (fresh.cancelRequested) fresh.status = 'cancelled';
          else if (fresh.cursor >= fresh.items.length && fresh.summary.status !== 'pending') fresh.status = 'done';
          ports.runs.save(fresh);
          return view(fresh);
        });
      } catch (e) {
        releaseLease(runId, token);
        throw e;
      }
    },

    /** Stops the run after the dossier at work; what is made stays made. */
    cancelSessionRun(runId: string): RunView {
      return ports.lock.withLock(() => {
        const state = ports.runs.load();
        if (!state || state.runId !== runId) return view(null, { message: M.unknownRun });
        if (state.status !== 'running') return view(state);
        state.cancelRequested = true;
        if (!leaseActive(state)) {
          state.status = 'cancelled';
          state.lease = null;
        }
        state.updatedAt = ports.clock.nowIso();
        ports.runs.save(state);
        return view(state);
      });
    },

    /** The run as it stands (also the current dossier while a chunk is at work), or status 'none'. */
    sessionRunStatus(): RunView {
      return view(ports.runs.load());
    },

    /** « Créer le modèle de récapitulatif »: a Google Doc to edit, used from now on. */
    createDefaultSummaryTemplate(): { status: 'created'; id: string; url: string; message: string } | { status: 'error'; message: string } {
      try {
        const created = ports.writer.createTemplate(DEFAULT_SUMMARY_TEMPLATE, DEFAULT_SUMMARY_TEMPLATE_NAME);
        ports.lock.withLock(() => ports.summaryTemplates.remember(created.id));
        return { status: 'created', ...created, message: M.summaryTemplateCreated(DEFAULT_SUMMARY_TEMPLATE_NAME) };
      } catch (e) {
        if (e instanceof ReportPortError) return { status: 'error', message: e.message };
        throw e;
      }
    },
  };

  /** Best effort after a broken chunk: if it fails too, the lease simply expires. */
  function releaseLease(runId: string, token: string): void {
    try {
      ports.lock.withLock(() => {
        const state = ports.runs.load();
        if (state && state.runId === runId && state.lease?.token === token) {
          state.lease = null;
          ports.runs.save(state);
        }
      });
    } catch {
      // The lease runs out by itself after HARD_LIMIT_MS.
    }
  }
}

export type BatchApi = ReturnType<typeof batchApi>;

/** The names the sidebar's session screen calls (google.script.run in Sheets, HTTP in the preview). */
export const BATCH_FUNCTIONS = ['listSessions', 'planSessionRun', 'startSessionRun', 'runSessionChunk', 'cancelSessionRun', 'sessionRunStatus', 'createDefaultSummaryTemplate'] as const;
