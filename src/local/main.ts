import { runCli } from './cli';
import { opendataCommand } from './commands/opendata';
import { reportCommand } from './commands/report';
import { previewCommand } from './commands/preview';
import { auditCommand } from './commands/audit';
import { readWorkbookDossiers } from './workbook-dossiers';
import { composePreviewApi } from './preview/compose';
import { todayInParis } from './commands/report';

// The composition root of the command line: real stdout/stderr, real adapters, the real clock.

// `rapporteur check … | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const clock = { nowIso: () => new Date().toISOString(), todayIso: () => todayInParis() };
const preview = previewCommand((workbook, reportsDir) => composePreviewApi(workbook, reportsDir, clock));

runCli(
  process.argv.slice(2),
  {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    // Back-pressure: a slow reader (a pipe into less) holds the writer, not the memory. An
    // EPIPE meanwhile ends the process quietly (above), so this never waits forever.
    drain: () => new Promise((resolve) => process.stdout.once('drain', resolve)),
  },
  { readWorkbook: readWorkbookDossiers, commands: { opendata: opendataCommand, preview, audit: auditCommand, report: reportCommand } },
).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not the user's input: no stack trace unless asked for (--verbose).
    const verbose = process.argv.includes('--verbose');
    process.stderr.write(
      verbose
        ? `rapporteur : erreur inattendue : ${e instanceof Error ? e.stack : String(e)}\n`
        : 'rapporteur : erreur inattendue (un défaut de Rapporteur, pas de vos fichiers) : relancez la commande avec --verbose pour le détail technique, et signalez-le.\n',
    );
    process.exitCode = 3;
  },
);
