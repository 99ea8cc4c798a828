import { parseCommandArgs } from './args';
import { beneficiaryGroups, checkDossiersLazily, type DossierReport } from '../app/check-dossiers';
import type { BeneficiaryGroup } from '../core/beneficiaries';
import { beneficiaryMessages } from '../core/messages/beneficiaries';
import { resolveSettings, type Settings } from '../core/settings';
import { hasErrors, type Finding, type Severity } from '../core/findings';
import { formatAmount, formatRate, formatMonths } from '../core/format';
import { InputError } from './input-error';
import { parseJsonFile, readDossiers, readText, type WorkbookReader } from './read-dossiers';

export interface CliIo {
  /** Writes to stdout; false when the stream's buffer is full (then wait for `drain`). */
  out: (text: string) => unknown;
  err: (text: string) => void;
  /** Resolves when stdout can take more (Node's `drain`); absent where writes never back up. */
  drain?: () => Promise<void>;
}

/** Chunks of output gathered up to this size before a write: fewer writes, bounded memory. */
const CHUNK = 64 * 1024;

/** Writes the pieces as they come, waiting for `drain` when stdout is full, so the whole text never sits in memory. */
export async function streamOut(io: CliIo, pieces: Iterable<string>): Promise<void> {
  let buffer = '';
  const flush = async () => {
    const full = io.out(buffer) === false;
    buffer = '';
    if (full && io.drain) await io.drain();
  };
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= CHUNK) await flush();
  }
  if (buffer) await flush();
}

export interface CliDeps {
  readWorkbook?: WorkbookReader;
  commands?: Record<string, CommandHandler>;
}

export type CommandHandler = (args: string[], io: CliIo, ctx: { settings: Settings; json: boolean; deps: CliDeps }) => Promise<number>;

const USAGE = `Rapporteur : contrôle des chiffres et rédaction des rapports de subvention.

Usage :
  rapporteur check FICHIER [--json] [--id ID]       contrôle les dossiers d'un .json ou d'un classeur .xlsx
  rapporteur report FICHIER [--template T.docx] [--out DOSSIER] [--strict] [--force] [--id ID]
  rapporteur report FICHIER --session "NOM" [--out DOSSIER]   les notes d'une séance et son récapitulatif
  rapporteur report --check-template T.docx | --write-template T.docx
  rapporteur audit TEXTE [--json]                   vérifie les chiffres d'une note existante (.txt, .docx)
  rapporteur opendata FICHIER [--year AAAA] [--all] [--out F.csv]   données essentielles (SCDL Subventions 2.1.1)
  rapporteur preview [--port N] [--workbook F.xlsx] [--out DOSSIER]   le formulaire dans le navigateur (npm start)

Toutes les commandes acceptent --settings FICHIER.json (seuil de convention, plafond, méthode, espacement)
et --verbose (le message d'origine de la bibliothèque quand un fichier est illisible).
Code de sortie : 0 sans erreur, 1 au moins une erreur dans les dossiers, 2 entrée illisible.`;

const SEVERITY_LABEL: Record<Severity, string> = { error: 'ERREUR', warning: 'AVERTISSEMENT', info: 'INFO' };

function loadSettings(path: string | undefined): Settings {
  if (!path) return resolveSettings(undefined).settings;
  const { settings, errors } = resolveSettings(parseJsonFile(path, readText(path)));
  if (errors.length) throw new InputError(`Paramètres invalides dans ${path} :\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  return settings;
}

export function formatFinding(f: Finding): string {
  return `  ${SEVERITY_LABEL[f.severity].padEnd(13)} ${f.field.padEnd(22)} ${f.message}`;
}

function summaryLine(r: DossierReport, settings: Settings): string {
  const c = r.check.figures;
  const opts = { spacing: settings.spacing };
  const parts: string[] = [];
  if (c.proratedBudget && c.months) parts.push(`budget proratisé ${formatAmount(c.proratedBudget, opts)} (${formatMonths(c.months)} mois)`);
  else if (c.annualBudget) parts.push(`budget annuel ${formatAmount(c.annualBudget, opts)}`);
  if (c.subsidy) parts.push(`subvention ${formatAmount(c.subsidy, opts)}`);
  if (c.rate) parts.push(`taux ${formatRate(c.rate, opts)}`);
  if (c.cofinancingTotal) parts.push(`cofinancements ${formatAmount(c.cofinancingTotal, opts)}`);
  // The dossier alone may stay under the threshold while its beneficiary's year does not.
  const cumulated = r.check.findings.some((f) => f.code === 'CONVENTION_REQUIRED_CUMULATED');
  const unknown = r.check.findings.some((f) => f.code === 'CONVENTION_CUMULATED_UNKNOWN');
  if (c.conventionRequired !== null) parts.push(`convention requise : ${c.conventionRequired ? 'oui' : cumulated ? 'oui (cumul de l’exercice)' : unknown ? 'impossible de dire (cumul de l’exercice incomplet)' : 'non'}`);
  return `  ${parts.join(' · ')}`;
}

/**
 * The « Bénéficiaires » table: one line per beneficiary and budget year, so that yearly
 * totals (the convention threshold is annual) are seen at a glance.
 */
export function renderBeneficiaryTable(groups: readonly BeneficiaryGroup[], settings: Settings): string[] {
  const T = beneficiaryMessages.table;
  const opts = { spacing: settings.spacing, decimals: 2 as const };
  const cells = groups.map((g) => [
    g.name,
    g.year === null ? T.unknownYear : String(g.year),
    String(g.members.length),
    formatAmount(g.total, opts) + (g.incomplete ? ` (${T.incomplete})` : ''),
    g.isPublic ? T.publicBody : g.conventionRequired ? T.yes : g.conventionUnknown ? T.unknown : T.no,
  ]);
  const header = [T.beneficiary, T.year, T.count, T.total, T.convention];
  // A loop, not Math.max(...cells): tens of thousands of arguments overflow the stack.
  const widths = header.map((h, c) => cells.reduce((w, r) => Math.max(w, r[c].length), h.length));
  // Numbers right-aligned, as in a spreadsheet; text left-aligned.
  const right = [false, false, true, true, false];
  const line = (r: string[]) => '  ' + r.map((v, c) => (right[c] ? v.padStart(widths[c]) : v.padEnd(widths[c]))).join('  ').trimEnd();
  return [T.title, line(header), ...cells.map(line)];
}

export function renderCheckText(reports: readonly DossierReport[], settings: Settings, groups: readonly BeneficiaryGroup[] = beneficiaryGroups(reports, settings)): string {
  return [...checkTextPieces(reports, settings, groups)].join('');
}

/** The text of `rapporteur check`, a dossier at a time (each piece ends with a newline). */
export function* checkTextPieces(source: Iterable<DossierReport>, settings: Settings, knownGroups?: readonly BeneficiaryGroup[]): Generator<string> {
  // Without the groups, they come from the reports themselves, which must then be kept.
  const reports = knownGroups || Array.isArray(source) ? source : [...source];
  const groups = knownGroups ?? beneficiaryGroups(reports as DossierReport[], settings);
  const count = { error: 0, warning: 0, info: 0 };
  let dossierCount = 0;
  for (const r of reports) {
    dossierCount++;
    const lines: string[] = [];
    lines.push(`Dossier ${r.id}${r.dossier.beneficiary ? ` — ${r.dossier.beneficiary}` : ''}`);
    lines.push(summaryLine(r, settings));
    if (r.check.findings.length === 0) lines.push('  Aucune anomalie.');
    for (const f of r.check.findings) {
      count[f.severity]++;
      lines.push(formatFinding(f));
    }
    lines.push('');
    yield lines.join('\n') + '\n';
  }
  if (dossierCount > 1) yield [...renderBeneficiaryTable(groups, settings), ''].join('\n') + '\n';
  const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
  yield `Bilan : ${plural(dossierCount, 'dossier', 'dossiers')}, ${plural(count.error, 'erreur', 'erreurs')}, ${plural(count.warning, 'avertissement', 'avertissements')}, ${plural(count.info, 'information', 'informations')}.\n`;
}

/**
 * `JSON.stringify(toCheckJson(reports), null, 2)` + newline, byte for byte, a dossier at a
 * time: the document of CONTRACT.md, written as a stream.
 */
export function* checkJsonPieces(reports: Iterable<DossierReport>): Generator<string> {
  let first = true;
  for (const r of reports) {
    const one = JSON.stringify({ id: r.id, findings: r.check.findings, computed: r.check.computed }, null, 2);
    // The separator goes before each dossier but the first: the stream does not know its end.
    yield (first ? '{\n  "dossiers": [\n' : ',\n') + '    ' + one.replace(/\n/g, '\n    ');
    first = false;
  }
  yield first ? JSON.stringify({ dossiers: [] }, null, 2) + '\n' : '\n  ]\n}\n';
}

const checkCommand: CommandHandler = async (args, io, { settings, json, deps }) => {
  const { values, positionals } = parseCommandArgs('check', args, { id: { type: 'string' } }, 1, 'rapporteur check FICHIER [--json] [--id ID]');
  const file = positionals[0];
  if (!file) throw new InputError('Indiquez le fichier à contrôler : rapporteur check dossiers.json');
  const dossiers = await readDossiers(file, deps.readWorkbook);
  // Every dossier counts, even with --id, since a yearly total needs the whole file; each is
  // checked in full only as it is written, so 100 000 checks never sit in memory at once.
  const lazy = checkDossiersLazily(dossiers, settings);
  const wanted = typeof values.id === 'string' ? values.id : undefined;
  if (wanted !== undefined && !dossiers.some((d) => String(d.id ?? '') === wanted)) throw new InputError(`Aucun dossier d'identifiant « ${wanted} » dans ${file}.`);
  let anyError = false;
  const reports = function* () {
    for (const r of lazy.reports()) {
      if (wanted !== undefined && String(r.dossier.id ?? '') !== wanted) continue;
      if (hasErrors(r.check.findings)) anyError = true;
      yield r;
    }
  };
  await streamOut(io, json ? checkJsonPieces(reports()) : checkTextPieces(reports(), settings, lazy.groups));
  return anyError ? 1 : 0;
};

/** Runs the command line; resolves to the exit status of CONTRACT.md (0, 1, 2). */
export async function runCli(argv: string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const verbose = rest.includes('--verbose');
  const settingsIndex = rest.indexOf('--settings');
  const settingsPath = settingsIndex >= 0 ? rest[settingsIndex + 1] : rest.find((a) => a.startsWith('--settings='))?.slice('--settings='.length);
  const args = rest.filter((a, i) => a !== '--json' && a !== '--verbose' && !a.startsWith('--settings') && !(settingsIndex >= 0 && i === settingsIndex + 1));
  const commands: Record<string, CommandHandler> = { check: checkCommand, ...deps.commands };
  if (!command || command === '--help' || command === '-h' || command === 'aide') {
    io.out(USAGE + '\n');
    return command ? 0 : 2;
  }
  // An own key only: « rapporteur constructor » must not run Object.prototype.constructor.
  const handler = Object.hasOwn(commands, command) ? commands[command] : undefined;
  try {
    if (!handler) throw new InputError(`Commande inconnue « ${command} ».\n\n${USAGE}`);
    // « --settings » without its file would silently check with the defaults instead.
    const settingsGiven = settingsIndex >= 0 || rest.some((a) => a.startsWith('--settings='));
    if (settingsGiven && (!settingsPath || settingsPath.startsWith('--'))) throw new InputError('L’option « --settings » attend le fichier des paramètres (par exemple « --settings parametres.json »).');
    const settings = loadSettings(settingsPath);
    return await handler(args, io, { settings, json, deps });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // The library's own (English) text only on request: the message says what and where in French.
    const detail = verbose && e.detail ? { detail: e.detail } : {};
    if (json) io.out(JSON.stringify({ error: { code: e.code, message: e.message, ...detail } }, null, 2) + '\n');
    io.err(`rapporteur : ${e.message}\n${detail.detail ? `  (détail technique : ${detail.detail})\n` : ''}`);
    return 2;
  }
}
