/**
 * `rapporteur report FILE [--template T.docx] [--out DIR] [--strict] [--force] [--id ID]`
 * writes one .docx per dossier (CONTRACT.md); `--check-template T.docx` checks a template
 * without writing anything; `--write-template F.docx` writes the default template for
 * staff to edit in Word or LibreOffice.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseCommandArgs } from '../args';
import { checkDossiers } from '../../app/check-dossiers';
import { conventionNeeded, noConventionReason } from '../../core/convention';
import { hasErrors } from '../../core/findings';
import { FIELD_DOCS, reportFields } from '../../core/report-fields';
import { documentDataHash, type DocumentKind } from '../../core/report-hash';
import { DEFAULT_CONVENTION_TEMPLATE, defaultConventionTemplateId } from '../../core/template/default-convention-template';
import { DEFAULT_TEMPLATE, defaultTemplateId } from '../../core/template/default-template';
import { formatPlace } from '../../core/messages/template';
import type { TemplateError } from '../../core/template/parser';
import { checkDocx, DocxError, fillDocx, modelToDocx, openDocx, readCustomProperties, type DocxTemplate } from '../docx';
import { formatFinding, type CommandHandler } from '../cli';
import { InputError } from '../input-error';
import { assertReadable, readDossiers } from '../read-dossiers';
import { listSessions, sessionIndexes, summaryDataHash, summaryFields, SUMMARY_FIELD_DOCS, type SummaryEntry } from '../../core/session';
import { batchText } from '../../core/messages/session';
import { DEFAULT_SUMMARY_TEMPLATE, DEFAULT_SUMMARY_TEMPLATE_ID } from '../../core/template/default-summary-template';
import type { DossierReport } from '../../app/check-dossiers';
import type { Settings } from '../../core/settings';

export const REPORT_USAGE = `Usage :
  rapporteur report FICHIER [--template MODELE.docx] [--out DOSSIER] [--strict] [--force] [--id ID]
      écrit la note de chaque dossier en .docx (modèle par défaut si --template est absent) ;
      un dossier avec des erreurs est écrit quand même, avec un avertissement (--strict l'ignore) ;
      une note déjà à jour est conservée (--force la réécrit).
  rapporteur report FICHIER --convention [--template CONVENTION.docx] [--out DOSSIER] [--strict] [--force] [--id ID]
      écrit la convention attributive de subvention de chaque dossier qui en demande une
      (subvention au-dessus du seuil, seule ou cumulée sur l’exercice
      avec les autres subventions au même bénéficiaire, ou convention approuvée) : convention-….docx ;
      le modèle par défaut de convention sert si --template est absent.
  rapporteur report FICHIER --session "NOM DE LA SÉANCE" [--summary-template RECAP.docx] [--out DOSSIER]
      les notes des seuls dossiers de la séance (colonne « Séance »), la convention de chacun qui en
      demande une (convention-….docx, modèle de convention des paramètres ou par défaut), et le
      récapitulatif de la séance (recapitulatif-….docx : bénéficiaire, objet, montant, taux,
      cofinanceurs, convention ; totaux).
  rapporteur report --check-template MODELE.docx   vérifie un modèle sans rien écrire
  rapporteur report --write-template MODELE.docx   écrit le modèle par défaut, à personnaliser
      (avec --convention : le modèle par défaut de convention)`;

/** Properties stored in the .docx, so that an up-to-date report is recognised. */
export const HASH_PROPERTY = 'RapporteurDataHash';
/** Which document a .docx is (« convention »; absent on a report, as reports written before it are). */
export const KIND_PROPERTY = 'RapporteurKind';

/** `conventionFileName('2018-AMFT-01', 'association Medinsoft')` → "convention-2018-AMFT-01-association-medinsoft.docx". */
export function conventionFileName(id: string, beneficiary: string | undefined): string {
  return `convention-${reportFileName(id, beneficiary)}`;
}


/** The session a summary .docx covers (its name, or « Sélection de N dossiers »). */
export const SESSION_PROPERTY = 'RapporteurSession';

/** Today in the authority's zone (France), for {{date_note}}: the one clock read of the command. */
export function todayInParis(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** `reportFileName('2018-AMFT-01', 'association Medinsoft')` → "2018-AMFT-01-association-medinsoft.docx". */
export function reportFileName(id: string, beneficiary: string | undefined): string {
  const slug = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60);
  const idPart = id.startsWith('#') ? `dossier-${id.slice(1)}` : slug(id) || 'dossier';
  const who = slug((beneficiary ?? '').toLowerCase());
  return `${idPart}${who ? `-${who}` : ''}.docx`;
}

export function describeTemplateErrors(errors: readonly TemplateError[]): string {
  return errors.map((e) => `  ${formatPlace(e.place)} [${e.id}] ${e.message}`).join('\n');
}

/** The convention's template and its id: the default convention when no path is given. */
export async function loadConventionTemplate(path: string | undefined): Promise<{ template: DocxTemplate; id: string; label: string }> {
  if (!path) return { template: await openDocx(await modelToDocx(DEFAULT_CONVENTION_TEMPLATE)), id: defaultConventionTemplateId(), label: 'modèle de convention par défaut' };
  return loadTemplate(path);
}

/** The template of a report run and its id (part of the data hash), shared with the preview so both agree on « à jour ». */
export async function loadTemplate(path: string | undefined): Promise<{ template: DocxTemplate; id: string; label: string }> {
  if (!path) return { template: await openDocx(await modelToDocx(DEFAULT_TEMPLATE)), id: defaultTemplateId(), label: 'modèle par défaut' };
  assertReadable(path);
  const bytes = readFileSync(path);
  try {
    // The template's content, not its name, says whether a report is still up to date.
    return { template: await openDocx(bytes, path), id: `docx@${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`, label: path };
  } catch (e) {
    if (e instanceof DocxError) throw new InputError(e.message, e.detail);
    throw e;
  }
}

export const reportCommand: CommandHandler = async (args, io, { settings, deps }) => {
  const { values, positionals } = parseCommandArgs(
    'report',
    args,
    {
      template: { type: 'string' },
      out: { type: 'string' },
      strict: { type: 'boolean' },
      force: { type: 'boolean' },
      id: { type: 'string' },
      session: { type: 'string' },
      'summary-template': { type: 'string' },
      'check-template': { type: 'string' },
      'write-template': { type: 'string' },
      convention: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    1,
    'rapporteur report FICHIER [--template T.docx] [--out DOSSIER] [--strict] [--force] [--id ID] (rapporteur report --help : le détail)',
  );
  if (values.help) {
    io.out(REPORT_USAGE + '\n');
    return 0;
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

  const writeTo = str(values['write-template']);
  const kind: DocumentKind = values.convention ? 'convention' : 'report';
  const docs = {
    ...(kind === 'convention' ? { one: 'convention écrite', many: 'conventions écrites', none: 'aucune convention n’a été écrite' } : { one: 'note écrite', many: 'notes écrites', none: 'aucune note n’a été écrite' }),
    collision: (path: string, earlier: string) =>
      `${kind === 'convention' ? 'sa convention irait' : 'sa note irait'} dans ${path}, déjà écrit pour le dossier ${earlier} de ce fichier ; donnez à chaque dossier un identifiant qui lui est propre.`,
  };
  if (writeTo) {
    writeFileSync(writeTo, await modelToDocx(kind === 'convention' ? DEFAULT_CONVENTION_TEMPLATE : DEFAULT_TEMPLATE));
    io.out(`Modèle par défaut écrit : ${writeTo}\nModifiez-le dans Word ou LibreOffice en gardant les champs {{…}} ; « rapporteur report --check-template ${writeTo} » le vérifie.\n`);
    return 0;
  }

  const checkPath = str(values['check-template']);
  if (checkPath) {
    const { template } = await loadTemplate(checkPath);
    const errors = checkDocx(template, FIELD_DOCS);
    if (errors.length === 0) {
      io.out(`Modèle valide : ${checkPath}\n`);
      return 0;
    }
    io.out(`Le modèle ${checkPath} contient ${errors.length} erreur${errors.length > 1 ? 's' : ''} :\n${describeTemplateErrors(errors)}\n`);
    return 1;
  }

  const file = positionals[0];
  if (!file) throw new InputError(`Indiquez le fichier des dossiers : rapporteur report dossiers.json\n\n${REPORT_USAGE}`);
  const templateSetting = kind === 'convention' ? settings.conventionTemplate : settings.template;
  const templatePath = str(values.template) ?? (templateSetting?.toLowerCase().endsWith('.docx') ? templateSetting : undefined);
  // The template is checked before anything is written: a bad one writes no report at all.
  const { template, id: templateId, label } = await (kind === 'convention' ? loadConventionTemplate : loadTemplate)(templatePath);
  const templateErrors = checkDocx(template, FIELD_DOCS);
  if (templateErrors.length) throw new InputError(`Le modèle ${label} contient ${templateErrors.length} erreur${templateErrors.length > 1 ? 's' : ''} ; ${docs.none} :\n${describeTemplateErrors(templateErrors)}`);
  if (kind === 'convention' && str(values.session) !== undefined) throw new InputError(`--convention et --session ne se combinent pas : « rapporteur report ${file} --session … » écrit déjà la convention de chaque dossier de la séance qui en demande une.`);

  const dossiers = await readDossiers(file, deps.readWorkbook);
  const wanted = str(values.id);
  if (wanted !== undefined && !dossiers.some((d) => String(d.id ?? '') === wanted)) throw new InputError(`Aucun dossier d'identifiant « ${wanted} » dans ${file}.`);
  // `--id` picks the dossier to write, after every dossier of the file is checked: the
  // beneficiary's yearly total (CONVENTION_REQUIRED_CUMULATED) spans the other dossiers.
  const picked = (reports: DossierReport[]) => (wanted === undefined ? reports : reports.filter((r) => String(r.dossier.id ?? '') === wanted));
  const outDir = str(values.out) ?? settings.outputFolder ?? '.';
  mkdirSync(outDir, { recursive: true });
  const today = todayInParis();
  const count = { written: 0, kept: 0, skipped: 0 };
  let anyError = false;

  const session = str(values.session);
  const sessionRun = session === undefined ? null : await sessionSetup(dossiers, session, str(values['summary-template']) ?? (settings.summaryTemplate?.toLowerCase().endsWith('.docx') ? settings.summaryTemplate : undefined), file, settings);
  const summaryEntries: SummaryEntry[] = [];
  // Two dossiers whose ids give one file name (the same id, or « 2024/1 » and « 2024-1 »)
  // would have the second written over the first: the run keeps the first, says so, fails.
  const writtenBy = new Map<string, string>();
  // A session writes each needed convention after its report, as the preview's and Sheets' session runs do.
  const conventionRun = sessionRun ? await sessionConventions(settings) : null;
  const conventionCount = { written: 0, kept: 0 };
  if (sessionRun && wanted !== undefined && picked(sessionRun.reports).length === 0) throw new InputError(`Le dossier « ${wanted} » n'est pas de la séance « ${sessionRun.name} » (${file}).`);

  for (const report of picked(sessionRun ? sessionRun.reports : checkDossiers(dossiers, settings))) {
    const errors = report.check.findings.filter((f) => f.severity === 'error');
    if (kind === 'convention' && !conventionNeeded(report.dossier, report.check)) {
      count.skipped++;
      // An absent or unreadable subsidy of a private body leaves the rule undecided: saying
      // « pas de convention requise » and exiting 0 would let a script skip a convention the
      // law may require (the sidebar says the same, from the same noConventionReason).
      const why = noConventionReason(report.check);
      if (why === 'unreadable') {
        anyError = true;
        io.out(`ignoré      ${report.id}${report.dossier.beneficiary ? ` (${report.dossier.beneficiary})` : ''} : impossible de dire si une convention est requise, le montant de la subvention est absent ou illisible\n`);
        if (errors.length) io.err(`${errors.map(formatFinding).join('\n')}\n`);
        continue;
      }
      // The same for a readable subsidy whose beneficiary has another of the year that cannot
      // be read: the yearly total is unknown (with `--id`, that other dossier's own error
      // would not make the run fail).
      if (why === 'cumulatedUnknown') {
        anyError = true;
        io.out(`ignoré      ${report.id}${report.dossier.beneficiary ? ` (${report.dossier.beneficiary})` : ''} : impossible de dire si une convention est requise, le montant d’une autre subvention de l’exercice au même bénéficiaire est absent ou illisible\n`);
        io.err(`${report.check.findings.filter((f) => f.code === 'CONVENTION_CUMULATED_UNKNOWN').map(formatFinding).join('\n')}\n`);
        continue;
      }
      io.out(`sans objet  ${report.id}${report.dossier.beneficiary ? ` (${report.dossier.beneficiary})` : ''} : pas de convention requise ni approuvée\n`);
      continue;
    }
    const path = join(outDir, (kind === 'convention' ? conventionFileName : reportFileName)(report.id, report.dossier.beneficiary));
    const who = `${report.id}${report.dossier.beneficiary ? ` (${report.dossier.beneficiary})` : ''}`;
    if (hasErrors(report.check.findings)) anyError = true;
    if (errors.length && values.strict) {
      io.out(`ignoré      ${who} : ${errors.length} erreur${errors.length > 1 ? 's' : ''} (--strict)\n`);
      io.err(`${errors.map(formatFinding).join('\n')}\n`);
      count.skipped++;
      continue;
    }
    const earlier = writtenBy.get(path);
    if (earlier !== undefined) {
      io.out(`ignoré      ${who} : ${docs.collision(path, earlier)}\n`);
      count.skipped++;
      anyError = true;
      continue;
    }
    writtenBy.set(path, report.id);
    summaryEntries.push({ id: report.id, dossier: report.dossier, check: report.check });
    const hash = documentDataHash(report.dossier, templateId, kind);
    const exists = existsSync(path);
    if (exists && !values.force && (await readCustomProperties(readFileSync(path)))[HASH_PROPERTY] === hash) {
      io.out(`conservé    ${path} (à jour)\n`);
      count.kept++;
      continue;
    }
    if (errors.length) {
      io.err(`rapporteur : attention, le dossier ${who} a ${errors.length} erreur${errors.length > 1 ? 's' : ''} ; sa ${kind === 'convention' ? 'convention' : 'note'} est écrite quand même (--strict pour l'ignorer) :\n${errors.map(formatFinding).join('\n')}\n`);
    }
    const data = reportFields(report.dossier, report.check, settings, { todayIso: today });
    const bytes = await fillDocx(template, data, { [HASH_PROPERTY]: hash, RapporteurDossierId: report.id, RapporteurTemplate: templateId, ...(kind === 'convention' ? { [KIND_PROPERTY]: kind } : {}) });
    writeFileSync(path, bytes);
    io.out(`${exists ? 'mis à jour' : 'écrit     '}  ${path}${errors.length ? ' (avec erreurs)' : ''}\n`);
    count.written++;
  }
  if (conventionRun) {
    // The entries are the session's reports written or kept above, in order (a lookup by id
    // would be quadratic in the session and pick the wrong one of two dossiers sharing an id).
    for (const report of summaryEntries) {
      if (!conventionNeeded(report.dossier, report.check)) continue;
      const path = join(outDir, conventionFileName(report.id, report.dossier.beneficiary));
      const hash = documentDataHash(report.dossier, conventionRun.id, 'convention');
      const exists = existsSync(path);
      if (exists && !values.force && (await readCustomProperties(readFileSync(path)))[HASH_PROPERTY] === hash) {
        io.out(`conservé    ${path} (convention à jour)\n`);
        conventionCount.kept++;
        continue;
      }
      const data = reportFields(report.dossier, report.check, settings, { todayIso: today });
      writeFileSync(path, await fillDocx(conventionRun.template, data, { [HASH_PROPERTY]: hash, RapporteurDossierId: report.id, RapporteurTemplate: conventionRun.id, [KIND_PROPERTY]: 'convention' }));
      io.out(`${exists ? 'mis à jour' : 'écrit     '}  ${path} (convention)\n`);
      conventionCount.written++;
    }
  }
  if (sessionRun) await writeSummary(sessionRun, summaryEntries, outDir, today, !!values.force, settings, io);
  const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
  io.out(`Bilan : ${plural(count.written, docs.one, docs.many)}, ${plural(count.kept, 'conservée', 'conservées')} (à jour), ${plural(count.skipped, 'ignorée', 'ignorées')} ; modèle : ${label.endsWith('par défaut') ? label : basename(label)}.\n`);
  if (conventionRun && conventionCount.written + conventionCount.kept) {
    io.out(`Conventions : ${plural(conventionCount.written, 'convention écrite', 'conventions écrites')}, ${plural(conventionCount.kept, 'conservée', 'conservées')} (à jour) ; modèle : ${conventionRun.label.endsWith('par défaut') ? conventionRun.label : basename(conventionRun.label)}.\n`);
  }
  return anyError ? 1 : 0;
};

// --- `--session NAME`: the session's dossiers only, and its summary ---------------------

/** The summary's template and its id (part of the summary's data hash), shared with the preview's session run. */
export async function loadSummaryTemplate(path: string | undefined): Promise<{ template: DocxTemplate; id: string; label: string }> {
  if (!path) return { template: await openDocx(await modelToDocx(DEFAULT_SUMMARY_TEMPLATE)), id: DEFAULT_SUMMARY_TEMPLATE_ID, label: 'modèle de récapitulatif par défaut' };
  return loadTemplate(path);
}

/** The convention template of a session run (the settings' .docx or the default one), checked before anything is written. */
async function sessionConventions(settings: Settings): Promise<{ template: DocxTemplate; id: string; label: string }> {
  const path = settings.conventionTemplate?.toLowerCase().endsWith('.docx') ? settings.conventionTemplate : undefined;
  const loaded = await loadConventionTemplate(path);
  const errors = checkDocx(loaded.template, FIELD_DOCS);
  if (errors.length) throw new InputError(`Le modèle de convention ${loaded.label} contient ${errors.length} erreur${errors.length > 1 ? 's' : ''} ; aucune note n’a été écrite :\n${describeTemplateErrors(errors)}`);
  return loaded;
}

interface SessionRun {
  name: string;
  reports: DossierReport[];
  template: DocxTemplate;
  templateId: string;
}

/** `recapitulatif-conseil-de-la-metropole-du-28-juin-2018.docx` */
export function summaryFileName(session: string): string {
  return reportFileName('recapitulatif', session.toLowerCase());
}

/** Picks the session's dossiers (checked with the whole file: yearly totals span sessions) and checks the summary template. */
async function sessionSetup(dossiers: Parameters<typeof checkDossiers>[0], session: string, templatePath: string | undefined, file: string, settings: Settings): Promise<SessionRun> {
  const indexes = sessionIndexes(dossiers, session);
  if (!indexes.length) throw new InputError(`${batchText.sessionNotFound(session.trim(), listSessions(dossiers).map((s) => s.name))} (${file})`);
  const { template, id: templateId, label } = await loadSummaryTemplate(templatePath);
  // Checked before anything is written, as the report's template is.
  const errors = checkDocx(template, SUMMARY_FIELD_DOCS);
  if (errors.length) throw new InputError(`Le modèle de récapitulatif ${label} contient ${errors.length} erreur${errors.length > 1 ? 's' : ''} ; aucune note n’a été écrite :\n${describeTemplateErrors(errors)}`);
  const all = checkDossiers(dossiers, settings);
  return { name: String(dossiers[indexes[0]!]!.session).trim(), reports: indexes.map((i) => all[i]!), template, templateId };
}

/** The summary .docx, kept when up to date (its data hash in the custom properties). */
async function writeSummary(run: SessionRun, entries: readonly SummaryEntry[], outDir: string, today: string, force: boolean, settings: Settings, io: { out: (t: string) => void }): Promise<void> {
  const path = join(outDir, summaryFileName(run.name));
  const hash = summaryDataHash(
    run.name,
    entries.map((e) => e.dossier),
    run.templateId,
  );
  const exists = existsSync(path);
  if (exists && !force && (await readCustomProperties(readFileSync(path)))[HASH_PROPERTY] === hash) {
    io.out(`conservé    ${path} (récapitulatif à jour)\n`);
    return;
  }
  const bytes = await fillDocx(run.template, summaryFields(run.name, entries, settings, { todayIso: today }), { [HASH_PROPERTY]: hash, [SESSION_PROPERTY]: run.name, RapporteurTemplate: run.templateId });
  writeFileSync(path, bytes);
  io.out(`${exists ? 'mis à jour' : 'écrit     '}  ${path} (récapitulatif, ${entries.length} dossier${entries.length > 1 ? 's' : ''})\n`);
}
