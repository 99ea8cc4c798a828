/**
 * The one way the sidebar talks to its server.
 *
 * In Sheets: `google.script.run.withSuccessHandler(ok).withFailureHandler(fail)[name](...args)`,
 * wrapped in one promise per call. Only plain data crosses (google.script.run refuses a Date
 * anywhere in the arguments or the result): dates as ISO strings, money as strings.
 *
 * Elsewhere (the local preview): `POST rpc/<name>` with the JSON array of the arguments as
 * body; the answer is `{"ok": true, "value": …}` or `{"ok": false, "error": {"message": "…"}}`
 * (the message is French and is shown to the user as it is). Each call carries the run's secret
 * (header X-Rapporteur-Jeton, read from the page's <meta name="rapporteur-jeton">): the
 * preview answers nothing else.
 */
interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: unknown) => void): ScriptRun;
  [name: string]: unknown;
}

declare global {
  interface Window {
    google?: { script?: { run?: ScriptRun } };
  }
}

const messageOf = (error: unknown): string =>
  error && typeof error === 'object' && 'message' in error ? String((error as { message: unknown }).message) : String(error ?? 'Erreur inconnue');

export class RpcError extends Error {}

/** True inside Sheets; false in the local preview, where reports are .docx files, not Docs. */
export function inAppsScript(): boolean {
  return !!window.google?.script?.run;
}

/** The local preview's per-run secret, which its server puts in a <meta> of the page it serves. */
function previewSecret(): string {
  return document.querySelector('meta[name="rapporteur-jeton"]')?.getAttribute('content') ?? '';
}

export function call<T = unknown>(name: string, ...args: unknown[]): Promise<T> {
  const run = window.google?.script?.run;
  if (run) {
    return new Promise<T>((resolve, reject) => {
      const runner = run.withSuccessHandler((value) => resolve(value as T)).withFailureHandler((error) => reject(new RpcError(messageOf(error).replace(/^(Exception|Error) ?: ?/, ''))));
      const fn = runner[name];
      if (typeof fn !== 'function') return reject(new RpcError(`Fonction du serveur inconnue : ${name}`));
      (fn as (...a: unknown[]) => void).apply(runner, args);
    });
  }
  return fetch(`rpc/${encodeURIComponent(name)}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Rapporteur-Jeton': previewSecret() }, body: JSON.stringify(args) })
    .then(async (response) => {
      const body = (await response.json().catch(() => null)) as { ok: boolean; value?: T; error?: { message?: string } } | null;
      if (!body) throw new RpcError(`Réponse illisible du serveur (HTTP ${response.status}).`);
      if (!body.ok) throw new RpcError(body.error?.message ?? 'Erreur du serveur.');
      return body.value as T;
    })
    .catch((error: unknown) => {
      if (error instanceof RpcError) throw error;
      throw new RpcError(`Le serveur ne répond pas : ${messageOf(error)}`);
    });
}
