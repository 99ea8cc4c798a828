import { existsSync } from 'node:fs';

/**
 * Outside tools some suites need (Debian's chromium, LibreOffice). Where one is missing the
 * suite says so loudly and is skipped, so that `npm test` stays useful on a laptop; with
 * CI=true a missing tool fails the run instead, so that CI can never pass by skipping.
 */
export const TOOLS = {
  chromium: { path: '/usr/bin/chromium', install: 'apt-get install chromium' },
  libreoffice: { path: '/usr/bin/soffice', install: 'apt-get install libreoffice-writer-nogui' },
} as const;

export type ToolName = keyof typeof TOOLS;

export function hasTool(name: ToolName): boolean {
  return existsSync(TOOLS[name].path);
}

/** `describe` when the tool is there; otherwise a skipped suite and a loud warning (a failure under CI). */
export function describeWithTool(name: ToolName): jest.Describe {
  if (hasTool(name)) return describe;
  const message = `${name} est absent (${TOOLS[name].path}) : les tests qui en dépendent sont IGNORÉS. Installez-le : ${TOOLS[name].install} (ou lancez .ci/run).`;
  if (process.env.CI === 'true') {
    return ((title: string) => {
      describe(title, () => {
        it(`needs ${name}`, () => {
          throw new Error(`${message} Sous CI=true, son absence est une erreur.`);
        });
      });
    }) as unknown as jest.Describe;
  }
  process.stderr.write(`\n\u001b[1;33m!!! ${message}\u001b[0m\n\n`);
  return describe.skip;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
