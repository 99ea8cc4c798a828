/**
 * « Générer la note », « Vérifier le modèle », « Créer le modèle par défaut » and the list of
 * fields, for the sidebar (google.script.run in Sheets). Written against ports: the template
 * source, the report writer (Docs and Drive), the index of the reports made, the link
 * recorder (the « Dossiers » sheet), a clock. A report is filed as the session batch files
 * it (src/app/report-filing.ts): pending until filled, so a cut never leaves a blank copy
 * that a later call would take as up to date. Only plain data comes back: dates as ISO
 * strings, no Date, no class instances.
 */
import { checkDossier, type DossierCheck } from '../core/checks';
import { budgetYearOf } from '../core/beneficiaries';
import { conventionNeeded, conventionReason, noConventionReason, type ConventionReason } from '../core/convention';
import { checkAmong } from './check-dossiers';
import { dossierShapeErrors, type DossierInput } from '../core/dossier';
import type { Finding } from '../core/findings';
import { parseIsoDate, formatDate } from '../core/calendar';
import { describeReportFields, FIELD_DOCS, reportFields, type FieldWithValue } from '../core/report-fields';
import { documentDataHash, type DocumentKind } from '../core/report-hash';
import { DEFAULT_CONVENTION_TEMPLATE, DEFAULT_CONVENTION_TEMPLATE_NAME } from '../core/template/default-convention-template';
import { conventionApiText as C } from '../core/messages/report';
import { formatAmount } from '../core/format';
import { Dec } from '../core/decimal';
import type { Settings } from '../core/settings';
import { checkTemplate } from '../core/template/check';
import { DEFAULT_TEMPLATE, DEFAULT_TEMPLATE_NAME } from '../core/template/default-template';
import { formatPlace } from '../core/messages/template';
import { reportApiText as T } from '../core/messages/report';
import { renderDocument } from '../core/template/render';
import type { TemplateError } from '../core/template/parser';
import type { Clock, Lock } from './ports';
import type { ReportIndex } from './ports/batch';
import { fileReport, findComplete, trashPending } from './report-filing';
import { ReportPortError, type DossierLookup, type ReportLinkRecorder, type ReportTemplateSource, type ReportWriter } from './ports/report-writer';

export interface ReportPorts {
  dossiers: DossierLookup;
  settings: () => Settings;
  templates: ReportTemplateSource;
  /** The convention's template (the settings' `conventionTemplate`, or the default one); without it, no convention. */
  conventionTemplates?: ReportTemplateSource;
  writer: ReportWriter;
  /** The reports already made: found when up to date, their half-made copies trashed (src/app/report-filing.ts). */
  index: ReportIndex;
  links: ReportLinkRecorder;
  clock: Clock;
  lock?: Lock;
  /** A fresh unique id (Utilities.getUuid in Apps Script): marks this call's copy as pending until filled. */
  newId(): string;
}

export interface TemplateErrorView {
  id: string;
  message: string;
  /** « paragraphe 12, colonne 5 », « tableau 1, ligne 2, cellule 1, paragraphe 3, colonne 1 ». */
  place: string;
}

export type GenerateResult =
  | { status: 'needs_confirmation'; message: string; findings: Finding[] }
  | { status: 'template_error'; message: string; errors: TemplateErrorView[] }
  | { status: 'error'; message: string }
  | { status: 'up_to_date'; message: string; url: string; pdfUrl?: string; dataHash: string }
  | { status: 'created'; message: string; url: string; pdfUrl?: string; dataHash: string; dateIso: string; findings: Finding[] };

/** Whether the dossier gets a convention, and why, in French: the report screen says it before anything is clicked. */
export type ConventionStatus = { status: 'ok'; needed: boolean; reason: ConventionReason | null; message: string } | { status: 'error'; message: string };

export interface GenerateOptions {
  /** Go on despite error-level findings (the second call, after the user confirmed). */
  confirm?: boolean;
  pdf?: boolean;
  /** Make a new report even when one from the same data exists. */
  force?: boolean;
}

const view = (errors: readonly TemplateError[]): TemplateErrorView[] => errors.map((e) => ({ id: e.id, message: e.message, place: formatPlace(e.place) }));
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** What is wrong with the shape of a dossier given as data (a list where an object is expected…), in French, or null. */
const shapeProblem = (dossier: unknown): string | null => {
  const errors = dossierShapeErrors(dossier);
  return errors.length ? T.dossierMalformed(errors.map((e) => e.message).join(' ')) : null;
};

export function reportApi(ports: ReportPorts) {
  const todayText = () => {
    const d = parseIsoDate(ports.clock.todayIso());
    return d.ok ? formatDate(d.value) : ports.clock.todayIso();
  };

  return {
    /** Every field with its description and its value for this dossier (the sidebar's « Champs de la note »). */
    listReportFields(dossier: DossierInput): FieldWithValue[] {
      const problem = shapeProblem(dossier);
      if (problem) throw new Error(problem);
      return plain(describeReportFields(dossier, ports.settings(), { todayIso: ports.clock.todayIso() }));
    },

    /** « Vérifier le modèle »: every error of the template the settings name, with its place. */
    checkReportTemplate(): { ok: boolean; message: string; errors: TemplateErrorView[]; templateId?: string } {
      try {
        const template = ports.templates.open();
        const errors = checkTemplate(template.model, FIELD_DOCS);
        return { ok: errors.length === 0, message: errors.length ? T.templateErrors(errors.length) : T.templateOk(template.name), errors: view(errors), templateId: template.id };
      } catch (e) {
        if (e instanceof ReportPortError) return { ok: false, message: e.message, errors: [] };
        throw e;
      }
    },

    /**
     * « Générer la note »: checks the dossier (errors need `confirm: true`), then the template
     * (before anything is created), then copies and fills it, records the link in the sheet.
     */
    generateReport(target: string | DossierInput, opts: GenerateOptions = {}): GenerateResult {
      return generate('report', target, opts);
    },

    /**
     * « Générer la convention »: the convention of a dossier that needs one (above the
     * threshold for a private body) or whose council approves one, from the same checked
     * figures as its report, filed as the report is but under its own kind.
     */
    generateConvention(target: string | DossierInput, opts: GenerateOptions = {}): GenerateResult {
      return generate('convention', target, opts);
    },

    /**
     * Whether « Générer la convention » applies to this dossier, by the same rules as
     * `generateConvention` (its own amount, the beneficiary's yearly total, or a convention
     * the dossier says is approved), with the sentence that says why.
     */
    conventionStatus(target: string | DossierInput): ConventionStatus {
      const settings = ports.settings();
      const dossier = typeof target === 'string' ? ports.dossiers.getDossier(target) : target;
      if (!dossier || typeof dossier !== 'object') return { status: 'error', message: T.dossierNotFound(String(target)) };
      const problem = shapeProblem(dossier);
      if (problem) return { status: 'error', message: problem };
      const { check, withOthers } = checkInContext(target, dossier);
      const reason = conventionReason(dossier, check);
      return plain({ status: 'ok', needed: reason !== null, reason, message: reason ? needMessage(reason, dossier, check, settings) : notNeededMessage(check, settings, withOthers) });
    },

    /** « Créer le modèle de convention »: the default convention as a document for the user to edit. */
    createDefaultConventionTemplate(): { status: 'created'; id: string; url: string; message: string } | { status: 'error'; message: string } {
      try {
        const created = ports.writer.createTemplate(DEFAULT_CONVENTION_TEMPLATE, DEFAULT_CONVENTION_TEMPLATE_NAME);
        return { status: 'created', ...created, message: C.templateCreated(DEFAULT_CONVENTION_TEMPLATE_NAME) };
      } catch (e) {
        if (e instanceof ReportPortError) return { status: 'error', message: e.message };
        throw e;
      }
    },

    /** « Créer le modèle par défaut »: a Google Doc in the user's Drive, for the user to edit. */
    createDefaultTemplate(): { status: 'created'; id: string; url: string; message: string } | { status: 'error'; message: string } {
      try {
        const created = ports.writer.createTemplate(DEFAULT_TEMPLATE, DEFAULT_TEMPLATE_NAME);
        return { status: 'created', ...created, message: T.templateCreated(DEFAULT_TEMPLATE_NAME) };
      } catch (e) {
        if (e instanceof ReportPortError) return { status: 'error', message: e.message };
        throw e;
      }
    },
  };

  /**
   * The dossier checked with the other dossiers of the sheet when the lookup gives them, so
   * that the beneficiary's yearly total (CONVENTION_REQUIRED_CUMULATED) counts here as it
   * does in the form, the « Bénéficiaires » view and `rapporteur check`.
   */
  function checkInContext(target: string | DossierInput, dossier: DossierInput): { check: DossierCheck; withOthers: boolean } {
    const settings = ports.settings();
    const ref = typeof target === 'string' ? target : dossier.id === undefined || dossier.id === null ? '' : String(dossier.id).trim();
    if (!ports.dossiers.otherDossiers) return { check: checkDossier(dossier, settings), withOthers: false };
    // A malformed row says so in its own checks; it is not counted in anyone's total.
    const others = ports.dossiers.otherDossiers(ref).filter((d) => dossierShapeErrors(d).length === 0);
    return { check: checkAmong(others, dossier, settings), withOthers: true };
  }

  function generate(kind: DocumentKind, target: string | DossierInput, opts: GenerateOptions): GenerateResult {
      const settings = ports.settings();
      const convention = kind === 'convention';
      try {
        const dossier = typeof target === 'string' ? ports.dossiers.getDossier(target) : target;
        if (!dossier || typeof dossier !== 'object') return { status: 'error', message: T.dossierNotFound(String(target)) };
        const problem = shapeProblem(dossier);
        if (problem) return { status: 'error', message: problem };
        const { check, withOthers } = checkInContext(target, dossier);
        if (convention && !conventionNeeded(dossier, check)) return { status: 'error', message: notNeededMessage(check, settings, withOthers) };
        const errors = check.findings.filter((f) => f.severity === 'error');
        if (errors.length && !opts.confirm) return plain({ status: 'needs_confirmation', message: convention ? C.needsConfirmation(errors.length) : T.needsConfirmation(errors.length), findings: errors });

        const source = convention ? ports.conventionTemplates : ports.templates;
        if (!source) return { status: 'error', message: C.noTemplate };
        const template = source.open();
        const templateErrors = checkTemplate(template.model, FIELD_DOCS);
        if (templateErrors.length) return { status: 'template_error', message: T.templateErrors(templateErrors.length), errors: view(templateErrors) };

        const dossierId = dossier.id === undefined || dossier.id === null ? '' : String(dossier.id);
        const dataHash = documentDataHash(dossier, template.id, kind);
        // A dossier without an id has no report to find again: nothing to list for it.
        const files = dossierId ? ports.index.list(dossierId) : [];
        // A copy left blank by a cut (before it was filled) is trashed, never taken as up to date.
        trashPending(ports.index, files, dossierId);
        const existing = opts.force ? null : findComplete(files, dossierId, dataHash);
        if (existing) {
          const pdf = findComplete(files, dossierId, dataHash, { pdf: true });
          return { status: 'up_to_date', message: convention ? C.upToDate : T.upToDate, url: existing.url, ...(pdf ? { pdfUrl: pdf.url } : {}), dataHash };
        }

        const todayIso = ports.clock.todayIso();
        const rendered = renderDocument(template.model, reportFields(dossier, check, settings, { todayIso }));
        const name = (convention ? C.conventionName : T.reportName)(String(dossier.beneficiary ?? '').trim(), todayText());
        const written = fileReport(ports.writer, ports.index, { template, rendered, name, dossierId, dataHash, pdf: !!opts.pdf, ...(convention ? { kind } : {}) }, ports.newId());
        // The « Lien de la note » column is the report's: a convention does not take its place.
        if (dossierId && !convention) {
          const record = () => ports.links.recordReportLink(dossierId, written.url, todayIso);
          if (ports.lock) ports.lock.withLock(record);
          else record();
        }
        return plain({
          status: 'created',
          message: convention ? (opts.pdf ? C.createdWithPdf(name) : C.created(name)) : (opts.pdf ? T.createdWithPdf(name) : T.created(name)) + (dossierId ? '' : T.noIdNoLink),
          url: written.url,
          ...(written.pdfUrl ? { pdfUrl: written.pdfUrl } : {}),
          dataHash,
          dateIso: todayIso,
          findings: check.findings,
        });
      } catch (e) {
        if (e instanceof ReportPortError) return { status: 'error', message: e.message };
        throw e;
      }
  }
}

export type ReportApi = ReturnType<typeof reportApi>;


const moneyOf = (d: Dec, settings: Settings) => formatAmount(d, { spacing: settings.spacing });

/** Why the dossier gets a convention, in one French sentence. */
function needMessage(reason: ConventionReason, dossier: DossierInput, check: DossierCheck, settings: Settings): string {
  const threshold = moneyOf(new Dec(settings.conventionThreshold), settings);
  const subsidy = check.figures.subsidy ? moneyOf(check.figures.subsidy, settings) : '';
  if (reason === 'threshold') return C.neededThreshold(subsidy, threshold);
  if (reason === 'approved') return C.neededApproved(threshold);
  const cumulated = check.findings.find((f) => f.code === 'CONVENTION_REQUIRED_CUMULATED');
  const total = cumulated?.actual !== undefined ? moneyOf(new Dec(cumulated.actual), settings) : '';
  return C.neededCumulated(subsidy, threshold, total, budgetYearOf(dossier));
}

/** Why the dossier gets none: its amount, its kind, or an amount (its own or another of the year's) that cannot be read. */
function notNeededMessage(check: DossierCheck, settings: Settings, withOthers: boolean): string {
  const threshold = moneyOf(new Dec(settings.conventionThreshold), settings);
  const why = noConventionReason(check);
  if (why === 'public') return C.notNeededPublic;
  if (why === 'unreadable' || !check.figures.subsidy) return C.notNeededUnreadable;
  if (why === 'cumulatedUnknown') return C.notNeededCumulatedUnknown(check.findings.find((f) => f.code === 'CONVENTION_CUMULATED_UNKNOWN')!.message);
  return C.notNeeded(moneyOf(check.figures.subsidy, settings), threshold, withOthers);
}
