/**
 * Loads the built Apps Script project as Apps Script does: every dist/*.js run as a plain
 * script, in one fresh global scope holding only the globals a test gives (fake services).
 * Top-level function declarations become properties of that scope, which is how Sheets,
 * menus and google.script.run find them; `call` invokes one the same way.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

export const DIST = join(__dirname, '..', '..', 'dist');

export interface LoadedBundle {
  context: vm.Context;
  /** The IIFE's namespace (`var App` in Code.js). */
  App: Record<string, unknown>;
  /** The files run, in order. */
  files: string[];
  /** Calls a top-level function by name, as Sheets calls a custom function or a menu item. */
  call(name: string, ...args: unknown[]): unknown;
  /**
   * How many times code of this execution compiled source text (`new Function`, `Function(…)`,
   * `eval`). Two exist: App.features() compiling the feature bundle, and the first French
   * message of an execution compiling the cold messages (COLD in scripts/build/gas.mjs).
   * `what` counts one kind; by default, all.
   */
  compiles(what?: 'features' | 'messages'): number;
}

/** The cold messages' first line (COLD_MARK in scripts/build/gas.mjs). */
const COLD_MARK = '/* Rapporteur : messages compilés à la demande';

export function bundleFiles(dist = DIST): string[] {
  return readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .sort();
}

export function loadBundle(globals: Record<string, unknown> = {}, opts: { dist?: string; order?: 'sorted' | 'reversed' } = {}): LoadedBundle {
  const dist = opts.dist ?? DIST;
  const files = bundleFiles(dist);
  if (!files.includes('Code.js')) throw new Error(`${dist}/Code.js est absent : lancez « node build.mjs » avant ces tests.`);
  if (opts.order === 'reversed') files.reverse();
  const context = vm.createContext({ ...globals });
  const compiled: ('features' | 'messages')[] = [];
  const count = (args: readonly unknown[]) => compiled.push(String(args[args.length - 1]).startsWith(COLD_MARK) ? 'messages' : 'features');
  // The realm's own Function and eval, counted: code looks them up as globals at call time.
  const realmFunction = vm.runInContext('Function', context) as FunctionConstructor;
  const realmEval = vm.runInContext('eval', context) as (code: string) => unknown;
  context.Function = new Proxy(realmFunction, {
    construct(target, args, newTarget) {
      count(args);
      return Reflect.construct(target, args, newTarget === context.Function ? target : newTarget);
    },
    apply(target, self, args) {
      count(args);
      return Reflect.apply(target, self, args);
    },
  });
  context.eval = (code: string) => {
    count([code]);
    return realmEval(code);
  };
  for (const file of files) vm.runInContext(readFileSync(join(dist, file), 'utf8'), context, { filename: file });
  return {
    context,
    App: context.App as Record<string, unknown>,
    files,
    compiles: (what) => compiled.filter((k) => what === undefined || k === what).length,
    call(name, ...args) {
      const f = context[name];
      if (typeof f !== 'function') throw new Error(`${name} n'est pas une fonction de premier niveau du projet`);
      return f(...args);
    },
  };
}

/**
 * A service no code may touch in the situation under test: any property read is recorded
 * in `touched` and throws, as Apps Script throws for a service the mode does not allow.
 */
export function forbiddenService(name: string, touched: string[]): unknown {
  return new Proxy(
    {},
    {
      get(_, prop) {
        touched.push(`${name}.${String(prop)}`);
        throw new Error(`${name}.${String(prop)} : service interdit ici`);
      },
    },
  );
}

/**
 * HtmlService as far as App.features() uses it: createTemplateFromFile(name).getRawContent()
 * reads dist/NAME.html as pushed. `source` replaces the file's text (a source that throws
 * shows who compiles it); every read is counted.
 */
export function featuresHtmlService(opts: { dist?: string; source?: string; base?: Record<string, unknown> } = {}) {
  const dist = opts.dist ?? DIST;
  const reads: string[] = [];
  const HtmlService = {
    ...(opts.base ?? {}),
    createTemplateFromFile(name: string) {
      reads.push(name);
      const file = join(dist, `${name}.html`);
      const text = opts.source ?? (existsSync(file) ? readFileSync(file, 'utf8') : null);
      if (text === null) throw new Error(`Exception: No HTML file named ${name} was found.`);
      return { getRawContent: () => text };
    },
  };
  return { HtmlService, reads };
}
