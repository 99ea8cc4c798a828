/**
 * The custom functions as a runtime binds them: their docs (JSON-safe, for the build and
 * the help menu) and one callable per name, given how that runtime reads a Date cell.
 */
import type { CellEnv } from './cells';
import type { CustomFunctionDoc, Output } from './engine';
import { CUSTOM_FUNCTION_TABLE } from './table';

export type { CellEnv } from './cells';
export type { CustomFunctionDoc, Output } from './engine';
export { CUSTOM_FUNCTION_TABLE } from './table';

export function customFunctionDocs(): CustomFunctionDoc[] {
  return CUSTOM_FUNCTION_TABLE.map((f) => f.doc);
}

/**
 * `env` is called once per call of a custom function, so that a runtime can read the
 * spreadsheet's time zone lazily, at most once per call, and only when a Date comes in.
 */
export function bindCustomFunctions(env: () => CellEnv): Record<string, (...args: unknown[]) => Output> {
  const bound: Record<string, (...args: unknown[]) => Output> = {};
  for (const f of CUSTOM_FUNCTION_TABLE) bound[f.name] = (...args) => f.run(args, env());
  return bound;
}
