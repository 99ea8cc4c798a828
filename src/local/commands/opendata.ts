import { writeFileSync } from 'node:fs';
import { parseCommandArgs } from '../args';
import { checkDossiers } from '../../app/check-dossiers';
import { Dec } from '../../core/decimal';
import { formatAmount } from '../../core/format';
import { openDataCsv, openDataTable, SCDL_COLUMNS } from '../../core/opendata';
import { openDataMessages as M } from '../../core/messages/opendata';
import type { CommandHandler } from '../cli';
import { InputError } from '../input-error';
import { readDossiers } from '../read-dossiers';

/**
 * `rapporteur opendata FILE [--year YYYY] [--all] [--out F.csv]`: the SCDL « Subventions »
 * 2.1.1 CSV of the subsidies to publish, on stdout or in F.csv.
 *
 * A row that lacks a required value is still written, its cell empty, and the value is
 * named on stderr with its dossier's id; the exit status is then 1, so that a script never
 * publishes an incomplete file unawares while staff still get the rest of the table to
 * finish by hand. `--json` prints the rows and their findings instead of the CSV (which
 * --out still writes).
 */
export const opendataCommand: CommandHandler = async (args, io, { settings, json, deps }) => {
  const { values, positionals } = parseCommandArgs('opendata', args, { year: { type: 'string' }, all: { type: 'boolean' }, out: { type: 'string' } }, 1, 'rapporteur opendata FICHIER [--year AAAA] [--all] [--out F.csv]');
  const file = positionals[0];
  if (!file) throw new InputError('Indiquez le fichier des dossiers : rapporteur opendata dossiers.json');
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new InputError(M.yearInvalid(values.year));
  const year = values.year === undefined ? undefined : Number(values.year);

  const reports = checkDossiers(await readDossiers(file, deps.readWorkbook), settings);
  const items = reports.map((r) => ({ id: r.id, dossier: r.dossier, subsidy: r.check.figures.subsidy }));
  const table = openDataTable(items, settings, { year, all: values.all === true });
  const csv = openDataCsv(table);

  if (values.out) {
    try {
      writeFileSync(values.out, csv, 'utf8');
    } catch (e) {
      throw new InputError(`Impossible d'écrire ${values.out} : ${(e as Error).message}`);
    }
  }
  if (json) {
    const rows = table.rows.map((r) => ({ id: r.id, mandatory: r.mandatory, values: Object.fromEntries(SCDL_COLUMNS.map((c) => [c, r.row[c]])), findings: r.findings }));
    io.out(JSON.stringify({ rows, undetermined: table.undetermined }, null, 2) + '\n');
  } else if (!values.out) io.out(csv);

  const problems = table.rows.flatMap((r) => r.findings.map((f) => M.rowFinding(r.id, f.message)));
  const lines = [...problems, ...table.undetermined.map((id) => M.undetermined(id))];
  if (table.rows.length === 0) lines.push(M.noRow(year, formatAmount(new Dec(settings.conventionThreshold), { spacing: settings.spacing })));
  else lines.push(M.summary(table.rows.length, problems.length));
  io.err(lines.join('\n') + '\n');
  return problems.length > 0 || table.undetermined.length > 0 ? 1 : 0;
};
