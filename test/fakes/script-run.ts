/**
 * google.script.run for a page under test, calling real server functions in Node.
 *
 * Page side (`scriptRunPageSource`, for page.addInitScript): `google.script.run` has one
 * method per server function (an unknown name is not a function, as in Apps Script),
 * `withSuccessHandler`/`withFailureHandler`/`withUserObject` return a new runner, and every
 * call answers asynchronously. A `Date` (or a function, or a DOM node) anywhere in the
 * arguments fails the call through the failure handler.
 *
 * Node side (`serveScriptRun`, for page.exposeFunction): calls the function and, like Apps
 * Script, refuses a result holding a Date or a non-plain object: the success handler then
 * receives null, the silent loss that makes such bugs hard to see in Sheets, recorded in
 * `refusedResults` so that a test can fail on it.
 */
export const SCRIPT_RUN_BINDING = '__scriptRun';

export interface ScriptRunServer {
  handle(name: string, argsJson: string): Promise<string>;
  calls: string[];
  refusedResults: { name: string; path: string }[];
  /** Resolves once a call of held `name` has been computed and is waiting for `release`. */
  waiting(name: string): Promise<void>;
  /** Sends the held answers of `name`, and answers its later calls at once. */
  release(name: string): void;
}

/** Path of the first value google.script.run cannot carry, or null. */
export function forbiddenPath(value: unknown, path = 'value'): string | null {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return null;
  if (value instanceof Date) return `${path} (Date)`;
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return `${path} (${typeof value})`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = forbiddenPath(value[i], `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return `${path} (${(value as object).constructor?.name ?? 'objet'})`;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = forbiddenPath(v, `${path}.${k}`);
    if (p) return p;
  }
  return null;
}

/**
 * `hold` names the functions whose answers wait for `release`, as a slow server would make
 * them: a test can then act on the page (focus a control) before the answer changes it.
 */
export function serveScriptRun(functions: Record<string, (...args: never[]) => unknown>, opts: { hold?: readonly string[] } = {}): ScriptRunServer {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  };
  const holds = new Map((opts.hold ?? []).map((name) => [name, { arrived: deferred(), released: deferred() }]));
  const holdOf = (name: string) => {
    const hold = holds.get(name);
    if (!hold) throw new Error(`serveScriptRun: ${name} is not held`);
    return hold;
  };
  const server: ScriptRunServer = {
    calls: [],
    refusedResults: [],
    waiting: (name) => holdOf(name).arrived.promise,
    release: (name) => holdOf(name).released.resolve(),
    async handle(name, argsJson) {
      const json = await compute(name, argsJson);
      const hold = holds.get(name);
      if (hold) {
        hold.arrived.resolve();
        await hold.released.promise;
      }
      return json;
    },
  };
  async function compute(name: string, argsJson: string): Promise<string> {
    server.calls.push(name);
    const fn = functions[name];
    if (!fn) return JSON.stringify({ ok: false, error: { message: `Script function not found: ${name}` } });
    try {
      const value = await fn(...(JSON.parse(argsJson) as never[]));
      const bad = forbiddenPath(value);
      if (bad) {
        server.refusedResults.push({ name, path: bad });
        return JSON.stringify({ ok: true, value: null });
      }
      return JSON.stringify({ ok: true, value: value === undefined ? null : value });
    } catch (e) {
      return JSON.stringify({ ok: false, error: { message: (e as Error).message } });
    }
  }
  return server;
}

/** The page-side script; `names` are the server functions the page may call. */
export function scriptRunPageSource(names: readonly string[]): string {
  return `(${pageShim.toString()})(${JSON.stringify(names)}, ${JSON.stringify(SCRIPT_RUN_BINDING)});`;
}

// Runs in the page (the tests' tsconfig has no DOM types): no imports, no closures over Node values.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any, Node: any, HTMLFormElement: any;
function pageShim(names: string[], binding: string): void {
  const forbidden = (value: unknown, path: string): string | null => {
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return null;
    if (value instanceof Date) return path + ' (Date)';
    if (typeof value === 'function') return path + ' (function)';
    if (typeof Node !== 'undefined' && value instanceof Node && !(value instanceof HTMLFormElement)) return path + ' (DOM)';
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const p = forbidden(value[i], path + '[' + i + ']');
        if (p) return p;
      }
      return null;
    }
    for (const k of Object.keys(value as object)) {
      const p = forbidden((value as Record<string, unknown>)[k], path + '.' + k);
      if (p) return p;
    }
    return null;
  };
  type Handler = ((value: unknown, user?: unknown) => void) | null;
  const makeRunner = (success: Handler, failure: Handler, user: unknown): Record<string, unknown> => {
    const runner: Record<string, unknown> = {
      withSuccessHandler: (fn: Handler) => makeRunner(fn, failure, user),
      withFailureHandler: (fn: Handler) => makeRunner(success, fn, user),
      withUserObject: (o: unknown) => makeRunner(success, failure, o),
    };
    for (const name of names) {
      runner[name] = (...args: unknown[]) => {
        const bad = forbidden(args, 'arguments');
        setTimeout(async () => {
          if (bad) {
            if (failure) failure(new Error('Invalid argument: ' + bad), user);
            return;
          }
          const call = (window as unknown as Record<string, (n: string, a: string) => Promise<string>>)[binding]!;
          const answer = JSON.parse(await call(name, JSON.stringify(args))) as { ok: boolean; value?: unknown; error?: { message: string } };
          if (answer.ok) {
            if (success) success(answer.value, user);
          } else if (failure) {
            const error = new Error(answer.error!.message);
            error.name = 'ScriptError';
            failure(error, user);
          }
        }, 0);
      };
    }
    return runner;
  };
  (window as unknown as { google: unknown }).google = { script: { run: makeRunner(null, null, undefined) } };
}
