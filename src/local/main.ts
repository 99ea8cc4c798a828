import { runCli } from './cli';
import { opendataCommand } from './commands/opendata';
import { reportCommand } from './commands/report';
import { previewCommand } from './commands/preview';
import { auditCommand } from './commands/audit';
import { readWorkbookDossiers, processLock } from './workbook-dossiers';
import { dossierApi } from '../app/dossier-api';

// The composition root of the command line: real stdout/stderr, real adapters.
const preview = previewCommand((workbook) => ({
  ...dossierApi({ store: workbook.store(), settings: workbook.settingsStore(), lock: processLock }),
}));

runCli(
  process.argv.slice(2),
  { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) },
  { readWorkbook: readWorkbookDossiers, commands: { opendata: opendataCommand, preview, audit: auditCommand, report: reportCommand } },
).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`rapporteur : erreur inattendue : ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 3;
  },
);
