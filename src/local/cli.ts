import { parseArgs } from 'node:util';
import { checkDossiers, toCheckJson, type DossierReport } from '../app/check-dossiers';
import { resolveSettings, type Settings } from '../core/settings';
import { hasErrors, type Finding, type Severity } from '../core/findings';
import { formatAmount, formatRate, formatMonths } from '../core/format';
import { InputError } from './input-error';
import { parseJsonFile, readDossiers, readText, type WorkbookReader } from './read-dossiers';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliDeps {
  readWorkbook?: WorkbookReader;
  commands?: Record<string, CommandHandler>;
}

export type CommandHandler = (args: string[], io: CliIo, ctx: { settings: Settings; json: boolean; deps: CliDeps }) => Promise<number>;

const USAGE = `Rapporteur : contrôle des chiffres et rédaction des rapports de subvention.

Usage :
  rapporteur check FICHIER [--json] [--id ID]       contrôle les dossiers d'un .json ou d'un classeur .xlsx
  rapporteur report FICHIER [--template T.docx] [--out DOSSIER] [--strict] [--force]
  rapporteur audit TEXTE [--json]                   vérifie les chiffres d'une note existante (.txt, .docx)
  rapporteur opendata FICHIER [--year AAAA] [--all] [--out F.csv]
  rapporteur preview [--port N]                     ouvre le formulaire dans le navigateur (npm start)

Toutes les commandes acceptent --settings FICHIER.json (seuil de convention, plafond, méthode, espacement).
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
  if (c.conventionRequired !== null) parts.push(`convention requise : ${c.conventionRequired ? 'oui' : 'non'}`);
  return `  ${parts.join(' · ')}`;
}

export function renderCheckText(reports: readonly DossierReport[], settings: Settings): string {
  const lines: string[] = [];
  const count = { error: 0, warning: 0, info: 0 };
  for (const r of reports) {
    lines.push(`Dossier ${r.id}${r.dossier.beneficiary ? ` — ${r.dossier.beneficiary}` : ''}`);
    lines.push(summaryLine(r, settings));
    if (r.check.findings.length === 0) lines.push('  Aucune anomalie.');
    for (const f of r.check.findings) {
      count[f.severity]++;
      lines.push(formatFinding(f));
    }
    lines.push('');
  }
  const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
  lines.push(
    `Bilan : ${plural(reports.length, 'dossier', 'dossiers')}, ${plural(count.error, 'erreur', 'erreurs')}, ${plural(count.warning, 'avertissement', 'avertissements')}, ${plural(count.info, 'information', 'informations')}.`,
  );
  return lines.join('\n') + '\n';
}

const checkCommand: CommandHandler = async (args, io, { settings, json, deps }) => {
  const { values, positionals } = parseArgs({ args, options: { id: { type: 'string' } }, allowPositionals: true, strict: false });
  const file = positionals[0];
  if (!file) throw new InputError('Indiquez le fichier à contrôler : rapporteur check dossiers.json');
  let dossiers = await readDossiers(file, deps.readWorkbook);
  if (typeof values.id === 'string') {
    dossiers = dossiers.filter((d) => String(d.id ?? '') === values.id);
    if (dossiers.length === 0) throw new InputError(`Aucun dossier d'identifiant « ${values.id} » dans ${file}.`);
  }
  const reports = checkDossiers(dossiers, settings);
  io.out(json ? JSON.stringify(toCheckJson(reports), null, 2) + '\n' : renderCheckText(reports, settings));
  return reports.some((r) => hasErrors(r.check.findings)) ? 1 : 0;
};

/** Runs the command line; resolves to the exit status of CONTRACT.md (0, 1, 2). */
export async function runCli(argv: string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  const settingsIndex = rest.indexOf('--settings');
  const settingsPath = settingsIndex >= 0 ? rest[settingsIndex + 1] : rest.find((a) => a.startsWith('--settings='))?.slice('--settings='.length);
  const args = rest.filter((a, i) => a !== '--json' && !a.startsWith('--settings') && !(settingsIndex >= 0 && i === settingsIndex + 1));
  const commands: Record<string, CommandHandler> = { check: checkCommand, ...deps.commands };
  if (!command || command === '--help' || command === '-h' || command === 'aide') {
    io.out(USAGE + '\n');
    return command ? 0 : 2;
  }
  const handler = commands[command];
  try {
    if (!handler) throw new InputError(`Commande inconnue « ${command} ».\n\n${USAGE}`);
    const settings = loadSettings(settingsPath);
    return await handler(args, io, { settings, json, deps });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (json) io.out(JSON.stringify({ error: { code: e.code, message: e.message } }, null, 2) + '\n');
    io.err(`rapporteur : ${e.message}\n`);
    return 2;
  }
}
