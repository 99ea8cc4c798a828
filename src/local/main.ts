import { runCli } from './cli';
import { opendataCommand } from './commands/opendata';
import { reportCommand } from './commands/report';

// The composition root of the command line: real stdout/stderr, real adapters.
runCli(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, { commands: { opendata: opendataCommand, report: reportCommand } }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`rapporteur : erreur inattendue : ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 3;
  },
);
