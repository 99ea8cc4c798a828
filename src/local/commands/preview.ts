import { parseCommandArgs } from '../args';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CommandHandler } from '../cli';
import { InputError } from '../input-error';
import { openOrSeedWorkbook } from '../workbook-dossiers';
import { runFilePath } from '../local-batch';
import { startPreview, type PreviewHooks, type RpcApi } from '../preview/server';
import type { LocalWorkbook } from '../workbook';
import type { DossierInput } from '../../core/dossier';
import { dossiersFromJson, parseJsonFile } from '../read-dossiers';

/** Where the product's files sit: dist/ beside the built CLI, examples/ at the project's root. */
export const projectRoot = resolve(__dirname, '..');

export const DEFAULT_DATA_DIR = 'donnees-locales';

/** The example dossiers the preview starts with when it has no workbook yet (and examples/dossiers.xlsx holds). */
export function exampleDossiers(root = projectRoot): DossierInput[] {
  const files = ['medinsoft-2018-corrige.json', 'dossiers-2018.json', 'autres-dossiers-2019.json'].map((f) => join(root, 'examples', f)).filter(existsSync);
  const all = files.flatMap((f) => dossiersFromJson(f, parseJsonFile(f, readFileSync(f, 'utf8'))));
  // The same dossier in two files (the corrected report, and the 2018 list with its session
  // and open-data fields): one dossier, the first file's values first, the others filling in.
  const byId = new Map<string, DossierInput>();
  for (const d of all) byId.set(String(d.id), { ...d, ...byId.get(String(d.id)) });
  return [...byId.values()];
}

export type PreviewApiFactory = (workbook: LocalWorkbook, reportsDir: string) => { api: RpcApi; hooks?: PreviewHooks };

/**
 * `rapporteur preview`: the sidebar in a browser against a local workbook. The api factory
 * is the composition root's (src/local/main.ts), so this handler only deals with options,
 * files and the lifetime of the server.
 */
export function previewCommand(makeApi: PreviewApiFactory): CommandHandler {
  return async (args, io) => {
    const { values } = parseCommandArgs('preview', args, { port: { type: 'string' }, workbook: { type: 'string' }, out: { type: 'string' }, 'no-open': { type: 'boolean' } }, 0, 'rapporteur preview [--port N] [--workbook F.xlsx] [--out DOSSIER]');
    const portText = values.port ?? process.env.PORT ?? '8080';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`Port invalide : « ${portText} » (un entier de 0 à 65535 ; 0 choisit un port libre).`);
    const workbookPath = resolve(values.workbook ?? join(DEFAULT_DATA_DIR, 'dossiers.xlsx'));
    const reportsDir = resolve(values.out ?? join(dirname(workbookPath), 'notes'));
    mkdirSync(dirname(workbookPath), { recursive: true });
    mkdirSync(reportsDir, { recursive: true });
    const sidebarPath = join(projectRoot, 'dist', 'Sidebar.html');
    if (!existsSync(sidebarPath)) throw new InputError(`La barre latérale n'est pas construite (${sidebarPath}) : lancez « npm run build ».`);

    const { workbook, created } = await openOrSeedWorkbook(workbookPath, () => exampleDossiers());
    const server = await startPreview({ workbook, ...makeApi(workbook, reportsDir), sidebarHtml: () => readFileSync(sidebarPath, 'utf8'), reportsDir, port });
    io.out(
      [
        `Rapporteur — aperçu local : ${server.url}`,
        `  classeur : ${workbookPath}${created ? ' (créé avec les dossiers d’exemple)' : ''}`,
        `  notes    : ${reportsDir}`,
        `  séance   : ${runFilePath(workbookPath)} (reprise d’une génération de séance interrompue)`,
        'Ouvrez l’adresse dans un navigateur. Ctrl-C pour arrêter (le classeur n’est jamais laissé à moitié écrit).',
        '',
      ].join('\n'),
    );
    await new Promise<void>((done) => {
      const stop = () => {
        io.out('\nArrêt : enregistrement en cours terminé, au revoir.\n');
        server.close().then(done, done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  };
}
