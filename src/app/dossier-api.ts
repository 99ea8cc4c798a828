/**
 * The use cases behind the sidebar's dossier screens and settings panel. Every function
 * takes and returns plain data (dates as ISO strings, amounts as French text or decimal
 * strings), because google.script.run refuses anything else, and because the local preview
 * sends the same values as JSON.
 */
import { checkDossier, type ComputedJson } from '../core/checks';
import { checkAmong } from './check-dossiers';
import { Dec } from '../core/decimal';
import { parseFrenchDate, compareDates, formatDate } from '../core/calendar';
import { dossierShapeErrors, type DossierInput } from '../core/dossier';
import type { Finding } from '../core/findings';
import { formatAmount } from '../core/format';
import { normalizeName } from '../core/names';
import { parseAmount, parseRate } from '../core/parse';
import { authoritySiretError, DEFAULT_SETTINGS, resolveSettings, type Settings } from '../core/settings';
import { normalizeSiret } from '../core/identity';
import { DOSSIER_FIELDS, type FieldSpec } from './dossier-fields';
import { dossierMessages as M } from './dossier-messages';
import { getPath, planSave, plainAmount, readDossiers, versionToken, type StoredDossier } from './dossier-table';
import type { Lock } from './ports';
import type { DossierStore } from './ports/dossier-store';
import type { SettingsStore } from './ports/settings-store';

export interface DossierPorts {
  store: DossierStore;
  settings: SettingsStore;
  lock: Lock;
}

export interface DossierSummary {
  ref: string;
  id: string;
  beneficiary: string;
  /** "47 500 €", or the cell's text when it cannot be read. */
  subsidy: string;
  /** « État des contrôles » as last saved: "OK", "2 erreurs", or "" (never checked). */
  state: string;
}

export interface DossierList {
  dossiers: DossierSummary[];
  /** False until the « Dossiers » sheet exists (the first save or « Préparer le classeur » creates it). */
  ready: boolean;
}

export interface LoadedDossier {
  ref: string;
  dossier: DossierInput;
  /** The token to send back with the save: a save over a different one is a conflict. */
  version: string;
  reportLink: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface SaveRequest {
  dossier: DossierInput;
  /** The `ref` it was loaded from; null for a new dossier. */
  ref: string | null;
  version: string | null;
  /** « Garder ma version »: overwrite whatever is stored now. */
  force?: boolean;
}

export type SaveResult =
  | { status: 'saved'; loaded: LoadedDossier; findings: Finding[]; state: string }
  | { status: 'invalid'; errors: FieldError[] }
  | { status: 'conflict'; message: string; current: LoadedDossier | null };

/** The settings as the panel edits them: French text. */
export interface SettingsForm {
  conventionThreshold: string;
  rateCap: string;
  prorationMethod: string;
  spacing: string;
  spelling: string;
  template: string;
  outputFolder: string;
  /** The authority's SIRET (open data, the convention's parties): checked with its key. */
  authoritySiret: string;
  /** A checkbox: also warn about a beneficiary known by no number or a name against its kind. */
  identityWarnings: boolean;
}

/** The settings the panel does not show (named by other screens or files): kept as they are when it saves. */
const KEPT_ON_SAVE = ['authorityName', 'summaryTemplate', 'conventionTemplate'] as const;

export interface SettingsView {
  settings: Settings;
  form: SettingsForm;
  defaults: SettingsForm;
}

export type SettingsSaveResult = { status: 'saved'; view: SettingsView } | { status: 'invalid'; errors: FieldError[] };

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function settingsForm(s: Settings): SettingsForm {
  const threshold = parseAmount(s.conventionThreshold);
  const percent = new Dec(s.rateCap).times(100);
  return {
    conventionThreshold: threshold.ok ? plainAmount(threshold.value) : s.conventionThreshold,
    rateCap: `${percent.toString().replace('.', ',')} %`,
    prorationMethod: s.prorationMethod,
    spacing: s.spacing,
    spelling: s.spelling,
    template: s.template ?? '',
    outputFolder: s.outputFolder ?? '',
    authoritySiret: s.authoritySiret ?? '',
    identityWarnings: s.identityWarnings === true,
  };
}

function view(s: Settings): SettingsView {
  return { settings: s, form: settingsForm(s), defaults: settingsForm({ ...DEFAULT_SETTINGS }) };
}

/** The values that would be stored wrongly (or not at all): refused before anything is written. */
export function storageErrors(dossier: DossierInput): FieldError[] {
  const errors: FieldError[] = [];
  const record = dossier as Record<string, unknown>;
  if (blank(dossier.id)) errors.push({ field: 'id', message: M.idMissing() });
  const check = (spec: FieldSpec, value: unknown, field = spec.path) => {
    if (blank(value)) return;
    if (spec.kind === 'money') {
      const r = parseAmount(value);
      if (!r.ok) errors.push({ field, message: M.amountUnreadable(capitalize(spec.label), r.reason) });
    } else if (spec.kind === 'date') {
      const r = parseFrenchDate(String(value));
      if (!r.ok) errors.push({ field, message: M.dateUnreadable(capitalize(spec.label), r.reason) });
    } else if (spec.kind === 'year') {
      const n = typeof value === 'number' ? value : /^\s*\d{4}\s*$/.test(String(value)) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < 1900 || n > 2200) errors.push({ field, message: M.yearInvalid(String(value)) });
    } else if (spec.kind === 'choice') {
      if (!spec.choices!.some((c) => c.value === value)) errors.push({ field, message: M.choiceInvalid(capitalize(spec.label), String(value), spec.choices!.map((c) => c.label).join(', ')) });
    }
  };
  for (const spec of DOSSIER_FIELDS) check(spec, getPath(record, spec.path));
  const start = blank(dossier.period?.start) ? null : parseFrenchDate(String(dossier.period!.start));
  const end = blank(dossier.period?.end) ? null : parseFrenchDate(String(dossier.period!.end));
  if (start?.ok && end?.ok && compareDates(start.value, end.value) > 0) errors.push({ field: 'period.end', message: M.periodReversed(formatDate(start.value), formatDate(end.value)) });
  const amountSpec: FieldSpec = { path: 'amount', header: '', label: 'montant du cofinanceur', kind: 'money', group: 'figures' };
  (dossier.cofinancers ?? []).forEach((c, i) => {
    if (blank(c.name) && !blank(c.amount)) errors.push({ field: `cofinancers[${i}].name`, message: M.cofinancerNameMissing(i + 1) });
    check({ ...amountSpec, label: `le montant du cofinanceur n° ${i + 1}` }, c.amount, `cofinancers[${i}].amount`);
  });
  return errors;
}

/** Drops the co-financer rows left entirely empty in the form. */
function withoutEmptyRows(dossier: DossierInput): DossierInput {
  if (!dossier.cofinancers) return dossier;
  const cofinancers = dossier.cofinancers.filter((c) => !(blank(c.name) && blank(c.amount)));
  return { ...dossier, cofinancers };
}

/**
 * The dossiers of the sheet but the one `ref` names, for the checks across dossiers (the
 * beneficiary's yearly total) of a use case that works on one dossier: the reports' lookup.
 */
export function otherDossiersOf(store: DossierPorts['store']): (ref: string) => DossierInput[] {
  return (ref) => {
    const tables = store.read();
    return readDossiers(tables.dossiers, tables.cofinancers, store.codec())
      .filter((s) => s.ref !== ref)
      .map((s) => s.dossier);
  };
}

export function dossierApi(ports: DossierPorts) {
  const { store, lock } = ports;

  const currentSettings = (): Settings => resolveSettings(ports.settings.read()).settings;
  const all = () => {
    const tables = store.read();
    return { tables, stored: readDossiers(tables.dossiers, tables.cofinancers, store.codec()) };
  };
  const loaded = (s: StoredDossier): LoadedDossier => ({ ref: s.ref, dossier: s.dossier, version: versionToken(s), reportLink: s.reportLink });
  const byRef = (stored: StoredDossier[], ref: string) => stored.find((s) => s.ref === ref) ?? null;

  return {
    /** The chooser's list: every dossier of the « Dossiers » sheet, in row order. */
    listDossiers(): DossierList {
      const { tables, stored } = all();
      return {
        ready: tables.dossiers !== null,
        dossiers: stored.map((s) => {
          const subsidy = s.dossier.subsidy;
          const read = blank(subsidy) ? null : parseAmount(subsidy);
          return {
            ref: s.ref,
            id: s.dossier.id ?? '',
            beneficiary: typeof s.dossier.beneficiary === 'string' ? s.dossier.beneficiary : '',
            subsidy: read ? (read.ok ? formatAmount(read.value) : String(subsidy)) : '',
            state: s.state,
          };
        }),
      };
    },

    loadDossier(ref: string): LoadedDossier {
      const found = byRef(all().stored, String(ref));
      if (!found) throw new Error(M.notFound(String(ref)));
      return loaded(found);
    },

    /** The dossier on the row of the active cell of the « Dossiers » sheet. */
    loadActiveDossier(): LoadedDossier {
      const row = store.activeDossierRow();
      if (row === null || row < 2) throw new Error(M.noActiveRow());
      const found = all().stored.find((s) => s.row === row);
      if (!found) throw new Error(M.activeRowEmpty(row));
      return loaded(found);
    },

    /** The checks with the document's settings (the sidebar runs the same core locally as you type). */
    checkDossierData(dossier: DossierInput): { findings: Finding[]; computed: ComputedJson } {
      const shape = dossierShapeErrors(dossier);
      if (shape.length) throw new Error(shape.map((e) => e.message).join(' '));
      const { findings, computed } = checkDossier(withoutEmptyRows(dossier), currentSettings());
      return { findings, computed };
    },

    saveDossier(request: SaveRequest): SaveResult {
      if (!request || typeof request !== 'object') throw new Error(M.notPlainData());
      const shape = dossierShapeErrors(request.dossier);
      if (shape.length) return { status: 'invalid', errors: shape.map((e) => ({ field: e.path.replace(/^dossier\.?/, ''), message: e.message })) };
      const dossier = withoutEmptyRows({ ...request.dossier, id: String(request.dossier.id ?? '').trim() });
      const errors = storageErrors(dossier);
      if (errors.length) return { status: 'invalid', errors };
      const settings = currentSettings();

      return lock.withLock((): SaveResult => {
        const { tables, stored } = all();
        let target = request.ref ? byRef(stored, request.ref) : null;
        if (request.ref && !target && !request.force) return { status: 'conflict', message: M.conflictDeleted(), current: null };
        if (target && !request.force && versionToken(target) !== request.version) return { status: 'conflict', message: M.conflict(), current: loaded(target) };
        const key = normalizeName(String(dossier.id));
        const other = stored.find((s) => s !== target && s.dossier.id !== undefined && normalizeName(String(s.dossier.id)) === key);
        if (other) {
          // Keeping one's version of a dossier another user renamed to this id overwrites theirs.
          if (request.force && !target && request.ref) target = other;
          else return { status: 'invalid', errors: [{ field: 'id', message: M.idTaken(String(dossier.id), other.row) }] };
        }
        // With the rest of the sheet, so that the state cell also counts the beneficiary's
        // yearly total (CONVENTION_REQUIRED_CUMULATED), as the form and `rapporteur check` do.
        const others = stored.filter((s) => s !== target).map((s) => s.dossier);
        const check = checkAmong(others, dossier, settings);
        store.apply(planSave({ dossiers: tables.dossiers, cofinancers: tables.cofinancers, dossier, check, target, codec: store.codec() }));
        const saved = all().stored.find((s) => s.ref === dossier.id);
        if (!saved) throw new Error(M.notFound(String(dossier.id)));
        return { status: 'saved', loaded: loaded(saved), findings: check.findings, state: saved.state };
      });
    },

    getSettings(): SettingsView {
      return view(currentSettings());
    },

    saveSettings(form: Partial<SettingsForm>): SettingsSaveResult {
      const errors: FieldError[] = [];
      const input: Record<string, unknown> = {};
      if (!blank(form.conventionThreshold)) {
        const r = parseAmount(form.conventionThreshold);
        if (r.ok) input.conventionThreshold = r.value.toString();
        else errors.push({ field: 'conventionThreshold', message: M.settingsThreshold(r.reason) });
      }
      if (!blank(form.rateCap)) {
        const r = parseRate(form.rateCap);
        if (!r.ok) errors.push({ field: 'rateCap', message: M.settingsCap(r.reason) });
        else if (r.value.fraction.greaterThan(1)) errors.push({ field: 'rateCap', message: M.settingsCapAbove100() });
        else input.rateCap = r.value.fraction.toString();
      }
      for (const key of ['prorationMethod', 'spacing', 'spelling'] as const) if (!blank(form[key])) input[key] = form[key];
      for (const key of ['template', 'outputFolder'] as const) if (!blank(form[key])) input[key] = String(form[key]).trim();
      // Resolved one key at a time, so that each message lands beside its own field.
      for (const [key, value] of Object.entries(input)) errors.push(...resolveSettings({ [key]: value }).errors.map((message) => ({ field: key, message })));
      if (!blank(form.authoritySiret)) {
        const problem = typeof form.authoritySiret === 'string' ? authoritySiretError(form.authoritySiret) : M.settingsNotText('SIRET de la collectivité');
        // Stored as published (14 digits), whatever spaces or dots were typed.
        if (problem) errors.push({ field: 'authoritySiret', message: problem });
        else input.authoritySiret = normalizeSiret(form.authoritySiret);
      }
      if (form.identityWarnings !== undefined) {
        if (typeof form.identityWarnings === 'boolean') input.identityWarnings = form.identityWarnings;
        else errors.push({ field: 'identityWarnings', message: M.settingsNotBoolean('Avertissements d’identité') });
      }
      if (errors.length) return { status: 'invalid', errors };
      // The panel's fields replace their values (blank: the default); the others stay.
      const stored = currentSettings();
      for (const key of KEPT_ON_SAVE) if (stored[key] !== undefined) input[key] = stored[key];
      const resolved = resolveSettings(input);
      if (resolved.errors.length) return { status: 'invalid', errors: resolved.errors.map((message) => ({ field: '', message })) };
      lock.withLock(() => ports.settings.write(resolved.settings));
      return { status: 'saved', view: view(resolved.settings) };
    },
  };
}

export type DossierApi = ReturnType<typeof dossierApi>;
