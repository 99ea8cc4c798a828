import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from './input-error';

/**
 * A command's own options, read strictly: a mistyped option (`--strcit`) is refused instead of
 * ignored, since ignoring it does what the user asked not to (writes the reports `--strict`
 * would skip). The refusal is French, names the option and the command, and is an
 * InputError (exit status 2); Node's English text is kept for --verbose.
 * `--json`, `--verbose` and `--settings` are read by runCli before the command sees its args.
 * `parseCommandArgs('check', ['f.json', '--id', 'A'], { id: { type: 'string' } }, 1, 'rapporteur check FICHIER [--json] [--id ID]')`.
 */
type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export function parseCommandArgs<O extends ParseArgsOptionsConfig>(command: string, args: string[], options: O, maxPositionals: number, usage: string): Parsed<O> {
  const withUsage = (message: string) => `${message}\nUsage : ${usage}`;
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (e) {
    throw new InputError(withUsage(optionMessage(command, e, options)), (e as Error).message);
  }
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals[maxPositionals]!;
    throw new InputError(
      withUsage(
        maxPositionals === 0
        ? `« rapporteur ${command} » ne prend pas de fichier : « ${extra} » est en trop.`
          : `« rapporteur ${command} » prend un seul fichier : « ${extra} » est en trop (un nom qui contient des espaces s’écrit entre guillemets).`,
      ),
    );
  }
  return parsed;
}

const known = (options: ParseArgsOptionsConfig) =>
  Object.keys(options)
    .map((name) => `--${name}`)
    .concat('--json', '--verbose', '--settings')
    .join(', ');

/** Node's parseArgs errors (their codes are documented), said in French. */
function optionMessage(command: string, e: unknown, options: ParseArgsOptionsConfig): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const text = e instanceof Error ? e.message : String(e);
  // Node quotes the option first: "Unknown option '--yaer'", "Option '--id <value>' argument missing".
  const option = /'(-{1,2}[^' ]+)/.exec(text)?.[1] ?? '?';
  const help = `rapporteur ${command}`;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Option inconnue « ${option} » pour « ${help} » (options reconnues : ${known(options)}).`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(text)
      ? `L’option « ${option} » de « ${help} » attend une valeur (par exemple « ${option} VALEUR »).`
      : `L’option « ${option} » de « ${help} » ne prend pas de valeur.`;
  }
  return `Les options de « ${help} » sont illisibles (options reconnues : ${known(options)}).`;
}
