/**
 * The functions the sidebar calls (through google.script.run in Sheets, HTTP in the local
 * preview). One definition, two runtimes: src/gas/main.ts and src/local/preview bind it
 * to their adapters. Only plain data crosses: dates as ISO strings, money as strings.
 *
 * Features add their functions to `ServerApi` and to `createServerApi` by spreading their
 * own factory (`...dossierApi(ports)`, `...reportApi(ports)`), each in its own file.
 */
export interface ServerPorts {
  [port: string]: unknown;
}

export type ServerApi = Record<string, (...args: never[]) => unknown>;
